/* coi-search-intent: search costs nothing until it is used (issue 16). Appended to Material's bundle
 * at build time by coi_course.search.index (patch_bundle), which also changes two places in the
 * bundle: the search worker is created through __coiLazyWorker, and the index is fetched on the
 * "coi-search-intent" window event (or at once if __coiSearchWanted() is true) instead of on every
 * page load.
 *
 * Intent is: the pointer over or on the search box or the header's search button, focus in the
 * search box (Material's keyboard shortcuts f, s and / focus it), or a link with ?q=. Function
 * declarations are hoisted, so the bundle can call these although they come after it. */
function __coiSearchWanted() {
  var wanted = false
  try {
    wanted = new URL(location.href).searchParams.has("q")
  } catch (e) { /* an odd URL: wait for intent */ }
  if (!wanted) {
    var fired = false
    var fire = function () {
      if (fired) return
      fired = true
      window.dispatchEvent(new Event("coi-search-intent"))
    }
    var targets = document.querySelectorAll(".md-search, label[for=__search]")
    for (var i = 0; i < targets.length; i++)
      ["pointerenter", "pointerdown", "touchstart", "focusin"].forEach(function (type) {
        targets[i].addEventListener(type, fire, { once: true, passive: true })
      })
  }
  return wanted
}

/* A stand-in for the search Worker that Material's bundle creates at load: the real worker (the
 * worker script and lunr) is only fetched on intent or on the first message (the index, which is
 * itself only fetched on intent). */
function __coiLazyWorker(url) {
  var real = null, listeners = []
  function start() {
    if (!real) {
      real = new Worker(url)
      listeners.forEach(function (l) { real.addEventListener(l[0], l[1], l[2]) })
      listeners = []
    }
    return real
  }
  window.addEventListener("coi-search-intent", start, { once: true })
  return {
    addEventListener: function (type, listener, options) {
      if (real) real.addEventListener(type, listener, options)
      else listeners.push([type, listener, options])
    },
    removeEventListener: function (type, listener, options) {
      if (real) real.removeEventListener(type, listener, options)
      else listeners = listeners.filter(function (l) { return l[0] !== type || l[1] !== listener })
    },
    postMessage: function (message) { start().postMessage(message) }
  }
}

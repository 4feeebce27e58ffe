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
 * itself only fetched on intent).
 *
 * The setup message names the index by its address (coi_course.search.index). The page starts
 * fetching it at once, while the worker script is still loading, and hands the bytes over to the
 * worker unread (transferred, not copied): the worker parses them (data/thai_query.js). Had the
 * worker fetched the index itself, that fetch would only start once the worker was running. If the
 * page's fetch fails, the worker is sent the address and fetches the index itself, so it reports
 * the error as before. Messages after the setup wait for it, so they keep their order. */
function __coiLazyWorker(url) {
  var real = null, listeners = [], sent = Promise.resolve()
  function start() {
    if (!real) {
      real = new Worker(url)
      listeners.forEach(function (l) { real.addEventListener(l[0], l[1], l[2]) })
      listeners = []
    }
    return real
  }
  function setup(worker, message) {
    var data = message.data
    return fetch(data.docs, { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.arrayBuffer() : null })
      .catch(function () { return null })
      .then(function (bytes) {
        if (!bytes) return worker.postMessage(message)
        worker.postMessage({ type: message.type, data: Object.assign({}, data, { docs: bytes }) }, [bytes])
      })
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
    postMessage: function (message) {
      var worker = start()
      if (message && message.type === 0 && message.data && typeof message.data.docs === "string")
        sent = setup(worker, message)
      else
        sent = sent.then(function () { worker.postMessage(message) })
    }
  }
}

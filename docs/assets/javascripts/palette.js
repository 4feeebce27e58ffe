/* Light, dark, or follow the device: the header toggle. partials/javascripts/palette.html has already
   applied the saved choice (window.__coi_palette); this file handles a new choice, a device that
   changes its own setting, and the browser's theme colour. It replaces Material's palette component,
   whose mount restyled the whole page four times on every load. The choice is saved with Material's
   key and format (__md_set "__palette"), so other pages and Material's 404 page follow it. */
(function () {
  var palette = window.__coi_palette;
  if (!palette) return;
  var form = palette.form;
  var inputs = palette.inputs;
  var current = Math.max(0, [].indexOf.call(inputs, form.querySelector("input:checked")));

  /* The browser's bar takes the header's colour, read when the page is idle (no restyle waits then). */
  var theme = document.createElement("meta");
  theme.name = "theme-color";
  document.head.appendChild(theme);
  function themeColour() {
    var header = document.querySelector("[data-md-component=header]");
    if (!header) return;
    var rgb = getComputedStyle(header).backgroundColor.match(/\d+/g) || [];
    theme.content = "#" + rgb.slice(0, 3).map(function (v) { return (+v).toString(16).padStart(2, "0"); }).join("");
  }
  (window.requestIdleCallback || setTimeout)(themeColour);

  function choose(index) {
    current = index;
    document.body.setAttribute("data-md-color-switching", ""); /* Material's: no colour transitions */
    var colour = palette.colour(inputs[index]);
    palette.apply(index);
    if (window.__md_set) __md_set("__palette", { index: index, color: colour });
    setTimeout(function () {
      document.body.removeAttribute("data-md-color-switching");
      themeColour();
    });
  }

  form.addEventListener("change", function (event) {
    var index = [].indexOf.call(inputs, event.target);
    if (index >= 0) choose(index);
  });
  /* Enter on the toggle moves to the next choice, as in Material. */
  form.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") return;
    var next = (current + 1) % inputs.length;
    inputs[next].click();
    inputs[next].focus();
  });
  /* "Follow the device": a device switching between light and dark is followed at once. */
  var media = matchMedia("(prefers-color-scheme: light)");
  var follow = function () {
    if (inputs[current].getAttribute("data-md-color-media") === "(prefers-color-scheme)") {
      palette.apply(current);
      themeColour();
    }
  };
  if (media.addEventListener) media.addEventListener("change", follow);
  else if (media.addListener) media.addListener(follow);
})();

/* congress-site: small progressive enhancements. Every page works without
   this file; it only adds client-side filtering of long lists and the
   适老化 reading aids (larger text, high contrast). */
(function () {
  "use strict";

  function setupFilter(form) {
    var list = document.querySelector(form.getAttribute("data-cx-filter"));
    if (!list) return;
    var count = form.querySelector(".cx-filter__count");
    function apply() {
      var wanted = {};
      form.querySelectorAll("select").forEach(function (s) { if (s.value) wanted[s.name] = s.value; });
      var shown = 0;
      Array.prototype.forEach.call(list.children, function (item) {
        var ok = Object.keys(wanted).every(function (key) {
          var have = (item.getAttribute("data-" + key) || "").split(" ");
          return have.indexOf(wanted[key]) !== -1;
        });
        // Only what changes is written: on load nothing is filtered yet, and
        // a write would make the browser style and lay out the page again.
        if (item.hidden !== !ok) item.hidden = !ok;
        if (ok) shown += 1;
      });
      var said = "显示" + shown + "项";
      if (count && count.textContent !== said) count.textContent = said;
    }
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (e) { e.preventDefault(); apply(); });
    apply();
  }

  // 适老化: reading aids that persist across pages (see cx-a11y-toolbar.html).
  // Each button toggles one attribute on <html>; CSS does the rest.
  var PREFS = {
    text: { key: "cx.text", attr: "data-cx-text", on: "large" },
    contrast: { key: "cx.contrast", attr: "data-cx-contrast", on: "high" }
  };

  function store(key, value) {
    try {
      if (value) localStorage.setItem(key, value); else localStorage.removeItem(key);
    } catch (e) { /* private mode or storage full: the choice lasts for this page only */ }
  }

  function setupPref(button) {
    var pref = PREFS[button.getAttribute("data-cx-pref")];
    if (!pref) return;
    var root = document.documentElement;
    function sync() {
      var pressed = String(root.getAttribute(pref.attr) === pref.on);
      if (button.getAttribute("aria-pressed") !== pressed) button.setAttribute("aria-pressed", pressed);
    }
    button.addEventListener("click", function () {
      var enable = root.getAttribute(pref.attr) !== pref.on;
      if (enable) root.setAttribute(pref.attr, pref.on); else root.removeAttribute(pref.attr);
      store(pref.key, enable ? pref.on : null);
      sync();
    });
    sync();
  }

  function ready() {
    document.querySelectorAll("form[data-cx-filter]").forEach(setupFilter);
    document.querySelectorAll("button[data-cx-pref]").forEach(setupPref);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
  // Material's instant navigation is off, so a plain load event is enough.
})();

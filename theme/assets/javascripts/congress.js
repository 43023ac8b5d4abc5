/* congress-site: small progressive enhancements. Every page works without
   this file; it only adds client-side filtering of long lists. */
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
        item.hidden = !ok;
        if (ok) shown += 1;
      });
      if (count) count.textContent = "显示" + shown + "项";
    }
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (e) { e.preventDefault(); apply(); });
    apply();
  }

  function ready() { document.querySelectorAll("form[data-cx-filter]").forEach(setupFilter); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
  // Material's instant navigation is off, so a plain load event is enough.
})();

/* congress-site: "找到离我最近的联络站" on /stations/. Without this file the
   page is a list of every station by region with links to each region; with
   it, the reader picks where they live and the list narrows to the stations
   there, or, where there are none, to those of the nearest region above.
   Stations for the whole city (the online station) always stay listed. */
(function () {
  "use strict";

  function setup(form) {
    var list = document.querySelector(form.getAttribute("data-cx-finder"));
    var select = form.querySelector("select");
    if (!list || !select) return;
    var count = form.querySelector(".cx-filter__count");
    var items = Array.prototype.slice.call(list.querySelectorAll("li[data-region]"));
    var groups = Array.prototype.slice.call(list.querySelectorAll("[data-region-group]"));
    var parent = {}, name = {};
    Array.prototype.forEach.call(select.options, function (o) {
      if (o.value) { parent[o.value] = o.getAttribute("data-parent") || ""; name[o.value] = o.getAttribute("data-name"); }
    });

    function cityWide(item) { return item.closest("[data-region-all]") !== null; }
    function inRegion(item, rid) {
      return (" " + item.getAttribute("data-region") + " ").indexOf(" " + rid + " ") !== -1;
    }
    function local(rid) {
      return items.filter(function (item) { return !cityWide(item) && inRegion(item, rid); });
    }

    function apply() {
      var wanted = select.value, used = wanted, found = [];
      while (used && name[used] !== undefined) {
        found = local(used);
        if (found.length) break;
        used = parent[used];
      }
      if (!found.length) used = "";
      items.forEach(function (item) {
        item.hidden = Boolean(wanted) && !cityWide(item) && found.indexOf(item) === -1;
      });
      groups.forEach(function (group) {
        group.hidden = !group.querySelector("li[data-region]:not([hidden])");
      });
      var text;
      if (!wanted) text = "显示全部" + items.length + "个站点";
      else if (used === wanted) text = name[wanted] + "有" + found.length + "个站点，已列在下面";
      else if (used) text = name[wanted] + "暂无站点；下面是" + name[used] + "的" + found.length + "个站点";
      else text = name[wanted] + "附近暂无站点，可以使用全市范围的站点";
      if (count) count.textContent = text + "。";
    }

    form.hidden = false;
    select.addEventListener("change", apply);
    form.addEventListener("submit", function (e) { e.preventDefault(); apply(); });
    apply();
  }

  function ready() { document.querySelectorAll("form[data-cx-finder]").forEach(setup); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();

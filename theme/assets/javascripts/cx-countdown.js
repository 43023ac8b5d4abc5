/* congress-site: days left until a deadline, computed in the reader's
   browser. The page is static and may be read long after it was built, so
   it states only the date; this script adds "还剩N天" next to every
   <span data-cx-deadline="YYYY-MM-DD">. Without JavaScript the date alone
   is shown.

   Deadlines are days in Beijing time (China keeps UTC+8 all year), so
   "today" is taken in UTC+8 whatever the reader's device is set to: a
   window closing on 31 December is open all that day in China. */
(function () {
  "use strict";

  var DAY = 86400000;
  var CHINA_OFFSET = 8 * 3600000;

  function chinaToday(now) {
    var t = new Date(now + CHINA_OFFSET);
    return Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate());
  }

  function daysLeft(deadline, now) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(deadline || "");
    if (!m) return null;
    var end = Date.UTC(+m[1], +m[2] - 1, +m[3]);
    return Math.round((end - chinaToday(now)) / DAY);
  }

  function label(days, over) {
    if (days > 0) return "（还剩" + days + "天）";
    if (days === 0) return "（今天截止）";
    return "（" + over + "）";
  }

  function update() {
    var now = Date.now();
    document.querySelectorAll("[data-cx-deadline]").forEach(function (el) {
      var days = daysLeft(el.getAttribute("data-cx-deadline"), now);
      if (days === null) return;
      el.textContent = label(days, el.getAttribute("data-cx-over") || "已截止");
      el.setAttribute("data-cx-days", String(days));
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", update);
  else update();
})();

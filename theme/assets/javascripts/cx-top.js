/* The back-to-top button (Material's feature navigation.top) for pages that
   load no Material script (see main.html): shown while the reader scrolls
   back up a long page, hidden at the top and while reading on downwards,
   as Material shows it. Without JavaScript it stays hidden, as in Material. */
(function () {
  "use strict";
  var button = document.querySelector(".md-top");
  if (!button) return;
  var last = window.scrollY;
  var SHOW_BELOW = 400; // px: about half a phone screen down

  window.addEventListener("scroll", function () {
    var y = window.scrollY;
    if (y !== last) button.hidden = !(y < last && y > SHOW_BELOW);
    last = y;
  }, { passive: true });

  button.addEventListener("click", function () {
    button.hidden = true;
    button.blur();
    window.scrollTo({ top: 0 });
  });
})();

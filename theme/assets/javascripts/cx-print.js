// The print button of a station's QR sheet. Wired here rather than with an
// onclick attribute: the site carries no inline event handlers.
document.addEventListener("click", function (event) {
  var button = event.target.closest && event.target.closest("[data-cx-print]");
  if (button) {
    window.print();
  }
});

// The handout's Print button: shown only where JavaScript runs (the browser's own print
// command works everywhere). A static file, so the Content-Security-Policy allows no inline code.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll(".js-print").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
});

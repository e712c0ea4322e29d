// The header's menu button on a phone (progressive enhancement, as the GOV.UK header does):
// without JavaScript the menu stays open and wraps; with it, a phone shows only the brand and
// a Menu button until the menu is opened. A static file: the Content-Security-Policy allows no
// inline script.
document.addEventListener("DOMContentLoaded", function () {
  var button = document.querySelector(".menu-toggle");
  var menu = document.getElementById("site-menu");
  if (!button || !menu) { return; }
  document.documentElement.classList.add("js-menu");
  button.hidden = false;
  button.addEventListener("click", function () {
    var open = button.getAttribute("aria-expanded") === "true";
    button.setAttribute("aria-expanded", open ? "false" : "true");
    menu.classList.toggle("is-open", !open);
  });
});

// The language picker's filter: typing shows the matching languages, opening "More languages".
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll(".language-picker").forEach(function (picker) {
    var box = picker.querySelector(".js-language-filter");
    var more = picker.querySelector(".more-languages");
    if (!box) { return; }
    box.closest(".language-filter").hidden = false;
    box.addEventListener("input", function () {
      var wanted = box.value.trim().toLocaleLowerCase();
      picker.querySelectorAll("li").forEach(function (item) {
        item.hidden = wanted !== "" && item.textContent.toLocaleLowerCase().indexOf(wanted) === -1;
      });
      if (wanted !== "" && more) { more.open = true; }
    });
  });
});

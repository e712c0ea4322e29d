/* Help pages for children: the quick exit, one history entry, and sharing a rough place.
   Everything works without this file: the exit is a plain link, the forms plain forms. */
(function () {
  "use strict";
  var exit = document.querySelector("[data-exit]");
  if (!exit) { return; }
  var target = exit.href;

  function leave(event) {
    if (event) { event.preventDefault(); }
    // Blank at once, before the neutral site has loaded, then take this page's place in the
    // history so that the back button does not return here.
    document.title = "";
    document.body.textContent = "";
    window.location.replace(target);
  }
  exit.addEventListener("click", leave);

  // Escape, or Shift pressed three times within five seconds (GOV.UK "Exit this page").
  var shifts = 0, timer = 0;
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { leave(event); return; }
    if (event.key !== "Shift") { shifts = 0; return; }
    if (event.repeat) { return; }
    shifts += 1;
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { shifts = 0; }, 5000);
    if (shifts >= 3) { leave(event); }
  });

  // Moving between help pages replaces the history entry instead of adding one, so the help
  // pages are one entry of the history, and the exit replaces that one.
  function inside(url) {
    return url.origin === window.location.origin && url.pathname.indexOf("/help/") === 0;
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[href]") : null;
    if (!link || link === exit || event.defaultPrevented || event.button !== 0 ||
        event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) { return; }
    var url = new URL(link.href);
    if (!inside(url) || (url.hash && url.pathname === window.location.pathname)) { return; }
    event.preventDefault();
    window.location.replace(url.href);
  });
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if ((form.getAttribute("method") || "get").toLowerCase() !== "get") { return; }
    var url = new URL(form.action || window.location.href);
    if (!inside(url)) { return; }
    event.preventDefault();
    var query = new URLSearchParams();
    new FormData(form).forEach(function (value, name) { if (value !== "") { query.append(name, value); } });
    url.search = query.toString();
    window.location.replace(url.href);
  });

  // "Use where I am now": a point rounded to about a kilometre, never stored.
  var share = document.querySelector("[data-share]");
  if (share && navigator.geolocation) {
    share.hidden = false;
    share.querySelector("button").addEventListener("click", function () {
      navigator.geolocation.getCurrentPosition(function (position) {
        var url = new URL(share.closest("form").action);
        url.search = "lat=" + position.coords.latitude.toFixed(2) +
          "&lon=" + position.coords.longitude.toFixed(2);
        window.location.replace(url.href);
      }, function () { share.hidden = true; }, { maximumAge: 600000, timeout: 15000 });
    });
  }
}());

// The import progress page (templates/administration/import_job.html): polls the job's JSON
// status and moves the bar; when the import ends, reloads the page to show the report.
// A static file: the Content-Security-Policy allows no inline script. Without JavaScript the
// page refreshes itself (a <noscript> meta refresh) instead.
document.addEventListener("DOMContentLoaded", function () {
  var box = document.querySelector(".import-progress[data-status-url]");
  if (!box) { return; }
  var bar = document.getElementById("import-bar");
  var state = document.getElementById("import-state");
  function poll() {
    fetch(box.getAttribute("data-status-url"), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (status) {
        if (!status) { window.setTimeout(poll, 5000); return; }
        bar.value = status.percent;
        bar.textContent = status.percent + "%";
        if (state.textContent !== status.label) { state.textContent = status.label; }
        if (status.ended) { window.location.assign(status.url); } else { window.setTimeout(poll, 1000); }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 500);
});

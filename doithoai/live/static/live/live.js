// The live room: skip swapping a polled fragment whose ETag has not changed (the browser
// revalidates with If-None-Match and hands htmx the cached body on 304), and tick the
// projector's clock. Everything works without this file: pages have a refresh link.
document.addEventListener("htmx:beforeSwap", function (evt) {
  var elt = evt.detail.elt;
  var verb = (evt.detail.requestConfig && evt.detail.requestConfig.verb) || "get";
  if (!elt || !elt.hasAttribute("data-live") || verb !== "get") return;
  var tag = evt.detail.xhr.getResponseHeader("ETag");
  if (evt.detail.xhr.status === 304 || (tag && tag === elt.getAttribute("data-etag"))) {
    evt.detail.shouldSwap = false;
  }
});
(function () {
  function tick() {
    var now = new Date();
    var text = String(now.getHours()).padStart(2, "0") + ":" + String(now.getMinutes()).padStart(2, "0");
    document.querySelectorAll("[data-clock]").forEach(function (el) { el.textContent = text; });
  }
  document.addEventListener("DOMContentLoaded", function () { tick(); setInterval(tick, 5000); });
})();

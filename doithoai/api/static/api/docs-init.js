// Start Swagger UI with the settings the page carries; sends the CSRF token for session calls.
(function () {
  "use strict";
  var settings = JSON.parse(document.getElementById("swagger-settings").textContent);
  var csrf = document.body.getAttribute("data-csrf-token");
  settings.requestInterceptor = function (request) {
    if (csrf && request.method && request.method.toUpperCase() !== "GET") {
      request.headers["X-CSRFToken"] = csrf;
    }
    return request;
  };
  settings.presets = [window.SwaggerUIBundle.presets.apis];
  settings.layout = "BaseLayout";
  window.ui = window.SwaggerUIBundle(settings);
})();

// Disable the submit button once the form is sent, so a double click sends it once.
document.getElementById("submit-form").addEventListener("submit", function () {
  var b = document.getElementById("submit-button");
  setTimeout(function () { b.disabled = true; }, 0);
});

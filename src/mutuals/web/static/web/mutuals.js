// Small progressive enhancements; every page works without them.
// The small-screen menu button: show or hide the navigation. Without JavaScript the
// navigation is simply always shown (the CSS only hides it under html.js).
document.addEventListener("DOMContentLoaded", function () {
  var button = document.querySelector(".menu-button");
  if (!button) return;
  button.addEventListener("click", function () {
    var open = button.getAttribute("aria-expanded") === "true";
    button.setAttribute("aria-expanded", open ? "false" : "true");
  });
});

// In the people filter, Enter only filters (htmx already did) instead of submitting the form.
document.addEventListener("keydown", function (event) {
  if (event.key === "Enter" && event.target.id === "people-filter") {
    event.preventDefault();
  }
});

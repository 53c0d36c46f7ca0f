// Small progressive enhancements; every page works without them.
// Loaded in <head> without defer, so styles that depend on JavaScript (html.js) apply before
// the first paint; the Content-Security-Policy allows no inline script to do this instead.
document.documentElement.classList.add("js");

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

// The import forms (files, and e-mail): show how much of the file has been sent, then that it
// is being read.
document.addEventListener("DOMContentLoaded", function () {
  ["import-form", "mbox-form"].forEach(function (id) { showUploadProgress(document.getElementById(id)); });
});

function showUploadProgress(form) {
  if (!form || !window.XMLHttpRequest || !window.FormData) return;
  form.addEventListener("submit", function (event) {
    var file = form.querySelector("input[type=file]");
    if (!file || !file.files.length) return; // let the server say what is missing
    event.preventDefault();
    var box = form.querySelector(".upload-progress");
    var bar = box.querySelector("progress");
    var status = box.querySelector(".upload-status");
    box.hidden = false;
    var request = new XMLHttpRequest();
    request.open("POST", form.action || window.location.href);
    request.upload.addEventListener("progress", function (e) {
      if (e.lengthComputable) {
        bar.value = Math.round((e.loaded / e.total) * 100);
        status.textContent = bar.value + "%";
      }
    });
    request.upload.addEventListener("load", function () {
      bar.removeAttribute("value");
      status.textContent = form.dataset.reading || "Reading and matching people…";
    });
    request.addEventListener("load", function () {
      if (request.responseURL && request.responseURL !== window.location.href) {
        window.location.assign(request.responseURL);
      } else {
        document.open();
        document.write(request.responseText);
        document.close();
      }
    });
    request.addEventListener("error", function () {
      status.textContent = "The upload failed; check the connection and try again.";
    });
    request.send(new FormData(form));
  });
}

// A refusal in words (413 too big, 503 busy) shows as an alert above the page: htmx does not
// swap error responses by default.
document.addEventListener("htmx:beforeSwap", function (event) {
  var status = event.detail.xhr.status;
  if (status === 413 || status === 503) { event.detail.shouldSwap = true; event.detail.isError = false; }
});

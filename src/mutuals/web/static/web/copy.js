// Copy buttons and e-mail links for messages and secrets shown once.
// A button with data-copy="ID" copies the value of the field with that id and says "Copied" in
// the live region named by data-copy-status. Without JavaScript the buttons stay hidden and the
// text is in a read-only box the user can select. An e-mail link with data-mailto-body="ID"
// takes the message as it is now in that field (it may have been edited) when clicked.
(function () {
  "use strict";

  function reveal(root) {
    var buttons = (root || document).querySelectorAll("[data-copy][hidden]");
    for (var i = 0; i < buttons.length; i++) buttons[i].hidden = false;
  }

  function selectAll(field) {
    field.focus();
    if (field.select) field.select();
  }

  function copy(text, field) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      selectAll(field);
      try {
        if (document.execCommand("copy")) resolve(); else reject(new Error("copy refused"));
      } catch (error) {
        reject(error);
      }
    });
  }

  function say(status, words) {
    if (!status) return;
    status.textContent = "";
    // A fresh text node after clearing makes screen readers announce it again.
    window.setTimeout(function () { status.textContent = words; }, 50);
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-copy]") : null;
    if (button) {
      var field = document.getElementById(button.getAttribute("data-copy"));
      var status = document.getElementById(button.getAttribute("data-copy-status") || "");
      if (!field) return;
      var text = "value" in field ? field.value : field.textContent;
      copy(text, field).then(
        function () { say(status, "Copied"); },
        function () {
          selectAll(field);
          say(status, "Could not copy: the text is selected, press Ctrl+C (\u2318C on a Mac).");
        }
      );
      return;
    }
    var link = event.target.closest ? event.target.closest("a[data-mailto-body]") : null;
    if (link) {
      var body = document.getElementById(link.getAttribute("data-mailto-body"));
      if (!body || !("value" in body)) return;
      link.href = "mailto:" + encodeURIComponent(link.getAttribute("data-mailto-address")).replace("%40", "@") +
        "?subject=" + encodeURIComponent(link.getAttribute("data-mailto-subject") || "") +
        "&body=" + encodeURIComponent(body.value);
    }
  });

  document.addEventListener("DOMContentLoaded", function () { reveal(document); });
  // Content htmx swaps in (the compose form after Apply) gets its buttons shown too.
  document.addEventListener("htmx:load", function (event) { reveal(event.detail && event.detail.elt); });
})();

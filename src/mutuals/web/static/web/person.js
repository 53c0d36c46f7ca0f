// The person page: a link to #log, #need, #give… opens that entry of the Add row (a <details>),
// on arrival and when a link on the page is followed. Without JavaScript the entries still
// open with a click, and browsers that open <details> for the fragment they scroll to do it too.
(function () {
  function openFromHash() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (!id) return;
    var target = document.getElementById(id);
    var entry = target && target.closest("details.add-item");
    if (!entry) return;
    entry.open = true;
    target.scrollIntoView({ block: "start" });
    var field = target.querySelector("input:not([type=hidden]), select, textarea");
    if (field) field.focus({ preventScroll: true });
  }
  document.addEventListener("DOMContentLoaded", openFromHash);
  window.addEventListener("hashchange", openFromHash);
})();

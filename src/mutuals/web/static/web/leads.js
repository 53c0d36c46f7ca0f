// The leads board's keys: j / k go to the next or previous card, n moves the focused card to
// its usual next stage (the first choice of its Move select), Enter opens it. Without this
// script every card still moves with its select and button.
(function () {
  "use strict";
  function cards() {
    return Array.prototype.slice.call(document.querySelectorAll(".lead-card"));
  }
  function typing(target) {
    var name = target && target.tagName;
    return name === "INPUT" || name === "TEXTAREA" || name === "SELECT" || (target && target.isContentEditable);
  }
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) {
      return;
    }
    var all = cards();
    if (!all.length) {
      return;
    }
    var card = event.target.closest ? event.target.closest(".lead-card") : null;
    var index = card ? all.indexOf(card) : -1;
    if (event.key === "j" || event.key === "k") {
      var next = event.key === "j" ? index + 1 : index - 1;
      if (next < 0) { next = 0; }
      if (next >= all.length) { next = all.length - 1; }
      all[next].focus();
      event.preventDefault();
    } else if (event.key === "n" && card) {
      var form = card.querySelector("form.lead-move");
      var select = form && form.querySelector("select");
      if (select && select.options.length) {
        select.selectedIndex = 0;
        form.submit();
        event.preventDefault();
      }
    } else if (event.key === "Enter" && card === event.target) {
      var link = card.querySelector("a");
      if (link) {
        link.click();
        event.preventDefault();
      }
    }
  });
})();

// The sorting page's keys (People › Sort): 1–6 closeness, C a circle, A archive, → or S skip,
// U or Backspace undo. Each key presses the button that carries it in data-keys, so the page
// does exactly what a click does; without this script the buttons work the same.
document.addEventListener("keydown", function (event) {
  var page = document.getElementById("people-sort");
  if (!page || event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
  var target = event.target;
  var tag = target && target.tagName;
  if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable)) {
    if (event.key === "Escape") target.blur();
    return;
  }
  var key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  if (key === "c") {
    var circle = document.getElementById("sort-circle");
    if (circle) { event.preventDefault(); circle.focus(); }
    return;
  }
  var buttons = page.querySelectorAll("button[data-keys]");
  for (var i = 0; i < buttons.length; i++) {
    if (buttons[i].getAttribute("data-keys").split(" ").indexOf(key) !== -1) {
      event.preventDefault();
      if (page.getAttribute("data-sending") === "yes") return; // one step per page
      page.setAttribute("data-sending", "yes");
      buttons[i].click();
      return;
    }
  }
});

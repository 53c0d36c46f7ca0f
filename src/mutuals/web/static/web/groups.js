// A group's page: finding people among hundreds chosen for the pool. Typing in "Find among
// them" or choosing a circle shows only the people who match; "Tick/Untick the ones shown"
// acts on those only; the count says how many are chosen and shown. Without this script
// every chosen person is listed with a checkbox and the form works the same.
(function () {
  "use strict";
  function setUp(box) {
    var tools = box.querySelector("[data-chosen-tools]");
    var filter = box.querySelector("[data-chosen-filter]");
    var circle = box.querySelector("[data-chosen-circle]");
    var count = box.querySelector("[data-chosen-count]");
    var items = Array.prototype.slice.call(box.querySelectorAll("li[data-name]"));
    if (!tools || !items.length) {
      return;
    }
    tools.hidden = false;
    function shown() {
      return items.filter(function (item) { return !item.hidden; });
    }
    function say() {
      var ticked = items.filter(function (item) {
        return item.querySelector("input").checked;
      }).length;
      var visible = shown().length;
      var words = ticked + " of " + items.length + " chosen";
      if (visible !== items.length) {
        words += "; " + visible + " shown";
      }
      count.textContent = words + ".";
    }
    function apply() {
      var text = (filter.value || "").trim().toLowerCase();
      var wanted = circle ? circle.value : "";
      items.forEach(function (item) {
        var circles = (item.getAttribute("data-circles") || "").split("|");
        var matches = item.getAttribute("data-name").indexOf(text) !== -1;
        item.hidden = !(matches && (!wanted || circles.indexOf(wanted) !== -1));
      });
      say();
    }
    filter.addEventListener("input", apply);
    if (circle) {
      circle.addEventListener("change", apply);
    }
    box.addEventListener("change", function (event) {
      if (event.target.name === "people") {
        say();
      }
    });
    Array.prototype.forEach.call(box.querySelectorAll("[data-chosen-set]"), function (button) {
      button.addEventListener("click", function () {
        var on = button.getAttribute("data-chosen-set") === "on";
        shown().forEach(function (item) { item.querySelector("input").checked = on; });
        say();
      });
    });
    say();
  }
  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("[data-chosen-people]"), setUp);
  });
})();

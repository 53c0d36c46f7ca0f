// The network map, zoomed in: start with you (or the person whose ties are shown) in view
// rather than the top-left corner. Without JavaScript the map still scrolls from there.
document.addEventListener("DOMContentLoaded", function () {
  var box = document.querySelector(".map-scroll");
  var svg = box && box.querySelector("svg");
  if (!svg || box.scrollWidth <= box.clientWidth) return;
  var target = svg.querySelector(".map-selected") || svg.querySelector(".map-you");
  if (!target) return;
  var spot = target.getBoundingClientRect();
  var frame = box.getBoundingClientRect();
  box.scrollLeft += spot.left + spot.width / 2 - (frame.left + box.clientWidth / 2);
  box.scrollTop += spot.top + spot.height / 2 - (frame.top + box.clientHeight / 2);
});

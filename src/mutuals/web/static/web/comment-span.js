// The coach's draft page: selecting words in the draft fills the comment form's passage and
// its character offsets (start, end) into the draft's text. The offsets count only the draft's
// own characters, never the hidden "comment N begins" labels around highlighted passages.
// Without this script the coach types the passage; typing also clears any selected offsets,
// so the server then finds the typed words itself.
(function () {
  function ownText(node) {
    // Whether a text node is part of the draft (not a visually-hidden label).
    for (var el = node.parentNode; el && !el.hasAttribute("data-comment-source"); el = el.parentNode) {
      if (el.classList && el.classList.contains("visually-hidden")) return false;
    }
    return true;
  }

  function ownLength(fragment) {
    // Characters of the draft in a cloned piece of the page, without the hidden labels.
    var labels = fragment.querySelectorAll(".visually-hidden");
    for (var i = 0; i < labels.length; i++) labels[i].parentNode.removeChild(labels[i]);
    return fragment.textContent.length;
  }

  function offsetOf(source, node, offset) {
    // The draft-text offset of the position (node, offset), or -1 outside the draft.
    if (!source.contains(node)) return -1;
    var before = document.createRange();
    before.setStart(source, 0);
    before.setEnd(node, offset);
    return ownLength(before.cloneContents());
  }

  function draftText(source) {
    var walker = document.createTreeWalker(source, NodeFilter.SHOW_TEXT);
    var parts = [];
    while (walker.nextNode()) if (ownText(walker.currentNode)) parts.push(walker.currentNode.nodeValue);
    return parts.join("");
  }

  function setUp() {
    var source = document.querySelector("[data-comment-source]");
    var form = document.getElementById("comment-form");
    if (!source || !form) return;
    var passage = form.querySelector("[name=passage]");
    var start = form.querySelector("[name=start]");
    var end = form.querySelector("[name=end]");
    var status = document.getElementById("selection-status");
    var text = draftText(source);

    function fill() {
      var selection = window.getSelection();
      if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return;
      var range = selection.getRangeAt(0);
      var from = offsetOf(source, range.startContainer, range.startOffset);
      var to = offsetOf(source, range.endContainer, range.endOffset);
      if (from < 0 || to < 0 || to <= from) return;
      passage.value = text.slice(from, to);
      start.value = String(from);
      end.value = String(to);
      if (status) status.textContent = "Commenting on the passage you selected.";
    }

    source.addEventListener("mouseup", fill);
    source.addEventListener("keyup", fill);
    document.addEventListener("selectionchange", function () {
      var selection = window.getSelection();
      if (selection && selection.rangeCount && source.contains(selection.anchorNode)) fill();
    });
    passage.addEventListener("input", function () {
      start.value = "";
      end.value = "";
      if (status) status.textContent = "";
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();

// Comfort on top of the server-rendered page, which works without it:
// "/" focuses the query box, j and k step through the results (Enter opens
// one), and Escape leaves the box or closes the syntax help. Reads no data
// but the page's own markup.
"use strict";

(function () {
  const box = document.getElementById("q");
  const hits = Array.from(document.querySelectorAll(".hit"));
  let current = -1;

  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  function select(i) {
    if (!hits.length) return;
    current = Math.max(0, Math.min(hits.length - 1, i));
    hits.forEach((h, n) => h.classList.toggle("focused", n === current));
    const link = hits[current].querySelector("h2 a");
    if (link) link.focus();
  }

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === "Escape") {
      const help = document.querySelector("details.syntax[open]");
      if (help) help.open = false;
      if (typing(event.target)) event.target.blur();
      return;
    }
    if (typing(event.target)) return;
    if (event.key === "/" && box) {
      event.preventDefault();
      box.focus();
      box.select();
    } else if (event.key === "j") {
      select(current + 1);
    } else if (event.key === "k") {
      select(current - 1);
    }
  });
})();

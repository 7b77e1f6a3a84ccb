// Sanctio console: progress polling and sortable tables. No framework, nothing fetched
// from elsewhere.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const job = document.querySelector(".job[data-status]");
  if (job && job.dataset.state === "running") {
    const bar = job.querySelector("progress");
    const stage = job.querySelector(".stage");
    const poll = async () => {
      try {
        const r = await fetch(job.dataset.status, {credentials: "same-origin"});
        if (r.ok) {
          const s = await r.json();
          if (bar && s.total) { bar.max = s.total; bar.value = s.done; }
          if (stage) stage.textContent = s.total ? `${s.stage}: ${s.done} / ${s.total} rows` : s.stage;
          if (s.state !== "running") { window.location.reload(); return; }
        }
      } catch (e) { /* keep polling */ }
      setTimeout(poll, 400);
    };
    setTimeout(poll, 300);
  }
  document.querySelectorAll("table.sortable").forEach((table) => {
    table.querySelectorAll("thead button.sort").forEach((button, col) => {
      button.addEventListener("click", () => {
        const body = table.tBodies[0];
        const asc = button.getAttribute("aria-sort") !== "ascending";
        table.querySelectorAll("thead button.sort").forEach((b) => b.removeAttribute("aria-sort"));
        button.setAttribute("aria-sort", asc ? "ascending" : "descending");
        const key = (row) => {
          const cell = row.cells[col];
          const v = cell.dataset.sort !== undefined ? cell.dataset.sort : cell.textContent.trim();
          const n = parseFloat(v);
          return isNaN(n) || cell.dataset.sort === undefined ? v.toLowerCase() : n;
        };
        const rows = Array.from(body.rows);
        rows.sort((a, b) => { const x = key(a), y = key(b); return (x < y ? -1 : x > y ? 1 : 0) * (asc ? 1 : -1); });
        rows.forEach((r) => body.appendChild(r));
      });
    });
  });
});

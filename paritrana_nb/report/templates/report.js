// Sort any table whose header cells carry data-sort ("num" or "text"); works offline, no library.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("table.sortable").forEach(function (table) {
    table.querySelectorAll("th[data-sort]").forEach(function (th, column) {
      th.addEventListener("click", function () {
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        var ascending = th.getAttribute("data-dir") !== "asc";
        var numeric = th.getAttribute("data-sort") === "num";
        var index = Array.prototype.indexOf.call(th.parentNode.children, th);
        rows.sort(function (a, b) {
          var x = a.cells[index].getAttribute("data-value") || a.cells[index].textContent;
          var y = b.cells[index].getAttribute("data-value") || b.cells[index].textContent;
          if (numeric) { x = parseFloat(x); y = parseFloat(y); x = isNaN(x) ? Infinity : x; y = isNaN(y) ? Infinity : y; }
          return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
        });
        rows.forEach(function (row) { body.appendChild(row); });
        th.setAttribute("data-dir", ascending ? "asc" : "desc");
      });
    });
  });
});

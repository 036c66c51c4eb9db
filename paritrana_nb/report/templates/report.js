// Sort any table whose header cells carry data-sort ("num" or "text"); works offline, no library. A header sorts
// on a click and, from the keyboard, on Enter or Space (it takes the focus); it says how its column is sorted
// (aria-sort). Empty cells ("–": no value) stay last in either direction; equal values keep the page's order.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("table.sortable").forEach(function (table) {
    var body = table.tBodies[0];
    Array.prototype.forEach.call(body.rows, function (row, i) { row.setAttribute("data-order", i); });
    var headers = table.querySelectorAll("th[data-sort]");
    headers.forEach(function (th) {
      th.tabIndex = 0;
      th.setAttribute("aria-sort", "none");
      function sort() {
        var rows = Array.prototype.slice.call(body.rows);
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        var numeric = th.getAttribute("data-sort") === "num";
        var index = Array.prototype.indexOf.call(th.parentNode.children, th);
        function key(row) {
          var cell = row.cells[index];
          var value = cell.getAttribute("data-value");
          if (!numeric) { return (value === null ? cell.textContent : value).trim().toLowerCase(); }
          var number = parseFloat(value === null ? cell.textContent : value);
          return isNaN(number) ? null : number;
        }
        rows.sort(function (a, b) {
          var x = key(a), y = key(b);
          var blank = (x === null || x === "") - (y === null || y === "");
          if (blank) { return blank; }  // an empty cell after every value, sorted up or down
          var order = (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
          return order || a.getAttribute("data-order") - b.getAttribute("data-order");
        });
        rows.forEach(function (row) { body.appendChild(row); });
        headers.forEach(function (other) { other.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); sort(); }
      });
    });
  });
});

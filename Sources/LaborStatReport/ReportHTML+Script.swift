/// The page's one script: sort by a header's button (numbers by value with empty cells last, text
/// by pinyin, regions also in official code order), filter by the search box and the region select.
extension ReportHTML {
    static let script = """
    (function () {
      "use strict";
      var collator = new Intl.Collator("zh");
      function num(td) { var v = td.getAttribute("data-value"); return v === null || v === "" ? null : Number(v); }
      function code(td) { var v = td.getAttribute("data-code"); return v === null ? null : Number(v); }
      function nullsLast(a, b, dir, cmp) {
        if (a === null && b === null) return 0;
        if (a === null) return 1;
        if (b === null) return -1;
        return dir * cmp(a, b);
      }
      function sortBy(table, col, order) {
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        var kind = table.tHead.rows[0].cells[col].getAttribute("data-kind");
        var dir = order === "descending" ? -1 : 1;
        var keyed = rows.map(function (r, i) { return { row: r, i: i, td: r.cells[col] }; });
        keyed.sort(function (x, y) {
          var c;
          if (order === "other") c = nullsLast(code(x.td), code(y.td), 1, function (a, b) { return a - b; });
          else if (kind === "number") c = nullsLast(num(x.td), num(y.td), dir, function (a, b) { return a - b; });
          else {
            var a = x.td.textContent, b = y.td.textContent;
            c = nullsLast(a === "" ? null : a, b === "" ? null : b, dir, collator.compare);
          }
          return c !== 0 ? c : x.i - y.i;
        });
        keyed.forEach(function (k) { body.appendChild(k.row); });
      }
      function next(th) {
        var now = th.getAttribute("aria-sort");
        if (now === "ascending") return "descending";
        if (now === "descending" && th.getAttribute("data-kind") === "region") return "other";
        return "ascending";
      }
      function applyFilter(box) {
        var table = box.querySelector("table");
        var input = box.querySelector("input.filter");
        var select = box.querySelector("select.region");
        var needle = input ? input.value.toLowerCase() : "";
        var region = select ? select.value : "";
        var col = select ? Number(select.getAttribute("data-column")) : -1;
        Array.prototype.forEach.call(table.tBodies[0].rows, function (r) {
          var show = (needle === "" || r.textContent.toLowerCase().indexOf(needle) >= 0) &&
            (region === "" || r.cells[col].textContent === region);
          r.classList.toggle("hidden", !show);
        });
      }
      Array.prototype.forEach.call(document.querySelectorAll(".lstable"), function (box) {
        var table = box.querySelector("table");
        var heads = table.tHead.rows[0].cells;
        Array.prototype.forEach.call(heads, function (th, col) {
          th.querySelector("button").addEventListener("click", function () {
            var order = next(th);
            Array.prototype.forEach.call(heads, function (h) { h.setAttribute("aria-sort", "none"); });
            th.setAttribute("aria-sort", order);
            sortBy(table, col, order);
          });
        });
        var input = box.querySelector("input.filter");
        if (input) input.addEventListener("input", function () { applyFilter(box); });
        var select = box.querySelector("select.region");
        if (select) select.addEventListener("change", function () { applyFilter(box); });
      });
    })();

    """
}

/* Conversion report page: filter the table of inputs by text and by result.
   The filter is hidden in the HTML and shown only when this script runs;
   without it the whole table is there to read. */
(function () {
  "use strict";
  var box = document.querySelector("[data-report-filter]");
  var table = document.querySelector("[data-report-table]");
  if (!box || !table) {
    return;
  }
  var text = box.querySelector("[data-filter-text]");
  var status = box.querySelector("[data-filter-status]");
  var count = box.querySelector("[data-filter-count]");
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var haystacks = rows.map(function (row) { return row.textContent.toLowerCase(); });

  function apply() {
    var needle = text.value.trim().toLowerCase();
    var wanted = status.value;
    var shown = 0;
    rows.forEach(function (row, index) {
      var visible = (!wanted || row.getAttribute("data-status") === wanted) && (!needle || haystacks[index].indexOf(needle) !== -1);
      row.hidden = !visible;
      if (visible) {
        shown += 1;
      }
    });
    count.textContent = "Đang hiện " + shown + " / " + rows.length + " tệp";
  }

  text.addEventListener("input", apply);
  status.addEventListener("change", apply);
  box.hidden = false;
  apply();
}());

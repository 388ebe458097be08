/* recbench site: the catalogue's filters (series, study group, status). Written for recbench. */
(function () {
  "use strict";
  function setUp() {
    var catalogue = document.querySelector(".rb-catalogue");
    if (!catalogue) return;
    var selects = catalogue.querySelectorAll("select[data-filter]");
    var rows = catalogue.querySelectorAll("tbody tr");
    var shown = catalogue.querySelector(".rb-shown");
    function apply() {
      var count = 0;
      rows.forEach(function (row) {
        var visible = true;
        selects.forEach(function (select) {
          if (select.value && row.dataset[select.dataset.filter] !== select.value) visible = false;
        });
        row.hidden = !visible;
        if (visible) count += 1;
      });
      if (shown) shown.textContent = count + " of " + rows.length + " shown";
    }
    selects.forEach(function (select) { select.addEventListener("change", apply); });
    apply();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();

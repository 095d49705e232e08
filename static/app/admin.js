// Django's admin widgets, made to meet WCAG 2.2 AA (tests/security/test_accessibility.py scans them).
// - Tabular inlines label their fields only by the column heading: give each field that name
//   (SC 1.3.1, 4.1.2), with its row number, and the delete box "Delete row N".
// - A date and time field's two inputs are labelled by its name and "date" or "time".
// - The filter_horizontal widget's help icon carries aria-label on a bare span: make it an image.
// Inline rows and the filter widget are drawn by Django's own scripts, so new ones are fixed as they appear.
(function () {
  "use strict";

  function labelTabularInline(table) {
    const headings = {};
    table.querySelectorAll("thead th[class*='column-']").forEach(function (th) {
      const name = Array.from(th.classList).find(function (c) { return c.startsWith("column-"); });
      headings[name.slice("column-".length)] = th.textContent.replace(/\s+/g, " ").trim();
    });
    table.querySelectorAll("tbody tr.form-row").forEach(function (row, index) {
      const number = index + 1;
      row.querySelectorAll("td[class*='field-']").forEach(function (cell) {
        const name = Array.from(cell.classList).find(function (c) { return c.startsWith("field-"); });
        const heading = headings[name.slice("field-".length)];
        cell.querySelectorAll("input:not([type=hidden]), select, textarea").forEach(function (field) {
          if (heading && !field.labels.length && !field.hasAttribute("aria-label")) {
            field.setAttribute("aria-label", heading + ", row " + number);
          }
        });
      });
      row.querySelectorAll("td.delete input[type=checkbox]").forEach(function (box) {
        if (!box.labels.length && !box.hasAttribute("aria-label")) {
          box.setAttribute("aria-label", "Delete row " + number);
        }
      });
    });
  }

  function labelDateTime(field) {
    if (field.labels.length || field.hasAttribute("aria-label")) {
      return;
    }
    const row = field.closest(".form-row, .fieldBox");
    const label = row && row.querySelector("label, legend");
    if (label) {
      const part = field.classList.contains("vTimeField") ? "time" : "date";
      field.setAttribute("aria-label", label.textContent.replace(/[:\s]+$/, "").trim() + " (" + part + ")");
    }
  }

  function fix(root) {
    root.querySelectorAll(".datetime input.vDateField, .datetime input.vTimeField").forEach(labelDateTime);
    root.querySelectorAll(".tabular table").forEach(labelTabularInline);
    root.querySelectorAll("span.help-tooltip[aria-label]:not([role])").forEach(function (icon) {
      icon.setAttribute("role", "img");
    });
  }

  function start() {
    fix(document);
    new MutationObserver(function () { fix(document); }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

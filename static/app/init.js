import { initAll } from "../govuk/govuk-frontend.min.js";

initAll();

// Links and buttons marked data-print open the browser's print dialogue.
for (const el of document.querySelectorAll("[data-print]")) {
  el.addEventListener("click", (event) => {
    event.preventDefault();
    window.print();
  });
}

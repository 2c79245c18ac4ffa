// Small progressive enhancements; every page works without them. No inline script anywhere (CSP).
document.addEventListener("DOMContentLoaded", () => {
  // Forms marked data-autosubmit submit when one of their selects changes (e.g. the language switch).
  document.querySelectorAll("form[data-autosubmit] select").forEach((select) => {
    select.addEventListener("change", () => select.form.requestSubmit());
  });
  // Buttons marked data-confirm ask before submitting.
  document.querySelectorAll("[data-confirm]").forEach((el) => {
    el.addEventListener("click", (event) => {
      if (!window.confirm(el.dataset.confirm)) event.preventDefault();
    });
  });
});

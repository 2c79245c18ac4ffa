// The plan page, keyboard first. Every form works without this script: the filter is a GET
// form, a row's change is a <details> with a plain form, and the pickers are <input list>.
// This only makes it quicker: the filter's check boxes apply at once, opening a row's change
// puts the cursor in its picker, Escape closes it again, one row's change is open at a time,
// and a picker refuses a name that is not in its list before the form is sent.
// No inline script anywhere (CSP).
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll(".plan-filter input[data-autosubmit]").forEach((box) => {
    box.addEventListener("change", () => box.form.requestSubmit());
  });

  const actions = document.querySelectorAll("details.row-action");
  actions.forEach((details) => {
    details.addEventListener("toggle", () => {
      if (!details.open) return;
      actions.forEach((other) => {
        if (other !== details && other.open) other.open = false;
      });
      const first = details.querySelector("input[data-picker], select");
      if (first) first.focus();
    });
    details.addEventListener("keydown", (event) => {
      if (event.key !== "Escape" || !details.open) return;
      details.open = false;
      details.querySelector("summary").focus();
      event.preventDefault();
    });
  });

  const optionsOf = (input) => {
    const list = document.getElementById(input.getAttribute("list"));
    return list ? Array.from(list.options, (o) => o.value.toLocaleLowerCase()) : [];
  };
  document.querySelectorAll("input[data-picker]").forEach((input) => {
    const check = () => {
      const value = input.value.trim().toLocaleLowerCase();
      const known = optionsOf(input).some(
        (option) => option === value || option.split(" — ")[0] === value,
      );
      input.setCustomValidity(
        value === "" || known ? "" : input.dataset.picker,
      );
    };
    input.addEventListener("change", check);
    input.form.addEventListener("submit", (event) => {
      check();
      if (!input.checkValidity()) {
        input.reportValidity();
        event.preventDefault();
      }
    });
  });
});

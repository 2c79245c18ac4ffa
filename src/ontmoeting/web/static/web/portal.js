// Copy buttons on the invitations page; the page works without this (the link is selectable).
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-copy-target]").forEach((button) => {
    button.addEventListener("click", async () => {
      const input = document.getElementById(button.dataset.copyTarget);
      input.select();
      try {
        await navigator.clipboard.writeText(input.value);
        button.textContent = button.dataset.copied;
      } catch (error) {
        document.execCommand("copy");
      }
    });
  });
  // Move focus to the error summary so screen-reader and keyboard users land on it.
  const summary = document.getElementById("error-summary");
  if (summary) summary.focus();
});

// The registration form in short steps. Without this script every step shows on one page
// (the step list links to each); with it, one step at a time with "next" and "back".
document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector("form[data-steps]");
  if (!form) return;
  const steps = Array.from(form.querySelectorAll("[data-step]"));
  const list = form.querySelector("[data-step-list]");
  const submit = form.querySelector("button[type=submit]");
  if (steps.length < 2) return;
  let current = 0;

  function show(index, focus) {
    current = Math.max(0, Math.min(index, steps.length - 1));
    steps.forEach((step, i) => { step.hidden = i !== current; });
    if (list) {
      list.querySelectorAll("a").forEach((link, i) => {
        if (i === current) link.setAttribute("aria-current", "step");
        else link.removeAttribute("aria-current");
      });
    }
    submit.hidden = current !== steps.length - 1;
    if (focus) steps[current].querySelector("h2").focus();
  }

  steps.forEach((step, i) => {
    const nav = document.createElement("div");
    nav.className = "buttons step-nav";
    if (i < steps.length - 1) {
      const next = document.createElement("button");
      next.type = "button";
      next.className = "big";
      next.textContent = form.dataset.next;
      next.dataset.testid = "step-next";
      next.addEventListener("click", () => show(i + 1, true));
      nav.append(next);
    }
    if (i > 0) {
      const back = document.createElement("button");
      back.type = "button";
      back.className = "big secondary";
      back.textContent = form.dataset.back;
      back.dataset.testid = "step-back";
      back.addEventListener("click", () => show(i - 1, true));
      nav.append(back);
    }
    if (i === steps.length - 1) step.append(submit);
    step.append(nav);
  });

  // A link to a question (the error summary, the step list) opens the step that holds it.
  document.addEventListener("click", (event) => {
    const link = event.target.closest("a[href^='#']");
    if (!link) return;
    const target = document.getElementById(link.getAttribute("href").slice(1));
    const step = target && target.closest("[data-step]");
    if (!step || !form.contains(step)) return;
    event.preventDefault();
    show(steps.indexOf(step), false);
    if (target.matches("[data-step]")) target.querySelector("h2").focus();
    else target.focus();
  });

  // The postal address only matters without an email address.
  const email = form.querySelector("input[name=email]");
  const postal = form.querySelector("[data-postal]");
  function togglePostal() {
    const hasErrors = postal.querySelector(".has-error");
    postal.hidden = email.value.trim() !== "" && !hasErrors;
  }
  if (email && postal) {
    email.addEventListener("input", togglePostal);
    togglePostal();
  }

  const firstError = form.querySelector(".has-error");
  show(firstError ? steps.indexOf(firstError.closest("[data-step]")) : 0, false);
});

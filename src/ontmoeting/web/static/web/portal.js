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

// Progressive enhancement only: every page works without this file.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("button.copy")) {
    const target = document.getElementById(button.dataset.copy);
    const status = button.nextElementSibling;
    if (!target) continue;
    button.hidden = false;
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(target.value);
      } catch (_) {
        target.select();
        document.execCommand("copy");
      }
      if (status) status.textContent = "Copied.";
    });
  }
});

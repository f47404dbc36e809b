// MailCheck's few browser helpers, called from Blazor through JS interop. No inline script anywhere (CSP).
window.mailcheck = {
  // Remembers the theme for a year; the server reads it while prerendering, so the page never flashes.
  setTheme: function (name) {
    document.cookie = "mailcheck-theme=" + encodeURIComponent(name) + "; path=/; max-age=31536000; samesite=lax";
    document.body.classList.toggle("mc-dark", name === "dark");
    document.body.classList.toggle("mc-light", name !== "dark");
  },

  // Copies text; falls back to a hidden text area where the Clipboard API is unavailable (plain http).
  copy: async function (text) {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    let ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(area);
    return ok;
  },

  // Keeps a scrolling box at its end while new lines arrive, unless the reader scrolled up to read.
  scrollToEnd: function (element) {
    if (!element) { return; }
    const nearEnd = element.scrollHeight - element.scrollTop - element.clientHeight < 120;
    if (nearEnd || !element.dataset.mcScrolled) {
      element.scrollTop = element.scrollHeight;
    }
    if (!element.dataset.mcWatch) {
      element.dataset.mcWatch = "1";
      element.addEventListener("scroll", function () {
        const atEnd = element.scrollHeight - element.scrollTop - element.clientHeight < 8;
        if (atEnd) { delete element.dataset.mcScrolled; } else { element.dataset.mcScrolled = "1"; }
      });
    }
  }
};

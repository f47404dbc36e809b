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

(function () {
  "use strict";

  // A transcript opens at its end (the last reply and the outcome are what a reader comes for), from the moment it
  // appears: in the prerendered page, and again when the live circuit replaces that markup, before anything is painted.
  // While a check runs (data-live="true", set by the server) new lines keep the box at its end unless the reader
  // scrolled up to read; the batch that brings the outcome also ends the run (data-live="false"), so it follows once
  // more. A finished check's later renders leave the reader's scroll alone. This runs in the page right after the
  // batch that added the lines (a mutation observer), so following costs no message to the server and back.
  function openTranscriptsAtTheirEnd() {
    document.querySelectorAll(".mc-transcript").forEach(function (box) {
      const live = box.dataset.live === "true";
      if (!box.dataset.mcWatch || live || box.mcWasLive) {
        window.mailcheck.scrollToEnd(box);
      }
      box.mcWasLive = live;
    });
  }

  // The home form is prerendered: it shows, and takes typing, before the circuit connects; then Blazor replaces that
  // markup with the live form, which would silently drop what was typed and flip a Probe choice back to Send.
  // So, right after the swap (a mutation observer runs before the next paint), every field the person changed is
  // written into its live twin and announced with the events typing makes (Blazor then updates the form on the
  // server), the chosen mode is clicked, and focus and caret are put back. Nothing is submitted here: the live form
  // enables its submit button itself.
  function carryOverEarlyInput(early, live, focused) {
    early.querySelectorAll("input[id], textarea[id]").forEach(function (field) {
      if (field.type === "radio" || field.type === "checkbox" || field.type === "hidden" || field.value === field.defaultValue) {
        return;
      }
      const twin = document.getElementById(field.id);
      if (!twin || !live.contains(twin) || twin.disabled || twin.readOnly || twin.value === field.value) {
        return;
      }
      twin.value = field.value;
      twin.dispatchEvent(new Event("input", { bubbles: true }));
      twin.dispatchEvent(new Event("change", { bubbles: true }));
    });

    // Radio names are generated per render: match them by position.
    const liveRadios = live.querySelectorAll("input[type=radio]");
    early.querySelectorAll("input[type=radio]").forEach(function (radio, i) {
      const twin = liveRadios[i];
      if (radio.checked && !radio.defaultChecked && twin && !twin.checked && !twin.disabled) {
        twin.click();
      }
    });

    if (focused && (!document.activeElement || document.activeElement === document.body)) {
      const twin = focused.type === "radio"
        ? liveRadios[Array.prototype.indexOf.call(early.querySelectorAll("input[type=radio]"), focused)]
        : focused.id && document.getElementById(focused.id);
      if (twin && live.contains(twin)) {
        twin.focus({ preventScroll: true });
        try {
          twin.setSelectionRange(focused.selectionStart, focused.selectionEnd, focused.selectionDirection || "none");
        } catch (e) {
          // Not a text field: focus is enough.
        }
      }
    }
  }

  function keepEarlyInput() {
    const early = document.querySelector(".mc-home[data-interactive='false'] form");
    if (!early) {
      return null;
    }
    let focused = early.contains(document.activeElement) ? document.activeElement : null;
    function onFocus(e) {
      if (early.contains(e.target)) { focused = e.target; }
    }
    document.addEventListener("focusin", onFocus, true);
    return function () {
      if (early.isConnected) {
        return false;
      }
      const live = document.querySelector(".mc-home form");
      if (!live) {
        return false;
      }
      document.removeEventListener("focusin", onFocus, true);
      carryOverEarlyInput(early, live, focused);
      return true;
    };
  }

  let afterSwap = keepEarlyInput();
  const observer = new MutationObserver(function () {
    openTranscriptsAtTheirEnd();
    if (afterSwap && afterSwap()) {
      afterSwap = null;
    }
  });
  observer.observe(document.body, { childList: true, subtree: true });
  openTranscriptsAtTheirEnd();
})();

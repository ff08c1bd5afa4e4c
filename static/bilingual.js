/* The bilingual view's button (brochure.sphinxext.bilingual).
 *
 * Runs in the page head, before the body is drawn: the remembered choice is applied at once
 * (no flash of the other view). The page carries a link pair that works without JavaScript
 * (static/bilingual.css); this replaces it with one toggle button whose state a screen reader
 * announces (aria-pressed), and remembers the choice from page to page in localStorage.
 */
(function () {
  "use strict";
  var KEY = "brochure-bilingual";
  var ON = "bilingual-on";
  var root = document.documentElement;

  function remembered() {
    try {
      return window.localStorage.getItem(KEY) === "on";
    } catch (error) {
      return false; // storage blocked: the view starts hidden on every page
    }
  }

  function remember(on) {
    try {
      window.localStorage.setItem(KEY, on ? "on" : "off");
    } catch (error) {
      /* storage blocked: the choice holds for this page only */
    }
  }

  root.classList.add("bilingual-scripted");
  if (remembered()) {
    root.classList.add(ON);
  }

  function enhance() {
    var control = document.getElementById("bilingual-view");
    if (!control) {
      return;
    }
    if (window.location.hash === "#bilingual-view") {
      root.classList.add(ON); // a link made without JavaScript asked for the view
      remember(true);
    }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "bilingual-toggle";
    button.textContent = control.getAttribute("data-label");
    var lang = control.getAttribute("data-label-lang");
    if (lang) {
      button.lang = lang;
    }
    button.setAttribute("aria-pressed", String(root.classList.contains(ON)));
    button.addEventListener("click", function () {
      var on = !root.classList.contains(ON);
      root.classList.toggle(ON, on);
      button.setAttribute("aria-pressed", String(on));
      remember(on);
    });
    control.replaceChildren(button);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhance);
  } else {
    enhance();
  }
})();

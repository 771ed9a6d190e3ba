/* Fazhi shell behaviour. No inline scripts anywhere (strict CSP): pages use data-* attributes.
 *  - [data-nav-toggle]: opens/closes the left menu on narrow screens.
 *  - form[data-confirm] / button[data-confirm]: asks before submitting (停用、撤销 …).
 *  - select[data-autosubmit]: submits its form on change (filters).
 */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function ready(fn) {
    if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
  }

  ready(function () {
    var toggle = document.querySelector("[data-nav-toggle]");
    var nav = document.getElementById("site-nav");
    if (toggle && nav) {
      toggle.addEventListener("click", function () {
        var open = nav.classList.toggle("open");
        toggle.setAttribute("aria-expanded", open ? "true" : "false");
        if (open) {
          var first = nav.querySelector("a");
          if (first) { first.focus(); }
        }
      });
      document.addEventListener("keydown", function (e) {
        if (e.key === "Escape" && nav.classList.contains("open")) {
          nav.classList.remove("open");
          toggle.setAttribute("aria-expanded", "false");
          toggle.focus();
        }
      });
    }

    document.addEventListener("submit", function (e) {
      var form = e.target;
      var submitter = e.submitter;
      var message = (submitter && submitter.getAttribute("data-confirm")) || form.getAttribute("data-confirm");
      if (message && !window.confirm(message)) {
        e.preventDefault();
      }
    }, true);

    document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
      select.addEventListener("change", function () {
        if (select.form) { select.form.requestSubmit ? select.form.requestSubmit() : select.form.submit(); }
      });
    });

    // Move focus to the first field with an error, so keyboard and screen-reader users land on it.
    var firstError = document.querySelector(".field-error input, .field-error select, .field-error textarea");
    if (firstError) { firstError.focus(); }
  });
})();

// Small progressive enhancements; every page works without this file.
(function () {
  "use strict";
  // On a phone, start with the menu folded so the page content comes first.
  // (Also any <details data-fold-on-phone>, e.g. a long filter form.)
  if (window.matchMedia && window.matchMedia("(max-width: 760px)").matches) {
    document.querySelectorAll("details.menu, details[data-fold-on-phone]").forEach(function (box) {
      box.open = false;
    });
  }
  // Ask before destructive actions: <form data-confirm="...">.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var text = form.getAttribute && form.getAttribute("data-confirm");
    if (text && !window.confirm(text)) {
      event.preventDefault();
    }
  });
})();

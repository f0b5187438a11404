// Small progressive enhancements; every page works without this file.
(function () {
  "use strict";
  // On a phone, start with the menu folded so the page content comes first.
  var menu = document.querySelector("details.menu");
  if (menu && window.matchMedia && window.matchMedia("(max-width: 760px)").matches) {
    menu.open = false;
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

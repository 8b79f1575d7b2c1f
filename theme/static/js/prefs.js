/* Reader preferences, applied before the page is painted (loaded without
   defer in <head>): text size and high contrast, as saved by site.js.
   Only sets attributes on <html>; the page reads fine without it. */
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("js");
  try {
    var size = window.localStorage.getItem("luutru.textSize");
    if (size && /^-?[0-9]$/.test(size) && size !== "0") {
      root.setAttribute("data-text-size", size);
    }
    if (window.localStorage.getItem("luutru.contrast") === "high") {
      root.setAttribute("data-contrast", "high");
    }
  } catch (error) {
    /* storage unavailable (private mode, blocked): defaults */
  }
})();

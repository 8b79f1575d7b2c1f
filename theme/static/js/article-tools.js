/* Article tools: copy the page's link, share it (navigator.share, where the
   browser has it) and print. The buttons are hidden in the HTML and shown
   here, so a reader without JavaScript never sees a button that does
   nothing. Nothing is loaded from elsewhere. */
(function () {
  "use strict";

  function copyWithSelection(text) {
    var field = document.createElement("textarea");
    field.value = text;
    field.setAttribute("readonly", "");
    field.style.position = "fixed";
    field.style.opacity = "0";
    document.body.appendChild(field);
    field.select();
    var done = false;
    try {
      done = document.execCommand("copy");
    } catch (error) {
      done = false;
    }
    document.body.removeChild(field);
    return done;
  }

  function init() {
    var tools = document.querySelector("[data-article-tools]");
    if (!tools) {
      return;
    }
    var status = tools.querySelector("[data-tool-status]");
    var shareButton = tools.querySelector("[data-share]");
    var link = window.location.href.split("#")[0];
    var title = document.querySelector("h1") ? document.querySelector("h1").textContent.trim() : document.title;

    function say(message) {
      if (status) {
        status.textContent = message;
      }
    }

    tools.querySelector("[data-copy-link]").addEventListener("click", function () {
      var copied = function () { say("Đã sao chép liên kết"); };
      var failed = function () {
        if (copyWithSelection(link)) {
          copied();
        } else {
          say("Không sao chép được; liên kết là: " + link);
        }
      };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(link).then(copied, failed);
      } else {
        failed();
      }
    });

    if (typeof navigator.share === "function") {
      shareButton.hidden = false;
      shareButton.addEventListener("click", function () {
        navigator.share({ title: title, url: link }).catch(function () { /* closed by the reader */ });
      });
    }

    tools.querySelector("[data-print]").addEventListener("click", function () {
      window.print();
    });

    tools.hidden = false;
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

/* "Trích dẫn bài này": a button that copies the reference. The button is
   hidden in the HTML and shown only when this script runs; without it the
   reference stays selectable text. No third-party code. */
(function () {
  "use strict";
  var buttons = document.querySelectorAll("button[data-copy-from]");
  Array.prototype.forEach.call(buttons, function (button) {
    var source = document.getElementById(button.getAttribute("data-copy-from"));
    var status = button.parentNode.querySelector(".cite-status");
    if (!source) {
      return;
    }
    function say(message) {
      if (status) {
        status.textContent = message;
      }
    }
    function selectText() {
      var range = document.createRange();
      range.selectNodeContents(source);
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
    }
    button.addEventListener("click", function () {
      var text = source.textContent;
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(function () {
          say("Đã sao chép trích dẫn.");
        }, function () {
          selectText();
          say("Không sao chép được; trích dẫn đã được chọn, hãy nhấn Ctrl+C.");
        });
      } else {
        selectText();
        say("Trích dẫn đã được chọn, hãy nhấn Ctrl+C.");
      }
    });
    button.hidden = false;
  });
}());

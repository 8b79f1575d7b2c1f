/* Reader tools: A- / A / A+ text size and high contrast, remembered in
   localStorage (prefs.js applies them on every page before painting).
   The tools are hidden in the HTML and shown only when this script runs. */
(function () {
  "use strict";
  var MIN = -1;
  var MAX = 3;
  var PERCENT = { "-1": 87.5, "0": 100, "1": 112.5, "2": 125, "3": 150 };
  var root = document.documentElement;

  function store(key, value) {
    try {
      if (value === null) {
        window.localStorage.removeItem(key);
      } else {
        window.localStorage.setItem(key, value);
      }
    } catch (error) {
      /* not remembered, still applied to this page */
    }
  }

  function currentSize() {
    var value = parseInt(root.getAttribute("data-text-size") || "0", 10);
    return isNaN(value) ? 0 : Math.min(MAX, Math.max(MIN, value));
  }

  function setSize(size) {
    size = Math.min(MAX, Math.max(MIN, size));
    if (size === 0) {
      root.removeAttribute("data-text-size");
      store("luutru.textSize", null);
    } else {
      root.setAttribute("data-text-size", String(size));
      store("luutru.textSize", String(size));
    }
    return size;
  }

  function setContrast(high) {
    if (high) {
      root.setAttribute("data-contrast", "high");
      store("luutru.contrast", "high");
    } else {
      root.removeAttribute("data-contrast");
      store("luutru.contrast", null);
    }
  }

  function init() {
    var tools = document.querySelector(".reader-tools");
    if (!tools) {
      return;
    }
    var status = tools.querySelector("[data-reader-status]");
    var contrastButton = tools.querySelector("[data-contrast]");
    var sizeButtons = tools.querySelectorAll("[data-text-size]");

    function refresh(message) {
      var size = currentSize();
      for (var i = 0; i < sizeButtons.length; i += 1) {
        var action = sizeButtons[i].getAttribute("data-text-size");
        sizeButtons[i].disabled = (action === "smaller" && size <= MIN) || (action === "larger" && size >= MAX);
      }
      var high = root.getAttribute("data-contrast") === "high";
      contrastButton.setAttribute("aria-pressed", high ? "true" : "false");
      if (message && status) {
        status.textContent = message;
      }
    }

    tools.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button || !tools.contains(button)) {
        return;
      }
      var action = button.getAttribute("data-text-size");
      if (action) {
        var size = currentSize();
        size = setSize(action === "smaller" ? size - 1 : action === "larger" ? size + 1 : 0);
        refresh("Cỡ chữ " + String(PERCENT[String(size)]).replace(".", ",") + "%");
      } else if (button.hasAttribute("data-contrast")) {
        var high = root.getAttribute("data-contrast") !== "high";
        setContrast(high);
        refresh(high ? "Đã bật tương phản cao" : "Đã tắt tương phản cao");
      }
    });

    tools.hidden = false;
    refresh("");
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

/* --- Cite this article (issue 15, vnarchive.citations) ---
   A "Sao chép trích dẫn" button, made here and only here: without this
   script the reference stays plain text to select (and nothing hidden is
   left in the page for search to index). No third-party code. */
(function () {
  "use strict";

  function addButton(holder) {
    var source = document.getElementById(holder.getAttribute("data-copy-from"));
    if (!source) {
      return;
    }
    var status = holder.querySelector(".cite-status");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "cite-copy";
    button.textContent = "Sao chép trích dẫn";
    function say(message) {
      if (status) {
        status.textContent = message;
      }
    }
    function selectText(message) {
      var range = document.createRange();
      range.selectNodeContents(source);
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      say(message);
    }
    button.addEventListener("click", function () {
      var text = source.textContent;
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(function () {
          say("Đã sao chép trích dẫn.");
        }, function () {
          selectText("Không sao chép được; trích dẫn đã được chọn, hãy nhấn Ctrl+C.");
        });
      } else {
        selectText("Trích dẫn đã được chọn, hãy nhấn Ctrl+C.");
      }
    });
    holder.insertBefore(button, holder.firstChild);
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-copy-from]"), addButton);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

/* "Ngày này năm xưa": today's date in Asia/Ho_Chi_Minh, whatever the
   reader's own time zone. On the index, a link to today's section (or a
   note that today has no article); on a month page, today's section moved
   first and marked. Without this script the pages are complete lists. */
(function () {
  "use strict";

  function today() {
    var parts = {};
    try {
      new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Ho_Chi_Minh", day: "2-digit", month: "2-digit" })
        .formatToParts(new Date())
        .forEach(function (part) { parts[part.type] = part.value; });
    } catch (error) {
      var now = new Date(Date.now() + 7 * 3600 * 1000);  /* UTC+7, no daylight saving */
      parts.day = ("0" + now.getUTCDate()).slice(-2);
      parts.month = ("0" + (now.getUTCMonth() + 1)).slice(-2);
    }
    return { day: parts.day, month: parts.month, key: parts.month + parts.day };
  }

  function label(date) {
    return parseInt(date.day, 10) + "/" + parseInt(date.month, 10);
  }

  function index(box) {
    var date = today();
    var days = (box.getAttribute("data-days") || "").split(" ");
    box.textContent = "";
    var monthLink = document.querySelector('a[data-month="' + date.month + '"]');
    if (days.indexOf(date.key) >= 0 && monthLink) {
      var link = document.createElement("a");
      link.href = monthLink.getAttribute("href") + "#ngay-" + date.day + "-" + date.month;
      link.textContent = "Hôm nay, " + label(date) + ": xem các bài cùng ngày những năm trước";
      box.appendChild(link);
    } else {
      box.textContent = "Hôm nay, " + label(date) + ", kho chưa có bài nào đăng cùng ngày những năm trước.";
    }
    box.hidden = false;
  }

  function month(list) {
    var date = today();
    var section = list.querySelector('[data-day="' + date.key + '"]');
    if (!section) {
      return;
    }
    section.classList.add("is-today");
    var heading = section.querySelector("h2");
    if (heading && !heading.querySelector(".today-badge")) {
      var badge = document.createElement("span");
      badge.className = "today-badge";
      badge.textContent = "Hôm nay";
      heading.insertBefore(badge, heading.firstChild);
    }
    list.insertBefore(section, list.firstChild);
  }

  var box = document.querySelector("[data-today-link]");
  if (box) {
    index(box);
  }
  var list = document.querySelector("[data-days-list]");
  if (list) {
    month(list);
  }
}());

/* Search page: the Pagefind index of the site, queried in the browser.

   - The index is one Pagefind bundle per year (plugins/search_index):
     pagefind/bundles.json lists them, newest first. pagefind/pagefind.js
     (Pagefind's library) opens the first and merges the others into it
     (mergeIndex), so one search covers them all, with filter counts summed.
   - Everything is loaded relative to the site root (data-pagefind-path, and
     <html data-site-root>), so the site works under any sub-path; result
     URLs (root-relative in the index) get the root's path as baseUrl.
   - Pagefind matches words without tone and vowel marks ("nhan quyen" finds
     "nhân quyền") and ranks exact marks first; "đ" is covered by folded
     words the theme adds to each article ("dak lak" finds "Đắk Lắk").
   - Filters: year, author, tag. The query and filters live in the URL
     (?q=...&nam=...&tac-gia=...&chu-de=...), so a search can be shared.
   - Results are built with DOM methods: titles as text, excerpts as text
     with only Pagefind's <mark> highlights kept. */
(function () {
  "use strict";
  var PAGE_SIZE = 10;
  var PARAMS = { year: "nam", author: "tac-gia", tag: "chu-de" };

  var box = document.querySelector("[data-search]");
  if (!box) {
    return;
  }
  var form = box.querySelector("[data-search-form]");
  var input = form.querySelector("input[name=q]");
  var filterBox = box.querySelector("[data-search-filters]");
  var selects = box.querySelectorAll("select[data-filter]");
  var status = box.querySelector("[data-search-status]");
  var list = box.querySelector("[data-search-results]");
  var more = box.querySelector("[data-search-more]");

  var siteRoot = new URL(document.documentElement.getAttribute("data-site-root") || "./", window.location.href);
  var bundleUrl = new URL(box.getAttribute("data-pagefind-path"), window.location.href);
  var manifestUrl = new URL("bundles.json", bundleUrl);
  var loading = null;
  var results = [];
  var shown = 0;
  var generation = 0;

  function say(text) {
    status.textContent = text;
  }

  /* The bundle names from bundles.json, checked (a name is a folder). */
  function bundleNames(manifest) {
    var names = (manifest && manifest.bundles) || [];
    return names.filter(function (name) {
      return typeof name === "string" && /^[A-Za-z0-9_-]+$/.test(name);
    });
  }

  /* Pagefind's library opens the first bundle and merges the others; each
     page is tagged with its bundle (the synthetic filter "bundle"). */
  function load() {
    if (!loading) {
      var manifest = fetch(manifestUrl.href, { cache: "no-cache" }).then(function (response) {
        if (!response.ok) {
          throw new Error("bundles.json: " + response.status);
        }
        return response.json();
      });
      loading = Promise.all([manifest, import(bundleUrl.href)]).then(function (loaded) {
        var names = bundleNames(loaded[0]);
        var pagefind = loaded[1];
        if (!names.length) {
          throw new Error("no search bundle");
        }
        var settings = function (name) {
          return { baseUrl: siteRoot.pathname, excerptLength: 36, mergeFilter: { bundle: name } };
        };
        var path = function (name) {
          return new URL(name + "/", manifestUrl).pathname;
        };
        return pagefind.options(Object.assign({ basePath: path(names[0]) }, settings(names[0]))).then(function () {
          return Promise.all(names.slice(1).map(function (name) {
            return pagefind.mergeIndex(path(name), settings(name));
          }));
        }).then(function () {
          return { pagefind: pagefind, names: names };
        });
      });
    }
    return loading;
  }

  function words(query) {
    return query ? query.replace(/"/g, " ").split(/\s+/).filter(Boolean) : [];
  }

  /* A bundle that lacks a word drops it, or matches a shorter word instead
     ("dak" -> "da"), so merged bundles would answer what one index would
     not. Each word is first looked up exactly ("word" finds only itself, any
     marks), and only the bundles that have every word are searched. */
  function searchBundles(index, query, filters) {
    var list = words(query);
    if (!list.length) {
      return index.pagefind.search(null, { filters: filters });
    }
    return Promise.all(list.map(function (word) {
      return index.pagefind.search("\"" + word + "\"", { filters: filters });
    })).then(function (each) {
      var keep = index.names.filter(function (name) {
        return each.every(function (found) {
          return found && found.filters && found.filters.bundle && found.filters.bundle[name] > 0;
        });
      });
      if (!keep.length) {
        return { results: [] };
      }
      return index.pagefind.search(query, { filters: Object.assign({}, filters, { bundle: { any: keep } }) });
    });
  }

  var RERANKED = 30;

  function folded(text) {
    return text.normalize("NFC").toLocaleLowerCase("vi");
  }

  /* One index ranks pages with the marks as typed first, by word counts
     that each bundle keeps on its own; so among the best RERANKED results,
     pages whose text has every typed word with its marks come first. */
  function marksFirst(query, results) {
    var marked = words(folded(query)).filter(function (word) {
      return word.normalize("NFD").replace(/\p{M}/gu, "") !== word.normalize("NFD");
    });
    if (!marked.length || results.length < 2) {
      return Promise.resolve(results);
    }
    var top = results.slice(0, RERANKED);
    return Promise.all(top.map(function (r) {
      return r.data();
    })).then(function (pages) {
      var exact = [];
      var other = [];
      top.forEach(function (r, i) {
        var text = folded(((pages[i].meta && pages[i].meta.title) || "") + " " + (pages[i].content || ""));
        (marked.every(function (word) { return text.indexOf(word) !== -1; }) ? exact : other).push(r);
      });
      return exact.concat(other, results.slice(RERANKED));
    });
  }

  function search(index, query, filters) {
    return searchBundles(index, query, filters).then(function (found) {
      return marksFirst(query, (found && found.results) || []);
    });
  }

  function decode(html) {
    var doc = new DOMParser().parseFromString("<!DOCTYPE html><body>" + html, "text/html");
    return doc.body.textContent || "";
  }

  /* Pagefind's excerpt is escaped text with <mark> around matches: keep the
     marks, make everything else text. */
  function excerptNode(excerpt) {
    var p = document.createElement("p");
    p.className = "excerpt";
    var parts = String(excerpt || "").split(/(<mark>|<\/mark>)/);
    var marked = false;
    for (var i = 0; i < parts.length; i += 1) {
      if (parts[i] === "<mark>") {
        marked = true;
      } else if (parts[i] === "</mark>") {
        marked = false;
      } else if (parts[i]) {
        var text = document.createTextNode(decode(parts[i]));
        if (marked) {
          var mark = document.createElement("mark");
          mark.appendChild(text);
          p.appendChild(mark);
        } else {
          p.appendChild(text);
        }
      }
    }
    return p;
  }

  function resultNode(data) {
    var item = document.createElement("li");
    item.className = "search-result";
    var heading = document.createElement("h2");
    var link = document.createElement("a");
    link.href = data.url;
    link.textContent = (data.meta && data.meta.title) || data.url;
    heading.appendChild(link);
    item.appendChild(heading);
    var facts = [];
    if (data.meta && data.meta.date) {
      facts.push(data.meta.date);
    }
    if (data.filters && data.filters.author && data.filters.author.length) {
      facts.push(data.filters.author.join(", "));
    }
    if (facts.length) {
      var meta = document.createElement("p");
      meta.className = "meta";
      meta.textContent = facts.join(" · ");
      item.appendChild(meta);
    }
    item.appendChild(excerptNode(data.excerpt));
    return item;
  }

  function showMore(current) {
    var slice = results.slice(shown, shown + PAGE_SIZE);
    shown += slice.length;
    more.hidden = shown >= results.length;
    return Promise.all(slice.map(function (r) { return r.data(); })).then(function (items) {
      if (current !== generation) {
        return;
      }
      items.forEach(function (data) {
        list.appendChild(resultNode(data));
      });
    });
  }

  function chosenFilters() {
    var filters = {};
    for (var i = 0; i < selects.length; i += 1) {
      if (selects[i].value) {
        filters[selects[i].getAttribute("data-filter")] = selects[i].value;
      }
    }
    return filters;
  }

  function describe(query, filters, count) {
    var what = query ? "cho “" + query + "”" : "";
    var parts = [];
    if (filters.year) {
      parts.push(filters.year === "Không rõ ngày" ? "không rõ ngày" : "năm " + filters.year);
    }
    if (filters.author) {
      parts.push("tác giả " + filters.author);
    }
    if (filters.tag) {
      parts.push("chủ đề " + filters.tag);
    }
    var scope = parts.length ? " (" + parts.join(", ") + ")" : "";
    if (!count) {
      return "Không tìm thấy bài nào " + what + scope + ".";
    }
    return "Tìm thấy " + count.toLocaleString("vi-VN") + " bài " + what + scope + ".";
  }

  function updateUrl(query, filters) {
    var url = new URL(window.location.href);
    url.search = "";
    if (query) {
      url.searchParams.set("q", query);
    }
    Object.keys(PARAMS).forEach(function (key) {
      if (filters[key]) {
        url.searchParams.set(PARAMS[key], filters[key]);
      }
    });
    window.history.replaceState(null, "", url.href);
  }

  function run() {
    var query = input.value.trim();
    var filters = chosenFilters();
    var current = (generation += 1);
    updateUrl(query, filters);
    list.textContent = "";
    more.hidden = true;
    results = [];
    shown = 0;
    if (!query && !Object.keys(filters).length) {
      say("");
      return Promise.resolve();
    }
    say("Đang tìm…");
    return load().then(function (index) {
      return search(index, query, filters);
    }).then(function (found) {
      if (current !== generation) {
        return null;
      }
      results = found;
      return showMore(current).then(function () {
        /* announced once the first results are on the page, so the live
           region and the list agree */
        if (current === generation) {
          say(describe(query, filters, results.length));
        }
      });
    }).catch(function () {
      say("Không tải được chỉ mục tìm kiếm. Hãy thử tải lại trang.");
    });
  }

  function fillFilters(index) {
    return index.pagefind.filters().then(function (available) {
      var params = new URL(window.location.href).searchParams;
      for (var i = 0; i < selects.length; i += 1) {
        var select = selects[i];
        var key = select.getAttribute("data-filter");
        var counts = available[key] || {};
        var names = Object.keys(counts);
        if (key === "year") {
          names.sort(function (a, b) { return b.localeCompare(a, "vi", { numeric: true }); });
        } else {
          names.sort(function (a, b) { return a.localeCompare(b, "vi"); });
        }
        names.forEach(function (name) {
          var option = document.createElement("option");
          option.value = name;
          option.textContent = name + " (" + counts[name] + ")";
          select.appendChild(option);
        });
        var wanted = params.get(PARAMS[key]);
        if (wanted && counts[wanted] !== undefined) {
          select.value = wanted;
        }
      }
      filterBox.hidden = false;
    });
  }

  var timer = null;
  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(run, 300);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    window.clearTimeout(timer);
    run();
  });
  for (var i = 0; i < selects.length; i += 1) {
    selects[i].addEventListener("change", run);
  }
  more.addEventListener("click", function () {
    var first = list.children.length;
    showMore(generation).then(function () {
      var next = list.children[first];
      var link = next && next.querySelector("a");
      if (link) {
        link.focus();
      }
    });
  });

  var initial = new URL(window.location.href).searchParams.get("q") || "";
  input.value = initial;
  say("Đang tải chỉ mục tìm kiếm…");
  load().then(fillFilters).then(function () {
    say("");
    return run();
  }).catch(function () {
    say("Không tải được chỉ mục tìm kiếm. Hãy thử tải lại trang.");
  });
})();

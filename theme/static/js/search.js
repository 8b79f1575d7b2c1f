/* Search page: the Pagefind index of the site, queried in the browser.

   - The index is one Pagefind bundle per year (plugins/search_index):
     pagefind/bundles.json lists them, newest first. pagefind/pagefind.js
     (Pagefind's library) opens the first and merges the others into it
     (mergeIndex), so one search covers them all, with filter counts summed.
   - Everything is loaded relative to the site root (data-pagefind-path, and
     <html data-site-root>), so the site works under any sub-path; result
     URLs (root-relative in the index) get the root's path as baseUrl.
   - Matching is by whole syllables, not by prefixes. Pagefind matches a
     plain query word as the prefix of longer words ("ma" finds "mang"), and
     its quoted search misses a phrase on pages where a word of it appears in
     two spellings ("ma" and "mà"). So Pagefind is asked for each query
     syllable alone: quoted, for the pages that have it as a whole word in
     any marks ("dak" also finds "Đắk"); plain, for where the words it starts
     stand, so that pages whose syllables cannot stand side by side are left
     out before their text is read. The candidates' text (each result's
     fragment) is then read and checked here:
     - a run of typed syllables: each stands next to a neighbour of the
       query, in order ("ma tuy" is "ma túy", not "mà ... tùy"; "nhan quyen
       kon tum" is "nhân quyền ... Kon Tum"); when no page has that, pages
       with all the syllables anywhere, and the status says so;
     - a quoted phrase: all its syllables side by side;
     - a syllable typed without marks stands for any marks ("nhan quyen"
       finds "nhân quyền"); typed with marks, for those marks (either tone
       placement: "túy" = "tuý"), or in a text typed without marks, not for
       another word ("Đỗ An" is not "đồ ăn").
     Ranking: pages where more neighbouring syllables stand together, then
     pages credited to a name the query gives whole (author, outlet), then
     those with the syllables exactly as typed, then those whose title has
     more of the query (syllables weighted by rarity), then a BM25 score
     over whole-word counts.
   - A page that names the query in passing (not in its title, tags or
     credits; said once, or twice but late) is listed apart, after the others, behind
     a closed <details>; when no page is about the query, those are the
     results.
   - Candidates are read in batches (BATCH), most side-by-side occurrences
     first, so a query that matches half the archive does not load half of
     it; until all are read the count is an estimate ("khoảng").
   - Filters: year, author, outlet, tag. The query and filters live in the
     URL (?q=...&nam=...&tac-gia=...&nguon=...&chu-de=...), so a search can
     be shared.
   - Results are built with DOM methods: titles and excerpts as text, only
     the matched words wrapped in <mark>. */
(function () {
  "use strict";
  var PAGE_SIZE = 10;
  var BATCH = 100;
  var EXCERPT_WORDS = 36;
  var TITLE_WEIGHT = 5;
  var MENTIONS = 2;  /* said this often (after the title), the first time early, a page is about the query */
  var EARLY_WORDS = 120;  /* words after the byline: the lead and the first paragraph */
  var PARAMS = { year: "nam", author: "tac-gia", outlet: "nguon", tag: "chu-de" };

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
  var passingBox = box.querySelector("[data-search-passing]");
  var passingSummary = passingBox.querySelector("summary");
  var passingList = passingBox.querySelector("ol");
  passingBox.addEventListener("toggle", function () {
    if (passingBox.onToggle) {
      passingBox.onToggle();
    }
  });

  var siteRoot = new URL(document.documentElement.getAttribute("data-site-root") || "./", window.location.href);
  var bundleUrl = new URL(box.getAttribute("data-pagefind-path"), window.location.href);
  var manifestUrl = new URL("bundles.json", bundleUrl);
  var loading = null;
  var current = null;
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

  /* Pagefind's library opens the first bundle and merges the others. */
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
        var settings = { baseUrl: siteRoot.pathname, excerptLength: EXCERPT_WORDS };
        var path = function (name) {
          return new URL(name + "/", manifestUrl).pathname;
        };
        return pagefind.options(Object.assign({ basePath: path(names[0]) }, settings)).then(function () {
          return Promise.all(names.slice(1).map(function (name) {
            return pagefind.mergeIndex(path(name), settings);
          }));
        }).then(function () {
          return { pagefind: pagefind, total: 0 };
        });
      });
    }
    return loading;
  }

  /* ---- Words: how the query and the pages' text are compared ---- */

  var TONE = "[\u0300\u0301\u0303\u0309\u0323]";
  var TONE_PAIR = new RegExp("(o|u)(" + TONE + "?)(a|e|y)(" + TONE + "?)");

  /* A word as Pagefind indexes it, split where it does (at anything not a
     letter or digit: "TP.HCM" -> tp, hcm), in lower case, marks kept. */
  function parts(text) {
    return String(text || "").normalize("NFC").toLocaleLowerCase("vi").split(/[^\p{L}\p{N}\p{M}]+/u).filter(Boolean);
  }

  /* Without marks, đ as d: what matches a word typed in any marks. */
  function plain(word) {
    return word.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d");
  }

  /* The same syllable with its tone on the other vowel of oa, oe, uy
     ("túy" <-> "tuý", "hòa" <-> "hoà"): both spellings are in use. */
  function toneAlternative(word) {
    var text = word.normalize("NFD");
    var found = TONE_PAIR.exec(text);
    if (!found || (found[1] === "o") === (found[3] === "y") || !found[2] === !found[4]) {
      return null;
    }
    var moved = found[2] ? found[1] + found[3] + found[2] : found[1] + found[4] + found[3];
    return (text.slice(0, found.index) + moved + text.slice(found.index + found[0].length)).normalize("NFC");
  }

  /* `part`: one of several pieces of a typed word ("f" of "F-16"). */
  function term(word, part) {
    return { text: word, plain: plain(word), alternative: toneAlternative(word), part: part };
  }

  function terms(text) {
    var all = [];
    String(text || "").split(/\s+/).forEach(function (word) {
      var pieces = parts(word);
      pieces.forEach(function (piece) {
        all.push(term(piece, pieces.length > 1));
      });
    });
    return all;
  }

  /* The query as runs of loose syllables and quoted phrases ("..." or
     “...”; a quote left open runs to the end). */
  function parseQuery(query) {
    var runs = [];
    var phrases = [];
    String(query || "").split(/["“”„]/).forEach(function (segment, i) {
      var found = terms(segment);
      if (found.length) {
        (i % 2 ? phrases : runs).push(found);
      }
    });
    var all = [].concat.apply([], runs.concat(phrases));
    return { runs: runs, phrases: phrases, terms: all };
  }

  /* ---- Candidates: the pages that have every syllable as a word ---- */

  function distinct(values) {
    return values.filter(function (value, i) {
      return values.indexOf(value) === i;
    });
  }

  /* Pagefind does not index a lone ASCII letter or digit that is part of
     a longer word ("f" of "F-16"): only the text check looks for it. */
  function indexed(t) {
    return !(t.part && /^[a-z0-9]$/.test(t.text));
  }

  /* Two searches of one syllable. Quoted, Pagefind gives the pages that
     have it as a whole word, in any marks. Plain, it gives every page with
     a word that starts with it, its score and the words' positions: a
     superset of the whole word's, enough to tell which pages may have two
     syllables side by side before their text is read. A syllable typed
     with d is also looked up with đ ("dak" finds "Đắk"). */
  function lookup(index, word, filters) {
    var forms = word.charAt(0) === "d" ? [word, "đ" + word.slice(1)] : [word];
    return Promise.all(forms.map(function (form) {
      return Promise.all([
        index.pagefind.search("\"" + form + "\"", { filters: filters }),
        index.pagefind.search(form, { filters: filters })
      ]);
    })).then(function (found) {
      var whole = new Map();
      var near = new Map();
      found.forEach(function (pair) {
        ((pair[0] && pair[0].results) || []).forEach(function (result) {
          whole.set(result.id, result);
        });
        ((pair[1] && pair[1].results) || []).forEach(function (result) {
          var entry = near.get(result.id) || { score: 0, positions: new Set() };
          entry.score += result.score;
          result.words.forEach(function (position) {
            entry.positions.add(position);
          });
          near.set(result.id, entry);
        });
      });
      return { whole: whole, near: near };
    });
  }

  /* How often the syllables stand in this order, side by side (or in one
     word, "TP.HCM"), going by the positions of the words they start. */
  function sideBySide(id, sequence, looked) {
    var sets = sequence.map(function (t) {
      var entry = looked[t.text] && looked[t.text].near.get(id);
      return entry ? entry.positions : null;
    });
    if (sets.some(function (set) { return !set; })) {  /* a syllable not in the index: the text decides */
      return sets.every(function (set, i) { return set || !indexed(sequence[i]); }) ? 1 : 0;
    }
    var count = 0;
    sets[0].forEach(function (start) {
      var at = [start];
      for (var i = 1; i < sets.length && at.length; i += 1) {
        at = at.filter(function (p) { return sets[i].has(p) || sets[i].has(p + 1); }).map(function (p) {
          return sets[i].has(p + 1) ? p + 1 : p;
        });
      }
      count += at.length ? 1 : 0;
    });
    return count;
  }

  /* Every syllable of a run stands next to a neighbour of the query:
     "nhan quyen kon tum" is met by "nhân quyền ... Kon Tum", "ma tuy" not
     by "mà ... tùy". `pairs(i)` says whether run[i], run[i + 1] do. */
  function covered(run, pairs) {
    return run.every(function (t, i) {
      return run.length < 2 || (i > 0 && pairs(i - 1)) || (i + 1 < run.length && pairs(i));
    });
  }

  /* The candidates, in the order they are read: pages with every syllable
     as a word, whose syllables may stand as the query has them (each run
     covered, each quoted phrase whole); most side-by-side occurrences
     first, then by Pagefind's scores. When no page has a run's syllables
     side by side, pages with all of them anywhere (`loose`). Also how many
     pages have each syllable (for the BM25 weights). */
  function candidates(index, query, filters) {
    var words = distinct(query.terms.filter(indexed).map(function (t) { return t.text; }));
    return Promise.all(words.map(function (word) {
      return lookup(index, word, filters);
    })).then(function (found) {
      var looked = {};
      var counts = {};
      words.forEach(function (word, i) {
        looked[word] = found[i];
        counts[plain(word)] = found[i].whole.size;
      });
      var pages = [];
      if (found.length) {
        found[0].whole.forEach(function (result, id) {
          if (found.every(function (each) { return each.whole.has(id); })) {
            pages.push({ result: result, id: id });
          }
        });
      }
      pages.forEach(function (page) {
        var near = 0;
        var score = 0;
        query.terms.forEach(function (t) {
          var entry = looked[t.text] && looked[t.text].near.get(page.id);
          score += entry ? entry.score : 0;
        });
        page.whole = query.phrases.every(function (phrase) {
          return sideBySide(page.id, phrase, looked) > 0;
        });
        page.covered = query.runs.every(function (run) {
          return covered(run, function (i) {
            var count = sideBySide(page.id, run.slice(i, i + 2), looked);
            near += count;
            return count > 0;
          });
        });
        page.rank = [near, score];
      });
      pages = pages.filter(function (page) { return page.whole; });
      var strict = pages.filter(function (page) { return page.covered; });
      var loose = !strict.length && pages.length > 0;
      pages = loose ? pages : strict;
      pages.sort(function (a, b) {
        return (b.rank[0] - a.rank[0]) || (b.rank[1] - a.rank[1]);
      });
      return { pages: pages.map(function (page) { return page.result; }), counts: counts, loose: loose };
    });
  }

  /* ---- Reading a candidate's text ---- */

  /* Pagefind's text of a page, word by word as it numbers them, each word
     split into the syllables it is matched by. */
  function tokens(content) {
    var words = String(content || "").split(" ");
    var stream = [];
    words.forEach(function (word, position) {
      var pieces = parts(word);
      /* a word that ends a sentence or clause ("túy.", "Lan,") stands next to no word after it */
      var stop = /[.,;:!?…)\]”"'»]$/.test(word);
      pieces.forEach(function (text, i) {
        stream.push({ text: text, plain: plain(text), position: position, stop: stop && i === pieces.length - 1 });
      });
    });
    /* A text typed without marks (under a tenth of its syllables have any;
       Vietnamese has them on most): its words may stand for marked ones. */
    var marked = stream.filter(function (token) { return token.text !== token.plain; }).length;
    stream.bare = marked < 0.1 * stream.length;
    return { words: words, stream: stream };
  }

  /* Whether a page's word stands for a query syllable. Typed without marks,
     the syllable stands for the word in any marks ("tuy": "túy", "tùy").
     Typed with marks, for the word with those marks (either tone
     placement: "túy", "tuý"), or any word of the same letters in a text
     typed without marks (`bare`); not for another word ("túy" is not
     "tùy", "Đỗ An" not "đồ ăn", "Dân trí" not "dân tri ân"). `exact`: only
     the word exactly as typed. */
  function sameWord(token, t, exact, bare) {
    if (token.plain !== t.plain) {
      return false;
    }
    if (exact) {
      return token.text === t.text;
    }
    return t.text === t.plain || bare || token.text === t.text || token.text === t.alternative;
  }

  /* Where in the stream `sequence` occurs (its first token's indexes). */
  function occurrences(stream, sequence, exact) {
    var found = [];
    for (var i = 0; i + sequence.length <= stream.length; i += 1) {
      var j = 0;
      while (j < sequence.length && (j === 0 || !stream[i + j - 1].stop) &&
             sameWord(stream[i + j], sequence[j], exact, stream.bare)) {
        j += 1;
      }
      if (j === sequence.length) {
        found.push(i);
      }
    }
    return found;
  }

  function wordCount(text) {
    return String(text || "").split(/\s+/).filter(Boolean).length;
  }

  function idf(total, count) {
    return Math.log(1 + (Math.max(total, count) - count + 0.5) / (count + 0.5));
  }

  /* A credited name (author or outlet filter) that the query gives whole:
     "TTXVN", "Tuyết Lan" (not "Hà Nội" for "Hà Nội mới"). */
  function credited(query, data) {
    var typed = " " + query.terms.map(function (t) { return t.plain; }).join(" ") + " ";
    var names = [].concat((data.filters && data.filters.author) || [], (data.filters && data.filters.outlet) || []);
    return names.some(function (name) {
      var words = parts(name).map(plain);
      return words.length > 0 && typed.indexOf(" " + words.join(" ") + " ") !== -1;
    });
  }

  /* The sequences the query asks for, each scored on its own: every
     syllable, each pair of neighbours in a run, each quoted phrase.
     `shown`: marked in the excerpt (a syllable of a longer run only where
     it stands next to a neighbour). */
  function units(query) {
    var all = [];
    query.runs.forEach(function (run) {
      run.forEach(function (t) {
        all.push({ terms: [t], weight: 1, exact: run.length === 1, shown: run.length === 1 });
      });
      for (var i = 0; i + 1 < run.length; i += 1) {
        all.push({ terms: run.slice(i, i + 2), weight: 2, exact: true, shown: true, run: run });
      }
    });
    query.phrases.forEach(function (phrase) {
      all.push({ terms: phrase, weight: 2, exact: true, shown: true, required: true });
    });
    return all;
  }

  /* What the ranking needs to know of one page, or null when the page does
     not match: a syllable only inside a longer word, a quoted phrase absent,
     a run's syllable next to none of its neighbours (unless `loose`). */
  function examine(query, data, counts, total, loose) {
    var text = tokens(data.content);
    var stream = text.stream;
    /* The title comes first in the text, then the byline (meta "byline",
       "source"): matches in the title weigh more. */
    var titleEnd = wordCount(data.meta && data.meta.title);
    var marked = new Set();
    var found = { pairs: 0, exact: 0, score: 0, words: text.words, marked: marked, loose: loose,
      bodyStart: titleEnd + wordCount(data.meta && data.meta.byline) + wordCount(data.meta && data.meta.source) };
    var length = Math.max(1, stream.length);
    var paired = new Map();
    var matches = units(query).every(function (unit) {
      var starts = occurrences(stream, unit.terms, false);
      if (unit.run) {
        paired.set(unit.run, (paired.get(unit.run) || []).concat(starts.length > 0));
      }
      if (!starts.length) {
        return !unit.required && unit.terms.length > 1;
      }
      var tf = 0;
      starts.forEach(function (i) {
        tf += stream[i].position < titleEnd ? TITLE_WEIGHT : 1;
        for (var k = 0; unit.shown && k < unit.terms.length; k += 1) {
          marked.add(stream[i + k].position);
        }
      });
      var rarest = Math.min.apply(null, unit.terms.map(function (t) { return counts[t.plain] || 1; }));
      /* BM25 (k1 1.2, b 0.75, a typical article of 500 words) */
      var norm = 1.2 * (0.25 + 0.75 * length / 500);
      found.score += unit.weight * idf(total, rarest) * tf * 2.2 / (tf + norm);
      found.pairs += unit.run ? 1 : 0;
      found.exact += unit.exact && occurrences(stream, unit.terms, true).length ? 1 : 0;
      return true;
    });
    var runsMet = loose || query.runs.every(function (run) {
      var pairs = paired.get(run) || [];
      return covered(run, function (i) { return pairs[i]; });
    });
    if (!matches || !runsMet) {
      return null;
    }
    found.credited = credited(query, data) ? 1 : 0;
    /* How much of the query the title has: its syllables weighted by
       rarity (a news title says what the article is about). */
    var title = stream.filter(function (token) { return token.position < titleEnd; });
    var weights = 0;
    var inTitle = 0;
    distinctTerms(query).forEach(function (t) {
      var weight = idf(total, counts[t.plain] || 1);
      weights += weight;
      inTitle += occurrences(title, [t], false).length ? weight : 0;
    });
    found.title = weights ? Math.round(10 * inTitle / weights) : 0;
    found.about = about(query, data, stream, titleEnd, found) ? 1 : 0;
    return found;
  }

  /* Whether a page is about the query rather than naming it in passing:
     its title has the query's rarer half (syllables weighted by rarity),
     it is credited to the name, one of its tags is the query, or its text
     says the query MENTIONS times, the first within EARLY_WORDS words of
     the lead, or once more than that anywhere (each run and phrase whole;
     each syllable, for a loose match). */
  function about(query, data, stream, titleEnd, found) {
    if (found.credited || found.title >= 5 || tagged(query, data)) {
      return true;
    }
    var sequences = query.runs.concat(query.phrases);
    if (found.loose) {
      sequences = query.terms.map(function (t) { return [t]; });
    }
    return sequences.every(function (sequence) {
      var after = occurrences(stream, sequence, false).filter(function (i) {
        return stream[i].position >= titleEnd;
      });
      return after.length >= MENTIONS + 1 ||
        (after.length >= MENTIONS && stream[after[0]].position < found.bodyStart + EARLY_WORDS);
    });
  }

  /* A tag of the page is the query, or one of its runs or phrases ("Đà
     Nẵng" for "da nang"; not "Thừa Thiên Huế", the province, for "Huế"). */
  function tagged(query, data) {
    var tags = (data.filters && data.filters.tag) || [];
    var sequences = query.runs.concat(query.phrases);
    return sequences.length > 0 && tags.some(function (tag) {
      var stream = tokens(tag).stream;
      stream.bare = false;
      return sequences.some(function (sequence) {
        return stream.length === sequence.length && occurrences(stream, sequence, false).length > 0;
      });
    });
  }

  function distinctTerms(query) {
    var seen = {};
    return query.terms.filter(function (t) {
      return seen[t.text] ? false : (seen[t.text] = true);
    });
  }

  function better(a, b) {
    return (b.found.pairs - a.found.pairs) || (b.found.credited - a.found.credited) ||
      (b.found.exact - a.found.exact) || (b.found.title - a.found.title) ||
      (b.found.score - a.found.score) || (a.order - b.order);
  }

  /* ---- One search: candidates read batch by batch ---- */

  function Search(index, query, filters) {
    this.index = index;
    this.query = query;
    this.filters = filters;
    this.ready = [];  /* read, matching, ranked within their batch */
    this.passing = [];  /* read, matching, but naming the query once in passing: listed apart */
    this.waiting = [];  /* candidates not read yet */
    this.total = 0;  /* candidates, or pages for a filter only */
    this.settled = true;  /* false while reading may still drop candidates */
  }

  Search.prototype.start = function () {
    var self = this;
    if (!self.query.terms.length) {
      return self.index.pagefind.search(null, { filters: self.filters }).then(function (found) {
        self.waiting = (found && found.results) || [];
        self.total = self.waiting.length;
        self.filterOnly = true;
      });
    }
    return candidates(self.index, self.query, self.filters).then(function (found) {
      self.waiting = found.pages;
      self.counts = found.counts;
      self.loose = found.loose;
      self.total = found.pages.length;
      /* Reading drops candidates only on side-by-side checks, marks and
         syllables not in the index. */
      self.settled = !self.query.phrases.length && self.query.runs.every(function (run) {
        return run.length === 1 && indexed(run[0]) && run[0].text === run[0].plain;
      });
    });
  };

  /* Read the next batch of candidates and rank it. */
  Search.prototype.readBatch = function () {
    var self = this;
    var batch = self.waiting.splice(0, self.filterOnly ? PAGE_SIZE : BATCH);
    var total = Math.max(self.index.total, self.total);
    return Promise.all(batch.map(function (result) {
      return result.data();
    })).then(function (pages) {
      var read = [];
      pages.forEach(function (data, i) {
        var found = self.filterOnly ? { words: tokens(data.content).words, marked: new Set(),
          bodyStart: wordCount(data.meta && data.meta.title) + wordCount(data.meta && data.meta.byline) + wordCount(data.meta && data.meta.source) }
          : examine(self.query, data, self.counts, total, self.loose);
        if (found) {
          read.push({ data: data, found: found, order: i });
        } else {
          self.total -= 1;
        }
      });
      if (!self.filterOnly) {
        read.sort(better);
      }
      self.ready = self.ready.concat(read.filter(function (item) { return self.filterOnly || item.found.about; }));
      self.passing = self.passing.concat(read.filter(function (item) { return !self.filterOnly && !item.found.about; }));
      if (!self.waiting.length) {
        self.settled = true;
        if (!self.ready.length) {
          /* nothing is about the query: the passing mentions are the results */
          self.ready = self.passing;
          self.passing = [];
        }
      }
    });
  };

  /* The results from `start` to `start + count`, reading batches as needed. */
  Search.prototype.slice = function (start, count) {
    var self = this;
    if (self.ready.length >= start + count || !self.waiting.length) {
      return Promise.resolve(self.ready.slice(start, start + count));
    }
    return self.readBatch().then(function () {
      return self.slice(start, count);
    });
  };

  Search.prototype.hasMore = function (shown) {
    return shown < this.ready.length || this.waiting.length > 0;
  };

  /* ---- Showing results ---- */

  /* The excerpt: the window of EXCERPT_WORDS words with the most matched
     words, in the body when it has any, else the start of the body. */
  function excerptNode(found) {
    var words = found.words;
    var positions = Array.from(found.marked).sort(function (a, b) { return a - b; });
    var inBody = positions.filter(function (p) { return p >= found.bodyStart; });
    var pool = inBody.length ? inBody : positions;
    var start = Math.min(found.bodyStart, Math.max(0, words.length - 1));
    var best = -1;
    pool.forEach(function (p) {
      var from = Math.max(inBody.length ? found.bodyStart : 0, p - 8);
      var hits = pool.filter(function (q) { return q >= from && q < from + EXCERPT_WORDS; }).length;
      if (hits > best) {
        best = hits;
        start = from;
      }
    });
    var end = Math.min(words.length, start + EXCERPT_WORDS);
    var p = document.createElement("p");
    p.className = "excerpt";
    var text = start > found.bodyStart ? "… " : "";
    var flush = function () {
      if (text) {
        p.appendChild(document.createTextNode(text));
        text = "";
      }
    };
    for (var i = start; i < end; i += 1) {
      var word = words[i];
      if (found.marked.has(i)) {
        var core = /^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$/u.exec(word);
        text += core[1];
        flush();
        var mark = document.createElement("mark");
        mark.textContent = core[2];
        p.appendChild(mark);
        text = core[3];
      } else {
        text += word;
      }
      text += i + 1 < end ? " " : "";
    }
    text += end < words.length ? " …" : "";
    flush();
    return p;
  }

  function resultNode(item) {
    var data = item.data;
    var node = document.createElement("li");
    node.className = "search-result";
    var heading = document.createElement("h2");
    var link = document.createElement("a");
    link.href = data.url;
    link.textContent = (data.meta && data.meta.title) || data.url;
    heading.appendChild(link);
    node.appendChild(heading);
    var facts = [];
    if (data.meta && data.meta.date) {
      facts.push(data.meta.date);
    }
    if (data.filters && data.filters.author && data.filters.author.length) {
      facts.push(data.filters.author.join(", "));
    }
    if (data.filters && data.filters.outlet && data.filters.outlet.length) {
      facts.push("Nguồn: " + data.filters.outlet.join(", "));
    }
    if (facts.length) {
      var meta = document.createElement("p");
      meta.className = "meta";
      meta.textContent = facts.join(" · ");
      node.appendChild(meta);
    }
    node.appendChild(excerptNode(item.found));
    return node;
  }

  function showMore(search, stamp) {
    var first = list.children.length;
    return search.slice(first, PAGE_SIZE).then(function (items) {
      if (stamp !== generation) {
        return;
      }
      items.forEach(function (item) {
        list.appendChild(resultNode(item));
      });
      more.hidden = !search.hasMore(list.children.length);
      showPassing(search);
    });
  }

  /* The passing mentions, once every candidate is read: behind a closed
     <details>, their results built only when it is opened. */
  function showPassing(search) {
    passingList.textContent = "";
    passingBox.open = false;
    passingBox.hidden = search.waiting.length > 0 || !search.passing.length || search.hasMore(list.children.length);
    if (passingBox.hidden) {
      return;
    }
    passingSummary.textContent = search.passing.length.toLocaleString("vi-VN") + " bài khác chỉ nhắc qua từ khóa";
    passingBox.onToggle = function () {
      if (passingBox.open && !passingList.children.length && search === current) {
        search.passing.forEach(function (item) {
          passingList.appendChild(resultNode(item));
        });
      }
    };
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

  function describe(query, filters, search) {
    var what = query ? "cho “" + query + "”" : "";
    var scope = [];
    if (filters.year) {
      scope.push(filters.year === "Không rõ ngày" ? "không rõ ngày" : "năm " + filters.year);
    }
    if (filters.author) {
      scope.push("tác giả " + filters.author);
    }
    if (filters.outlet) {
      scope.push("nguồn " + filters.outlet);
    }
    if (filters.tag) {
      scope.push("chủ đề " + filters.tag);
    }
    var within = scope.length ? " (" + scope.join(", ") + ")" : "";
    if (!search.total) {
      return "Không tìm thấy bài nào " + what + within + ".";
    }
    /* an estimate until every candidate is read: reading may drop some */
    var amount = (search.settled ? "" : "khoảng ") + search.total.toLocaleString("vi-VN");
    var note = search.loose ? " Không bài nào có các tiếng đứng liền nhau như khi gõ; đây là các bài có đủ các tiếng." : "";
    if (search.settled && search.passing.length) {
      note += " " + search.passing.length.toLocaleString("vi-VN") + " bài chỉ nhắc qua từ khóa được xếp riêng ở cuối.";
    }
    return "Tìm thấy " + amount + " bài " + what + within + "." + note;
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
    var stamp = (generation += 1);
    updateUrl(query, filters);
    list.textContent = "";
    more.hidden = true;
    passingBox.hidden = true;
    passingBox.onToggle = null;
    passingList.textContent = "";
    current = null;
    var parsed = parseQuery(query);
    if (!parsed.terms.length && !Object.keys(filters).length) {
      say("");
      return Promise.resolve();
    }
    say("Đang tìm…");
    return load().then(function (index) {
      var search = new Search(index, parsed, filters);
      return search.start().then(function () {
        return search;
      });
    }).then(function (search) {
      if (stamp !== generation) {
        return null;
      }
      current = search;
      return showMore(search, stamp).then(function () {
        /* announced once the first results are on the page, so the live
           region and the list agree */
        if (stamp === generation) {
          say(describe(query, filters, search));
        }
      });
    }).catch(function () {
      say("Không tải được chỉ mục tìm kiếm. Hãy thử tải lại trang.");
    });
  }

  function fillFilters(index) {
    return index.pagefind.filters().then(function (available) {
      var params = new URL(window.location.href).searchParams;
      var years = available.year || {};
      index.total = Object.keys(years).reduce(function (sum, year) { return sum + years[year]; }, 0);
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
    if (!current) {
      return;
    }
    var first = list.children.length;
    var search = current;
    showMore(search, generation).then(function () {
      var next = list.children[first];
      var link = next && next.querySelector("a");
      if (link) {
        link.focus();
      }
      if (search === current) {
        say(describe(input.value.trim(), chosenFilters(), search));
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

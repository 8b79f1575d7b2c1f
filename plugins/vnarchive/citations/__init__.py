"""citations: where each article came from and how to cite it (issue 15).

For every article, before the pages are written (article_generator_finalized):

- `article.provenance` (view.Provenance): the "Nguồn gốc" section's facts,
  read from the metadata the converter wrote (original URL, crawl date, raw
  file name and sha256, encoding, lines removed by kind, credit as printed
  and as parsed, date evidence, converter version);
- `article.citation` (view.Citation): the Vietnamese reference (APA 7
  adapted, reference.py) and the links to the files below;
- beside the page, in the article's folder: `van-ban-goc.txt` (the raw text
  as received, UTF-8: a copy of the converter's CONTENT/.rawnews/text/<sha256>.txt),
  `trich-dan.bib` (bibtex.py) and `trich-dan.json` (CSL-JSON, csl.py),
  each written only when it changes and removed when its article goes (files.py).

The theme shows them with partials/provenance.html and partials/citation.html.

Settings (all optional), merged over DEFAULT_SETTINGS:

    CITATIONS = {
        "ENABLED": True,                # False: no sections, and the files are removed
        "RAW_TEXT": "van-ban-goc.txt",  # file names in each article's folder
        "BIBTEX": "trich-dan.bib",
        "CSL_JSON": "trich-dan.json",
    }
"""

from __future__ import annotations

import os
import posixpath
import time
from pathlib import Path

from vnarchive.foundation import Plugin

DEFAULT_SETTINGS = {"ENABLED": True, "RAW_TEXT": "van-ban-goc.txt", "BIBTEX": "trich-dan.bib", "CSL_JSON": "trich-dan.json"}
PLUGIN = Plugin(__name__, "CITATIONS", DEFAULT_SETTINGS)
logger = PLUGIN.logger
TEXTS = (".rawnews", "text")  # where the converter keeps the raw-text copies, under PATH


def article_folder(article) -> tuple[str, str]:
    """(folder in the output, its URL) of an article's page: "bai/<slug>", "bai/<slug>/"."""
    save_as, url = article.save_as, article.url
    if save_as.endswith("/index.html") or save_as == "index.html":
        folder = posixpath.dirname(save_as)
        base = url if url.endswith("/") or not url else posixpath.dirname(url) + "/"
        return folder, base
    stem = posixpath.splitext(save_as)[0]
    return stem, posixpath.splitext(url)[0] + "/"


def _names(options: dict) -> tuple[str, str, str]:
    names = tuple(str(options[key]) for key in ("RAW_TEXT", "BIBTEX", "CSL_JSON"))
    for name in names:
        if not name or "/" in name or name.startswith(".") or not name.endswith((".txt", ".bib", ".json")):
            raise ValueError(f"citations: bad file name {name!r}")
    return names


def prepare(generator) -> None:
    """Signal handler (article_generator_finalized): the sections' data and the files."""
    from . import files
    from .bibtex import entry
    from .csl import dumps
    from .reference import reference
    from .view import Citation, provenance_of
    from .work import work_of

    settings = generator.settings
    options = PLUGIN.options(settings)
    output = Path(settings["OUTPUT_PATH"])
    state = files.state_path(settings)
    if not options["ENABLED"]:
        files.sync(output, {}, state)
        return
    began, cpu = time.perf_counter(), time.process_time()
    raw_name, bib_name, csl_name = _names(options)
    texts = Path(settings["PATH"]).joinpath(*TEXTS)
    try:
        copies = {name[:-4] for name in os.listdir(texts) if name.endswith(".txt")}
    except OSError:
        copies = set()
    siteurl, sitename = settings.get("SITEURL") or "", settings.get("SITENAME") or ""
    wanted: dict[str, files.Wanted] = {}
    for article in generator.articles:
        folder, base = article_folder(article)
        work = work_of(article, siteurl, sitename)
        bib = entry(work).encode("utf-8")
        csl = dumps(work).encode("utf-8")
        wanted[f"{folder}/{bib_name}"] = files.Wanted(files.text_key(bib), bib)
        wanted[f"{folder}/{csl_name}"] = files.Wanted(files.text_key(csl), csl)
        sha = str(article.metadata.get("raw_sha256") or "")
        raw_url = ""
        if sha in copies:
            wanted[f"{folder}/{raw_name}"] = files.Wanted(sha, copy_of=str(texts / f"{sha}.txt"))
            raw_url = base + raw_name
        article.provenance = provenance_of(article, work, raw_url)
        article.citation = Citation(reference(work), base + bib_name, base + csl_name)
    stats = files.sync(output, wanted, state)
    for rel in stats.missing:
        logger.warning("citations: %s not written: its raw-text copy disappeared during the build", rel)
    logger.info("citations: %d files written, %d unchanged, %d removed (%.2f s, CPU %.2f s)",
                stats.written, stats.kept, stats.removed, time.perf_counter() - began, time.process_time() - cpu)


def register() -> None:
    from pelican import signals

    PLUGIN.connect(signals.article_generator_finalized, prepare)

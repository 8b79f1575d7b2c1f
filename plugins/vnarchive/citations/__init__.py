"""citations: where each article came from and how to cite it (issue 15).

For every article, before the pages are written (article_generator_finalized),

- `article.provenance` (view.Provenance): the "Nguồn gốc" section's facts,
  read from the metadata the converter wrote (original URL, crawl date, raw
  file name and sha256, encoding, lines removed by kind, credit as printed
  and as parsed, date evidence, converter version);
- `article.citation` (view.Citation): the Vietnamese reference (APA 7
  adapted, reference.py) and the links to the files below;
- beside the page, in the article's folder: `van-ban-goc.txt` (the raw text
  as received, UTF-8: a copy of the converter's CONTENT/.rawnews/text/<sha256>.txt),
  `trich-dan.bib` (bibtex.py) and `trich-dan.json` (CSL-JSON, csl.py),
  each written only when it changes and removed when its article goes
  (files.py; on article_writer_finalized, when the pages' URLs are known).

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
    """Signal handler (article_generator_finalized): the sections' data, for the pages.

    No URL is computed here (Pelican formats one on every access until
    fast_build keeps them, later): the page makes its links with the
    `beside` filter, and the files are written on article_writer_finalized."""
    from .reference import reference
    from .view import Citation, provenance_of
    from .work import http_url, work_of

    settings = generator.settings
    options = PLUGIN.options(settings)
    if not options["ENABLED"]:
        return
    began, cpu = time.perf_counter(), time.process_time()
    raw_name, bib_name, csl_name = _names(options)
    copies = _copies(settings)
    siteurl, sitename = settings.get("SITEURL") or "", settings.get("SITENAME") or ""
    siteurl = siteurl if http_url(siteurl) else ""  # the archive's own URL only when absolute
    for article in generator.articles:
        if getattr(article, "shard_stand_in", False):
            continue  # in a sharded build's job, read for its links only: another job writes its page
        work = work_of(article, siteurl, sitename)
        sha = str(article.metadata.get("raw_sha256") or "")
        article.provenance = provenance_of(article, work, raw_name if sha in copies else "")
        article.citation = Citation(reference(work), bib_name, csl_name, work)
    logger.debug("citations: sections prepared (%.2f s, CPU %.2f s)", time.perf_counter() - began, time.process_time() - cpu)


def _copies(settings) -> set[str]:
    """The sha256 of every raw-text copy the converter keeps."""
    try:
        return {name[:-4] for name in os.listdir(Path(settings["PATH"]).joinpath(*TEXTS)) if name.endswith(".txt")}
    except OSError:
        return set()


def write_files(generator, writer) -> None:
    """Signal handler (article_writer_finalized): the files beside each page,
    written when changed; those of articles gone are removed."""
    from . import files
    from .bibtex import entry
    from .csl import dumps

    settings = generator.settings
    options = PLUGIN.options(settings)
    output = Path(settings["OUTPUT_PATH"])
    state = files.state_path(settings)
    if not options["ENABLED"]:
        files.sync(output, {}, state)
        return
    began, cpu = time.perf_counter(), time.process_time()
    texts = Path(settings["PATH"]).joinpath(*TEXTS)
    from vnarchive.shards import output_filter

    owns = output_filter(output)  # in a sharded build's job: only the files of its own articles
    wanted: dict[str, files.Wanted] = {}
    for article in generator.articles:
        citation, provenance = getattr(article, "citation", None), getattr(article, "provenance", None)
        if citation is None or provenance is None:
            continue
        folder = article_folder(article)[0]
        if owns is not None and not owns(f"{folder}/{citation.bibtex}"):
            continue
        bib = entry(citation.work).encode("utf-8")
        csl = dumps(citation.work).encode("utf-8")
        wanted[f"{folder}/{citation.bibtex}"] = files.Wanted(files.text_key(bib), bib)
        wanted[f"{folder}/{citation.csl}"] = files.Wanted(files.text_key(csl), csl)
        if provenance.raw_text:
            source = texts / f"{provenance.sha256}.txt"
            try:  # (the converter replaces a copy by name when its text changes: a new file, a new key)
                st = os.stat(source)
            except OSError:
                continue
            wanted[f"{folder}/{provenance.raw_text}"] = files.Wanted(f"{provenance.sha256}:{st.st_size}:{st.st_mtime_ns}", copy_of=str(source))
    stats = files.sync(output, wanted, state)
    for rel in stats.missing:
        logger.warning("citations: %s not written: its raw-text copy disappeared during the build", rel)
    logger.info("citations: %d files written, %d unchanged, %d removed (%.2f s, CPU %.2f s)",
                stats.written, stats.kept, stats.removed, time.perf_counter() - began, time.process_time() - cpu)


def beside(article, name: str) -> str:
    """Jinja filter: the URL of the file `name` beside the article's page ("bai/<slug>/trich-dan.bib")."""
    return article_folder(article)[1] + name if name else ""


def add_filter(generator) -> None:
    """Signal handler (generator_init): the `beside` filter."""
    generator.env.filters["beside"] = beside


def register() -> None:
    from pelican import signals

    PLUGIN.connect(signals.generator_init, add_filter)
    PLUGIN.connect(signals.article_generator_finalized, prepare)
    PLUGIN.connect(signals.article_writer_finalized, write_files)

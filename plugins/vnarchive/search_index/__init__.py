"""search_index: build the Pagefind full-text index as the last build step.

When Pelican has written the site (`finalized`; fast_build has deleted the
pages that are gone by then), runs Pagefind (the PyPI package
`pagefind[bin]`, so nothing is downloaded) over the article pages, one
bundle per year (bundles.py): `OUTPUT/pagefind/<year>/`, plus
`khong-ro-ngay/` for undated articles, `bundles.json` listing them newest
first, and `pagefind.js` (Pagefind's library, copied from a bundle). Each
bundle is a separate Pagefind run over a temporary folder of its pages,
each reduced to what Pagefind reads (indexer.py), so Pagefind's memory is
bounded by the biggest year, not the archive. A rebuild re-indexes only the
bundles whose pages changed (a digest per bundle in
`CACHE_PATH/search_index/state-<hash of OUTPUT_PATH>.json`, one per output
folder, with each page's size, mtime and digest so unchanged pages are not
read again; with `CACHE_CONTENT` off everything is re-indexed) and deletes
the bundles of years that no longer exist. The search page
(theme/static/js/search.js) loads the first bundle and merges the others
with Pagefind's `mergeIndex`, so readers see one search with the same
filters.

The theme marks what is indexed: `data-pagefind-body` on the article (title,
credits, lead, text), `data-pagefind-filter` for year, author, outlet and tag,
`data-pagefind-meta` for the date shown in results and for the credits
(`byline`: authors and newsroom credits, `source`: outlets; weighted 10, so
a name ranks its own articles first). How the search page matches and
ranks (whole syllables, phrases, marks, "dak" for "Đắk", credits) is in
docs/search.md.

Settings (all optional), merged over DEFAULT_SETTINGS:

    SEARCH_INDEX = {
        "OUTPUT_SUBDIR": "pagefind",  # folder of the bundles inside OUTPUT_PATH
        "GLOB": None,                 # pages to index (pathlib glob); None: from ARTICLE_SAVE_AS ("bai/*/index.html")
        "EXTRA_ARGS": [],             # more Pagefind CLI arguments, for every bundle
        "TIMEOUT": 1800,              # seconds, per bundle
        "MAX_BUNDLE_PAGES": 5000,     # a bigger year is split into parts (2024-1, 2024-2, ...)
        "JOBS": 2,                    # Pagefind runs at once (peak memory: JOBS bundles); None: one per core
        "ENABLED": True,
    }

A failure of Pagefind is logged as an error; it never stops the build (the
bundle that failed keeps its previous files and is retried next build).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
from concurrent.futures import ThreadPoolExecutor
from importlib import metadata
from pathlib import Path

from vnarchive.common.workers import cpu_count
from vnarchive.foundation import Plugin

from .bundles import MANIFEST, STATE_FORMAT, Page, group_pages, manifest, plan_bundles, read_page
from .indexer import LIBRARY, PagefindError, index_bundle, pagefind_command, remove_stale

__all__ = ["register", "build_index", "pagefind_command", "glob_from_save_as", "plugin_settings"]

DEFAULT_SETTINGS = {
    "OUTPUT_SUBDIR": "pagefind",
    "GLOB": None,
    "EXTRA_ARGS": [],
    "TIMEOUT": 1800,
    "MAX_BUNDLE_PAGES": 5000,
    "JOBS": 2,
    "ENABLED": True,
}

PLUGIN = Plugin(__name__, "SEARCH_INDEX", DEFAULT_SETTINGS)
logger = PLUGIN.logger
plugin_settings = PLUGIN.options


def glob_from_save_as(save_as: str) -> str:
    """ARTICLE_SAVE_AS "bai/{slug}/index.html" -> glob "bai/*/index.html"."""
    pattern = re.sub(r"\{[^}]*\}", "*", save_as or "").lstrip("/")
    return pattern if pattern.endswith((".html", ".htm")) else "**/*.html"


def pagefind_version() -> str:
    try:
        return metadata.version("pagefind")
    except metadata.PackageNotFoundError:
        return "unknown"


def settings_digest(options: dict, glob: str, version: str) -> str:
    """What, besides the pages, shapes every bundle: a change re-indexes all."""
    shaping = {"glob": glob, "version": version, "subdir": options["OUTPUT_SUBDIR"],
               "args": [str(a) for a in options["EXTRA_ARGS"] or ()], "max": options["MAX_BUNDLE_PAGES"]}
    return hashlib.blake2b(json.dumps(shaping, sort_keys=True).encode("utf-8"), digest_size=16).hexdigest()


def collect_pages(output: Path, glob: str, bundle_root: Path, known: dict):
    """Every page the glob matches (outside the bundles' folder). A page whose
    size and mtime are those of the last build (`known`: path -> [size,
    mtime_ns, digest, year]) is not read again; fast_build leaves unchanged
    pages untouched. Returns the pages, their files and the new `known`."""
    pages, files, seen = [], {}, {}
    for path in sorted(output.glob(glob)):
        if bundle_root in path.parents:
            continue
        relative = path.relative_to(output).as_posix()
        try:
            stat = path.stat()
            if not path.is_file():
                continue
            last = known.get(relative)
            if isinstance(last, list) and len(last) == 4 and last[:2] == [stat.st_size, stat.st_mtime_ns]:
                page = Page(relative, last[2], last[3])
            else:
                page = read_page(relative, path.read_bytes())
        except OSError as error:
            logger.warning("search_index: %s not indexed: %s", relative, error)
            continue
        pages.append(page)
        files[relative] = path
        seen[relative] = [stat.st_size, stat.st_mtime_ns, page.digest, page.year]
    return pages, files, seen


def state_file(cache: Path, output: Path) -> Path:
    """The state of the bundles in one OUTPUT folder: two sites built from one
    checkout (one CACHE_PATH) each keep their own, or one would take the
    other's bundles for its own and keep stale ones."""
    tag = hashlib.blake2b(os.path.abspath(output).encode("utf-8", "surrogateescape"), digest_size=8).hexdigest()
    return cache / "search_index" / f"state-{tag}.json"


def load_state(path: Path | None) -> dict | None:
    if path is None or not path.is_file():
        return None
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        logger.warning("search_index: state %s unreadable (%s); re-indexing every bundle", path, error)
        return None
    return state if isinstance(state, dict) else None


def _write(path: Path, text: str) -> None:
    """The file, in its folder, unless it holds this text already (the converter's atomic write)."""
    from vnarchive.rawnews.files import write_if_changed

    path.parent.mkdir(parents=True, exist_ok=True)
    write_if_changed(path, text, "search index")


def build_index(pelican) -> bool:
    """Signal handler (finalized): bring the per-year Pagefind bundles up to date.
    Whether every bundle is (a failed one keeps its old files and is retried next build)."""
    settings = pelican.settings
    options = plugin_settings(settings)
    if not options["ENABLED"]:
        return True
    began = time.perf_counter()
    output = Path(settings["OUTPUT_PATH"])
    bundle_root = output / str(options["OUTPUT_SUBDIR"])
    glob = options["GLOB"] or glob_from_save_as(settings.get("ARTICLE_SAVE_AS", ""))
    version = pagefind_version()
    shaping = settings_digest(options, glob, version)
    cache = settings.get("CACHE_PATH") if settings.get("CACHE_CONTENT") else None
    state_path = state_file(Path(cache), output) if cache else None

    previous = load_state(state_path)
    if previous is not None and previous.get("output") != os.path.abspath(output):
        previous = None
    known = (previous or {}).get("pages") if (previous or {}).get("settings") == shaping else None
    pages, files, seen = collect_pages(output, glob, bundle_root, known if isinstance(known, dict) else {})
    bundles = group_pages(pages, int(options["MAX_BUNDLE_PAGES"] or 0))
    plan = plan_bundles(bundles, previous, shaping,
                        present=lambda key: (bundle_root / key / "pagefind-entry.json").is_file())
    done = dict.fromkeys(plan.keep)

    def run(key: str) -> str | None:
        try:
            index_bundle([files[p.path] for p in bundles[key]], output, bundle_root, key, options)
        except PagefindError as error:
            logger.error("search_index: Pagefind failed for bundle %s: %s", key, error)
            return None
        return key

    jobs = max(1, int(options["JOBS"] or cpu_count()))
    with ThreadPoolExecutor(max_workers=jobs) as pool:  # each job waits on its own Pagefind process
        for key in pool.map(run, plan.build):
            if key is not None:
                done[key] = None
    remove_stale(bundle_root, set(bundles))
    # Only bundles with files are listed: one that never indexed is left out, not broken.
    listed = [key for key in bundles if (bundle_root / key / "pagefind-entry.json").is_file()]
    listing = manifest(listed, version)
    if listing["bundles"]:  # the library the search page imports, at a URL that never changes
        library = (bundle_root / listing["bundles"][0] / LIBRARY).read_text(encoding="utf-8")
        _write(bundle_root / LIBRARY, library)
    _write(bundle_root / MANIFEST, json.dumps(listing, ensure_ascii=False, indent=1) + "\n")
    if state_path is not None:
        state = {"format": STATE_FORMAT, "output": os.path.abspath(output), "settings": shaping,
                 "bundles": {k: plan.digests[k] for k in done}, "pages": seen}
        _write(state_path, json.dumps(state, sort_keys=True, separators=(",", ":")) + "\n")
    logger.info("search_index: %d pages in %d bundles; re-indexed %s, kept %d, in %.1f s",
                len(pages), len(bundles), ", ".join(plan.build) or "none", len(plan.keep), time.perf_counter() - began)
    return all(key in done for key in bundles)


def register() -> None:
    from pelican import signals

    PLUGIN.connect(signals.finalized, build_index)

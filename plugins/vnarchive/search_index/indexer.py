"""Running Pagefind for one bundle, and tidying the bundles' folder.

Pagefind's CLI picks pages by a glob over a folder, and article pages of one
year share no folder. So each bundle gets a temporary folder (in memory when
the system has /dev/shm) with its pages at the same relative paths (Pagefind
computes the same URLs), each reduced to what Pagefind reads or else linked,
and Pagefind writes the bundle into a fresh folder that then replaces the
old one: a failed run leaves the previous bundle in place.
(Pagefind's Python API would avoid the links, but its service answers one
request per 0.1 s poll: ~17 minutes for 10,000 pages.)
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .bundles import MANIFEST, UNDATED, reduced_page


LIBRARY = "pagefind.js"  # also kept at the root of the bundles' folder: the search page imports it there


class PagefindError(Exception):
    """Pagefind did not run or did not finish."""


def pagefind_command(site: Path, bundle_dir: Path, options: dict) -> list[str]:
    return [
        sys.executable, "-m", "pagefind",
        "--site", str(site),
        "--output-path", str(bundle_dir),
        "--glob", "**/*.{html,htm}",
        "--quiet",
        *[str(arg) for arg in options["EXTRA_ARGS"] or ()],
    ]


def staging_root(memory: str = "/dev/shm") -> str | None:
    """Where the staging folders go: a memory file system when there is one.

    Staging costs a folder and a file per page, and removing them as much
    again, mostly system time: indexing 10,000 pages on the development
    machine took 14.6-15.0 s staged in /tmp, 11.1-11.8 s in /dev/shm (as
    links; reduced pages, a few KB each, came later). If the memory file
    system fills up, pages are linked instead (stage). None: the system's
    temporary folder."""
    return memory if os.path.isdir(memory) and os.access(memory, os.W_OK | os.X_OK) else None


def stage(pages: list[Path], output: Path, folder: Path) -> None:
    """`pages` in `folder`, at their paths relative to `output`: each page
    reduced to what Pagefind reads (bundles.reduced_page), or linked whole."""
    for page in pages:
        target = folder / page.relative_to(output)
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            reduced = reduced_page(page.read_bytes())
        except OSError:
            reduced = None
        if reduced is not None:
            try:
                target.write_bytes(reduced)
                continue
            except OSError:  # a small memory file system full: link instead
                target.unlink(missing_ok=True)
        os.symlink(page.resolve(), target)


def index_bundle(pages: list[Path], output: Path, bundle_root: Path, key: str, options: dict) -> None:
    """Index `pages` into bundle_root/key with one Pagefind run."""
    bundle_root.mkdir(parents=True, exist_ok=True)
    fresh = bundle_root / f".{key}.new"
    shutil.rmtree(fresh, ignore_errors=True)
    roots = list(dict.fromkeys([staging_root(), None]))  # memory first, then the system's temporary folder
    for attempt, root in enumerate(roots, 1):
        with tempfile.TemporaryDirectory(prefix="search-index-", dir=root) as folder:
            site = Path(folder) / "site"
            try:
                site.mkdir()
                stage(pages, output, site)
            except OSError as error:  # no room for the folders there (a small /dev/shm full)
                if attempt < len(roots):
                    continue
                raise PagefindError(f"pages not staged: {error}") from error
            command = pagefind_command(site, fresh.resolve(), options)
            try:
                done = subprocess.run(command, capture_output=True, text=True, timeout=options["TIMEOUT"], check=False)
            except (OSError, subprocess.TimeoutExpired) as error:
                shutil.rmtree(fresh, ignore_errors=True)
                raise PagefindError(f"did not run: {error}") from error
            break
    if done.returncode != 0 or not (fresh / "pagefind-entry.json").is_file():
        shutil.rmtree(fresh, ignore_errors=True)
        raise PagefindError(f"exit {done.returncode}: {(done.stderr or done.stdout).strip()[-2000:]}")
    target = bundle_root / key
    old = bundle_root / f".{key}.old"
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    fresh.rename(target)
    shutil.rmtree(old, ignore_errors=True)


_BUNDLE_NAME = re.compile(rf"(\d{{4}}|{UNDATED})(-\d+)?|\.(.+)\.(new|old)")
# What a single-bundle Pagefind run wrote at the root (the layout before bundles).
_LEGACY_FILE = re.compile(r"pagefind[\w.-]*\.(js|css|json)|wasm\.[\w-]+\.pagefind|[\w.-]+\.pf_meta")
_LEGACY_DIRS = {"fragment", "index", "filter", "playground"}


def remove_stale(bundle_root: Path, keep: set[str]) -> list[str]:
    """Delete bundles not in `keep` (years that no longer have articles),
    leftovers of interrupted runs, and the files of the old single bundle.
    Anything else in the folder is left alone. Returns what was removed."""
    if not bundle_root.is_dir():
        return []
    removed = []
    for entry in sorted(bundle_root.iterdir()):
        name = entry.name
        if entry.is_dir() and not entry.is_symlink():
            if name in keep or not (_BUNDLE_NAME.fullmatch(name) or name in _LEGACY_DIRS):
                continue
            shutil.rmtree(entry, ignore_errors=True)
        elif name not in (MANIFEST, LIBRARY) and _LEGACY_FILE.fullmatch(name):
            entry.unlink(missing_ok=True)
        else:
            continue
        removed.append(name)
    return removed

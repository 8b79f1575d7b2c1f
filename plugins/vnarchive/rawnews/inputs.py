"""What a run reads: every entry under the raw folder, and manifest.csv.

Nothing vanishes silently: each entry that is not read becomes a report
entry with its reason, and manifest rows that match no file are named.
"""

from __future__ import annotations

import csv
import os
import stat as _stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .files import file_kind
from .model import ReportEntry

MANIFEST_NAME = "manifest.csv"


@dataclass
class Inputs:
    files: list[tuple[Path, str]]  # (path, the name it is reported under), by name
    entries: list[ReportEntry]  # entries not read: ignored or failed, each with its reason
    manifest: dict[str, dict[str, str]] = field(default_factory=dict)  # NFC file name -> row
    manifest_unmatched: list[str] = field(default_factory=list)  # rows naming no entry

    def manifest_row(self, name: str) -> dict[str, str]:
        return self.manifest.get(nfc(name), {}) if self.manifest else {}


def list_inputs(src: Path) -> Inputs:
    """The raw files under src and a report entry for every other entry;
    the manifest, and its problem (as a failed entry) if it has one."""
    manifest, problem = load_manifest(src)
    files, entries = named_inputs(src)
    if problem:
        entries.append(ReportEntry(MANIFEST_NAME, "failed", reason=problem))
    files, clashes = unique_names(files)
    entries.extend(clashes)
    unmatched: list[str] = []
    if manifest:
        names = {nfc(name) for _, name in files} | {nfc(entry.source) for entry in entries}
        unmatched = sorted(name for name in manifest if name not in names)
    return Inputs(files, entries, manifest, unmatched)


def named_inputs(src: Path) -> tuple[list[tuple[Path, str]], list[ReportEntry]]:
    """Raw `.txt` files under src, subfolders included, each with the name
    it is reported under (see printable), and entries for the rest.

    Symbolic links are reported and never followed (they could point outside
    the corpus), hidden files and folders (`.git`) are reported and not read,
    other names are reported as not `.txt`, and a `.txt` name that is not a
    regular file (a FIFO would block the build, a device never ends) is a
    failure. manifest.csv at the top is the manifest.
    """
    files, skipped = [], []
    top = os.fspath(src)

    def unreadable(error: OSError) -> None:
        name = printable(Path(error.filename).relative_to(src).as_posix()) if error.filename else "."
        skipped.append(ReportEntry(name, "failed", reason=f"cannot list folder: {error.strerror or error}"))

    for root, dirs, names in os.walk(top, onerror=unreadable, followlinks=False):
        # The names of this folder's entries (one string operation per file
        # instead of Path arithmetic).
        prefix = printable(Path(root).relative_to(top).as_posix() + "/") if root != top else ""
        for name in sorted(dirs):
            path = Path(root, name)
            if os.path.islink(path):
                skipped.append(ReportEntry(prefix + printable(name), "ignored", reason="symbolic link to a folder, not followed"))
                dirs.remove(name)
            elif name.startswith("."):
                skipped.append(ReportEntry(prefix + printable(name), "ignored", reason="hidden folder, not read"))
                dirs.remove(name)
        dirs.sort()
        for name in sorted(names):
            full = os.path.join(root, name)
            rel = prefix + printable(name)
            try:
                mode = os.lstat(full).st_mode
            except OSError as error:
                skipped.append(ReportEntry(rel, "failed", reason=f"cannot read: {error.strerror or error}"))
                continue
            if _stat.S_ISLNK(mode):
                skipped.append(ReportEntry(rel, "ignored", reason="symbolic link, not followed"))
            elif rel == MANIFEST_NAME:
                continue
            elif name.startswith("."):
                skipped.append(ReportEntry(rel, "ignored", reason="hidden file, not read"))
            elif not name.lower().endswith(".txt"):
                skipped.append(ReportEntry(rel, "ignored", reason="not a .txt file"))
            elif not _stat.S_ISREG(mode):
                skipped.append(ReportEntry(rel, "failed", reason=f"not a regular file ({file_kind(mode)})"))
            else:
                files.append((Path(full), rel))
    return files, skipped


def printable(name: str) -> str:
    """A name as reported: valid UTF-8, its bytes that are not UTF-8 written
    as `\\xe9`, so every name can go into JSON, a post and a log (the file
    itself is read by its real path)."""
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def nfc(name: str) -> str:
    """Names compared in NFC: a manifest typed on one system names the file
    saved on another (macOS file names are NFD)."""
    return name if unicodedata.is_normalized("NFC", name) else unicodedata.normalize("NFC", name)


def unique_names(named: list[tuple[Path, str]]) -> tuple[list[tuple[Path, str]], list[ReportEntry]]:
    """Drop files whose printable name is taken by another (`caf\\xe9.txt` spelled
    out, beside a non-UTF-8 `café.txt`); they are reported, never lost silently."""
    seen: set[str] = set()
    kept, clashes = [], []
    for path, name in named:
        if name in seen:
            clashes.append(ReportEntry(name, "failed", reason="another file has the same printable name; rename one of them"))
        else:
            seen.add(name)
            kept.append((path, name))
    return kept, clashes


def load_manifest(src: Path) -> tuple[dict[str, dict[str, str]], str]:
    """(rows of manifest.csv keyed by NFC file name, a problem to report or '');
    a broken manifest never stops the build."""
    path = src / MANIFEST_NAME
    if path.is_symlink():
        return {}, "symbolic link, not followed: manifest not used"
    if not path.is_file():
        return {}, ""
    try:
        data = path.read_bytes()
    except OSError as error:
        return {}, f"cannot read manifest: {error.strerror or error}"
    problem = ""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("utf-8-sig", errors="replace")
        problem = "manifest is not valid UTF-8: bad bytes replaced"
    try:
        rows = list(csv.DictReader(text.replace("\x00", "").splitlines()))
    except csv.Error as error:
        return {}, f"manifest is not valid CSV: {error}"
    if rows and "file" not in rows[0]:
        return {}, "manifest has no 'file' column: not used"
    manifest = {}
    for row in rows:
        name = (row.get("file") or "").strip()
        if name:
            manifest[nfc(name)] = {k: (v or "").strip() if isinstance(v, str) else "" for k, v in row.items() if isinstance(k, str) and k}
    return manifest, problem

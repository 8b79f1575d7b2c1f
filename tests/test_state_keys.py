"""The converter's cached results are keyed by everything that changes a
post (rawnews/state.py: version): its data files, its code and the settings
DEFAULT_YEAR and MAX_BYTES. After any of them changes, an incremental run
gives what a fresh run gives."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS
from vnarchive.rawnews import pipeline, state

PACKAGE = ROOT / "plugins" / "vnarchive" / "rawnews"
EVAL = ROOT / "tests" / "data" / "eval" / "raw"
DATA_FILES = sorted(p.name for p in (PACKAGE / "data").iterdir() if p.is_file())


def _edited(text: str, name: str) -> str:
    """A data file with every other entry dropped; the alias file (empty)
    gets an alias instead."""
    if name == "author_aliases.txt":
        return text + "\nHồ Thị Khánh Vi = Khánh Vi Hồ\n"
    entries = (line for line in text.splitlines(keepends=True) if line.strip() and not line.startswith("#"))
    return "".join(line for index, line in enumerate(entries) if index % 2 == 0)


def _snapshot(dest: Path) -> tuple[dict[str, bytes], dict]:
    report = json.loads((dest / ".rawnews" / "report.json").read_text(encoding="utf-8"))
    report.pop("removed_posts", None)  # (what this run removed: only an incremental run removes)
    return {p.name: p.read_bytes() for p in dest.glob("*.md")}, report


@pytest.fixture(scope="module")
def raw(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("keys-raw")
    for path in [*SEEDS.glob("*.txt"), *EVAL.glob("*.txt")]:
        shutil.copy2(path, folder / path.name)
    return folder


def test_editing_any_data_file_gives_on_an_incremental_run_what_a_fresh_run_gives(raw, tmp_path):
    before = tmp_path / "before"
    pipeline.convert_folder(raw, before, jobs=1)
    runs = {}
    for name in DATA_FILES:
        # Each edit in a fresh interpreter, as a user reruns `make html`
        # (the data files are read once per process).
        plugins = tmp_path / name / "plugins"
        shutil.copytree(PACKAGE.parent, plugins / "vnarchive", ignore=shutil.ignore_patterns("__pycache__"))
        data = plugins / "vnarchive" / "rawnews" / "data" / name
        data.write_text(_edited(data.read_text(encoding="utf-8"), name), encoding="utf-8")
        incremental = shutil.copytree(before, tmp_path / name / "incremental")
        _fresh_with_the_same_urls(before, tmp_path / name / "fresh")
        script = ("import sys; from vnarchive.rawnews.pipeline import convert_folder; "
                  "convert_folder(sys.argv[1], sys.argv[2], jobs=1); convert_folder(sys.argv[1], sys.argv[3], jobs=1)")
        runs[name] = subprocess.Popen([sys.executable, "-c", script, str(raw), str(incremental), str(tmp_path / name / "fresh")],
                                      env={**os.environ, "PYTHONPATH": str(plugins)})
    changed = []
    for name, process in runs.items():
        assert process.wait(timeout=300) == 0, name
        incremental, fresh = _snapshot(tmp_path / name / "incremental"), _snapshot(tmp_path / name / "fresh")
        assert incremental == fresh, name
        if fresh[0] != _snapshot(before)[0]:
            changed.append(name)
    # (Most edits change some post of this corpus, so the test can fail.)
    assert len(changed) >= len(DATA_FILES) - 2, changed


def _fresh_with_the_same_urls(before: Path, fresh: Path) -> None:
    """An empty content folder that keeps only the slug registry of before:
    a source keeps its URL when its title changes (rawnews/corpus.py), so
    that is the fresh conversion an incremental one must equal."""
    slugs = json.loads((before / ".rawnews" / "state.json").read_text(encoding="utf-8"))["slugs"]
    (fresh / ".rawnews").mkdir(parents=True)
    (fresh / ".rawnews" / "state.json").write_text(json.dumps({"slugs": slugs}), encoding="utf-8")


def test_the_version_covers_code_data_and_settings(tmp_path):
    copy = tmp_path / "rawnews"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    digest = state.code_digest(copy)
    assert digest == state.code_digest(PACKAGE)
    for relative in ("extract/dates.py", "emit.py", "data/categories.txt"):
        path = copy / relative
        original = path.read_bytes()
        path.write_bytes(original + b"\n# changed\n")
        state.code_digest.cache_clear()
        assert state.code_digest(copy) != digest, relative
        path.write_bytes(original)
    state.code_digest.cache_clear()
    assert state.version(None, 100) != state.version(2020, 100) != state.version(2020, 200)


def test_a_lower_max_bytes_gives_on_an_incremental_run_what_a_fresh_run_gives(raw, tmp_path):
    pipeline.convert_folder(raw, tmp_path / "incremental", jobs=1)
    limit = sorted(p.stat().st_size for p in raw.glob("*.txt"))[-3]
    incremental = pipeline.convert_folder(raw, tmp_path / "incremental", jobs=1, max_bytes=limit)
    fresh = pipeline.convert_folder(raw, tmp_path / "fresh", jobs=1, max_bytes=limit)
    assert incremental.counts() == fresh.counts() and incremental.counts()["failed"] >= 2
    assert _snapshot(tmp_path / "incremental") == _snapshot(tmp_path / "fresh")

"""Shared fixtures: the seed corpus and a helper that builds a tiny site."""

from __future__ import annotations

import logging
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

SEEDS = ROOT / "seeds"
SEED_000 = "000_5b2ff6894bc9a89f.txt"
SEED_002 = "002_5b3ffb715fb0b6d8.txt"


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS


def build_site(tmp_path: Path, raw_dir: Path, conf: str = "pelicanconf.py", **overrides) -> Path:
    """Convert raw_dir and build the site with Pelican into tmp_path/output.

    Uses the project's own settings file, as `make html` does, with the
    folders moved into tmp_path.
    """
    from pelican import Pelican
    from pelican.settings import read_settings

    content = tmp_path / "content"
    output = tmp_path / "output"
    content.mkdir(exist_ok=True)
    settings = read_settings(
        str(ROOT / conf),
        override={
            "PATH": str(content),
            "OUTPUT_PATH": str(output),
            "CACHE_PATH": str(tmp_path / "cache"),
            "RAWNEWS": {"SOURCE": str(raw_dir), "JOBS": 1},
            **overrides,
        },
    )
    Pelican(settings).run()
    return output


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory) -> Path:
    """The seed corpus built once for all tests that only read the site."""
    tmp = tmp_path_factory.mktemp("seed-site")
    return build_site(tmp, SEEDS)


@pytest.fixture
def raw_dir(tmp_path) -> Path:
    """An empty folder for raw files written by a test."""
    path = tmp_path / "raw"
    path.mkdir()
    return path


def copy_seeds(target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for item in SEEDS.iterdir():
        shutil.copy(item, target / item.name)
    return target


@pytest.fixture(autouse=True)
def _quiet_pelican_logs(caplog):
    caplog.set_level(logging.WARNING)

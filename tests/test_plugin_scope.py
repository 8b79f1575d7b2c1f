"""Our plugins act only for the Pelican builds that list them.

Pelican's signals are process-wide: once our site is built, our receivers
stay connected for every later build in the same process. A plain site
built after ours (PLUGINS = [], or only a third-party plugin) must come out
as it does in a fresh process: no conversion, no `.rawnews`, no search
index, archives, theme pages, report, sitemap or feeds writer of ours.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import SEEDS, build_site

POST = """Title: Một bài viết
Date: 2024-05-10
Category: Thử nghiệm
Tags: một, hai

Nội dung của bài viết.
"""

# A plugin as a third party would write it, recording what the build gave it.
DUMMY = '''
import json
import os

from pelican import signals

SEEN = {}


def _generator(generator):
    SEEN["filters"] = sorted(generator.env.filters)
    SEEN["context"] = sorted(k for k in generator.context if k.islower())


def _writer(generator, writer):
    SEEN["writer"] = type(writer).__name__


def _finalized(pelican):
    if pelican.settings.get("PLUGINS") == [__name__]:
        with open(os.path.join(pelican.settings["PATH"], "..", "seen.json"), "w") as handle:
            json.dump(SEEN, handle)


def register():
    signals.article_generator_finalized.connect(_generator)
    signals.article_writer_finalized.connect(_writer)
    signals.finalized.connect(_finalized)
'''

PLAIN_BUILD = """
import sys
from pelican import Pelican
from pelican.settings import read_settings
settings = read_settings(None, override=__SETTINGS__)
Pelican(settings).run()
"""


def plain_settings(root: Path, plugins: list, plugin_path: Path) -> dict:
    content = root / "content"
    content.mkdir(parents=True)
    (content / "bai.md").write_text(POST, encoding="utf-8")
    return {
        "PATH": str(content),
        "OUTPUT_PATH": str(root / "output"),
        "CACHE_PATH": str(root / "cache"),
        "PLUGINS": plugins,
        "PLUGIN_PATHS": [str(plugin_path)],
        "SITEURL": "",
        "TIMEZONE": "UTC",
        "FEED_ALL_ATOM": "feeds/all.atom.xml",
        "CATEGORY_FEED_ATOM": None,
        "AUTHOR_FEED_ATOM": None,
        "AUTHOR_FEED_RSS": None,
        "TRANSLATION_FEED_ATOM": None,
    }


def build_plain(settings: dict) -> None:
    from pelican import Pelican
    from pelican.settings import read_settings

    Pelican(read_settings(None, override=dict(settings))).run()


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# "archives": a third party's plugin under the short name of ours (and of a PyPI package).
@pytest.mark.parametrize("plugins", [[], ["archives"]], ids=["no-plugins", "third-party-only"])
def test_a_plain_build_after_ours_gets_nothing_of_ours(tmp_path, monkeypatch, plugins):
    (tmp_path / "ours").mkdir()
    ours = build_site(tmp_path / "ours", SEEDS)  # registers every receiver of ours in this process
    assert (ours / "pagefind").is_dir() and (tmp_path / "ours" / "content" / ".rawnews").is_dir()

    dummy_path = tmp_path / "third-party"
    dummy_path.mkdir()
    (dummy_path / "archives.py").write_text(DUMMY, encoding="utf-8")
    # A relative RAWNEWS SOURCE ("seeds") would be looked up here: there is none.
    monkeypatch.chdir(tmp_path)

    settings = plain_settings(tmp_path / "here", plugins, dummy_path)
    build_plain(settings)  # no ConversionError for a missing ./seeds
    here = tmp_path / "here"
    output = tree(here / "output")
    assert not (here / "content" / ".rawnews").exists()
    assert not any(name.startswith(("pagefind/", "luu-tru/", "gioi-thieu/", "tim-kiem/")) for name in output)
    assert not {"conversion-report.json", "robots.txt", "sitemap.xml", "404.html"} & set(output)
    assert not (here / "cache" / "fast_build").exists() and not (here / "cache" / "related").exists()

    # The same site built in a fresh process, where none of our plugins was ever loaded.
    fresh_settings = plain_settings(tmp_path / "fresh", plugins, dummy_path)
    script = PLAIN_BUILD.replace("__SETTINGS__", repr(fresh_settings))
    subprocess.run([sys.executable, "-c", script], check=True, cwd=tmp_path, capture_output=True)
    fresh = tree(tmp_path / "fresh" / "output")
    assert output.keys() == fresh.keys()
    for name, data in output.items():
        assert data.replace(b"/here/", b"/fresh/") == fresh[name], name

    if plugins:
        seen = json.loads((tmp_path / "here" / "seen.json").read_text())
        fresh_seen = json.loads((tmp_path / "fresh" / "seen.json").read_text())
        assert seen == fresh_seen
        assert seen["writer"] == "Writer"
        assert not {"vi_date", "search_aliases", "text", "news_article_ld"} & set(seen["filters"])
        assert not {"archive_tree", "site_pages", "tags_by_count", "report_url"} & set(seen["context"])

"""Readers for the public crawls the real development set is drawn from.

Each reader yields `Record`s from a git snapshot of a public GitHub
repository, read with `git show` at a fixed commit, so the same records come
back on every machine that has the snapshot. Nothing here is tuned to the
converter: fields are taken as the crawl stored them.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

csv.field_size_limit(1 << 30)


@dataclass(frozen=True)
class Snapshot:
    repo: str  # owner/name on GitHub
    commit: str


@dataclass
class Record:
    """One crawled article, fields as the crawl kept them."""

    source: str  # short name of the crawl (vfnd, bm2014, vnn2025, bm2025, vne)
    url: str
    title: str
    lead: str  # the crawl's sapo/description field ("" when it has none)
    body: str  # body text; paragraphs separated by newlines where the crawl kept them
    published: str  # ISO 8601 from the crawl's own time field ("" when unknown)
    crawled: str = ""  # ISO date when the crawl recorded it
    credit: str = ""  # the crawl's author field, as written ("" when none or in the body)
    section: str = ""  # the crawl's category path, when it has one
    extra: dict = field(default_factory=dict)


SNAPSHOTS = {
    "vfnd": Snapshot("VFND/VFND-vietnamese-fake-news-datasets", "576f2db8df7c1d2ce37d66badb0f14a43ce83afd"),
    "bm2014": Snapshot("daibangsamac/BaomoiCrawler", "724f30389530eee0ebe88bcd4ec8e390062f76f3"),
    "vnn2025": Snapshot("tex-corver/vietnamnet-crawler", "08966fb7c3299804b951657f979edeab791b428a"),
    "bm2025": Snapshot("khoaihps/baomoi-crawler-NER", "306ed52fe1d4b16c2a3780b30cefa4387e01f229"),
    "vne": Snapshot("Phenikaa-University/Vietnamese-News-Summarization", "cc1106ce60c2861bfe202308962308e79b5015a4"),
}


def git_dir(mirrors: Path, snapshot: Snapshot) -> Path:
    return mirrors / snapshot.repo.replace("/", "+") / "repo"


def _git(repo: Path, *args: str) -> bytes:
    return subprocess.run(["git", f"--git-dir={repo}", *args], check=True, capture_output=True).stdout


def _paths(repo: Path, commit: str, pattern: str) -> list[str]:
    names = _git(repo, "ls-tree", "-r", "--name-only", commit).decode("utf-8").splitlines()
    return sorted(name for name in names if re.search(pattern, name))


def _show(repo: Path, commit: str, path: str) -> bytes:
    return _git(repo, "show", f"{commit}:{path}")


def _iso(day: int, month: int, year: int, hour: int = 0, minute: int = 0) -> str:
    return f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}"


_DMY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})(?:\D+(\d{1,2}):(\d{2}))?")


def _dmy(text: str) -> str:
    match = _DMY.search(text or "")
    if not match:
        return ""
    d, m, y = int(match[1]), int(match[2]), int(match[3])
    return _iso(d, m, y, int(match[4] or 0), int(match[5] or 0))


def read_vfnd(repo: Path, commit: str):
    for path in _paths(repo, commit, r"^Dataset/Real/Article_Contents/VFND_Ac_Real_\d+\.json$"):
        data = json.loads(_show(repo, commit, path))
        published = (data.get("date_publish") or "").replace(" ", "T")[:16]
        yield Record(
            source="vfnd",
            url=data.get("url") or "",
            title=(data.get("title") or "").strip(),
            lead=(data.get("description") or "").strip(),
            body=(data.get("text") or "").strip(),
            published=published,
            crawled=(data.get("date_download") or "")[:10],
            credit=", ".join(data.get("authors") or []),
            extra={"path": path},
        )


def _html_text(fragment: str) -> str:
    """The text of an HTML body, a paragraph a line (only for reading fields, not the raw files)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(fragment, "html.parser")
    for tag in soup.find_all(["p", "div", "br", "tr", "h1", "h2", "h3", "td"]):
        tag.insert_after("\n")
    return "\n".join(" ".join(line.split()) for line in soup.get_text().splitlines() if line.strip())


def read_bm2014(repo: Path, commit: str):
    seen = set()
    for path in _paths(repo, commit, r"^\.old/tintuc/.+\.json$"):
        try:
            data = json.loads(_show(repo, commit, path))
        except (ValueError, subprocess.CalledProcessError):
            continue
        url = data.get("Url") or ""
        if not url or url in seen:
            continue
        seen.add(url)
        yield Record(
            source="bm2014",
            url=url,
            title=html.unescape(data.get("Title") or "").strip(),
            lead=html.unescape(data.get("Description") or "").strip(),
            body=data.get("Content") or "",  # HTML as the crawl kept it
            published=_dmy(data.get("Time") or ""),
            section=data.get("Category") or "",
            extra={"path": path, "text": _html_text(data.get("Content") or "")},
        )


def read_vnn2025(repo: Path, commit: str):
    rows = csv.DictReader(io.StringIO(_show(repo, commit, "data.csv").decode("utf-8")))
    seen = set()
    for row in rows:
        url = row.get("url") or ""
        if not url or url in seen:
            continue
        seen.add(url)
        yield Record(
            source="vnn2025",
            url=url,
            title=(row.get("title") or "").strip(),
            lead=(row.get("summary") or "").strip(),
            body=row.get("content") or "",
            published=_dmy(row.get("time") or ""),
            credit=(row.get("author") or "").strip(),
            section=row.get("category") or "",
            extra={"time": row.get("time") or ""},
        )


def read_bm2025(repo: Path, commit: str):
    text = _show(repo, commit, "result/articles.csv").decode("utf-8")
    for row in csv.DictReader(io.StringIO(text), delimiter="|"):
        yield Record(
            source="bm2025",
            url=row.get("url") or "",
            title=(row.get("title") or "").strip(),
            lead="",
            body=row.get("content") or "",
            published=(row.get("published_time") or "")[:16],
            crawled=(row.get("crawled_time") or "")[:10],
            credit=(row.get("author") or "").strip(),
        )


_FIELD = re.compile(r"^(Title|Source|Link|Published Date|Author|Tags|Summary|Content):\s?", re.M)


def read_vne(repo: Path, commit: str):
    seen = set()
    for path in _paths(repo, commit, r"^dataset/raw/News-mds/original/Cluster_\d+/original/.+\.txt$"):
        text = _show(repo, commit, path).decode("utf-8", "replace")
        parts = _FIELD.split(text)
        fields = {parts[i]: parts[i + 1].strip() for i in range(1, len(parts) - 1, 2)}
        url = fields.get("Link", "")
        if fields.get("Source") != "VnExpress" or "vnexpress.net/" not in url or url in seen or "e.vnexpress" in url:
            continue
        seen.add(url)
        title = re.sub(r"\s+-\s+VnExpress.*$", "", fields.get("Title", "")).strip()
        yield Record(
            source="vne",
            url=url,
            title=title,
            lead=fields.get("Summary", ""),
            body=fields.get("Content", ""),
            published=_dmy(fields.get("Published Date", "")),
            credit=fields.get("Author", "") if fields.get("Author", "N/A") != "N/A" else "",
            extra={"path": path},
        )


READERS = {"vfnd": read_vfnd, "bm2014": read_bm2014, "vnn2025": read_vnn2025, "bm2025": read_bm2025, "vne": read_vne}


def read_all(mirrors: Path, only: tuple[str, ...] = ()) -> dict[str, list[Record]]:
    found = {}
    for name, reader in READERS.items():
        if only and name not in only:
            continue
        snapshot = SNAPSHOTS[name]
        repo = git_dir(mirrors, snapshot)
        if not repo.exists():
            raise SystemExit(f"missing snapshot of {snapshot.repo} at {repo} (fetch it at {snapshot.commit})")
        found[name] = list(reader(repo, snapshot.commit))
    return found

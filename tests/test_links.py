"""Every internal link works at "/" and when the site is copied under a
sub-path; nothing links outside the site. The checker itself is tested on a
small hand-made site so that a passing check means something."""

from __future__ import annotations

from pathlib import Path

from tools.linkcheck import check_site, iter_problems
from tools.sites import corpus_site


def write(root: Path, path: str, text: str) -> None:
    target = root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


def page(body: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


def reasons(report) -> list[str]:
    return sorted({f"{p.link.url} @ {p.mount}: {p.reason}" for p in report.broken})


def test_checker_finds_what_breaks_under_a_sub_path(tmp_path):
    site = tmp_path / "site"
    write(site, "index.html", page(
        '<a href="bai/a/">ok</a> <a href="bai/a">ok, redirected</a> <a href="bai/a/#muc">ok fragment</a>'
        '<a href="/bai/a/">root-relative</a> <a href="bai/khong-co/">missing</a> <a href="bai/a/#khong">bad fragment</a>'
        '<a href="javascript:alert(1)">js</a> <a href="mailto:a@b.c">mail</a> <a href="https://other.example/">out</a>',
        head='<link rel="canonical" href="https://example.org/">',
    ))
    write(site, "bai/a/index.html", page('<h2 id="muc">x</h2><img srcset="../../anh.png 1x, ../../thieu.png 2x" alt="">'))
    write(site, "anh.png", "png")
    write(site, "feeds/all.atom.xml",
          '<feed xmlns="http://www.w3.org/2005/Atom"><link href="../bai/a/"/><link href="../bai/b/"/></feed>')
    report = check_site(site)
    assert reasons(report) == [
        "../../thieu.png @ /: no such file: thieu.png",
        "../../thieu.png @ /copie/duoi/thu-muc-con/: no such file: thieu.png",
        "../bai/b/ @ /: no such file: bai/b/",
        "../bai/b/ @ /copie/duoi/thu-muc-con/: no such file: bai/b/",
        "/bai/a/ @ /copie/duoi/thu-muc-con/: resolves outside the site folder (/bai/a/)",
        "bai/a/#khong @ /: no id 'khong' in bai/a/index.html",
        "bai/a/#khong @ /copie/duoi/thu-muc-con/: no id 'khong' in bai/a/index.html",
        "bai/khong-co/ @ /: no such file: bai/khong-co/",
        "bai/khong-co/ @ /copie/duoi/thu-muc-con/: no such file: bai/khong-co/",
        "javascript:alert(1) @ /: javascript: URL",
        "javascript:alert(1) @ /copie/duoi/thu-muc-con/: javascript: URL",
    ]
    assert sorted((l.url, l.rel) for l in report.external) == [("https://example.org/", "canonical"), ("https://other.example/", "")]


def test_error_page_may_use_root_relative_links(tmp_path):
    site = tmp_path / "site"
    write(site, "404.html", page('<a href="/">trang chủ</a> <a href="/khong-co/">x</a>'))
    write(site, "index.html", page(""))
    assert reasons(check_site(site)) == ["/khong-co/ @ /: no such file: khong-co/"]


def test_checker_treats_the_site_url_as_internal(tmp_path):
    site = tmp_path / "site"
    write(site, "index.html", page('<a href="https://example.org/sub/bai/">ok</a><a href="https://example.org/bai/">outside</a>'))
    write(site, "bai/index.html", page(""))
    report = check_site(site, site_url="https://example.org/sub")
    assert reasons(report) == ["https://example.org/bai/ @ /sub/: resolves outside the site folder (/bai/)"]
    assert report.external == []


def assert_clean(report) -> None:
    problems = list(iter_problems(report))
    assert not problems, "\n".join(problems[:20])


def test_seed_site_has_no_broken_or_outside_links(seed_site):
    report = check_site(seed_site)
    assert report.files > 20 and report.links > 200
    assert_clean(report)


def test_generated_corpus_has_no_broken_or_outside_links(tmp_path_factory):
    site = corpus_site(tmp_path_factory)
    report = check_site(site)
    assert report.files > 150 and report.links > 3000, report.summary()
    assert_clean(report)

"""The converter as a user runs it: `python -m rawnews convert SRC DEST --report R`."""

import json
import subprocess
import sys

from conftest import ROOT, SEED_000, SEED_002, copy_seeds
from rawnews.pipeline import convert_folder


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "rawnews", *map(str, args)], capture_output=True, text=True,
                          env={"PYTHONPATH": str(ROOT / "plugins"), "PATH": "/usr/bin:/bin"})


def read_meta(path):
    head = path.read_text(encoding="utf-8").split("\n\n", 1)[0]
    return dict(line.split(": ", 1) for line in head.splitlines())


def test_cli_converts_the_seeds_and_reports_both(tmp_path, seeds_dir):
    dest, report = tmp_path / "posts", tmp_path / "report.json"
    result = run_cli("convert", seeds_dir, dest, "--report", report)
    assert result.returncode == 0, result.stderr
    data = json.loads(report.read_text())
    assert {f["source"] for f in data["files"]} == {SEED_000, SEED_002}
    assert all(f["status"] == "converted" for f in data["files"])
    posts = sorted(dest.glob("*.md"))
    assert len(posts) == 2
    meta = read_meta(dest / "nang-cao-hieu-qua-cong-tac-nhan-quyen-tren-dia-ban-tinh-kon-tum.md")
    assert meta["Title"] == "Nâng cao hiệu quả công tác nhân quyền trên địa bàn tỉnh Kon Tum"
    assert meta["Date"] == "2023-05-10" and meta["Date_precision"] == "day"
    assert meta["Source"] == SEED_000
    assert meta["Authors"].rstrip(";") == "Hồ Thị Khánh Vi"
    fragment = next(read_meta(p) for p in posts if read_meta(p)["Source"] == SEED_002)
    assert fragment["Title_source"] == "derived"
    assert fragment["Date_precision"] != "day"
    assert fragment["Authors"].rstrip(";") == "Hồ Thị Khánh Vi"


def test_cli_fails_clearly_when_it_cannot_run(tmp_path):
    result = run_cli("convert", tmp_path / "missing", tmp_path / "out")
    assert result.returncode != 0
    assert "source folder not found" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_output_is_deterministic_and_incremental(tmp_path, seeds_dir):
    first = convert_folder(seeds_dir, tmp_path / "a", jobs=1)
    second = convert_folder(seeds_dir, tmp_path / "b", jobs=1)
    for post in (tmp_path / "a").glob("*.md"):
        assert post.read_bytes() == (tmp_path / "b" / post.name).read_bytes()
    assert first.written == 2
    again = convert_folder(seeds_dir, tmp_path / "a", jobs=1)
    assert again.written == 0 and again.converted == 0


def test_a_hand_edited_post_is_kept_and_a_deleted_raw_file_removes_its_post(tmp_path):
    raw = copy_seeds(tmp_path / "raw")
    dest = tmp_path / "posts"
    convert_folder(raw, dest, jobs=1)
    post = dest / "nang-cao-hieu-qua-cong-tac-nhan-quyen-tren-dia-ban-tinh-kon-tum.md"
    post.write_text(post.read_text(encoding="utf-8") + "\nSửa tay.\n", encoding="utf-8")
    (raw / SEED_000).write_bytes((raw / SEED_000).read_bytes() + b"\n")
    result = convert_folder(raw, dest, jobs=1)
    assert "Sửa tay." in post.read_text(encoding="utf-8")
    assert {e.source: e.status for e in result.entries}[SEED_000] == "kept"
    fragment = next(p for p in dest.glob("*.md") if p != post)
    (raw / SEED_002).unlink()
    convert_folder(raw, dest, jobs=1)
    assert not fragment.exists()


def test_colliding_slugs_get_unique_stable_urls(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    body = "\n\nSáng ngày {d}/5/2023, mưa lớn gây ngập nhiều tuyến phố {w}.\n\nTác giả: Khánh Vi\n"
    (raw / "010_aaaaaaaaaaaaaaaa.txt").write_text("Hà Nội mưa to" + body.format(d=1, w="một"), encoding="utf-8")
    (raw / "011_bbbbbbbbbbbbbbbb.txt").write_text("Hạ Nội mưa to" + body.format(d=2, w="hai"), encoding="utf-8")
    dest = tmp_path / "posts"
    convert_folder(raw, dest, jobs=1)
    names = sorted(p.name for p in dest.glob("*.md"))
    assert names == ["ha-noi-mua-to-bbbbbbbb.md", "ha-noi-mua-to.md"]
    # A newcomer that sorts first does not take an existing URL.
    (raw / "001_cccccccccccccccc.txt").write_text("Hà Nội mưa to" + body.format(d=3, w="ba"), encoding="utf-8")
    convert_folder(raw, dest, jobs=1)
    assert read_meta(dest / "ha-noi-mua-to.md")["Source"] == "010_aaaaaaaaaaaaaaaa.txt"
    assert read_meta(dest / "ha-noi-mua-to-cccccccc.md")["Source"] == "001_cccccccccccccccc.txt"


def test_bad_files_are_reported_and_the_rest_converts(tmp_path, seeds_dir):
    raw = copy_seeds(tmp_path / "raw")
    (raw / "empty.txt").write_bytes(b"")
    (raw / "image.txt").write_bytes(bytes(range(256)) * 50)
    (raw / "notes.md").write_text("không phải tin")
    result = convert_folder(raw, tmp_path / "posts", jobs=1)
    status = {e.source: (e.status, e.reason) for e in result.entries}
    assert status["empty.txt"] == ("failed", "empty file")
    assert status["image.txt"][0] == "failed" and "binary" in status["image.txt"][1]
    assert status["notes.md"] == ("ignored", "not a .txt file")
    assert status[SEED_000][0] == status[SEED_002][0] == "converted"
    assert sum(result.counts().values()) == 5

"""The converter as a user runs it: `python -m rawnews convert SRC DEST --report R`."""

import json
import subprocess
import sys

from conftest import ROOT, SEED_000, SEED_002, copy_seeds
from vnarchive.rawnews.pipeline import convert_folder


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


def test_the_source_folder_is_never_the_destination(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "000_aaaaaaaaaaaaaaaa.txt").write_text("Tiêu đề\n\nNội dung bài viết.\n", encoding="utf-8")
    before = sorted(p.name for p in raw.iterdir())
    result = run_cli("convert", raw, raw / ".." / "raw")
    assert result.returncode != 0 and "the destination is the source folder itself" in result.stderr
    assert sorted(p.name for p in raw.iterdir()) == before  # nothing written among the raw files


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


def _news(title, sentences):
    return title + "\n\n" + "\n\n".join(sentences) + "\n\nTác giả: Khánh Vi\n"


STORY = [
    "Sáng ngày 10/5/2023, Ban Chỉ đạo về Nhân quyền tỉnh Kon Tum tổ chức hội nghị tập huấn công tác nhân quyền cho cán bộ các sở, ngành và địa phương.",
    "Các báo cáo viên trình bày nhiều chuyên đề về quyền con người, về bảo đảm quyền của đồng bào dân tộc thiểu số và về tự do tín ngưỡng, tôn giáo.",
    "Phát biểu bế mạc, lãnh đạo tỉnh đề nghị các đơn vị tiếp tục quán triệt, triển khai nghiêm túc các văn bản chỉ đạo trong tình hình mới.",
]


def test_near_duplicates_point_at_the_published_post_which_keeps_its_url(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "b-original.txt").write_text(_news("Tập huấn công tác nhân quyền", STORY), encoding="utf-8")
    dest = tmp_path / "posts"
    convert_folder(raw, dest, jobs=1)
    assert [p.name for p in dest.glob("*.md")] == ["tap-huan-cong-tac-nhan-quyen.md"]
    # Later, re-scrapes arrive whose names sort first: one with a sentence added, and its exact copy.
    edited = STORY[:2] + [STORY[2] + " Hội nghị kết thúc vào buổi chiều cùng ngày."]
    (raw / "a-rescrape.txt").write_text(_news("Tập huấn công tác nhân quyền", edited), encoding="utf-8")
    (raw / "a-rescrape-copy.txt").write_text(_news("Tập huấn công tác nhân quyền", edited), encoding="utf-8")
    result = convert_folder(raw, dest, jobs=1)
    entries = {e.source: e for e in result.entries}
    assert entries["b-original.txt"].status == "converted"
    assert entries["b-original.txt"].output == "tap-huan-cong-tac-nhan-quyen.md"
    for name in ("a-rescrape.txt", "a-rescrape-copy.txt"):
        assert entries[name].status == "duplicate" and entries[name].duplicate_of == "b-original.txt", entries[name]
    assert entries["a-rescrape.txt"].reason.startswith("nearly the same text as b-original.txt: ")
    assert [p.name for p in dest.glob("*.md")] == ["tap-huan-cong-tac-nhan-quyen.md"]


def test_two_reports_of_one_event_are_not_duplicates(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text(_news("Tập huấn công tác nhân quyền", STORY), encoding="utf-8")
    other = [
        "Ngày 10/5/2023, tỉnh Kon Tum mở lớp bồi dưỡng kiến thức về quyền con người cho gần hai trăm cán bộ cơ sở.",
        "Học viên được nghe giới thiệu công ước quốc tế mà Việt Nam là thành viên và trao đổi về những tình huống thường gặp.",
        "Ban tổ chức cho biết lớp học sẽ được mở tiếp ở các huyện vùng sâu trong năm nay.",
    ]
    (raw / "b.txt").write_text(_news("Tập huấn công tác nhân quyền", other), encoding="utf-8")
    result = convert_folder(raw, tmp_path / "posts", jobs=1)
    assert result.counts() == {"converted": 2}


def test_the_warm_pass_rewrites_only_what_is_missing_and_survives_a_lost_store(tmp_path, seeds_dir):
    raw = copy_seeds(tmp_path / "raw")
    dest = tmp_path / "posts"
    convert_folder(raw, dest, jobs=1)
    posts = {p.name: p.read_bytes() for p in dest.glob("*.md")}
    report = (dest / ".rawnews" / "report.json").read_bytes()
    # A deleted post comes back from the stored article, without converting its raw file.
    victim = next(iter(sorted(posts)))
    (dest / victim).unlink()
    again = convert_folder(raw, dest, jobs=1)
    assert (again.converted, again.written) == (0, 1) and (dest / victim).read_bytes() == posts[victim]
    # Without the article store (or with a corrupt one) the files are converted again, same posts.
    (dest / ".rawnews" / "articles.sqlite").write_bytes(b"not a database")
    (dest / victim).unlink()
    again = convert_folder(raw, dest, jobs=1)
    assert again.converted == 2 and {p.name: p.read_bytes() for p in dest.glob("*.md")} == posts
    assert (dest / ".rawnews" / "report.json").read_bytes() == report
    state = json.loads((dest / ".rawnews" / "state.json").read_text(encoding="utf-8"))
    assert all("post" in record and "digest" in record for record in state["files"].values())

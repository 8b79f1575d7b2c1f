"""`make serve` (scripts/serve.py): the site over HTTP; a missing page gets
the site's 404.html with the status 404, not an empty reply; PORT is used."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from serve import make_server  # noqa: E402


def fetch(url: str) -> tuple[int, str, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read().decode("utf-8")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_missing_pages_get_the_sites_404_page(tmp_path):
    import threading

    (tmp_path / "bai").mkdir()
    (tmp_path / "index.html").write_text("<h1>Trang chủ</h1>", encoding="utf-8")
    (tmp_path / "404.html").write_text("<h1>Không tìm thấy trang</h1>", encoding="utf-8")
    server = make_server(tmp_path, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        assert fetch(base)[0] == 200
        status, kind, body = fetch(base + "bai/khong-co/")
        assert status == 404 and kind.startswith("text/html") and "Không tìm thấy trang" in body
        head = urllib.request.Request(base + "khong-co", method="HEAD")
        try:
            urllib.request.urlopen(head, timeout=10)
        except urllib.error.HTTPError as error:
            assert error.code == 404
        (tmp_path / "404.html").unlink()  # a site without one: the server's own message, still 404
        assert fetch(base + "khong-co")[0] == 404
    finally:
        server.shutdown()
        server.server_close()


def test_make_serve_uses_port_and_output(seed_site):
    port = free_port()
    process = subprocess.Popen(["make", "--no-print-directory", "serve", f"PORT={port}", f"OUTPUT={seed_site}"], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                assert process.poll() is None, process.stdout.read()
                assert time.monotonic() < deadline, "make serve did not start"
                time.sleep(0.2)
        status, _, body = fetch(f"http://127.0.0.1:{port}/khong-co-trang-nay/")
        assert status == 404 and "Không tìm thấy trang" in body
        assert fetch(f"http://127.0.0.1:{port}/")[0] == 200
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)

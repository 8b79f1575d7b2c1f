"""`make devserver`: serve the site and rebuild when seeds/, theme/ or plugins/ change.

Pelican's own --autoreload watches content and theme only; raw files and
our plugins live elsewhere, so this watches them too (watchfiles comes with
Pelican) and reruns `make html`.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

from serve import make_server
from watchfiles import watch

ROOT = Path(__file__).resolve().parent.parent


def serve(output: Path, port: int) -> None:
    server = make_server(output, port)  # serve.py: a missing page gets 404.html, status 404
    print(f"Serving {output} at http://127.0.0.1:{port}/ (Ctrl-C to stop)")
    server.serve_forever()


def build(make_args: list[str]) -> None:
    subprocess.run(["make", "--no-print-directory", "html", *make_args], cwd=ROOT, check=False)


def main(argv: list[str]) -> int:
    seeds, content, output, port = argv[0], argv[1], argv[2], int(argv[3])
    make_args = [f"SEEDS={seeds}", f"CONTENT={content}", f"OUTPUT={output}"]
    build(make_args)
    threading.Thread(target=serve, args=(Path(output), port), daemon=True).start()
    watched = [Path(seeds), ROOT / "theme", ROOT / "plugins", ROOT / "pelicanconf.py"]
    for changes in watch(*[p for p in watched if p.exists()]):
        print(f"{len(changes)} change(s): rebuilding")
        build(make_args)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except KeyboardInterrupt:
        sys.exit(0)

"""`make serve`: the built site over HTTP, a missing page answered with 404.html.

    python scripts/serve.py OUTPUT [PORT] [--bind ADDRESS]

Pelican's `--listen` answers a missing URL with an empty reply; a static
host answers with the site's 404 page and the status 404, and so does this
(the standard library's http.server, nothing else).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import sys
from http import HTTPStatus
from pathlib import Path


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Files from the site folder; a 404 sends the site's own 404.html (status 404)."""

    not_found_page = "404.html"

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / self.not_found_page
        if code != HTTPStatus.NOT_FOUND or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(HTTPStatus.NOT_FOUND, message)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        return None


def make_server(output: Path, port: int, bind: str = "127.0.0.1") -> http.server.ThreadingHTTPServer:
    handler = functools.partial(SiteHandler, directory=str(output))
    return http.server.ThreadingHTTPServer((bind, port), handler)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path, help="the built site (OUTPUT)")
    parser.add_argument("port", type=int, nargs="?", default=8000)
    parser.add_argument("--bind", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    args = parser.parse_args(argv)
    if not args.output.is_dir():
        print(f"serve: {args.output} is not a folder: run `make html` first", file=sys.stderr)
        return 2
    server = make_server(args.output, args.port, args.bind)
    host, port = server.server_address[:2]
    print(f"Serving {args.output} at http://{host}:{port}/ (Ctrl-C to stop)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Serve the built site the way a static host does, on loopback.

Used by `make bench` (Lighthouse, page weights) and the website tests:
- under a sub-path (`/tianqiao-2023/`), as on GitHub Pages or Read the Docs;
- text compressed with gzip when the browser asks for it, as hosts do;
- `Cache-Control: max-age=600` (GitHub Pages' value), so further pages reuse assets;
- a missing page answers 404 with the nearest 404.html up the tree from it (as Cloudflare
  Pages does): the English one (en/404.html) under en/, the site's 404.html elsewhere.

`python3 scripts/siteserver.py [PORT]` serves _build/html at http://localhost:PORT/tianqiao-2023/.
"""

from __future__ import annotations

import contextlib
import gzip
import http.server
import mimetypes
import sys
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

COMPRESSED = {"text/html", "text/css", "text/javascript", "application/javascript",
              "image/svg+xml", "application/json", "text/plain", "application/xml", "text/xml"}


def make_handler(root: Path, prefix: str, compress: bool, headers: dict[str, str]):
    cache: dict[Path, bytes] = {}
    extra_headers = headers

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def do_HEAD(self):
            self.do_GET(body=False)

        def do_GET(self, body=True):
            path = unquote(urlsplit(self.path).path)
            if path + "/" == prefix:
                return self._send(301, b"", "text/plain", {"Location": prefix}, body)
            if not path.startswith(prefix):
                return self._send(404, b"not found", "text/plain", {}, body)
            target = (root / path[len(prefix):]).resolve()
            if target.is_dir():
                target = target / "index.html"
            if root.resolve() not in target.parents or not target.is_file():
                page = not_found_page(root, path[len(prefix):])
                data = page.read_bytes() if page else b"not found"
                return self._send(404, data, "text/html", {}, body)
            kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
            self._send(200, target.read_bytes(), kind, {"Cache-Control": "max-age=600"}, body,
                       target)

        def _send(self, status, data, kind, headers, body, target=None):
            base_kind = kind.split(";")[0]
            if compress and base_kind in COMPRESSED and "gzip" in self.headers.get("Accept-Encoding", ""):
                if target is None or target not in cache:
                    packed = gzip.compress(data, compresslevel=6, mtime=0)
                    if target is None:
                        data = packed
                    else:
                        cache[target] = packed
                if target is not None:
                    data = cache[target]
                headers = {**headers, "Content-Encoding": "gzip", "Vary": "Accept-Encoding"}
            if base_kind.startswith("text/") or base_kind.endswith(("javascript", "xml")):
                kind = f"{base_kind}; charset=utf-8"
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            for key, value in {**extra_headers, **headers}.items():
                self.send_header(key, value)
            self.end_headers()
            if body:
                self.wfile.write(data)

    return Handler


def not_found_page(root: Path, path: str) -> Path | None:
    """The 404.html nearest to a missing path: in its folder, else the next one up, up
    to the site's own (en/x/missing.html -> en/404.html). None when the site has none."""
    root = root.resolve()
    folder = (root / path).resolve().parent
    while folder == root or root in folder.parents:
        if (folder / "404.html").is_file():
            return folder / "404.html"
        folder = folder.parent
    return root / "404.html" if (root / "404.html").is_file() else None


def site_prefix(site: Path) -> str:
    """The path the site was built for (from its canonical links), e.g. /tianqiao-2023/."""
    import re
    page = (Path(site) / "index.html").read_text(encoding="utf-8")
    m = re.search(r'<link rel="canonical" href="([^"]+)"', page)
    return urlsplit(m[1]).path.rsplit("/", 1)[0] + "/" if m else "/"


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # a browser or Lighthouse that drops a connection mid-answer is no error of the site
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(root: Path, prefix: str = "/tianqiao-2023/", compress: bool = True, port: int = 0,
          headers: dict[str, str] | None = None):
    """Yield the site's URL, e.g. http://localhost:40123/tianqiao-2023/. `headers`: sent
    with every answer besides a host's own."""
    server = _Server(("127.0.0.1", port), make_handler(Path(root), prefix, compress, headers or {}))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://localhost:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


if __name__ == "__main__":
    site = Path(__file__).resolve().parent.parent / "_build" / "html"
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 8000
    with serve(site, site_prefix(site), port=port) as url:
        print(f"Serving {site} at {url} (Ctrl+C stops)")
        threading.Event().wait()

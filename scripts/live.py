"""`make live`: sphinx-autobuild, each rebuild forked from a process already warm.

sphinx-autobuild runs `python -m sphinx build …` afresh after every save; with this
book, half of that is start-up (importing Sphinx, MyST, the theme and matplotlib,
loading jieba's dictionary) before a page is read. Here the same command runs in a
process forked from a fork server that has loaded those libraries once (warm(),
below). Each build still starts from a clean process that imports the book's own
code afresh, so it sees every edit and does exactly what a cold build does; only
the start-up is gone.

What an editor sees differs from plain sphinx-autobuild in these ways:
- Every kind of save is seen. A watched file (facts.yaml, conf.py) is watched through
  its folder: watching the file itself follows one inode, so after a save that
  replaces the file (an editor's write-and-rename, `sed -i`, rm and recreate,
  `git checkout`) the next saves went unseen.
- A deleted chapter leaves no page behind (every page is then written afresh).
- A failed build leaves the last good pages served. Sphinx builds into a folder
  beside the served one (`<outdir>.building`); only a build that succeeded is copied
  into the served folder (changed files only, each replaced whole). While a problem
  stands, every page served carries a banner listing it.
- The terminal shows the located problems (`file:line: ERROR: …`) and Sphinx's one
  summary line; anything else Sphinx printed (a crash report) is kept in
  `<outdir>.log` and named in one line.
- Pages are served from memory, read whole: a page fetched while the pages are
  being replaced is the old one or the new one, never cut short (no h11 "Too little
  data for declared Content-Length" traceback).
Lines go out as they are printed, wherever the output goes (a file, a pipe).

Everything else is sphinx-autobuild's own: the options, serving, the browser reload,
its messages, pre/post-build commands. Names in sphinx-autobuild (2025.8.25) that
are replaced:
- its Builder runs Sphinx with `subprocess.run(…, check=True)`: the `subprocess` it
  sees (in sphinx_autobuild.build) sends that one command to the fork server;
- it calls the Builder in a process pool (one process per rebuild, forked from the
  web server): a thread pool here, since the Builder only waits for the build;
- Builder, the page middleware, StaticFiles and watchfiles' `awatch` as above.

The fork server is ours (serve(), below), not multiprocessing's "forkserver":
Python 3.11's cannot preload a warm-up of our own (it drops the main module and the
sys.path it is asked to preload with), and it would re-run this file in every build.

Usage: python scripts/live.py <sphinx-autobuild arguments>
"""

from __future__ import annotations

import asyncio
import atexit
import gc
import html
import json
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

SPHINX_BUILD = ["-m", "sphinx", "build"]  # how sphinx-autobuild runs Sphinx (>= 7.2.3)
SERVE = "--fork-server"
BUILDING = ".building"  # Sphinx's output folder: the served one's name with this after it
# What the terminal and the banner show of a build's output: located problems
# ("/…/facts.yaml:12: ERROR: …", "/…/docs/x.md: WARNING: …") and Sphinx's own
# summary lines ("ERROR: 2 problems …").
SHOWN = re.compile(r"^(\S[^:]*(:\d+)?: )?(ERROR|WARNING|CRITICAL): ")
# Sphinx colours its lines where CI or FORCE_COLOR is set: the terminal, the log and the
# banner get the plain text
COLOUR = re.compile(r"\x1b\[[0-9;]*m")

# The libraries a build of the book imports (measured with `python -X importtime`),
# heaviest first. A name that fails to import only makes builds slower.
LIBRARIES = [
    "matplotlib.pyplot",  # sphinxext-opengraph imports it even with its cards off
    "matplotlib.backends.backend_agg",
    "matplotlib.backends.backend_svg",
    "sphinx.cmd.build",
    "sphinx.application",
    "sphinx.builders.html",
    "sphinx.builders.epub3",
    "sphinx.builders.latex",
    "sphinx.search.zh",
    "sphinx.search.en",
    "sphinx.ext.doctest",
    "myst_parser.sphinx_ext.main",
    "myst_parser.parsers.sphinx_",
    "sphinx_design.extension",
    "pydata_sphinx_theme",
    "sphinx_book_theme",
    "sphinxext.opengraph",
    "sphinx_sitemap",
    "notfound.extension",
    "requests",
    "yaml",
    "tinycss2",  # bookweb/unusedcss.py
    "a11y_pygments",  # the theme's code styles
    "multiprocessing.managers",  # sphinx-sitemap
    "xml.dom.minidom",
    "docutils.languages.zh_cn",
    "docutils.parsers.rst.languages.zh_cn",
]


def warm():
    """What the fork server loads once, before any build: installed libraries only,
    never the book's own code (conf.py, factbook, bookformats, bookweb, the chart
    module), which an editor may change between two builds. Nothing here starts a
    thread: the server forks one process per build."""
    import importlib
    import logging

    import sphinx.application
    for name in [*LIBRARIES, *sphinx.application.builtin_extensions]:  # Sphinx loads them all
        try:
            importlib.import_module(name)
        except ImportError:
            pass
    try:  # the theme lists every code style (a plugin each)
        import pygments.styles
        list(pygments.styles.get_all_styles())
    except ImportError:
        pass
    try:  # jieba's main dictionary (1 s to load); each build then adds the book's words
        import jieba
        jieba.setLogLevel(logging.WARNING)  # as bookformats/search.py does in a build
        jieba.initialize()
    except ImportError:
        pass


def serve(replies: int):
    """The fork server: warm up, then for each build asked for on stdin (its arguments
    and a log file, one JSON line), fork, build in the child, and answer its exit code
    and the problems it printed on `replies`. Single-threaded, so forking it is safe."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C stops the build, not the server
    for stream in (sys.stdout, sys.stderr):
        stream.reconfigure(line_buffering=True)  # a line goes out when printed, to a file too
    warm()
    gc.freeze()  # what is loaded stays: no child's collector walks it (see the gc docs on fork)
    with os.fdopen(replies, "w") as answer:
        for line in sys.stdin:  # ends when sphinx-autobuild does
            request = json.loads(line)
            output, into = os.pipe()
            pid = os.fork()
            if pid == 0:
                os.close(output)
                os.dup2(into, 1)
                os.dup2(into, 2)
                os.close(into)
                code = build(request["args"])
                # The atexit work (sphinx-sitemap's Manager process stops), then out, without
                # the interpreter's teardown: 0.7 s of freeing what a dying process holds.
                # multiprocessing's forked children end the same way.
                atexit._run_exitfuncs()
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(code)
            os.close(into)
            shown, status = relay(output, pid, Path(request["log"]))
            answer.write(json.dumps({"code": os.waitstatus_to_exitcode(status),
                                     "problems": shown}) + "\n")
            answer.flush()


def build(args: list[str]) -> int:
    """One Sphinx build, in the forked child: Sphinx's own command line."""
    signal.signal(signal.SIGINT, signal.default_int_handler)
    sys.stdin = open(os.devnull)
    sys.path[0] = os.getcwd()  # as `python -m sphinx` has it, not scripts/
    code = 1
    try:
        from sphinx.cmd.build import main
        code = main(args)
    except SystemExit as exit:
        code = exit.code if isinstance(exit.code, int) else 1
    except BaseException:
        import traceback
        traceback.print_exc()
    return code


def relay(output: int, pid: int, log: Path) -> tuple[list[str], int]:
    """Print the build's located problems as they come, keep all it printed in `log`;
    return the lines shown and the build's wait status. Reads until the build has
    ended (a process it started and left running keeps the pipe open)."""
    shown, other, pending, status = [], 0, b"", None
    with log.open("w", encoding="utf-8") as whole:
        while True:
            ready, _, _ = select.select([output], [], [], 0.2)
            chunk = os.read(output, 65536) if ready else b""
            if ready and not chunk:  # end of output: the build has ended
                if status is None:
                    status = os.waitpid(pid, 0)[1]
                break
            if not ready and status is None:
                done, waited = os.waitpid(pid, os.WNOHANG)
                if done:
                    status = waited  # ended; read what is left, then stop
                    continue
            if not chunk and status is not None:
                break
            pending += chunk
            *lines, pending = pending.split(b"\n")
            for raw in lines:
                line = COLOUR.sub("", raw.decode("utf-8", "replace").rstrip("\r"))
                whole.write(line + "\n")
                if SHOWN.match(line):
                    shown.append(line)
                    print(line, flush=True)
                elif line.strip():
                    other += 1
        if pending:
            whole.write(pending.decode("utf-8", "replace"))
    if other:
        note = (f"scripts/live.py: Sphinx printed {other} more line{'s' if other > 1 else ''} "
                f"(not a located problem): {log}")
        print(note, flush=True)
        if status:
            shown.append(note)
    os.close(output)
    return shown, status


class SphinxInWarmProcess:
    """Stands in for the `subprocess` module in sphinx_autobuild.build: the Sphinx
    command goes to the fork server; any other (--pre-build and --post-build
    commands) runs as before. The problems of the last build are in `problems`."""

    CalledProcessError = subprocess.CalledProcessError

    def __init__(self, log: Path):
        self.server = self.replies = None
        self.log = log
        self.problems: list[str] = []

    def start(self):
        """Start the server: it warms up while sphinx-autobuild starts."""
        if self.replies:  # from a server that died
            self.replies.close()
        replies, server_end = os.pipe()
        self.server = subprocess.Popen([sys.executable, __file__, SERVE, str(server_end)],
                                       stdin=subprocess.PIPE, text=True, pass_fds=[server_end])
        os.close(server_end)
        self.replies = os.fdopen(replies)

    def run(self, command, check=False, **kwargs):
        if command[1:1 + len(SPHINX_BUILD)] != SPHINX_BUILD or kwargs:
            return subprocess.run(command, check=check, **kwargs)
        if self.server is None or self.server.poll() is not None:
            self.start()  # not yet started, or gone (killed): start afresh
        try:
            self.server.stdin.write(json.dumps({"args": command[1 + len(SPHINX_BUILD):],
                                                "log": str(self.log)}) + "\n")
            self.server.stdin.flush()
            reply = json.loads(self.replies.readline() or "null")  # none: the server died
        except (BrokenPipeError, ValueError):
            reply = None
        code = reply["code"] if reply else 1
        self.problems = reply["problems"] if reply else ["scripts/live.py: the build stopped"]
        if check and code:
            raise subprocess.CalledProcessError(code, command)
        return subprocess.CompletedProcess(command, code)


# -- the last good pages, served --------------------------------------------------------

def publish(built: Path, served: Path) -> None:
    """Make `served` a copy of `built`: changed and new files copied (each replaced
    whole, by rename), files no longer built removed."""
    for source in built.rglob("*"):
        if source.is_dir():
            continue
        target = served / source.relative_to(built)
        was, now = (target.stat() if target.exists() else None), source.stat()
        if was and (was.st_size, was.st_mtime_ns) == (now.st_size, now.st_mtime_ns):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        part = target.with_name(f".{target.name}.part")
        shutil.copy2(source, part)
        os.replace(part, target)
    for target in sorted(served.rglob("*"), reverse=True):
        if not (built / target.relative_to(served)).exists():
            shutil.rmtree(target) if target.is_dir() else target.unlink()


class Problems:
    """The problems of the last build (none when it succeeded), for the banner."""

    def __init__(self):
        self.lines: list[str] = []
        self.lock = threading.Lock()

    def set(self, lines: list[str]) -> None:
        cwd = f"{Path.cwd()}/"
        with self.lock:
            self.lines = [line.replace(cwd, "") for line in lines]

    def banner(self) -> bytes:
        with self.lock:
            lines = list(self.lines)
        if not lines:
            return b""
        return (
            '<div id="live-problems" role="alert" style="position:fixed;inset:0 0 auto 0;'
            "z-index:10000;max-height:45vh;overflow:auto;padding:.6rem 1rem;"
            "background:#fff4ce;color:#3d2b00;border-bottom:3px solid #b3261e;"
            'font:15px/1.45 system-ui,sans-serif">'
            "<strong>构建失败，这里是上一次成功构建的页面。The last build failed: these "
            "are the last good pages.</strong> 改正后保存，页面会自动刷新。Fix it and save: "
            "the page reloads."
            '<pre style="margin:.4rem 0 0;white-space:pre-wrap;font:13px/1.4 monospace">'
            f"{html.escape(chr(10).join(lines))}</pre></div>\n").encode("utf-8")


def book_builder(Builder, runner: SphinxInWarmProcess, problems: Problems, served: Path,
                 building: Path):
    """sphinx-autobuild's Builder, building into `building` and publishing to `served`
    only what built without a problem. Its __call__ is sphinx-autobuild's, but for that."""
    from sphinx_autobuild.utils import show_command, show_message

    class BookBuilder(Builder):
        def __init__(self, sphinx_args, **kwargs):
            super().__init__([f"{arg.rstrip('/')}{BUILDING}" if _same(arg, served) else arg
                              for arg in sphinx_args], **kwargs)

        def __call__(self, *, changed_paths):
            if changed_paths:
                cwd = Path.cwd()
                shown = [(path.relative_to(cwd) if path.is_relative_to(cwd) else path).as_posix()
                         for path in changed_paths[:5] if path.exists()]
                if shown:
                    show_message(f"Detected changes ({', '.join(shown)})")
                show_message("Rebuilding...")
            if self._run_commands(self.pre_build_commands, "pre-build") != 0:
                return
            if any(path.suffix == ".md" and not path.exists() for path in changed_paths):
                # a deleted page: Sphinx leaves its output, and the other pages' navigation,
                # as they were; every page is written afresh
                shutil.rmtree(building, ignore_errors=True)
            show_command(["python", *SPHINX_BUILD, *self.sphinx_args])
            code = runner.run([sys.executable, *SPHINX_BUILD, *self.sphinx_args]).returncode
            problems.set(runner.problems if code else [])
            if code == 0 or not (served / "index.html").exists():  # a first build: what there is
                publish(building, served)
            if code:
                show_message("The build failed: the last good pages stay served, "
                             "with the problems at their top")
            else:
                self._run_commands(self.post_build_commands, "post-build")
            show_message(f"Serving on {self.uri}")

    return BookBuilder


def banner_middleware(Middleware, problems: Problems):
    """sphinx-autobuild's middleware (the reload script at the end of every HTML page),
    with the banner of the problems before the script while a problem stands."""
    from starlette.datastructures import MutableHeaders

    class WithBanner(Middleware):
        async def __call__(self, scope, receive, send):
            if scope["type"] != "http":
                return await self.app(scope, receive, send)
            added = b""

            async def send_with_banner(message):
                nonlocal added
                if message["type"] == "http.response.start":
                    headers = MutableHeaders(scope=message)
                    if headers.get("Content-Type", "").startswith("text/html"):
                        added = problems.banner() + self.script
                        if "Content-Length" in headers:
                            headers["Content-Length"] = str(int(headers["Content-Length"])
                                                            + len(added))
                elif message["type"] == "http.response.body" and not message.get("more_body"):
                    message["body"] += added
                await send(message)

            await self.app(scope, receive, send_with_banner)

    return WithBanner


def whole_files(StaticFiles):
    """StaticFiles answering with the file read whole at once (its length is the length
    sent, even when the file is replaced between the look-up and the read), and never
    "304 Not Modified": a page kept after a failed build is unchanged, but its banner
    is new."""
    import mimetypes

    from starlette.responses import PlainTextResponse, Response

    class WholeFiles(StaticFiles):
        def file_response(self, full_path, stat_result, scope, status_code=200):
            try:
                body = Path(full_path).read_bytes()
            except FileNotFoundError:
                return PlainTextResponse("Not Found", status_code=404)
            kind = mimetypes.guess_type(str(full_path))[0] or "application/octet-stream"
            if kind.startswith("text/") or kind.endswith(("javascript", "xml")):
                kind += "; charset=utf-8"
            return Response(body, status_code=status_code, media_type=kind,
                            headers={"Cache-Control": "no-cache"})

    return WholeFiles


async def awatch(*paths, watch_filter=None, **options):
    """watchfiles.awatch, with each file watched through its folder (not recursively):
    a watch on a file follows its inode and is lost when a save replaces the file."""
    import watchfiles

    files = {Path(path).resolve() for path in paths if Path(path).is_file()}
    folders = [path for path in paths if Path(path).resolve() not in files]

    def only_the_files(change, path):
        return Path(path) in files and (watch_filter is None or watch_filter(change, path))

    streams = []
    if folders:
        streams.append(watchfiles.awatch(*folders, watch_filter=watch_filter, **options))
    if files:
        streams.append(watchfiles.awatch(*sorted({f.parent for f in files}), recursive=False,
                                         watch_filter=only_the_files, **options))
    changes = asyncio.Queue()

    async def pump(stream):
        async for found in stream:
            await changes.put(found)

    pumps = [asyncio.create_task(pump(stream)) for stream in streams]
    try:
        while True:
            yield await changes.get()
    finally:
        for task in pumps:
            task.cancel()


def _same(arg: str, path: Path) -> bool:
    try:
        return Path(arg).resolve() == path
    except (OSError, ValueError):
        return False


def main(argv: list[str]) -> None:
    import types
    from concurrent.futures import ThreadPoolExecutor

    import sphinx_autobuild.__main__ as autobuild_main
    import sphinx_autobuild.build
    import sphinx_autobuild.server
    from sphinx_autobuild.utils import show_message

    for stream in (sys.stdout, sys.stderr):
        stream.reconfigure(line_buffering=True)  # a line goes out when printed, to a file too
    known = all(hasattr(module, name) for module, name in [
        (sphinx_autobuild.build, "subprocess"), (sphinx_autobuild.server, "ProcessPoolExecutor"),
        (sphinx_autobuild.server, "watchfiles"), (autobuild_main, "Builder"),
        (autobuild_main, "JavascriptInjectorMiddleware"), (autobuild_main, "StaticFiles")])
    if not known:
        show_message("scripts/live.py: this sphinx-autobuild is not the one it knows "
                     "(2025.8.25): every rebuild starts Sphinx afresh")
        return autobuild_main.main(argv)
    served = autobuild_main._parse_args(list(argv))[0].outdir
    building = served.with_name(served.name + BUILDING)
    runner = SphinxInWarmProcess(served.with_name(f"{served.name}.log"))
    runner.start()
    problems = Problems()
    sphinx_autobuild.build.subprocess = runner
    sphinx_autobuild.server.ProcessPoolExecutor = ThreadPoolExecutor
    sphinx_autobuild.server.watchfiles = types.SimpleNamespace(awatch=awatch)
    autobuild_main.Builder = book_builder(autobuild_main.Builder, runner, problems, served,
                                          building)
    autobuild_main.JavascriptInjectorMiddleware = banner_middleware(
        autobuild_main.JavascriptInjectorMiddleware, problems)
    autobuild_main.StaticFiles = whole_files(autobuild_main.StaticFiles)
    autobuild_main.main(argv)


if __name__ == "__main__":
    if sys.argv[1:2] == [SERVE]:
        serve(int(sys.argv[2]))
    else:
        main(sys.argv[1:])

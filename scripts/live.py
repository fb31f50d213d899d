"""`make live`: sphinx-autobuild, each rebuild forked from a process already warm.

sphinx-autobuild runs `python -m sphinx build …` afresh after every save; with this
book, half of that is start-up (importing Sphinx, MyST, the theme and matplotlib,
loading jieba's dictionary) before a page is read. Here the same command runs in a
process forked from a fork server that has loaded those libraries once (warm(),
below). Each build still starts from a clean process that imports the book's own
code afresh, so it sees every edit and does exactly what a cold build does; only
the start-up is gone.

Everything else is sphinx-autobuild's own: the options, watching, serving, the
browser reload, its messages, pre/post-build commands, and what a failed build does
(the server keeps the last good pages, Sphinx's `file:line: ERROR` lines show
unchanged). Two names in sphinx-autobuild (2025.8.25) are replaced:
- its Builder runs Sphinx with `subprocess.run(…, check=True)`: the `subprocess` it
  sees (in sphinx_autobuild.build) sends that one command to the fork server;
- it calls the Builder in a process pool (one process per rebuild, forked from the
  web server): a thread pool here, since the Builder only waits for the build.

The fork server is ours (serve(), below), not multiprocessing's "forkserver":
Python 3.11's cannot preload a warm-up of our own (it drops the main module and the
sys.path it is asked to preload with), and it would re-run this file in every build.

Usage: python scripts/live.py <sphinx-autobuild arguments>
"""

from __future__ import annotations

import atexit
import gc
import json
import os
import signal
import subprocess
import sys

SPHINX_BUILD = ["-m", "sphinx", "build"]  # how sphinx-autobuild runs Sphinx (>= 7.2.3)
SERVE = "--fork-server"

# The libraries a build of the book imports (measured with `python -X importtime`),
# heaviest first. A name that fails to import only makes builds slower.
LIBRARIES = [
    "matplotlib.pyplot",  # sphinxext-opengraph imports it even with its cards off
    "matplotlib.backends.backend_agg",
    "matplotlib.backends.backend_svg",
    "matplotlib.backends.backend_pdf",
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
    """The fork server: warm up, then for each build asked for on stdin (its arguments,
    one JSON line), fork, build in the child, and answer its exit code on `replies`.
    Single-threaded, so forking it is safe. Its stdout and stderr are the terminal's,
    so a build prints as `sphinx-build` would."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C stops the build, not the server
    warm()
    gc.freeze()  # what is loaded stays: no child's collector walks it (see the gc docs on fork)
    with os.fdopen(replies, "w") as answer:
        for line in sys.stdin:  # ends when sphinx-autobuild does
            pid = os.fork()
            if pid == 0:
                code = build(json.loads(line))
                # The atexit work (sphinx-sitemap's Manager process stops), then out, without
                # the interpreter's teardown: 0.7 s of freeing what a dying process holds.
                # multiprocessing's forked children end the same way.
                atexit._run_exitfuncs()
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(code)
            _, status = os.waitpid(pid, 0)
            answer.write(f"{os.waitstatus_to_exitcode(status)}\n")
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


class SphinxInWarmProcess:
    """Stands in for the `subprocess` module in sphinx_autobuild.build: the Sphinx
    command goes to the fork server; any other (--pre-build and --post-build
    commands) runs as before."""

    CalledProcessError = subprocess.CalledProcessError

    def __init__(self):
        self.server = self.replies = None

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
            self.server.stdin.write(json.dumps(command[1 + len(SPHINX_BUILD):]) + "\n")
            self.server.stdin.flush()
            code = int(self.replies.readline() or 1)  # no answer: the server died
        except (BrokenPipeError, ValueError):
            code = 1
        if check and code:
            raise subprocess.CalledProcessError(code, command)
        return subprocess.CompletedProcess(command, code)


def main(argv: list[str]) -> None:
    from concurrent.futures import ThreadPoolExecutor

    import sphinx_autobuild.build
    import sphinx_autobuild.server
    from sphinx_autobuild.__main__ import main as autobuild
    from sphinx_autobuild.utils import show_message

    if not (hasattr(sphinx_autobuild.build, "subprocess")
            and hasattr(sphinx_autobuild.server, "ProcessPoolExecutor")):
        show_message("scripts/live.py: this sphinx-autobuild is not the one it knows "
                     "(2025.8.25): every rebuild starts Sphinx afresh")
        return autobuild(argv)
    runner = SphinxInWarmProcess()
    runner.start()
    sphinx_autobuild.build.subprocess = runner
    sphinx_autobuild.server.ProcessPoolExecutor = ThreadPoolExecutor
    autobuild(argv)


if __name__ == "__main__":
    if sys.argv[1:2] == [SERVE]:
        serve(int(sys.argv[2]))
    else:
        main(sys.argv[1:])

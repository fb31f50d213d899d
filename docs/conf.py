# Sphinx reads conf.py from the source folder; the book's one configuration is
# ../conf.py, run here so that `sphinx-build docs _build` works as typed.
import runpy
from pathlib import Path

globals().update(runpy.run_path(str(Path(__file__).resolve().parent.parent / "conf.py")))

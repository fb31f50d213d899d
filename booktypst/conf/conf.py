# The Typst prototype's configuration (`sphinx-build -c booktypst/conf -b typst docs
# OUT`): the book's one configuration (../../conf.py), plus the booktypst extension,
# so the book's own conf.py and its LaTeX route stay as they are.
import runpy
from pathlib import Path

globals().update(runpy.run_path(str(Path(__file__).resolve().parents[2] / "conf.py")))
extensions = [*extensions, "booktypst"]  # noqa: F821 (from the book's conf.py)
booktypst_words = {name: E[name] for name in ("subtitle", "subject", "keywords")}  # noqa: F821

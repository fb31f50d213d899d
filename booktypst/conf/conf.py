# The PDF's configuration (`sphinx-build -c booktypst/conf -b typst docs OUT`): the
# book's one configuration (../../conf.py), plus the booktypst extension and its settings.
import runpy
from pathlib import Path

globals().update(runpy.run_path(str(Path(__file__).resolve().parents[2] / "conf.py")))
extensions = [*extensions, "booktypst"]  # noqa: F821 (from the book's conf.py)
booktypst_basename = BASENAME  # noqa: F821  tianqiao-2023-<ed>.pdf
booktypst_appendices = APPENDICES  # noqa: F821
booktypst_words = {name: E[name] for name in ("subtitle", "subject", "keywords")}  # noqa: F821

# The one configuration lives at the project root; load it here so that
# `sphinx-build docs _build` works as typed.
import pathlib; __file__ = str(pathlib.Path(__file__).resolve().parent.parent / "conf.py")  # noqa: E702
exec(compile(pathlib.Path(__file__).read_text(encoding="utf-8"), __file__, "exec"))

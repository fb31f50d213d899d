"""docs/AUTHORING.md's chart recipe works as written: its code, pasted where it says
into book/chart_drawings.py, gives a chart factbook accepts, drawn in both languages
(SVG, PDF, the phone SVG) with alt text naming its numbers."""

from __future__ import annotations

import shutil

import importlib.util
import re
import sys
import textwrap

from helpers import ROOT

REGISTRY = "# =========================================================== registry ===="
CHARTS_OPEN = "CHARTS: dict[str, Chart] = {c.name: c for c in (\n"


def test_chart_recipe_in_authoring_draws_a_chart(tmp_path, facts):
    from factbook.chartspec import check_chart_module

    guide = (ROOT / "docs" / "AUTHORING.md").read_text(encoding="utf-8")
    recipe = guide[guide.index("## Adding a chart"):]
    define, register = (textwrap.dedent(block) for block in
                        re.findall(r"```python\n(.*?)```", recipe, re.S))
    source = (ROOT / "book" / "chart_drawings.py").read_text(encoding="utf-8")
    assert REGISTRY in source and CHARTS_OPEN in source  # where the recipe says to paste
    source = source.replace(REGISTRY, f"{define}\n\n{REGISTRY}")
    source = source.replace(CHARTS_OPEN, f"{CHARTS_OPEN}    {register.strip()}\n")
    shutil.copytree(ROOT / "book", tmp_path, dirs_exist_ok=True)  # with the files it reads
    module_path = tmp_path / "chart_drawings.py"
    module_path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("recipe_charts", module_path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    try:
        spec.loader.exec_module(module)
        check_chart_module(module, str(module_path))
        chart = module.CHARTS["greenways"]
        assert chart.keys == ("greenway_added", "greenway_added_caption")
        assert chart.alt(facts, "zh") == ("横向条形图：新增绿道：正文与图片说明。"
                                          "新增绿道（原文正文）4.5公里；新增绿道（原文图片说明）45公里。")
        assert chart.alt(facts, "en") == (
            "Horizontal bar chart of greenways added: main text and photo caption: "
            "greenways added (main text), 4.5 km; greenways added (photo caption), 45 km.")
        for lang in ("zh", "en"):
            written = module.render("greenways", facts, lang, tmp_path / lang)
            assert sorted(p.name for p in written) == [
                "greenways-narrow.svg", "greenways.svg"]
            assert all(p.stat().st_size > 1000 for p in written)
    finally:
        sys.modules.pop(spec.name, None)

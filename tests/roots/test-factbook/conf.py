import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))  # the project root, for factbook

extensions = ["myst_parser", "factbook", "bookpublish", "bookformats", "bookweb"]
myst_enable_extensions = ["colon_fence"]
language = "zh_CN"
numfig = True
factbook_data = str(HERE / "facts.yaml")
factbook_chart_module = str(HERE / "charts_stub.py")
factbook_appendix_doc = "data"
factbook_topics = {"governance": {"zh": "治理", "en": "Governance"},
                   "renewal": {"zh": "更新", "en": "Renewal"}}

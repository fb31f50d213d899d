"""The deploy files: GitHub Pages workflow and Read the Docs configuration are
valid (actionlint, check-jsonschema's schemas) and build the complete site."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"
RTD = ROOT / ".readthedocs.yaml"


def run(*args, cwd=ROOT):
    return subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True)


def test_workflows_pass_actionlint():
    result = run(BIN / "actionlint", "-no-color")
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_actionlint_flags_an_action_on_an_old_runtime(tmp_path):
    """The check above can fail: an outdated action (Node 20) is reported with its line."""
    workflows = tmp_path / ".github" / "workflows"
    workflows.mkdir(parents=True)
    old = WORKFLOW.read_text(encoding="utf-8").replace("actions/checkout@v7", "actions/checkout@v4")
    (workflows / "pages.yml").write_text(old, encoding="utf-8")
    result = run(BIN / "actionlint", "-no-color", ".github/workflows/pages.yml", cwd=tmp_path)
    assert result.returncode == 1
    assert ".github/workflows/pages.yml:" in result.stdout and "actions/checkout@v4" in result.stdout


def test_deploy_files_match_their_schemas():
    for schema, path in (("vendor.github-workflows", WORKFLOW), ("vendor.readthedocs", RTD)):
        result = run(BIN / "check-jsonschema", "--builtin-schema", schema, path)
        assert result.returncode == 0, result.stdout + result.stderr


def test_pages_workflow_builds_deploys_and_releases():
    flow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    build = flow["jobs"]["build"]["steps"]
    runs = [s.get("run", "") for s in build]
    assert "make book" in runs
    book = next(s for s in build if s.get("run") == "make book")
    assert book["env"]["BOOK_BASE_URL"] == "${{ steps.pages.outputs.base_url }}/"
    uses = {s["uses"].split("@")[0]: s for s in build if "uses" in s}
    assert uses["actions/upload-pages-artifact"]["with"]["path"] == "_build/html"
    downloads = uses["actions/upload-artifact"]["with"]["path"].split()
    assert sorted(Path(d).name for d in downloads) == sorted(
        f"tianqiao-2023-{ed}.{kind}" for ed in ("zh", "en") for kind in ("pdf", "epub"))
    deploy = flow["jobs"]["deploy"]
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    release = flow["jobs"]["release"]
    assert release["if"] == "startsWith(github.ref, 'refs/tags/v')"
    assert "gh release create" in release["steps"][-1]["run"]
    assert flow[True]["push"]["tags"] == ["v*"]  # YAML reads the key `on` as true


def test_read_the_docs_builds_the_same_complete_site():
    config = yaml.safe_load(RTD.read_text(encoding="utf-8"))
    assert config["version"] == 2
    assert config["build"]["commands"][0] == "make book"
    assert any("_build/html" in c and "READTHEDOCS_OUTPUT" in c for c in config["build"]["commands"])
    # the Debian packages `make book` needs, as scripts/system-deps.sh lists them
    deps = (ROOT / "scripts" / "system-deps.sh").read_text(encoding="utf-8")
    build_list = deps.split('if [ "$mode" = test ]')[0]
    needed = {line.split("]")[0].strip(" [") for line in build_list.splitlines()
              if line.strip().startswith("[") and "]=" in line}
    assert needed - {"make"} <= set(config["build"]["apt_packages"])

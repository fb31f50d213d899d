"""The deploy files: GitHub Pages workflow and Read the Docs configuration are
valid (actionlint, check-jsonschema's schemas) and build the complete site."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from helpers import ROOT, conf_settings

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


def test_pages_workflow_builds_what_make_book_makes(site):
    """Each run step works here (the Makefile target, the installer script), and what the
    workflow uploads is what `make book` built, at the paths it uploads."""
    flow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    steps = flow["jobs"]["build"]["steps"]
    runs = [s["run"] for s in steps if "run" in s]
    assert runs == ["sudo scripts/system-deps.sh build", "make book"]
    rules = run("make", "-pq", "book").stdout.splitlines()  # make's rule database
    assert any(line.startswith("book: ") for line in rules)
    installer = ROOT / "scripts" / "system-deps.sh"
    assert installer.stat().st_mode & 0o111 and run("bash", "-n", installer).returncode == 0
    uses = {s["uses"].split("@")[0]: s for s in steps if "uses" in s}
    pages = ROOT / uses["actions/upload-pages-artifact"]["with"]["path"]
    assert pages == site and (pages / "index.html").is_file() and (pages / "en" / "index.html").is_file()
    downloads = uses["actions/upload-artifact"]["with"]["path"].split()
    assert downloads == ["_build/html/downloads/tianqiao-2023-zh.pdf",
                         "_build/html/downloads/tianqiao-2023-zh.epub",
                         "_build/html/en/downloads/tianqiao-2023-en.pdf",
                         "_build/html/en/downloads/tianqiao-2023-en.epub"]
    assert [d for d in downloads if not (ROOT / d).is_file()] == []


def test_the_base_url_the_workflow_sets_is_the_one_the_book_uses():
    flow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    book = next(s for s in flow["jobs"]["build"]["steps"] if s.get("run") == "make book")
    assert list(book["env"]) == ["BOOK_BASE_URL"]
    settings = conf_settings(**{"BOOK_BASE_URL": "https://example.github.io/tianqiao-2023/",
                          "BOOK_LANG": "en"})
    assert settings["html_baseurl"] == "https://example.github.io/tianqiao-2023/en/"
    assert settings["ogp_image"] == (
        "https://example.github.io/tianqiao-2023/en/_static/social-card-en.png")


def test_release_step_attaches_the_four_downloads(tmp_path):
    """The release job's shell, run with a stand-in `gh` that records what it is given."""
    flow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    job = flow["jobs"]["release"]
    assert job["needs"] == "build" and job["if"] == "startsWith(github.ref, 'refs/tags/v')"
    fetch, release = job["steps"]
    assert fetch["with"] == {"name": "downloads", "path": "downloads"}
    (tmp_path / "downloads").mkdir()
    for name in ("tianqiao-2023-zh.pdf", "tianqiao-2023-zh.epub", "tianqiao-2023-en.pdf",
                 "tianqiao-2023-en.epub"):
        (tmp_path / "downloads" / name).write_bytes(b"x")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "gh").write_text('#!/bin/sh\nprintf "%s\\n" "$@" > "$GH_ARGS"\n')
    (bin_dir / "gh").chmod(0o755)
    env = {"PATH": f"{bin_dir}:/usr/bin:/bin", "GH_ARGS": str(tmp_path / "args"),
           "TAG": "v1.0", "GITHUB_REPOSITORY": "owner/book"}
    result = subprocess.run(["bash", "-e", "-c", release["run"]], cwd=tmp_path, env=env,
                            capture_output=True, text=True)
    assert (result.returncode, result.stderr) == (0, "")
    assert (tmp_path / "args").read_text(encoding="utf-8").splitlines() == [
        "release", "create", "v1.0", "--repo", "owner/book", "--verify-tag",
        "--title", "天桥 2023 / Tianqiao 2023 v1.0",
        "--notes", "The book in Chinese and English: PDF (A4) and EPUB.",
        "downloads/tianqiao-2023-en.pdf", "downloads/tianqiao-2023-zh.pdf",
        "downloads/tianqiao-2023-en.epub", "downloads/tianqiao-2023-zh.epub"]
    assert flow[True]["push"] == {"branches": ["main"], "tags": ["v*"]}  # YAML reads `on` as true


def test_read_the_docs_commands_publish_the_site(tmp_path):
    """Read the Docs' commands after `make book`, run here on a stand-in site."""
    config = yaml.safe_load(RTD.read_text(encoding="utf-8"))
    assert config["version"] == 2
    first, *rest = config["build"]["commands"]
    assert first == "make book"
    (tmp_path / "_build" / "html" / "en").mkdir(parents=True)
    (tmp_path / "_build" / "html" / "index.html").write_text("zh", encoding="utf-8")
    (tmp_path / "_build" / "html" / "en" / "index.html").write_text("en", encoding="utf-8")
    out = tmp_path / "rtd-output"
    for command in rest:
        result = subprocess.run(["bash", "-e", "-c", command], cwd=tmp_path,
                                env={"PATH": "/usr/bin:/bin", "READTHEDOCS_OUTPUT": str(out)},
                                capture_output=True, text=True)
        assert (result.returncode, result.stderr) == (0, ""), command
    assert (out / "html" / "index.html").read_text(encoding="utf-8") == "zh"
    assert (out / "html" / "en" / "index.html").read_text(encoding="utf-8") == "en"
    # the Debian packages `make book` needs, as scripts/system-deps.sh lists them
    deps = (ROOT / "scripts" / "system-deps.sh").read_text(encoding="utf-8")
    build_list = deps.split('if [ "$mode" = test ]')[0]
    needed = {line.split("]")[0].strip(" [") for line in build_list.splitlines()
              if line.strip().startswith("[") and "]=" in line}
    assert needed - {"make"} <= set(config["build"]["apt_packages"])

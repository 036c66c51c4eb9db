"""environment.yml (conda), pyproject.toml (pip) and the lowest-versions constraints agree on the dependencies."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
_SPEC = re.compile(r"^([A-Za-z0-9_.\-]+)\s*(.*)$")


def _parse(requirement: str) -> tuple[str, str]:
    match = _SPEC.match(requirement.strip())
    assert match, requirement
    return match.group(1).lower().replace("_", "-"), match.group(2).replace(" ", "")


def _declared() -> dict[str, str]:
    """Every dependency pyproject.toml declares, runtime and every extra (test, lint, docs): name -> version range."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    extras = [r for group in project["optional-dependencies"].values() for r in group]
    return dict(_parse(r) for r in [*project["dependencies"], *extras])


def test_environment_matches_pyproject() -> None:
    expected = _declared()

    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    declared: dict[str, str] = {}
    for entry in env["dependencies"]:
        items = entry["pip"] if isinstance(entry, dict) else [entry]
        for item in items:
            if item.startswith("-e") or item.split(">")[0].split("=")[0] in ("python", "pip"):
                continue
            name, spec = _parse(item)
            declared[name] = spec
    assert declared == expected


def test_python_versions_agree() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    python = next(d for d in env["dependencies"] if isinstance(d, str) and d.startswith("python"))
    assert python.removeprefix("python") == project["requires-python"]


def test_lowest_constraints_pin_every_declared_floor() -> None:
    """`make test-lowest` installs constraints/lowest.txt: each dependency exactly at its declared floor (a
    dependency pinned exactly, as the checkers of `make lint` are, at its pin)."""
    pins = dict(
        _parse(line)
        for line in (ROOT / "constraints" / "lowest.txt").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    )
    assert pins == {
        name: spec if spec.startswith("==") else "==" + spec.removeprefix(">=") for name, spec in _declared().items()
    }


def test_every_package_folder_is_shipped() -> None:
    """pyproject.toml lists the packages by hand (to map notebooks/ in): every folder of paritrana_nb is there."""
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    package = ROOT / "paritrana_nb"
    folders = {
        ".".join(p.relative_to(ROOT).parts)
        for p in [package, *package.rglob("*")]
        if p.is_dir() and not any(part.startswith(("__", ".")) for part in p.relative_to(ROOT).parts)
    }
    assert set(setuptools["packages"]) == folders | {"paritrana_nb.notebooks"}
    assert setuptools["package-dir"] == {"paritrana_nb.notebooks": "notebooks"}


def test_pre_commit_runs_the_checks_of_make_lint_with_the_same_checkers() -> None:
    """Each command of `make lint` is a pre-commit hook calling the checker .venv holds (the pinned one)."""
    makefile = (ROOT / "Makefile").read_text()
    recipe = re.search(r"^lint:.*\n((?:\t.*\n)+)", makefile, re.MULTILINE)
    assert recipe
    commands = [
        line.strip().replace("$(BIN)/", ".venv/bin/").removesuffix(" .") for line in recipe.group(1).splitlines()
    ]
    hooks = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())["repos"][0]["hooks"]
    entries = [hook["entry"] for hook in hooks]
    assert commands == [e.removesuffix(" --force-exclude") for e in entries]
    assert re.search(r"^test: .*\blint\b.*test-lowest", makefile, re.MULTILINE)  # the checks run before the tests


def test_every_documentation_build_of_the_makefile_leaves_out_the_themes_notice() -> None:
    """`make docs`, which a new user runs to read the documentation, printed Material for MkDocs' end-of-life notice
    (a box of ten lines pointing at another product) that the test builds leave out: every build sets the variable."""
    makefile = (ROOT / "Makefile").read_text()
    builds = [line.strip() for line in makefile.splitlines() if "mkdocs build" in line and line.startswith("\t")]
    assert len(builds) == 3  # docs, test, test-lowest
    assert all(line.startswith("$(QUIET_DOCS) ") for line in builds), builds
    assert re.search(r"^QUIET_DOCS := NO_MKDOCS_2_WARNING=1$", makefile, re.MULTILINE)

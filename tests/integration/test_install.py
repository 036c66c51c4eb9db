"""A non-editable install (`pip install .`) renders a report from any folder, on the data and params
folders it is given; a folder that does not exist is an error naming it, never the bundled season."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ("pyproject.toml", "README.md", "paritrana_nb", "notebooks")  # what the wheel is built from


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A throwaway venv holding the project as a built wheel (no link to this checkout). Its dependencies
    are the running environment's, through a path file, so nothing else is downloaded."""
    base = tmp_path_factory.mktemp("install")
    source = base / "source"
    source.mkdir()
    for name in SHIPPED:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__", ".*"))
        else:
            shutil.copy2(ROOT / name, source / name)
    pip = [sys.executable, "-m", "pip"]
    subprocess.run(
        [*pip, "wheel", "--quiet", "--no-deps", "--wheel-dir", str(base / "dist"), str(source)],
        check=True,
        env=_clean_env(),
    )
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    running = dict.fromkeys(sysconfig.get_paths()[key] for key in ("purelib", "platlib"))
    (Path(site) / "running_environment.pth").write_text("\n".join(running) + "\n")
    wheel = next((base / "dist").glob("paritrana_nb-*.whl"))
    subprocess.run(
        [*pip, "--python", str(python), "install", "--quiet", "--no-deps", "--no-index", str(wheel)],
        check=True,
        env=_clean_env(),
    )
    return venv


def _clean_env(venv: Path | None = None) -> dict[str, str]:
    """This process's environment without the checkout on PYTHONPATH; with `venv`, that venv first on PATH
    and the running environment's Jupyter data (nbconvert templates, kernel spec) found from it."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    if venv is not None:
        env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
        env["JUPYTER_PATH"] = str(Path(sys.prefix) / "share" / "jupyter")
    return env


def _paritrana(venv: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(venv / "bin" / "paritrana"), *args],
        cwd=cwd,
        env=_clean_env(venv),
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )


def test_the_installed_package_is_the_wheel(installed: Path, tmp_path: Path) -> None:
    done = subprocess.run(
        [
            str(installed / "bin" / "python"),
            "-c",
            (
                "import paritrana_nb.config as c, paritrana_nb.messages as m; print(c.__file__); "
                "print(c.NOTEBOOKS_DIR); print(*(m.po_file(lang) for lang in m.LANGS))"
            ),
        ],
        cwd=tmp_path,
        env=_clean_env(installed),
        capture_output=True,
        text=True,
        check=True,
    )
    module, notebooks, *message_files = (Path(line) for line in done.stdout.split())
    assert module.is_relative_to(installed), module
    assert notebooks.is_relative_to(installed) and (notebooks / "laporan_provinsi.ipynb").is_file(), notebooks
    assert len(message_files) == 2 and all(f.is_relative_to(installed) and f.is_file() for f in message_files)


def test_installed_run_writes_a_report_from_another_folder(installed: Path, tmp_path: Path) -> None:
    shutil.copytree(ROOT / "data" / "2025", tmp_path / "musim" / "2025")
    shutil.copytree(ROOT / "params" / "2025", tmp_path / "metodologi" / "2025")
    cwd = tmp_path / "somewhere"
    cwd.mkdir()
    done = _paritrana(
        installed,
        cwd,
        "run",
        "--season",
        "2025",
        "--province",
        "kalbar",
        "--jobs",
        "1",
        "--draws",
        "50",
        "--data-dir",
        str(tmp_path / "musim"),
        "--params-dir",
        str(tmp_path / "metodologi"),
        "--out",
        "laporan",
    )
    assert done.returncode == 0, done.stdout + done.stderr
    html = cwd / "laporan" / "2025" / "61-kalbar.html"
    assert html.is_file() and "Kalimantan Barat" in html.read_text(encoding="utf-8")


def test_installed_run_without_a_data_folder_names_it(installed: Path, tmp_path: Path) -> None:
    shutil.copytree(ROOT / "params" / "2025", tmp_path / "params" / "2025")  # only the data folder is missing
    done = _paritrana(installed, tmp_path, "run", "--season", "2025", "--province", "kalbar", "--lang", "en")
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    said = f"Season folder not found: {Path('data') / '2025'}."  # as the default --data-dir is written (2f8d948)
    assert said in done.stderr and f"current folder {tmp_path}:" in done.stderr, done.stderr
    assert not (tmp_path / "reports").exists()

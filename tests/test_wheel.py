"""The wheel carries grammars/, rules/, schemas/ and templates: build it, install it in a fresh
virtualenv and parse a report with the installed console script."""

from __future__ import annotations

import subprocess
import sys
import venv
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_installs_and_parses(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(dist), str(ROOT)],
        check=True,
    )
    wheel = next(dist.glob("budget_checker-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "checker/schemas/document.schema.json" in names
    assert "checker/templates/final.yaml" in names
    assert any(n.startswith("checker/grammars/") for n in names)
    assert any(n.startswith("checker/rules/") for n in names)
    assert {"checker/render/templates/report.html.j2", "checker/render/templates/style.css"} <= set(names)
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True, system_site_packages=True).create(env_dir)
    py = env_dir / "bin" / "python"
    subprocess.run([str(py), "-m", "pip", "install", "-q", str(wheel)], check=True)
    out = subprocess.run(
        [str(env_dir / "bin" / "checker"), "parse", "--summary",
         str(ROOT / "tests/fixtures/qinghai-haidong-yibao-2024-final.txt")],
        check=True, capture_output=True, text=True, cwd=tmp_path,
    ).stdout
    assert "final.T06" in out and "海东市医疗保障局" in out
    schema = subprocess.run([str(env_dir / "bin" / "checker"), "schema"], check=True,
                            capture_output=True, text=True, cwd=tmp_path).stdout
    assert '"$schema": "https://json-schema.org/draft/2020-12/schema"' in schema
    page = tmp_path / "page.html"  # the HTML output's templates are found in the installed wheel
    subprocess.run([str(env_dir / "bin" / "checker"), "check", "--format", "html", "-o", str(page),
                    "--fail-on", "never", "--no-cache",
                    str(ROOT / "tests/fixtures/sichuan-jingyan-yibao-2024-final.txt")],
                   check=True, capture_output=True, text=True, cwd=tmp_path)
    assert "井研县医疗保障局" in page.read_text(encoding="utf-8")

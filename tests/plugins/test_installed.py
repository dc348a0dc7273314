"""The core and its region packages as users install them: wheels in a fresh virtualenv (the
core's wheel carries its grammar, rules, schemas and templates; region packages are found by
entry point).

The virtualenv has no site packages of its own beyond what is installed here: the core's
dependencies (pluggy, lark, …) come from the test environment through a folder of symlinks that
leaves out every ``budget-checker`` / ``checker-*`` distribution, so only the wheels installed
below can register plugins. Wheels are built once per module from copies of the sources (no
build artefacts in the repository).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).parent
QH24 = ROOT / "tests/fixtures/qinghai-haidong-yibao-2024-final.txt"
IGNORE_NAMES = (".venv", ".git", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache",
                ".ruff_cache", ".hypothesis", "out")
SOURCES = {
    "budget-checker": ROOT,
    "checker-gansu": ROOT / "plugins/gansu",
    "checker-qinghai": ROOT / "plugins/qinghai",
    "checker-sichuan": ROOT / "plugins/sichuan",
    "checker-shaanxi": ROOT / "plugins/shaanxi",
    "checker-example": HERE / "example_plugin",
    "checker-broken": HERE / "broken_plugin",
}
PARSE = """
import sys
from pathlib import Path
from checker.plugins.host import load_plugins
from checker.plugins.pipeline import parse_with_plugins
from checker.plugins.templates import build_registry
host = load_plugins()
doc = parse_with_plugins(Path(sys.argv[1]), host, build_registry(host))
print(doc.meta.region, "|", doc.meta.region_detected_by)
print(" ".join(t.id for t in doc.tables))
"""


def _ignore(top: Path):
    """What a copy of a source tree leaves out: caches and build output, and at the top of the
    repository its tests, region packages and benchmarks (``checker/plugins/`` is kept)."""
    names = shutil.ignore_patterns(*IGNORE_NAMES)
    skip = {"tests", "plugins", "benchmarks"} if top == ROOT else set()

    def ignore(folder: str, entries: list[str]) -> set[str]:
        here = skip if Path(folder) == top else set()
        return set(names(folder, entries)) | (here & set(entries))

    return ignore


@pytest.fixture(scope="module")
def wheels(tmp_path_factory) -> dict[str, Path]:
    """One wheel per distribution, built without network from copies of the sources."""
    src = tmp_path_factory.mktemp("src")
    dist = tmp_path_factory.mktemp("dist")
    dirs = []
    for name, path in SOURCES.items():
        copy = src / name
        shutil.copytree(path, copy, ignore=_ignore(path))
        dirs.append(str(copy))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(dist), *dirs], check=True, capture_output=True)
    out = {}
    for name in SOURCES:
        out[name] = next(dist.glob(name.replace("-", "_") + "-*.whl"))
    return out


def make_venv(path: Path, wheels: list[Path]) -> Path:
    """A virtualenv at ``path`` with the given wheels installed (no index, no dependencies)."""
    venv.EnvBuilder(with_pip=False, system_site_packages=False).create(path)
    py = path / "bin" / "python"
    site = Path(subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               check=True, capture_output=True, text=True).stdout.strip())
    deps = path / "deps"
    deps.mkdir()
    for entry in Path(sysconfig.get_paths()["purelib"]).iterdir():
        n = entry.name
        if (n.startswith(("budget_checker", "checker_", "__editable__", "_virtualenv"))
                or n.endswith(".pth") or n == "__pycache__"):
            continue
        (deps / n).symlink_to(entry)
    (site / "test-deps.pth").write_text(f"{deps}\n", encoding="utf-8")
    pip(path, "install", *map(str, wheels))
    return path


def pip(env: Path, *args: str) -> None:
    """Run pip inside the virtualenv, offline."""
    subprocess.run([str(env / "bin/python"), "-m", "pip", "--disable-pip-version-check", "-q", *args,
                    *(["--no-deps", "--no-index"] if args[0] == "install" else [])],
                   check=True, capture_output=True, text=True)


def run(env: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run a command of the virtualenv with plugins enabled, outside the repository."""
    return subprocess.run([str(env / "bin" / args[0]), *args[1:]], capture_output=True, text=True,
                          cwd=env, env={"PATH": f"{env / 'bin'}", "HOME": str(env)})


def test_example_package_shows_in_checker_plugins(wheels, tmp_path):
    env = make_venv(tmp_path / "venv", [wheels["budget-checker"], wheels["checker-example"]])
    result = run(env, "checker", "plugins")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    example = next(x for x in lines if x.startswith("example"))
    # version, region (code and name), templates, extends, rule files, rules; the description
    assert example.split()[1:8] == ["0.1.0", "XX", "示例", "1", "0", "1", "1"]
    assert example.endswith(" an example region")
    assert not any(x.startswith(("gansu", "qinghai")) for x in lines) and result.stderr == ""


def test_uninstalling_a_region_package_removes_its_templates(wheels, tmp_path):
    regions = ["checker-gansu", "checker-qinghai", "checker-sichuan", "checker-shaanxi"]
    env = make_venv(tmp_path / "venv", [wheels["budget-checker"], *(wheels[r] for r in regions)])
    listed = run(env, "checker", "plugins").stdout
    assert all(name in listed for name in ("gansu", "qinghai", "sichuan", "shaanxi"))
    before = run(env, "python", "-c", PARSE, str(QH24))
    assert before.returncode == 0, before.stderr
    assert before.stdout.startswith("QH | plugin qinghai")
    assert {"final.QH10", "final.QH11", "final.QH09B"} <= set(before.stdout.split())

    pip(env, "uninstall", "-y", "checker-qinghai")
    assert "qinghai" not in run(env, "checker", "plugins").stdout
    after = run(env, "python", "-c", PARSE, str(QH24))
    assert after.returncode == 0, after.stderr
    region, tables = after.stdout.splitlines()
    # the core knows the region from the package's region file (regions/qinghai.yaml) and says
    # that its plugin is missing
    assert region == ("None | not detected: region QH (海东市 in department name 海东市医疗保障局 "
                      "(cover, line 3); layout signature: 公开10表 / 公开11表 table codes (line 366)), "
                      "but its plugin checker-qinghai (plugins/qinghai of budget-checker) is not "
                      "installed; national rules only")
    checked = run(env, "checker", "check", "-q", "--no-cache", str(QH24))
    assert checked.stderr.count("checker: warning:") == 1, checked.stderr
    assert "region QH" in checked.stderr and "checked with the national rules only" in checked.stderr
    ids = set(tables.split())
    assert not ids & {"final.QH10", "final.QH11", "final.QH09B"}
    assert {f"final.T0{i}" for i in range(1, 10)} <= ids


def test_a_broken_plugin_gives_one_warning_and_the_run_succeeds(wheels, tmp_path):
    env = make_venv(tmp_path / "venv", [wheels["budget-checker"], wheels["checker-gansu"],
                                        wheels["checker-broken"]])
    listed = run(env, "checker", "plugins")
    assert listed.returncode == 0
    assert listed.stderr.count("plugin 'broken' skipped") == 1, listed.stderr
    assert "this plugin is broken on purpose" in listed.stderr
    assert "gansu" in listed.stdout and "broken       FAILED" in listed.stdout
    parsed = run(env, "checker", "parse", "--summary", str(ROOT / "tests/fixtures/"
                                                            "gansu-linxia-yibao-2021-budget.txt"))
    assert parsed.returncode == 0, parsed.stderr
    assert parsed.stderr.count("plugin 'broken' skipped") == 1
    assert "budget.B05" in parsed.stdout


def test_the_core_wheel_carries_its_data_and_its_console_script_runs(wheels, tmp_path):
    """grammars/, rules/, schemas/ and templates are in the wheel, found where it is installed."""
    wheel = wheels["budget-checker"]
    names = zipfile.ZipFile(wheel).namelist()
    assert "checker/schemas/document.schema.json" in names
    assert "checker/templates/final.yaml" in names
    assert any(n.startswith("checker/grammars/") for n in names)
    assert any(n.startswith("checker/rules/") for n in names)
    assert {"checker/render/templates/report.html.j2", "checker/render/templates/style.css"} <= set(names)
    env = make_venv(tmp_path / "venv", [wheel])
    parsed = run(env, "checker", "parse", "--summary", str(QH24))
    assert parsed.returncode == 0, parsed.stderr
    assert "final.T06" in parsed.stdout and "海东市医疗保障局" in parsed.stdout
    schema = run(env, "checker", "schema")
    assert '"$schema": "https://json-schema.org/draft/2020-12/schema"' in schema.stdout
    page = tmp_path / "page.html"  # the HTML output's templates are found in the installed wheel
    checked = run(env, "checker", "check", "--format", "html", "-o", str(page), "--fail-on", "never",
                  "--no-cache", str(ROOT / "tests/fixtures/sichuan-jingyan-yibao-2024-final.txt"))
    assert checked.returncode == 0, checked.stderr
    assert "井研县医疗保障局" in page.read_text(encoding="utf-8")

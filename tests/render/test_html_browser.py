"""The HTML output in a real browser (headless Chromium over the DevTools protocol): the pages
render without a console error, a marked cell is visible in its colour, the overview sorts.

Skipped, saying why, where no Chromium is installed (.ci/run installs Debian's). The screenshot
is kept in build/test-artefacts/ to be looked at.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from tests.cli.helpers import FIXTURES, ROOT, SX
from tests.render.cdp import Browser, find_browser

ARTEFACTS = ROOT / "build" / "test-artefacts"
BROWSER = find_browser()
pytestmark = pytest.mark.skipif(
    BROWSER is None, reason="no Chromium on PATH: `apt-get install -y chromium` runs these tests")


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> Path:
    from checker.cli import main

    out = tmp_path_factory.mktemp("html")

    assert main(["check", "--format", "html", "-o", f"{out}/", "--no-cache", "--fail-on", "never",
                 str(SX), str(FIXTURES / "pdf" / "shanghai-putuo-finance-2024-final.pdf")]) == 0
    return out


@pytest.fixture(scope="module")
def browser():
    assert BROWSER is not None
    b = Browser(BROWSER)
    yield b
    b.close()


def _rgb(css: str) -> tuple[int, int, int]:
    r, g, b = (int(x) for x in re.findall(r"\d+", css)[:3])
    return r, g, b


def test_the_probe_sees_a_console_error(browser):
    browser.open("data:text/html,<p>x</p><script>undefinedFunction()</script>")
    assert browser.console_errors()  # else the assertions below could not fail


def test_a_report_page_renders_and_its_marked_cell_is_visible(browser, pages):
    from PIL import Image

    browser.open((pages / "shaanxi-baihe-yibao-2023-final.txt.html").as_uri())
    assert browser.console_errors() == []
    assert browser.evaluate("document.querySelectorAll('li.finding').length") == 47
    cell = browser.evaluate("""(() => {
        const c = document.querySelector('td.hl');
        c.scrollIntoView({block: 'center'});
        const r = c.getBoundingClientRect();
        const at = document.elementFromPoint(r.x + 4, r.y + r.height / 2);
        return {x: r.x, y: r.y, h: r.height, w: r.width, inside: c.contains(at),
                bg: getComputedStyle(c).backgroundColor, ratio: window.devicePixelRatio,
                findings: c.dataset.findings}})()""")
    assert cell["inside"] and cell["w"] > 0 and cell["h"] > 0
    shot = browser.screenshot()
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    (ARTEFACTS / "html-report-marked-cell.png").write_bytes(shot)
    image = Image.open(io.BytesIO(shot)).convert("RGB")
    k = cell["ratio"]
    pixel = image.getpixel((int((cell["x"] + 5) * k), int((cell["y"] + cell["h"] / 2) * k)))
    want = _rgb(cell["bg"])
    assert all(abs(a - b) <= 8 for a, b in zip(pixel, want, strict=True)), (pixel, want)
    # the cell's finding is on the page, and clicking the cell goes there
    first = cell["findings"].split()[0]
    browser.evaluate("document.querySelector('td.hl a').click()")
    assert browser.evaluate("location.hash") == f"#{first}"


def test_the_overview_renders_and_sorts(browser, pages):
    browser.open((pages / "index.html").as_uri())
    assert browser.console_errors() == []
    rows = "Array.from(document.querySelectorAll('#matrix tbody tr'))"
    reports = f"{rows}.map(tr => tr.cells[0].textContent.trim())"
    totals = f"{rows}.map(tr => Number(tr.cells[8].textContent))"
    assert len(browser.evaluate(reports)) == 2
    browser.evaluate("document.querySelectorAll('#matrix thead th')[8].click()")
    down = browser.evaluate(totals)
    assert down == sorted(down, reverse=True)
    browser.evaluate("document.querySelectorAll('#matrix thead th')[8].click()")
    up = browser.evaluate(totals)
    assert up == sorted(up) and up != down
    assert browser.console_errors() == []

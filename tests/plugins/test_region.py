"""Region claims on strong evidence only: a place of the region in the department's name, on the
cover or in a table header; a layout signature (公开10表 …) supports a claim but never makes one.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from checker.cli import main
from checker.plugins.detect import NOT_DETECTED, detect_region
from checker.plugins.host import load_plugins
from checker.plugins.pipeline import parse_with_plugins
from checker.plugins.templates import build_registry
from checker.region import RegionSpec, find_place, match_region
from tests.conftest import FIXTURES, REPORTS

ROOT = Path(__file__).resolve().parents[2]
SPECS = {p.parent.name: yaml.safe_load(p.read_text(encoding="utf-8"))
         for p in sorted(ROOT.glob("plugins/*/checker_*/region.yaml"))}
PDFS = ["jiangsu-court-2017-budget.pdf", "jiangsu-court-2018-budget.pdf",
        "jiangsu-court-2019-budget.pdf", "shanghai-2024-final-template.pdf",
        "shanghai-putuo-finance-2024-final.pdf"]

# region and the start of its evidence, checked against each report's text
TEXTS = {
    "GS24": ("GS", "plugin gansu: 临夏市 in department name 临夏市医疗保障局 (table header, line 97)"),
    "GS21B": ("GS", "plugin gansu: 临夏市 in department name 临夏市医疗保障局 (title, line 20)"),
    "QH24": ("QH", "plugin qinghai: 海东市 in department name 海东市医疗保障局 (cover, line 3)"),
    "SC24": ("SC", "plugin sichuan: 井研县 in department name 井研县医疗保障局 (title, line 468)"),
    "SX23": ("SX", "plugin shaanxi: 白河县 in department name 白河县医疗保障局 (table header, line 698)"),
}


@pytest.fixture(scope="module")
def host():
    return load_plugins()


@pytest.fixture(scope="module")
def registry(host):
    return build_registry(host)


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_text_reports_keep_their_region(host, registry, key):
    doc = parse_with_plugins(REPORTS[key], host, registry)
    code, evidence = TEXTS[key]
    assert doc.meta.region == code
    assert doc.meta.region_detected_by.startswith(evidence), doc.meta.region_detected_by


def test_a_signature_supports_the_claim_it_comes_with(host, registry):
    doc = parse_with_plugins(REPORTS["QH24"], host, registry)
    assert doc.meta.region_detected_by.endswith(
        "; layout signature: 公开10表 / 公开11表 table codes (line 366)")


@pytest.mark.parametrize("name", PDFS)
def test_pdfs_of_other_provinces_have_no_region(host, registry, name):
    doc = parse_with_plugins(FIXTURES / "pdf" / name, host, registry)
    assert doc.meta.region is None
    assert doc.meta.region_detected_by.startswith("not detected")


def test_a_jiangsu_report_printing_gongkai10_is_not_claimed_by_qinghai(host, registry):
    """The 2019 江苏 budget prints 公开10表: the 青海 plugin sees its signature, claims nothing."""
    doc = parse_with_plugins(FIXTURES / "pdf" / "jiangsu-court-2019-budget.pdf", host, registry)
    how = doc.meta.region_detected_by
    assert doc.meta.region is None
    assert how.startswith("not detected: no plugin claimed it") and "公开10表" in how
    lines = ["江苏省高级人民法院", "2019 年度部门预算公开", "目录", "公开10表",
             "部门名称：江苏省高级人民法院 单位：万元"]
    code, how = detect_region(host, lines)
    assert code is None and "plugin qinghai (QH)" in how
    # the same table code in a 海东 report supports the claim
    code, how = detect_region(host, ["海东市医疗保障局", "2024 年度部门决算", "目录", "公开10表"])
    assert code == "QH" and how.endswith("layout signature: 公开10表 / 公开11表 table codes (line 4)")


def test_cover_and_header_claims(host):
    spec = RegionSpec("QH", "青海", ["青海省", "海东市"])
    cover = ["2024 年度海东市部门决算", "目录"]  # 海东市 is a place, not a department
    assert match_region(cover, spec).evidence == "海东市 on the cover (line 1)"
    header = ["上海市某某局", "2024 年度部门决算", "目录", "单位名称：海东市某某中心"]
    match = match_region(header, spec)
    assert (match.score, match.evidence) == (2, "海东市 in a table header (line 4)")
    opens = match_region(["青海民族大学", "2024 年度部门决算", "目录"], spec)
    assert (opens.score, opens.evidence) == (2, "青海 opens department name 青海民族大学")
    # a place named only in the body text is no claim
    body = ["第一部分 部门概况", "一、部门职责", "负责海东市的医疗保障工作。"]
    assert match_region(body, spec) is None
    assert detect_region(host, body) == (None, NOT_DETECTED)


@pytest.mark.parametrize(("text", "places", "found"), [
    ("海东市医疗保障局", ["海东市"], "海东市"),
    ("上海东市场监督管理所", ["海东市"], None),   # 市场, and 上海 before it
    ("青海省海东市医疗保障局", ["海东市"], "海东市"),
    ("吉林省白河林业局", ["白河县"], None),
    ("安图县二道白河镇人民政府", ["白河县"], None),
    ("国家税务总局白河县税务局", ["白河县"], "白河县"),
    ("中共井研县委办公室", ["井研县"], "井研县"),
    ("正宁县财政局", ["宁县"], None),         # 宁县 is a county of its own
    ("庆阳市宁县财政局", ["宁县"], "宁县"),
    ("2024年度宁县财政局", ["宁县"], "宁县"),
    ("广东省肇庆市广宁县财政局", ["宁县"], None),
    ("提高县级医疗保障水平", ["高县"], None),
    ("宜宾市高县财政局", ["高县"], "高县"),
    ("白银市场服务中心", ["白银市"], None),
    ("白银市财政局", ["白银市"], "白银市"),
])
def test_a_place_is_matched_as_a_place(text, places, found):
    assert find_place(text, places) == found


def test_every_plugin_place_is_a_whole_place_name():
    """Each place carries its 省/市/州/县/区 (a bare '白河' or '海东' would match other words)."""
    for name, spec in SPECS.items():
        for place in spec["places"]:
            assert place[-1] in "省市州县区" or place.endswith("新区"), (name, place)


def test_no_place_is_found_inside_another_regions_place():
    places = {spec["code"]: spec["places"] for spec in SPECS.values()}
    for code, own in places.items():
        for other, theirs in places.items():
            for text in theirs:
                hit = find_place(text, [p for p in own if p != text])
                assert hit is None, (code, hit, other, text)


@pytest.mark.parametrize("department", [
    "江苏省高级人民法院", "上海市普陀区财政局", "上海市XX局", "吉林省白河林业局", "海南省财政厅",
    "河南省财政厅", "湖南省益阳市资阳区财政局", "宁夏回族自治区永宁县财政局", "石家庄市长安区财政局",
    "济南市市中区财政局", "拉萨市城关区财政局", "福建省海西经济区研究中心", "上海东方明珠管理中心",
    "呼和浩特市新城区财政局", "黑龙江省安康医院",
])
def test_other_provinces_departments_are_not_claimed(host, department):
    lines = [department, "2024 年度部门决算", "目录", f"部门：{department}"]
    assert detect_region(host, lines) == (None, NOT_DETECTED)


def test_summary_shows_department_year_and_region(capsys):
    assert main(["parse", "--summary", str(REPORTS["SX23"])]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[1] == ("department: 白河县医疗保障局 (from table header) · year: 2023 (from title) · "
                      "kind: 决算")
    assert out[2].startswith("region: SX (plugin shaanxi: 白河县 in department name 白河县医疗保障局")


def test_summary_says_when_no_plugin_claimed_it(capsys):
    assert main(["parse", "--summary", str(FIXTURES / "pdf" / "jiangsu-court-2018-budget.pdf")]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[1] == "department: 江苏省高级人民法院 (from cover) · year: 2018 (from cover) · kind: 预算"
    assert out[2] == "no region: no plugin claimed it — national rules only"
    assert main(["parse", "--summary", str(FIXTURES / "pdf" / "jiangsu-court-2019-budget.pdf")]) == 0
    line = capsys.readouterr().out.splitlines()[2]
    assert line.startswith("no region: no plugin claimed it (a layout signature alone is no claim: "
                           "plugin qinghai (QH): layout signature: 公开10表")

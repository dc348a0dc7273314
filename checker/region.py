r"""Region detection from a report's lines, driven by a plugin's data.

A region package describes how to recognise its reports in a small YAML file (the core never
names a province)::

    code: XX                       # region code used by ``applies … region XX`` and meta.region
    name: 示例                      # the province's name
    places: [示例省, 示例市, 示例县]   # place names, each with its 省/市/州/县/区 as printed
    signatures:                    # layout signatures: regex on one normalised line → what it is
      - {pattern: '公开12表', what: 'a table code only this region prints'}
      - {pattern: '^附表$', what: 'a list of tables', unless: '公开\d+表'}   # … not with tables
    package: checker-xx            # the distribution that holds the file (named when it is missing)
    description: 示例 决算 formats  # one line for ``checker plugins``
    replaces: {S02: XX.S02}         # national rule → the package's rule in XX reports
    omits: {U10: "why"}             # national rule → why it does not hold in XX reports

The file is checked against ``schemas/region.schema.json`` when it is loaded
(:func:`load_region_spec`): a key the schema does not list is an error naming the file and the
key, and so is a signature's ``pattern`` or ``unless`` that does not compile.

A region is claimed on strong evidence only: a place of the region named in the department's
name, on the cover or in a table header (:mod:`checker.parse.meta` reads all three). A layout
signature is no claim — another province may print the same table code (a 江苏 budget prints
公开10表) — but it strengthens a claim and breaks a tie between two. :func:`match_region`
returns the strongest evidence:

=====  ===========================================================================
score
3      a place name in the department's name (``checker.parse.meta.read_meta``)
2      a place name on the cover or in a table header line ("部门：…", "单位名称：…"), or the
       province's short name (``name``) opening the department's name ("示例大学")
1      a layout signature only: **not a claim**; :func:`checker.plugins.detect.detect_region` never
       sets a region on it
=====  ===========================================================================

A claim also found with a signature carries it in :attr:`RegionMatch.signature`. A signature
with ``unless`` does not count in a report where any normalised line matches ``unless`` (a
heading that is the region's layout only when no table body is printed): it is neither
evidence on its own nor added to a claim's.

A place is matched as a place (:func:`find_place`): its whole name with the 省/市/县 … suffix
(a county's bare name may also be another province's 林业局 or 镇), not inside a longer word (the
character before it, if any, is not a Chinese one, or one that ends a name or a year: 省 市 州
县 区 盟 旗 年 度, or 中共 / 共青团 / 总局 before it), and a city not followed by 场 (市场, a market).
Lines are compared after :func:`checker.labels.norm` (width, brackets and spaces folded).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from checker.errors import InputError
from checker.labels import norm
from checker.parse.meta import read_meta
from checker.schema import check
from checker.yaml_load import YamlError, load_yaml

__all__ = ["CLAIM", "SIGNATURE", "RegionMatch", "RegionSpec", "Signature", "find_place",
           "known_regions", "load_region_spec", "match_region"]

CLAIM = 2  # the lowest score that is a claim
SIGNATURE = 1  # a layout signature alone: supporting evidence, never a claim

_BEFORE_OK = re.compile(r"(?:[省市州县区盟旗年度]|中共|共青团|总局|关于)$")


@dataclass(frozen=True)
class RegionMatch:
    """A plugin's evidence that a report is of its region: code, evidence, strength (3 place in
    the department name, 2 on the cover or in a table header, 1 a layout signature only, which
    is no claim), and the layout signature that supports it, if any."""

    code: str
    evidence: str
    score: int = 1
    signature: str | None = None


@dataclass(frozen=True)
class Signature:
    """A layout signature: a regex on one normalised line, what it is (for the evidence), and
    a regex that, when any normalised line of the report matches it, makes it not count."""

    pattern: re.Pattern[str]
    what: str
    unless: re.Pattern[str] | None = None


@dataclass(frozen=True)
class Replacement:
    """In reports of ``region``, the package's rule ``rule`` takes the place of the national
    rule ``national`` (a manifest's ``replaces:`` entry; ``source``: the manifest); with no
    ``rule``, the national rule is not checked there at all, for the reason ``why`` (an
    ``omits:`` entry: a region's printing habit that the national rule would flag)."""

    national: str
    rule: str | None
    region: str
    source: str
    why: str = ""


@dataclass
class RegionSpec:
    """How a region's reports are recognised (place names, layout signatures) and described."""

    code: str
    name: str = ""
    places: list[str] = field(default_factory=list)
    signatures: list[Signature] = field(default_factory=list)
    # the distribution of the region package (``checker-xx``) and its folder under plugins/
    package: str = ""
    folder: str = ""
    description: str = ""
    # national rule id → the package's rule that takes its place in the region's reports
    replaces: dict[str, str] = field(default_factory=dict)
    omits: dict[str, str] = field(default_factory=dict)
    path: str = ""  # the manifest file


def _compile(text: str, path: Path, where: str) -> re.Pattern[str]:
    """A manifest's regex, normalised like the lines it is searched in."""
    try:
        return re.compile(norm(text))
    except re.error as exc:
        raise InputError(str(path), f"bad region file: {where}: {text!r} does not compile: {exc}") from exc


def load_region_spec(path: Path) -> RegionSpec:
    """Read a region manifest (format in the module docstring), checked against
    ``schemas/region.schema.json``; every regex in it compiled.

    :raises InputError: naming the file, and the key or the regex that is wrong.
    """
    path = Path(path)
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
    except (OSError, YamlError) as exc:
        raise InputError(str(path), f"bad region file: {exc}") from exc
    check(data if data is not None else {}, "region", str(path), "bad region file")
    signatures = []
    for i, s in enumerate(data.get("signatures", [])):
        unless = s.get("unless")
        signatures.append(Signature(
            _compile(s["pattern"], path, f"signatures[{i}].pattern"), str(s["what"]),
            _compile(unless, path, f"signatures[{i}].unless") if unless is not None else None))
    return RegionSpec(
        code=str(data["code"]),
        name=str(data["name"]),
        places=[str(p) for p in data.get("places", [])],
        signatures=signatures,
        package=str(data.get("package", "")),
        folder=path.parent.parent.name,
        description=str(data.get("description", "")),
        replaces={str(k): str(v) for k, v in (data.get("replaces") or {}).items()},
        omits={str(k): str(v) for k, v in (data.get("omits") or {}).items()},
        path=str(path),
    )


def known_regions() -> list[RegionSpec]:
    """The region file of every region package of this repository, by code: what the core needs
    to tell that a report is of a region whose package is not installed. ``regions/<name>.yaml``
    (``checker.regions`` once installed) links to ``plugins/<name>/checker_<name>/region.yaml``:
    the files stay the packages' own; the core only reads them."""
    from importlib import resources

    try:
        root = Path(str(resources.files("checker.regions")))
    except (ModuleNotFoundError, TypeError):  # an install without the region files
        return []
    stamps = []
    for path in sorted(root.glob("*.yaml")):
        st = path.stat()
        stamps.append((path, st.st_mtime_ns, st.st_size))
    return [replace(s) for s in _known_regions(tuple(stamps))]


@lru_cache(maxsize=4)
def _known_regions(stamps: tuple[tuple[Path, int, int], ...]) -> tuple[RegionSpec, ...]:
    """The region files, read once per process while their stamps (path, mtime, size) hold:
    :func:`known_regions` is asked for every report no installed plugin claims."""
    specs = []
    for path, _mtime, _size in stamps:
        spec = load_region_spec(path)
        spec.folder = path.stem
        specs.append(spec)
    return tuple(sorted(specs, key=lambda s: s.code))


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def find_place(text: str, places: list[str]) -> str | None:
    """The first of ``places`` named in ``text`` (normalised) as a place, or None.

    >>> find_place("示例市医疗保障局", ["示例市"]), find_place("示例市场管理所", ["示例市"])
    ('示例市', None)
    >>> find_place("正示例县财政局", ["示例县"]), find_place("某市示例县财政局", ["示例县"])
    (None, '示例县')
    """
    for place in places:
        p = norm(place)
        start = 0
        while p and (i := text.find(p, start)) >= 0:
            start = i + 1
            if i and _is_cjk(text[i - 1]) and not _BEFORE_OK.search(text[:i]):
                continue  # inside a longer word: 正宁县 is not 宁县
            if p.endswith("市") and text[i + len(p):i + len(p) + 1] == "场":
                continue  # 市场, a market
            return place
    return None


def _signature(lines: list[str], spec: RegionSpec) -> tuple[str, int] | None:
    """(what, line number) of the first signature found that counts, or None."""
    if not spec.signatures:
        return None
    texts: list[str] | None = None
    void: dict[int, bool] = {}  # signature index → its ``unless`` is found in the report
    for number, raw in enumerate(lines, 1):
        text = norm(raw)
        for i, sig in enumerate(spec.signatures):
            if not sig.pattern.search(text):
                continue
            if sig.unless is not None:
                if i not in void:
                    texts = texts if texts is not None else [norm(x) for x in lines]
                    void[i] = any(sig.unless.search(x) for x in texts)
                if void[i]:
                    continue
            return sig.what, number
    return None


def _claim(lines: list[str], spec: RegionSpec) -> tuple[str, int] | None:
    """(evidence, score) of the strongest place evidence, or None."""
    found = read_meta(lines)
    dept = found.department
    if dept is not None:
        where = f"{dept.source}, line {dept.line}" if dept.line else dept.source
        if p := find_place(norm(dept.value), spec.places):
            return f"{p} in department name {dept.value} ({where})", 3
    for number in found.cover:
        if p := find_place(norm(lines[number - 1]), spec.places):
            return f"{p} on the cover (line {number})", 2
    for number in found.headers:
        if p := find_place(norm(lines[number - 1]), spec.places):
            return f"{p} in a table header (line {number})", 2
    if dept is not None and len(spec.name) >= 2 and norm(dept.value).startswith(norm(spec.name)):
        return f"{spec.name} opens department name {dept.value}", 2
    return None


def match_region(lines: list[str], spec: RegionSpec) -> RegionMatch | None:
    """The strongest evidence in ``lines`` that the report is of ``spec``'s region, or None.

    A match of score 1 is a layout signature alone (no claim, see the module docstring).
    """
    claim = _claim(lines, spec)
    signature = _signature(lines, spec)
    sig_text = (f"layout signature: {signature[0]} (line {signature[1]})"
                if signature is not None else None)
    if claim is not None:
        evidence, score = claim
        if sig_text:
            evidence = f"{evidence}; {sig_text}"
        return RegionMatch(spec.code, evidence, score, sig_text)
    if sig_text:
        return RegionMatch(spec.code, sig_text, SIGNATURE, sig_text)
    return None

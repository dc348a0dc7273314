"""Layout ``perf_project``: 项目支出绩效自评表, a project's performance self-evaluation.

A report holds several of these (one per project), each read into its own table with the same
template id; ``Table.subject`` is the project name (项目名称). Rows:

* funds rows (side ``资金``): 年度资金总额, 财政拨款 (其中：当年财政拨款), 上年结转资金, 其他资金, over
  the columns 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分. "-", "--", "—" are blank
  cells. An 执行率 printed without "%" under a header that says (%) is read as a percentage.
  In space text whose values do not fill the six columns: a dash among the first four values
  is the 分值 cell (amounts before it, 执行率 and 得分 after it); else, when the three amounts
  are printed, they come first, a percentage is the 执行率 and two more values are 分值 and
  得分. Anything else leaves the amount cells ambiguous — never guessed.
* indicator rows (side ``指标``): one per 三级指标, keyed by its label, with 分值 and 得分, and the
  printed texts as text cells (``Cell.number`` None, ``Cell.text`` as printed, the line where
  the value begins): 指标值 (年度指标值 / 年初目标值), 完成值 (实际完成值), 单位 (GS prints a
  unit column, headed "部门"), 偏差原因 (偏差原因分析及改进措施); and 完成率 (GS) as a
  percentage number. checker/parse/indicator.py reads the texts.
  tsv (QH): the columns of the header line; a row wrapped over two lines (no scores on the second)
  continues its label and text cells column by column.
  space (GS, SX): read from the right: 得分 is the last number (a text after it is the 偏差原因),
  a percentage before it the 完成率, then the 单位 (a word) and 分值. Where two numbers stand
  before the 完成率 (GS24:2422 "10 5": 分值 and a unit misprinted as a digit, or 分值 with no unit)
  the reading that leaves exactly two values (指标值, 完成值) before 分值, the 指标值 not a bare
  number, is taken; when none or both do, 分值 and the values are ambiguous. Before 分值: the
  label (up to the first token with a digit or a comparator; or, on a line without one, two
  known words at the end are the values: "是 是"),
  then the values — a token that begins a value (a number, a comparator, a known word or date)
  starts one, a token without digits continues it ("75.42 万元", "（据实结" / "算）"), the tail
  of a band broken over lines joins it ("100%-8" / "0%(含)"). A row whose scores stand on a line
  without a label takes its label and values from the lines before it (GS24:2347–2354 "城乡居民人口
  参保" / "人数" / ">=210000" / "人" / "210000 10 人 100.00% 10"). Exactly two values are the 指标值
  and the 完成值; any other count — or, over several lines, a value that begins with text, so
  that where it begins is unknown (SX23:1503–1507) — leaves both cells ambiguous: never guessed.
* the 总分 row (side ``总分``): 分值 and 得分.
* GS prints "未完成原因分析" as a row under the funds rows: its text (empty when nothing follows
  the words) is the text cell 未完成原因 of 年度资金总额; a form without that row has no such cell.

The narrative cells (年度总体目标) are not read here; their sentences are read as narrative facts
(checker/parse/facts.py).
"""

from __future__ import annotations

import re

from checker.labels import norm, strip_ordinal
from checker.model import Cell, Note, Number, Row, Table
from checker.parse.body import BodyLine, block_lines, finish, join_label, new_table
from checker.parse.fields import parse_number
from checker.parse.indicator import begins_value
from checker.parse.segment import TableBlock

DASHES = {"-", "--", "—", "——", "－", "/"}
FUNDS = {
    "年度资金总额": "年度资金总额",
    "财政拨款": "财政拨款",
    "当年财政拨款": "财政拨款",
    "上年结转资金": "上年结转资金",
    "其他资金": "其他资金",
}
FUND_COLUMNS = ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
COMPARATORS = ("≥", "≤", ">", "<", "=", "≧", "≦")
# The indicator block starts at its header (一级指标) or, where the header is broken across
# lines, at the first group name; the funds block above never names an indicator.
INDICATOR_HEADER = re.compile(r"一级指标|产出指标|成本指标|数量指标|绩效指标")


def _fund_key(label: str) -> str | None:
    t = strip_ordinal(label).rstrip(":")
    t = re.sub(r"^其中:", "", t)
    return FUNDS.get(t)


def _as_percent(n: Number) -> Number:
    if n.percent:
        return n
    return Number(n.value, n.decimals, n.text, n.line, percent=True)


def _cells(values: dict[str, Number | None], line: int) -> dict[str, Cell]:
    return {k: Cell(number=v, line=v.line if v else line, text=v.text if v else "")
            for k, v in values.items()}


def parse(block: TableBlock, lines: list[str], style: str) -> Table:
    """Parse one 项目支出绩效自评表 block."""
    content, notes = block_lines(block, lines, style)
    table = new_table(block, block.template.columns)
    header = norm(" ".join(ln.text for ln in content[:24]))
    percent_header = "执行率(%)" in header
    in_indicators = False
    tsv_cols: dict[str, int] = {}
    pending: list[BodyLine] = []  # lines of the next indicator before its scores (space text)
    fund_label: list[str] = []  # a funds label wrapped over lines (space text)
    for ln in content:
        texts = [f.text for f in ln.fields if f.text]
        if not texts:
            continue
        first = norm(texts[0])
        if first.startswith("项目名称"):
            if style == "tsv":
                table.subject = " ".join(texts[1:]) or None
            else:
                table.subject = ln.text.strip()[len("项目名称"):].strip() or None
            continue
        if first.startswith("总分") or "总分" in texts[0].split():
            numbers = [f.number for f in ln.fields if f.number is not None]
            vals: dict[str, Number | None] = {"分值": None, "得分": None}
            if numbers:
                vals["分值"] = numbers[0]
                vals["得分"] = numbers[1] if len(numbers) > 1 else None
            table.rows.append(Row(label="总分", key="总分", line=ln.number, side="总分",
                                  cells=_cells(vals, ln.number)))
            break
        if not in_indicators and INDICATOR_HEADER.search(norm(ln.text)):
            in_indicators = True
        if in_indicators and "三级指标" in norm(ln.text):
            if style == "tsv":
                tsv_cols = {norm(f.text): i for i, f in enumerate(ln.fields) if f.text}
            continue
        if not in_indicators and first.startswith("未完成原因分析"):
            # GS: a row under the funds rows; what follows the words is the reason (none printed
            # in GS24:1924, 2307, 2721). A text cell of 年度资金总额.
            total = table.row("年度资金总额")
            if total is not None:
                reason = " ".join(texts[1:]) if style == "tsv" else ln.text.strip()[len("未完成原因分析"):]
                total.cells["未完成原因"] = Cell(None, ln.number, reason.strip())
            continue
        if not in_indicators:
            _funds_line(table, ln, style, percent_header, fund_label)
        elif style == "tsv":
            _tsv_indicator(table, ln, tsv_cols)
        else:
            _space_indicator(table, ln, pending)
    return finish(table, notes)


def _funds_line(table: Table, ln: BodyLine, style: str, percent_header: bool,
                pending: list[str]) -> None:
    fields = ln.fields
    idx = next((i for i, f in enumerate(fields) if f.number is None and f.text
                and _fund_key(_strip_dashes(f.text))), None)
    if idx is not None:
        pending.clear()  # a label of its own: what was pending was a header or a held row
    else:
        idx = next((i for i, f in enumerate(fields) if f.number is None and f.text
                    and _fund_key("".join(pending) + _strip_dashes(f.text))), None)
    if idx is None and pending and style != "tsv" and fields and (
            fields[0].number is not None or fields[0].text in DASHES):
        idx = -1  # values on a line of their own, under a label wrapped over the lines above
    if idx is None:
        if style != "tsv" and fields and fields[0].number is None and not any(
                f.number is not None for f in fields):
            text = _strip_dashes(fields[0].text)
            if text and len(text) <= 8:
                pending.append(text)  # a label wrapped over lines ("其中：当年财政拨" / "款")
                if not _fund_key("".join(pending)) and len(pending) > 3:
                    pending.clear()
        return
    label = "".join(pending) + (_strip_dashes(fields[idx].text) if idx >= 0 else "")
    pending.clear()
    key = _fund_key(label)
    if key is None:
        return
    if idx >= 0 and style != "tsv" and not any(
            f.number is not None or f.text in DASHES for f in fields[idx + 1 :]) and not [
            t for t in fields[idx].text.split()[1:] if t in DASHES]:
        # a label with nothing after it: its values may follow on the next line; held until
        # then (an empty row if the next line has a label of its own)
        pending.append(label)
        table.rows.append(Row(label=label, key=key, line=ln.number, side="资金",
                              cells=_cells(dict.fromkeys(FUND_COLUMNS), ln.number)))
        return
    if idx < 0 and table.rows and table.rows[-1].key == key and not any(
            c.number for c in table.rows[-1].cells.values()):
        table.rows.pop()  # the held label row: its values are on this line
    values: dict[str, Number | None] = dict.fromkeys(FUND_COLUMNS)
    ambiguous: list[str] = []
    if style == "tsv":
        for col, f in zip(FUND_COLUMNS, fields[idx + 1 :], strict=False):
            values[col] = f.number
    else:
        # numbers and dash tokens (a dash is a printed blank: its position counts)
        seq: list[Number | None] = []
        for f in fields[idx + 1 :]:
            if f.number is not None:
                seq.append(f.number)
            else:
                seq.extend(None for t in f.text.split() if t in DASHES)
        dashes_in_label = [t for t in fields[idx].text.split()[1:] if t in DASHES] if idx >= 0 \
            else []
        seq = [None] * len(dashes_in_label) + seq
        ambiguous = _place_funds(seq, values)
    if values["执行率"] is not None and (percent_header or values["执行率"].percent):
        values["执行率"] = _as_percent(values["执行率"])
    if any(r.key == key for r in table.rows):
        table.unassigned.append(Note(text=f"repeated funds row: {ln.text.strip()}", line=ln.number))
        return
    row = Row(label=label, key=key, line=ln.number, side="资金", cells=_cells(values, ln.number))
    for col in ambiguous:
        row.cells[col] = Cell(None, ln.number, placed="ambiguous")
    table.rows.append(row)


def _strip_dashes(text: str) -> str:
    return re.sub(r"(?:\s+(?:-|--|—|——|－|/))+\s*$", "", text.strip())


def _place_funds(seq: list[Number | None], values: dict[str, Number | None]) -> list[str]:
    """Place a space-text funds row's values; return the columns left ambiguous."""
    money = ["年初预算数", "全年预算数", "全年执行数"]
    if len(seq) == len(FUND_COLUMNS):
        for col, n in zip(FUND_COLUMNS, seq, strict=True):
            values[col] = n
        return []
    if None in seq and seq.index(None) <= 3:
        # the first dash is the 分值 cell: money columns before it, 执行率 and 得分 after it
        p = seq.index(None)
        before, after = seq[:p], seq[p + 1 :]
        if len(before) == 3:
            for col, n in zip(money, before, strict=True):
                values[col] = n
        ambiguous = [] if len(before) == 3 else (money if before else [])
        for col, n in zip(["执行率", "得分"], after, strict=False):
            values[col] = n
        return ambiguous
    plain = [n for n in seq if n is not None and not n.percent]
    pct = [n for n in seq if n is not None and n.percent]
    if len(plain) >= 3:
        # all three amounts printed; what follows are the scores, a percentage the 执行率
        for col, n in zip(money, plain, strict=False):
            values[col] = n
        rest = plain[3:]
        if len(rest) == 2:
            values["分值"], values["得分"] = rest
        if pct:
            values["执行率"] = pct[0]
        return [] if len(rest) in (0, 2) else ["分值", "得分"]
    if not plain and not pct:
        return []
    return money  # fewer amounts than columns and no dash to anchor them: not guessed


_TEXT_COLUMNS = {  # printed header (normalised) → the indicator row's text / rate column
    "年度指标值": "指标值", "指标值": "指标值", "年初目标值": "指标值", "目标值": "指标值",
    "实际完成值": "完成值", "完成值": "完成值", "单位": "单位", "计量单位": "单位", "部门": "单位",
    "完成率": "完成率",
}
_INCOMPLETE_BAND = re.compile(r"\d+(?:\.\d+)?\s*[%％]\s*(?:[（(]含[)）])?\s*[-－—–~～至]\s*\d*$")


def _text_cell(text: str, line: int) -> Cell:
    return Cell(None, line, text)


def _indicator_row(table: Table, label: str, line: int, score_max: Number | None,
                   score: Number | None, extra: dict[str, Cell] | None = None) -> Row:
    key = norm(label) or f"指标@{line}"
    row = Row(label=label, key=key, line=line, side="指标",
              cells=_cells({"分值": score_max, "得分": score}, line))
    row.cells.update(extra or {})
    table.rows.append(row)
    return row


def _tsv_columns(header: dict[str, int]) -> dict[str, int]:
    """The text columns of a tsv indicator header: 指标值, 完成值, 单位, 完成率, 偏差原因."""
    out: dict[str, int] = {}
    for name, i in header.items():
        key = _TEXT_COLUMNS.get(name)
        if key is None and ("偏差原因" in name or "未完成原因" in name):
            key = "偏差原因"
        if key is not None and key not in out:
            out[key] = i
    return out


def _tsv_indicator(table: Table, ln: BodyLine, cols: dict[str, int]) -> None:
    cells = ln.fields
    i3, i_max, i_score = cols.get("三级指标"), cols.get("分值"), cols.get("得分")
    if i3 is None or i_max is None or i_score is None:
        return
    label = cells[i3].text if i3 < len(cells) else ""
    score_max = cells[i_max].number if i_max < len(cells) else None
    score = cells[i_score].number if i_score < len(cells) else None
    texts = {key: cells[i] for key, i in _tsv_columns(cols).items() if i < len(cells) and cells[i].text}
    if score_max is None and score is None:
        last = next((r for r in reversed(table.rows) if r.side == "指标"), None)
        if last is not None:  # a wrapped row: its cells continue the row above, column by column
            if label:
                last.label = join_label(last.label, label)
            for key, f in texts.items():
                old = last.cells.get(key)
                if old is not None and old.number is None and old.text:
                    last.cells[key] = Cell(None, old.line, old.text + f.text)
        return
    extra: dict[str, Cell] = {}
    for key, f in texts.items():
        if key == "完成率" and f.number is not None:
            extra[key] = Cell(_as_percent(f.number), ln.number, f.text)
        elif key != "完成率":
            extra[key] = _text_cell(f.text, ln.number)
    extra.update(_tsv_groups(table, cells, cols, ln.number))
    _indicator_row(table, label, ln.number, score_max, score, extra)


def _tsv_groups(table: Table, cells: list, cols: dict[str, int], line: int) -> dict[str, Cell]:
    """The 一级指标 / 二级指标 of a tsv indicator row: its own cell, else the row above's (a
    merged cell is printed on its first row only). A cell that only says "指标" ends a name
    wrapped from the row above ("社会效益" / "指标", QH24:578–579)."""
    last = next((r for r in reversed(table.rows) if r.side == "指标"), None)
    out: dict[str, Cell] = {}
    for key in ("一级指标", "二级指标"):
        i = cols.get(key)
        text = cells[i].text.strip() if i is not None and i < len(cells) else ""
        above = last.cells.get(key) if last is not None else None
        if text and text.replace(" ", "") == "指标" and above is not None:
            text = above.text.replace(" ", "") + "指标" if not above.text.endswith("指标") else above.text
            if last is not None and not above.text.endswith("指标"):
                last.cells[key] = Cell(None, above.line, text)
        if text:
            out[key] = Cell(None, line, text)
        elif above is not None and above.text:
            if key == "二级指标" and "一级指标" in out and (
                    last is None or out["一级指标"].text != last.cells.get("一级指标", Cell(None, 0)).text):
                continue  # a new 一级 group starts: the 二级 of the group above does not carry
            out[key] = Cell(None, above.line, above.text)
    return out


def _tokens(ln: BodyLine) -> list[tuple[str, Number | None]]:
    return [(tok, parse_number(tok, ln.number)) for tok in ln.text.split()]


def _has_digit(tok: str) -> bool:
    return any(ch.isdigit() for ch in tok)


def _group_values(tokens: list[tuple[str, int]]) -> list[tuple[str, int, bool]]:
    """Group value tokens into values: a token that begins a value (a number, a comparator, a
    known word) starts one; a token without digits continues it (a unit, "万元", a bracketed
    remark wrapped over lines, "（据实结" / "算）"); the tail of a band broken over lines
    ("100%-8" / "0%(含)") continues it too. Returns (text, first line, begins cleanly)."""
    groups: list[list] = []  # [text, first line, last line, clean]
    for tok, line in tokens:
        if groups:
            g = groups[-1]
            if _INCOMPLETE_BAND.search(g[0]) and tok[:1].isdigit():
                g[0], g[2] = g[0] + tok, line
                continue
            if not begins_value(tok) and not _has_digit(tok):
                g[0], g[2] = g[0] + (" " if line == g[2] else "") + tok, line
                continue
        groups.append([tok, line, line, begins_value(tok)])
    return [(g[0], g[1], g[3]) for g in groups]


def _split_head(head: list[tuple[str, int]]) -> tuple[list[str], list[tuple[str, int]]]:
    """A score line's tokens before 分值: its label tokens and its value tokens. The label ends
    at the first token with a digit or a comparator; where no token has one, two known words at
    the end are the values ("提升人才队伍建设 是 是")."""
    first = next((k for k, (tok, _) in enumerate(head)
                  if _has_digit(tok) or tok.startswith(COMPARATORS)), None)
    if first is None:
        if len(head) >= 3 and begins_value(head[-1][0]) and begins_value(head[-2][0]):
            first = len(head) - 2
        else:
            first = len(head)
    label = [tok for tok, _ in head[:first] if not tok.endswith("指标")]
    return label, head[first:]


Groups = list[tuple[str, int, bool]]


def _values(head: list[tuple[str, int]], pending: list[BodyLine]) -> tuple[str, Groups | None]:
    """The label and the value groups of an indicator row whose scores are on this line.

    A row printed on one line carries its label; otherwise the label and the values are on
    the lines before it (pending): the values begin at the first token that begins a value.
    None for the groups when no value token is printed."""
    label_tokens, value_tokens = _split_head(head)
    if label_tokens:
        # one line: the label ends where the values begin, so a value may begin with text
        # ("大病救助缴费标准 缴费基数1% 缴费基数1%", SX23:1865)
        groups = [(t, n, True) for t, n, _ in _group_values(value_tokens)] if value_tokens else None
        return " ".join(label_tokens), groups
    before: list[tuple[str, int]] = [(tok, p.number) for p in pending for tok in p.text.split()]
    start = next((k for k, (tok, _) in enumerate(before) if begins_value(tok)), len(before))
    label = "".join(tok for tok, _ in before[:start] if not _has_digit(tok) and not tok.endswith("指标"))
    tokens = before[start:] + value_tokens
    return label, (_group_values(tokens) if tokens else None)


def _score_structure(kinds: list[tuple[str, Number | None]]) -> list[dict] | None:
    """Read a line from the right: 得分, an optional 偏差原因 text after it, an optional 完成率
    with the 单位 column before it, and 分值. Several readings when the 单位 column may hold a
    digit; None when the line holds no scores."""
    j = len(kinds)
    while j > 0 and kinds[j - 1][1] is None and not _has_digit(kinds[j - 1][0]):
        j -= 1
    if j < len(kinds) and not (j >= 2 and kinds[j - 1][1] is not None and kinds[j - 2][1] is not None):
        j = len(kinds)  # trailing text, but not after scores: no 偏差原因
    reason = [tok for tok, _ in kinds[j:]]
    i = j - 1
    if i < 0 or kinds[i][1] is None or kinds[i][1].percent:
        return None
    base = {"得分": kinds[i][1], "reason": reason, "rate": None, "unit": None}
    i -= 1
    if i >= 0 and kinds[i][1] is not None and kinds[i][1].percent:
        base["rate"] = kinds[i][1]
        i -= 1  # the 完成率 column; before it the 单位 column, then 分值
        if i >= 0 and kinds[i][1] is None:
            base["unit"] = kinds[i][0]
            i -= 1  # the unit, printed as a word
        elif i >= 1 and kinds[i][1] is not None and kinds[i - 1][1] is not None \
                and not kinds[i - 1][1].percent:
            # two numbers: 分值 and a unit misprinted as a digit, or 分值 with no unit printed
            return [dict(base, unit=kinds[i][0], 分值=kinds[i - 1][1], head=i - 1),
                    dict(base, 分值=kinds[i][1], head=i)]
    if i >= 0 and kinds[i][1] is not None and not kinds[i][1].percent:
        return [dict(base, 分值=kinds[i][1], head=i)]
    return None


def _space_indicator(table: Table, ln: BodyLine, pending: list[BodyLine]) -> None:
    kinds = _tokens(ln)
    readings = _score_structure(kinds)
    if readings is None:
        pending.append(ln)  # a label, a value or a remark wrapped over lines
        return
    options = []
    for reading in readings:
        head = [(tok, ln.number) for tok, _ in kinds[: reading["head"]]]
        label, groups = _values(head, pending)
        options.append((reading, label, groups))
    if len(options) > 1:
        # the reading whose values fill exactly 指标值 and 完成值, the 指标值 not a bare number (a
        # comparator, a unit or a word: a bare number may be a 完成值 whose 指标值 is blank);
        # none or both: 分值 unknown, and so where the values end
        two = [o for o in options if o[2] is not None and len(o[2]) == 2
               and parse_number(o[2][0][0], ln.number) is None]
        options = two if len(two) == 1 else [(options[0][0], options[0][1], [])]
        ambiguous_max = len(two) != 1
    else:
        ambiguous_max = False
    reading, label, groups = options[0]
    pending.clear()
    extra: dict[str, Cell] = {}
    if groups is not None:
        if len(groups) == 2 and all(clean for _, _, clean in groups):
            for key, (text, line, _) in zip(("指标值", "完成值"), groups, strict=True):
                extra[key] = _text_cell(text, line)
        else:  # where the values part cannot be told apart: not guessed
            for key in ("指标值", "完成值"):
                extra[key] = Cell(None, ln.number, placed="ambiguous")
    if reading["unit"] is not None and not ambiguous_max:
        extra["单位"] = _text_cell(reading["unit"], ln.number)
    if reading["rate"] is not None:
        extra["完成率"] = Cell(reading["rate"], ln.number, reading["rate"].text)
    if reading["reason"]:
        extra["偏差原因"] = _text_cell(" ".join(reading["reason"]), ln.number)
    row = _indicator_row(table, label, ln.number, None if ambiguous_max else reading["分值"],
                         reading["得分"], extra)
    if ambiguous_max:
        row.cells["分值"] = Cell(None, ln.number, placed="ambiguous")

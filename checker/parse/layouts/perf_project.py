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
* indicator rows (side ``指标``): one per 三级指标, keyed by its label, with 分值 and 得分 only.
  tsv: the columns of the header line (三级指标, 分值, 得分). space: the last number of the line
  is 得分 and the number before it 分值; where a percentage stands before 得分 (a 完成率 column)
  the token before it is the 单位 column: a word is skipped, but two numbers there leave 分值
  ambiguous (a unit misprinted as a digit, or none printed). Text-only lines before a line
  without a label of its own are its wrapped label.
* the 总分 row (side ``总分``): 分值 and 得分.

The 年度指标值 / 实际完成值 texts and the narrative cells are not read yet.
"""

from __future__ import annotations

import re

from checker.labels import norm, strip_ordinal
from checker.model import Cell, Note, Number, Row, Table
from checker.parse.body import BodyLine, block_lines, finish, join_label, new_table
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
    pending: list[str] = []  # label lines of the next indicator (space text)
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


def _indicator_row(table: Table, label: str, line: int, score_max: Number | None,
                   score: Number | None) -> None:
    key = norm(label) or f"指标@{line}"
    table.rows.append(Row(label=label, key=key, line=line, side="指标",
                          cells=_cells({"分值": score_max, "得分": score}, line)))


def _tsv_indicator(table: Table, ln: BodyLine, cols: dict[str, int]) -> None:
    cells = ln.fields
    i3, i_max, i_score = cols.get("三级指标"), cols.get("分值"), cols.get("得分")
    if i3 is None or i_max is None or i_score is None:
        return
    label = cells[i3].text if i3 < len(cells) else ""
    score_max = cells[i_max].number if i_max < len(cells) else None
    score = cells[i_score].number if i_score < len(cells) else None
    if score_max is None and score is None:
        last = next((r for r in reversed(table.rows) if r.side == "指标"), None)
        if label and last is not None:  # a wrapped 三级指标 label
            last.label = join_label(last.label, label)
        return
    _indicator_row(table, label, ln.number, score_max, score)


def _space_indicator(table: Table, ln: BodyLine, pending: list[str]) -> None:
    tokens = ln.text.split()
    numbers = {id(f): f.number for f in ln.fields if f.number is not None}
    kinds: list[tuple[str, Number | None]] = []
    for tok in tokens:
        f = next((x for x in ln.fields if x.text == tok and id(x) in numbers), None)
        kinds.append((tok, f.number if f is not None else None))
    i = len(kinds) - 1
    # a 偏差原因 text after the scores ("… 10 10 资金由财政统筹安排")
    while i >= 2 and kinds[i][1] is None and not any(ch.isdigit() for ch in kinds[i][0]) \
            and kinds[i - 1][1] is not None and kinds[i - 2][1] is not None:
        i -= 1
    if i < 0 or kinds[i][1] is None or kinds[i][1].percent:
        if not any(ch.isdigit() for ch in ln.text) and not ln.text.strip().startswith(COMPARATORS):
            pending.extend(t for t in tokens if not t.endswith("指标"))
        return
    score: Number = kinds[i][1]
    i -= 1
    score_max: Number | None = None
    ambiguous = False
    if i >= 0 and kinds[i][1] is not None and kinds[i][1].percent:
        i -= 1  # the 完成率 column; before it the 单位 column, then 分值
        if i >= 0 and kinds[i][1] is None:
            i -= 1  # the unit, printed as a word
        elif i >= 1 and kinds[i][1] is not None and kinds[i - 1][1] is not None:
            ambiguous = True  # two numbers: a unit misprinted as a digit, or no unit printed
    if not ambiguous and i >= 0 and kinds[i][1] is not None and not kinds[i][1].percent:
        score_max = kinds[i][1]
    elif not ambiguous:
        return
    label_tokens = []
    for tok in tokens[: i + 1]:
        if any(ch.isdigit() for ch in tok) or tok.startswith(COMPARATORS):
            break
        if not tok.endswith("指标"):
            label_tokens.append(tok)
    label = " ".join(label_tokens) or "".join(pending)
    pending.clear()
    _indicator_row(table, label, ln.number, score_max, score)
    if ambiguous:
        table.rows[-1].cells["分值"] = Cell(None, ln.number, placed="ambiguous")

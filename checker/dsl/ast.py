"""The syntax tree of rule files, as produced by :mod:`checker.dsl.parse`.

Shape (one class per construct of ``grammars/rules.lark``)::

    RuleFile  := Rule*
    Rule      := id title severity? applies? tags* message? Stmt*
    Stmt      := Let(name, Expr) | For(var, Expr, where: Expr?, Stmt*) | When(Expr, Stmt*)
               | Assert(Expr, require: bool) | RequireTables(names)
    Expr      := Num | Str | Const | Name | Attr(Expr, name) | Index(Expr, Expr)
               | Call(name, Expr*) | Gen(Expr, var, Expr, where: Expr?) | ListLit(Expr*)
               | BinOp(op, Expr, Expr) | Neg(Expr) | Compare(op, Expr, Expr)
               | Approx(Expr, Expr, tolerance: Expr) | BoolOp('and'|'or', Expr, Expr) | Not(Expr)

Every node carries its position (``line``, ``col``, 1-based) and the source text it was
parsed from (``src``), so that errors and findings can quote the rule as written. Operators are
stored in canonical form: ``+ - * / = == != <= >= < >`` (``×`` becomes ``*``, ``≤`` becomes
``<=``, ``＝`` becomes ``=``, and so on); :data:`OP_DISPLAY` gives the symbol used in messages.
The tree holds names as written; nothing is resolved here (that is :mod:`checker.dsl.compiler`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

OP_DISPLAY: dict[str, str] = {
    "+": "+",
    "-": "−",
    "*": "×",
    "/": "÷",
    "=": "=",
    "==": "==",
    "!=": "≠",
    "<=": "≤",
    ">=": "≥",
    "<": "<",
    ">": ">",
    "~=": "≈",
}

# the placeholders a message may use besides expressions: the two sides of the comparison, their
# difference and tolerance, the operator, the rule's id and title, the assertion as written
MESSAGE_BUILTINS = frozenset({"left", "right", "diff", "difference", "tolerance", "op", "rule",
                              "title", "expr"})

OP_CANONICAL: dict[str, str] = {
    "＝": "=",
    "×": "*",
    "÷": "/",
    "−": "-",
    "≠": "!=",
    "≤": "<=",
    "≥": ">=",
    "≈": "~=",
}


@dataclass
class Node:
    """Base of every node: position and source text."""

    line: int = field(default=0, kw_only=True)
    col: int = field(default=0, kw_only=True)
    src: str = field(default="", kw_only=True)


# ---- expressions


@dataclass
class Num(Node):
    """A number literal; ``96.5%`` has ``percent`` set and ``value`` 0.965. Always exact."""

    value: Decimal
    text: str
    percent: bool = False


@dataclass
class Str(Node):
    """A string literal (quotes removed, escapes resolved)."""

    value: str


@dataclass
class Const(Node):
    """``true``, ``false`` or ``none``."""

    value: bool | None


@dataclass
class Name(Node):
    """A bare name: a variable, a table, a column or row label (resolved by the compiler)."""

    name: str


@dataclass
class Attr(Node):
    """``obj.name``: a column of a row, a property of a table or row."""

    obj: Node
    name: str


@dataclass
class Index(Node):
    """``obj[key]``: a row of a table (by label, key or code) or a column of a row."""

    obj: Node
    key: Node


@dataclass
class Gen(Node):
    """``expr for var in iterable where cond``: only as the argument of a function."""

    expr: Node
    var: str
    iterable: Node
    where: Node | None = None


@dataclass
class Call(Node):
    """``func(args…)``."""

    func: str
    args: list[Node]


@dataclass
class ListLit(Node):
    """``[a, b, c]``."""

    items: list[Node]


@dataclass
class BinOp(Node):
    """``left op right`` with op one of ``+ - * /``."""

    op: str
    left: Node
    right: Node


@dataclass
class Neg(Node):
    """``-x``."""

    operand: Node


@dataclass
class Compare(Node):
    """``left op right`` with op one of ``= == != <= >= < >``."""

    op: str
    left: Node
    right: Node


@dataclass
class Approx(Node):
    """``left ≈ right ± tolerance``."""

    left: Node
    right: Node
    tolerance: Node


@dataclass
class BoolOp(Node):
    """``left and right`` / ``left or right``."""

    op: str
    left: Node
    right: Node


@dataclass
class Not(Node):
    """``not x``."""

    operand: Node


# ---- statements


@dataclass
class Let(Node):
    """``let name = expr``."""

    name: str
    expr: Node


@dataclass
class For(Node):
    """``for var in iterable where cond:`` followed by a block."""

    var: str
    iterable: Node
    where: Node | None
    body: list[Node]


@dataclass
class When(Node):
    """``when cond:`` followed by a block; a false condition makes the instance not applicable."""

    cond: Node
    body: list[Node]


@dataclass
class Assert(Node):
    """An assertion: a comparison or condition that must hold (``require`` is optional)."""

    expr: Node
    require: bool = False


@dataclass
class RequireTables(Node):
    """``require table A, B, …``: one result per table."""

    names: list[str]
    positions: list[tuple[int, int]] = field(default_factory=list)


# ---- rules


@dataclass
class Applies(Node):
    """``applies KIND region R1, R2 except region R3 year Y1-Y2``; every part optional."""

    kind: str | None = None
    regions: list[str] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)
    year_from: int | None = None
    year_to: int | None = None


@dataclass
class Rule(Node):
    """One rule as written."""

    id: str
    title: str
    severity: str | None = None
    severity_pos: tuple[int, int] = (0, 0)
    applies: Applies | None = None
    tags: list[str] = field(default_factory=list)
    message: str | None = None
    message_pos: tuple[int, int] = (0, 0)
    # the message split into text and placeholders ({row.科目名称}, {left} …), parsed with the rule
    message_parts: list[str | Placeholder] = field(default_factory=list)
    body: list[Node] = field(default_factory=list)
    path: str = ""
    # ``exact "title"`` / ``exact message "…"``: the same-precision twin ``<id>.eq`` to derive
    # (checker.dsl.exact), and, on the twin, the id of the rule it was derived from
    exact_title: str | None = None
    exact_message: str | None = None
    exact_pos: tuple[int, int] = (0, 0)
    exact_message_pos: tuple[int, int] = (0, 0)
    derived_from: str | None = None


@dataclass
class Placeholder:
    """A ``{…}`` of a message: its text, and its expression (None for a word of
    :data:`MESSAGE_BUILTINS`, which the engine fills from the comparison)."""

    text: str
    expr: Node | None


@dataclass
class RuleFile:
    """A parsed rule file."""

    path: str
    text: str
    rules: list[Rule]

"""Label normalisation: one function that every matcher (templates, rules, patterns) uses.

Reports print the same label in many ways (domain.md hazards H3, H4, H15, H16): full- and
half-width brackets and punctuation, spaces spread between characters by justification, an
ordinal prefix ("一、", "（一）", "1．"), "其中：". :func:`norm` folds all of these so that two
labels that mean the same compare equal; :func:`strip_ordinal` also removes the ordinal. The
original text is always kept for display: normalised keys are for matching only.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_FULLWIDTH = str.maketrans(
    {
        "（": "(",
        "）": ")",
        "【": "[",
        "】": "]",
        "〔": "[",
        "〕": "]",
        "：": ":",
        "，": ",",
        "；": ";",
        "．": ".",
        "、": "、",
        "“": '"',
        "”": '"',
        "‘": "'",
        "’": "'",
        "＝": "=",
        "％": "%",
        "≧": "≥",
        "≦": "≤",
    }
)

_SPACE = re.compile(r"\s+")
_ORDINAL = re.compile(
    r"^(?:"
    r"[一二三四五六七八九十百]+[、.]"  # 一、 十二、
    r"|\([一二三四五六七八九十]+\)[、.]?"  # (一)
    r"|\(\d+\)[、.]?"  # (1)
    r"|\d+(?:\.(?!\d)|、)"  # 1. 1、  (not 1.5)
    r"|其中:"
    r")\s*"
)


@lru_cache(maxsize=1 << 16)  # labels repeat across rows, tables and rules
def norm(text: str) -> str:
    """Fold width, brackets, quotes and all white space; keep every other character.

    >>> norm("因公出国 （境） 费用")
    '因公出国(境)费用'
    """
    text = unicodedata.normalize("NFKC", text).translate(_FULLWIDTH)
    return _SPACE.sub("", text)


@lru_cache(maxsize=1 << 16)
def strip_ordinal(text: str) -> str:
    """Normalise and remove a leading ordinal such as "一、", "(一)", "1." or "其中:".

    >>> strip_ordinal("八、社会保障和就业支出")
    '社会保障和就业支出'
    """
    text = norm(text)
    previous = None
    while previous != text:
        previous = text
        text = _ORDINAL.sub("", text)
    return text


def is_prefix_match(printed: str, label: str, minimum: int = 4) -> bool:
    """True when a printed (possibly cut) label is a prefix of ``label`` of useful length.

    Reports cut long labels at the cell edge ("三、国有资本经营预算财政拨", hazard H4); a cut label
    matches when what remains is at least ``minimum`` characters (or the whole label).
    """
    a, b = strip_ordinal(printed), strip_ordinal(label)
    if not a:
        return False
    if a == b:
        return True
    return b.startswith(a) and len(a) >= min(minimum, len(b))

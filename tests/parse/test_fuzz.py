"""Random and mangled text: the parser returns a document or raises its own input error."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.errors import InputError
from checker.model import Document
from checker.parse.document import parse_raw
from checker.read.text import raw_from_bytes
from tests.conftest import REPORTS

SAMPLE = {k: p.read_text(encoding="utf-8").splitlines() for k, p in REPORTS.items()}
ALPHABET = st.sampled_from(list("收入支出合计基本项目公开01表一二三、（）：. \t0123456789,%-万元注第部分"))


def _parse(text: str, registry):
    try:
        doc = parse_raw(raw_from_bytes(text.encode("utf-8"), "fuzz.txt", "text"), registry)
    except InputError:
        return None
    assert isinstance(doc, Document)
    doc.to_json()
    return doc


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=ALPHABET, max_size=400))
def test_random_text(registry, text):
    _parse(text, registry)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    key=st.sampled_from(sorted(SAMPLE)),
    seed=st.integers(0, 2**32 - 1),
    start=st.integers(0, 3000),
    length=st.integers(1, 400),
)
def test_mangled_report_slices(registry, key, seed, start, length):
    lines = SAMPLE[key][start : start + length]
    rnd = random.Random(seed)
    mangled = []
    for line in lines:
        op = rnd.random()
        if op < 0.1:
            continue  # drop a line
        if op < 0.2:
            line = line[: rnd.randrange(len(line) + 1)]  # cut it
        elif op < 0.3:
            line = line.replace(" ", "\t")
        elif op < 0.35:
            mangled.append(line)  # duplicate
        mangled.append(line)
    _parse("\n".join(mangled), registry)

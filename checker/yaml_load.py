"""Reading the YAML data files (templates, patterns, region files, configuration, baselines).

One loader for all of them: PyYAML's libyaml-based ``CSafeLoader`` when PyYAML was built with
libyaml (the wheels on PyPI are), else the pure-Python ``SafeLoader``. Both build the same plain
values (safe tags only); libyaml is about nine times faster, which is most of what reading the
templates costs at start-up.
"""

from __future__ import annotations

from typing import Any

import yaml

__all__ = ["load_yaml"]

_LOADER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> Any:
    """The value of a YAML text (safe tags only); raises ``yaml.YAMLError`` as ``safe_load`` does."""
    return yaml.load(text, Loader=_LOADER)

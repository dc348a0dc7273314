"""Configuration of ``checker check`` and ``checker rules``: ``.checker.yaml`` or ``pyproject.toml``.

The nearest of these, searched from the current directory up to the root, is used (in one
folder ``.checker.yaml`` wins over ``pyproject.toml``; a ``pyproject.toml`` without a
``[tool.checker]`` table is passed over)::

    # .checker.yaml                        # pyproject.toml
    select: [T07, 表内]                     [tool.checker]
    ignore: [C05]                          select = ["T07", "表内"]
    fail_on: warning                       fail_on = "warning"
    rules: [rules/local]                   rules = ["rules/local"]
    baseline: checker-baseline.yaml        baseline = "checker-baseline.yaml"
    region: QH                             region = "QH"
    no_plugins: false                      format = "sarif"
    format: text

Paths (``rules``, ``baseline``) are relative to the folder of the configuration file. A flag
given on the command line overrides the key of the same name.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.dsl.source import suggest
from checker.errors import CheckerError
from checker.yaml_load import YamlError, load_yaml

__all__ = ["FAIL_ON", "Config", "ConfigError", "current_config", "find_config", "load_config"]

KEYS = ("select", "ignore", "fail_on", "rules", "baseline", "region", "no_plugins", "format")
FAIL_ON = ("error", "warning", "info", "never")
YAML_NAMES = (".checker.yaml", ".checker.yml")


class ConfigError(CheckerError):
    """A configuration file that cannot be read or holds a wrong key or value."""


@dataclass
class Config:
    """The settings of a configuration file; ``None`` / empty means 'not set'."""

    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    fail_on: str | None = None
    rules: list[Path] = field(default_factory=list)
    baseline: Path | None = None
    region: str | None = None
    no_plugins: bool = False
    format: str | None = None
    path: Path | None = None


def find_config(start: Path | None = None) -> Path | None:
    """The nearest ``.checker.yaml`` or ``pyproject.toml`` with ``[tool.checker]``, or None."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        for name in YAML_NAMES:
            if (folder / name).is_file():
                return folder / name
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "checker" in _read_toml(pyproject).get("tool", {}):
            return pyproject
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None


def _names(value: Any, key: str, where: Path) -> list[str]:
    """A list of names from a list or a comma-separated string."""
    if value is None:
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    if isinstance(value, list) and all(isinstance(v, str | int) for v in value):
        return [str(v).strip() for v in value if str(v).strip()]
    raise ConfigError(f"{where}: {key} must be a list of rule ids or tags")


def _choice(value: Any, key: str, choices: tuple[str, ...], where: Path) -> str | None:
    if value is None:
        return None
    if str(value) not in choices:
        raise ConfigError(f"{where}: {key} must be one of {', '.join(choices)} (got {value!r})")
    return str(value)


def load_config(path: Path) -> Config:
    """Read one configuration file (YAML, or the ``[tool.checker]`` table of pyproject.toml)."""
    if path.name == "pyproject.toml":
        data = _read_toml(path).get("tool", {}).get("checker", {})
    else:
        try:
            data = load_yaml(path.read_text(encoding="utf-8")) or {}
        except (OSError, UnicodeDecodeError, YamlError) as exc:
            raise ConfigError(f"{path}: cannot read: {exc}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping of settings")
    for key in data:
        if key not in KEYS:
            hint = suggest(str(key), KEYS)
            raise ConfigError(f"{path}: unknown setting {key!r}"
                              + (f"; did you mean {hint}?" if hint else f" (known: {', '.join(KEYS)})"))
    base = path.parent
    rules = data.get("rules") or []
    if isinstance(rules, str):
        rules = [rules]
    if not isinstance(rules, list):
        raise ConfigError(f"{path}: rules must be a list of files or folders")
    baseline = data.get("baseline")
    region = data.get("region")
    return Config(
        select=_names(data.get("select"), "select", path),
        ignore=_names(data.get("ignore"), "ignore", path),
        fail_on=_choice(data.get("fail_on"), "fail_on", FAIL_ON, path),
        rules=[base / str(r) for r in rules],
        baseline=base / str(baseline) if baseline else None,
        region=str(region) if region else None,
        no_plugins=bool(data.get("no_plugins", False)),
        # a format name: checked by `checker check` against the renderers in force (a plugin may add one)
        format=str(data["format"]) if data.get("format") else None,
        path=path,
    )


def current_config(start: Path | None = None) -> Config:
    """The configuration that applies in ``start`` (default: the current directory)."""
    found = find_config(start)
    return load_config(found) if found else Config()

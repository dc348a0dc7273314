"""The region package kit: a region package is its manifest and its data folders.

A region package's ``__init__.py`` is, after its docstring::

    from checker.region_plugin import RegionPlugin

    plugin = RegionPlugin(__file__)

and its entry point names that object (``xx = "checker_xx:plugin"``). Everything else is read
from the package's folder:

==================  ===========================================================================
``region.yaml``     the manifest (``schemas/region.schema.json``): code, name, places, layout
                    signatures, distribution, description; read and checked when the plugin is
                    made, so a bad manifest stops the import (the host names the plugin, the
                    file and the key, and skips it)
``templates/``      ``*.yaml`` template files, in name order (:func:`checker_templates`)
``rules/``          ``.rules`` files with their ``.cases.yaml`` (:func:`checker_rule_paths`);
                    the manifest's ``replaces:`` names the national rules they replace in the
                    region's reports (:func:`checker_rule_replacements`)
``layouts/``        table-body layouts, one module each: ``layouts/<name>.py`` is layout
                    ``<name>``, its ``parse(block, lines, style)`` the parser
                    (:func:`checker_layouts`); imported when a report is parsed
==================  ===========================================================================

A package that needs code as well (a post-parse step, rule functions) subclasses
:class:`RegionPlugin` and adds the hook as a method decorated with
:data:`checker.hookspecs.hookimpl`; the data hooks stay as they are.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

from checker.hookspecs import hookimpl
from checker.parse.layouts import LayoutParser
from checker.region import RegionMatch, RegionSpec, Replacement, load_region_spec, match_region

__all__ = ["MANIFEST", "RegionPlugin"]

MANIFEST = "region.yaml"


class RegionPlugin:
    """The hooks of a region package, answered from its folder (the module docstring).

    :param package_file: the package's ``__init__.py`` (its ``__file__``), or its folder.
    :raises checker.errors.InputError: the manifest is missing, not valid, or has a regex that
        does not compile (the error names the file and the key).
    """

    def __init__(self, package_file: str | Path) -> None:
        path = Path(package_file).resolve()
        self.folder: Path = path if path.is_dir() else path.parent
        self.name: str = self.folder.name.removeprefix("checker_")
        self.spec: RegionSpec = load_region_spec(self.folder / MANIFEST)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({str(self.folder)!r})"

    @hookimpl
    def checker_templates(self) -> list[Path]:
        """The package's template files: ``templates/*.yaml``, in name order."""
        return sorted((self.folder / "templates").glob("*.yaml"))

    @hookimpl
    def checker_rule_paths(self) -> list[Path]:
        """The package's rule folder, ``rules/`` (none when it has no such folder)."""
        rules = self.folder / "rules"
        return [rules] if rules.is_dir() else []

    @hookimpl
    def checker_layouts(self) -> dict[str, LayoutParser]:
        """The package's table layouts: ``layouts/<name>.py`` → its ``parse``, by name.

        The modules are imported as ``<package>.layouts.<name>`` (so they may import each
        other and the package); one without a ``parse`` function raises (the host names the
        plugin and skips it).
        """
        folder = self.folder / "layouts"
        out: dict[str, LayoutParser] = {}
        for path in sorted(folder.glob("*.py")) if folder.is_dir() else []:
            if path.stem.startswith("_"):
                continue
            module = importlib.import_module(f"{self.folder.name}.layouts.{path.stem}")
            parser = getattr(module, "parse", None)
            if not callable(parser):
                raise TypeError(f"{path}: a layout module needs a parse(block, lines, style) "
                                f"function")
            out[path.stem] = parser
        return out

    @hookimpl
    def checker_detect_region(self, lines: list[str]) -> RegionMatch | None:
        """The region's claim on a report: a place of the manifest in the department name, on
        the cover or in a table header; a layout signature alone is no claim
        (:func:`checker.region.match_region`)."""
        return match_region(lines, self.spec)

    @hookimpl
    def checker_rule_replacements(self) -> list[Replacement]:
        """The manifest's ``replaces:`` (national rule → the package's rule, in its region) and
        ``omits:`` (national rule → why it is not checked in its region)."""
        source = self.spec.path or str(self.folder / MANIFEST)
        return ([Replacement(national, rule, self.spec.code, source)
                 for national, rule in self.spec.replaces.items()]
                + [Replacement(national, None, self.spec.code, source, why)
                   for national, why in self.spec.omits.items()])

    @hookimpl
    def checker_plugin_info(self) -> dict[str, Any]:
        """Name, region, code and description (the manifest's), for ``checker plugins``."""
        return {"name": self.name, "region": self.spec.name, "code": self.spec.code,
                "description": self.spec.description}

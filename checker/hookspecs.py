"""Plugin hooks: the reference manual of what a plugin can add.

A plugin is a module, or an object, named by an entry point of the group ``checker``, whose
functions (methods) are decorated with :data:`hookimpl`. A region package is usually an object
of the kit, :class:`checker.region_plugin.RegionPlugin`, which answers the hooks from the
package's manifest and data folders::

    [project.entry-points.checker]
    xx = "checker_xx:plugin"      # plugin = RegionPlugin(__file__) in checker_xx/__init__.py

A module of ``@hookimpl`` functions (``xx = "checker_xx"``) works as well: the core registers
its own national templates and rules through these same hooks (``checker.core_plugin``, such a
module), so a region package is written exactly like the core set. ``docs/plugins.md`` walks
through a whole package.

Rules for every hook:

* Every hook is optional: implement only what the plugin adds.
* Hooks that return lists or mappings are called on every plugin, and the results are combined
  (core first, then plugins by entry-point name).
* A plugin whose import or whose hook raises is skipped with **one** warning naming it
  (:class:`checker.plugins.host.PluginWarning`); the core and the other plugins still run. Hooks must
  therefore not catch their own errors to hide them, and must not print.
* Hooks are pure data providers: they return paths and values, they do not read the report
  (except :func:`checker_detect_region` and :func:`checker_post_parse`, which are given it).
* Region-specific behaviour stays in the region package: the core never names a province.

Loading can be switched off with the global ``--no-plugins`` flag or the environment variable
``CHECKER_NO_PLUGINS=1``; the core set still runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    from checker.model import Document
    from checker.parse.layouts import LayoutParser
    from checker.read.registry import Reader
    from checker.region import RegionMatch, Replacement
    from checker.render.base import Renderer
    from checker.templates.loader import TemplateRegistry

hookspec = pluggy.HookspecMarker("checker")
hookimpl = pluggy.HookimplMarker("checker")


@hookspec
def checker_templates() -> list[Path]:
    """Return YAML template files that this plugin adds.

    The format is described in ``checker/templates/loader.py``. In a file, an entry with a new
    ``id`` adds a table (``final.QH10``); an entry ``extends: <id>`` adds aliases, titles,
    markers, ``column_aliases`` and ``row_labels`` to a template of the core or of another
    plugin, and is applied after every plain entry is loaded. An entry with ``regions: [QH]``
    is recognised by title only in reports of those regions (and is tried before the national
    templates there), for a title whose meaning differs between provinces.

    :returns: paths of ``.yaml`` files (usually ``sorted(HERE.glob("templates/*.yaml"))``).
    """


@hookspec
def checker_rule_paths() -> list[Path]:
    """Return folders or files of ``.rules`` files to compile together with the core's.

    Folders are searched recursively. Each ``X.rules`` should have ``X.cases.yaml`` beside it
    (``docs/rules.md``, "Testing rules"); rule ids must be unique across all plugins, so prefix
    them with the region code (``QH.T11``). Use ``applies … region QH`` for rules that only hold
    in the region's reports. :func:`checker.plugins.collect.plugin_rule_paths` collects them.

    :returns: paths of folders or ``.rules`` files.
    """


@hookspec
def checker_layouts() -> dict[str, LayoutParser]:
    """Return table-body layouts: layout name → parser ``parse(block, lines, style) -> Table``.

    A template names its layout (``layout: target_funds``); the parser reads the table block
    the segmenter found for it (:class:`checker.parse.segment.TableBlock`) from the report's
    lines, in ``style`` ``"tsv"`` or ``"space"``, into a :class:`checker.model.Table`. The
    helpers a layout may use are listed in ``docs/plugins.md`` ("Layouts"). The core's own are
    registered the same way (``checker.core_plugin``); :func:`checker.plugins.collect.plugin_layouts`
    collects them, and a name taken twice keeps the first (core first, then plugins by name)
    with a :class:`checker.plugins.host.PluginWarning`. A template naming a layout nobody provides
    leaves its table unread, with a note naming the template and its file.
    :class:`checker.region_plugin.RegionPlugin` answers it from the package's ``layouts/``
    folder: module ``layouts/<name>.py`` is layout ``<name>``, its ``parse`` the parser.

    :returns: a mapping of layout names to parsers.
    """


@hookspec
def checker_readers() -> list[Reader]:
    """Return readers of more file types: each a :class:`checker.read.registry.Reader` (a name,
    its suffixes, a one-line description for ``--help``, and ``read(path) -> RawDocument``, the
    report's numbered lines, e.g. :func:`checker.read.text.read_text` for a text format).

    The core's text, PDF, workbook and JSON readers are registered the same way
    (``checker.core_plugin``); :func:`checker.plugins.collect.plugin_readers` collects them into
    the :class:`~checker.read.registry.ReaderRegistry` every command reads with, and a suffix
    taken twice keeps the first (core first, then plugins by name) with a
    :class:`checker.plugins.host.PluginWarning`. A folder given to ``checker check`` is searched
    for the suffixes of every reader (a reader's ``in_folders`` narrows them).

    :returns: the readers.
    """


@hookspec
def checker_renderers() -> list[type[Renderer]]:
    """Return output formats: :class:`checker.render.base.Renderer` subclasses, each with its
    ``name`` (what ``checker check --format NAME`` takes).

    A renderer only formats the results it is given (``render(files, ctx) -> str``; override
    ``write`` to stream). :func:`checker.render.registry.renderer_registry` adds them after the
    core's formats (``text``, ``json`` …); a name taken twice keeps the first with a
    :class:`checker.plugins.host.PluginWarning`. The formats are in ``checker check --help``.

    :returns: the renderer classes.
    """


@hookspec
def checker_fact_patterns() -> list[Path]:
    """Return YAML files of narrative fact patterns (how 情况说明 sentences carry numbers).

    :returns: paths of ``.yaml`` files.
    """


@hookspec
def checker_detect_region(lines: list[str]) -> RegionMatch | tuple[str, str] | str | None:
    """Say whether a report is this plugin's region.

    :param lines: the report's text lines (``lines[0]`` is line 1), before parsing.
    :returns: a :class:`checker.region.RegionMatch` (code, human evidence such as
        ``"<place> in department name <department>"``, and a score: 3 place name in the
        department name, 2 in the report's head or header lines, 1 a layout signature), a
        ``(code, evidence)`` pair, a bare code, or None when the report is not this region's.

    Every plugin is asked: :func:`checker.plugins.detect.detect_region` collects all the answers and
    keeps the strongest claim (two different regions with the same top score → not detected),
    so the first answer must not end the call. The usual body is
    ``match_region(lines, load_region_spec(HERE / "region.yaml"))`` (``checker.region``), which
    :class:`checker.region_plugin.RegionPlugin` does from the package's manifest.
    """


@hookspec
def checker_functions() -> dict[str, Any]:
    """Return extra rule-language functions: name → :class:`checker.dsl.function.Function`.

    A plain callable ``f(*args)`` is accepted too (wrapped by ``as_function``). Functions
    compute on values; they must not read files or loop without bound. Collected by
    :func:`checker.plugins.collect.plugin_functions` and passed to ``compile_rules(functions=…)``.

    :returns: a mapping of function names to functions.
    """


@hookspec
def checker_post_parse(document: Document, registry: TemplateRegistry) -> None:
    """Complete a parsed document in place (called by :func:`checker.plugins.pipeline.parse_with_plugins`).

    For region material that no table layout reads, e.g. a table a region builds from several
    places of the report (a block printed inside another table's block is a template with
    ``options.under`` and a layout, not a post-step). A post-step should only *add* (tables, notes); it
    must not change what the core parsed, and should act only when it finds its material.

    :param document: the parsed document, ``meta.region`` already set.
    :param registry: the templates in force (core and plugins).
    """


@hookspec
def checker_rule_replacements() -> list[Replacement]:
    """Return the national rules this plugin's rules replace in its region's reports.

    Each :class:`checker.region.Replacement` says: in reports of region ``region``, national
    rule ``national`` gives ``not_applicable`` ("replaced in region GS by GS.S02 (plugin
    gansu)") and the package's rule ``rule`` checks the same thing by the region's convention.
    With ``rule`` None (the manifest's ``omits:``), nothing replaces the national rule: it is
    not applicable there, for the reason ``why`` ("not checked in region QH: … (plugin qinghai)").
    :class:`checker.region_plugin.RegionPlugin` answers it from ``replaces:`` and ``omits:``.
    :func:`checker.plugins.replacements.apply_replacements` applies them to the compiled rules, and raises
    :class:`checker.errors.InputError` naming the manifest and the key when ``national`` is no
    rule of the core, or ``rule`` none of the plugin's.

    :returns: the replacements.
    """


@hookspec
def checker_plugin_info() -> dict[str, Any]:
    """Describe the plugin for ``checker plugins``.

    :returns: ``{"name": …, "region": <province name>, "code": "XX", "description": …}``; every key
        optional.
    """

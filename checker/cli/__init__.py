"""The ``checker`` command line: wires read → parse → compile → evaluate → render.

One module a command group: ``parse`` (``checker parse``), ``check`` (``checker check``), ``rules``
(``checker rules …``, ``checker lsp``), ``info`` (``checker schema``, ``plugins``, ``cache``);
``common`` is what they share. This module builds the argument parser and runs the command.

Exit codes: 0 nothing at or above ``--fail-on``; 1 findings; 2 usage error or unreadable input
(every other file is still processed); 3 an internal error — a bug met on a report, its
traceback saved to a file the message names (``checker.crash``). No traceback reaches the user.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from checker import __version__, kept
from checker.cli.check import add_check_parser
from checker.cli.common import default_cache_dir, error
from checker.cli.info import add_cache_parser, add_info_parsers
from checker.cli.parse import add_parse_parser
from checker.cli.rules import add_lsp_parser, add_rules_parser
from checker.errors import CheckerError
from checker.read.registry import ReaderRegistry

__all__ = ["build_parser", "main"]


EPILOG = """\
examples:
  checker check report.txt                 check a report against the national rules
  checker check --format sarif -o out.sarif reports/
  checker check --select T07,表内 --fail-on warning report.txt
  checker check --format html -o report.html report.pdf   a page a reviewer works from
  checker check --format html -o out/ reports/            a page per report, out/index.html, out/summary.csv
  checker rules list                       the rules, with id, severity, tags and source
  checker rules test                       run the cases beside every rule file
  checker parse report.txt                 the parsed document as JSON
  checker parse --summary report.txt       what was recognised: tables, rows, cells, sections
  checker parse --facts report.txt         the facts read from the narrative (情况说明)
  checker parse report.txt -o report.json  write the JSON, check it later with 'checker check'
  checker schema                           the JSON Schema of the parsed document
  checker plugins                          installed region plugins
  checker rules fmt --check rules/         which rule files the formatter would change
  checker lsp                              the language server of .rules files (docs/lsp.md)
"""


# commands that neither read reports nor write findings: their parser is built without asking
# the plugins for file types and output formats (which costs the import of every plugin)
LIGHT_COMMANDS = ("schema", "cache")


def light_command(argv: list[str]) -> bool:
    """Whether ``argv`` runs a command of :data:`LIGHT_COMMANDS`, or asks for the version only."""
    command = next((a for a in argv if not a.startswith("-")), None)
    if command is None:
        return "--version" in argv and not {"-h", "--help"} & set(argv)
    return command in LIGHT_COMMANDS


def build_parser(readers: ReaderRegistry | None,
                 renderers: Mapping[str, Any] | None) -> argparse.ArgumentParser:
    """The argument parser of the whole command line; the file types it names are those of
    ``readers``, the output formats those of ``renderers`` (the core's and the plugins'). None
    (a :func:`light_command`): ``parse`` and ``check``, which name them, are left out."""
    types = f" — {readers.describe()} —" if readers is not None else ""
    parser = argparse.ArgumentParser(
        prog="checker",
        description=f"Check 部门预算/决算公开 reports{types} against rules written as data.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"checker {__version__}")
    parser.add_argument("--no-plugins", action="store_true",
                        help="do not load installed region plugins (national set only)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    if readers is not None:
        add_parse_parser(sub, readers)

    add_info_parsers(sub)

    if readers is not None and renderers is not None:
        add_check_parser(sub, readers, renderers)
    add_rules_parser(sub)
    add_cache_parser(sub)

    add_lsp_parser(sub)
    return parser


def _command_parser(parser: argparse.ArgumentParser, argv: list[str]) -> argparse.ArgumentParser:
    """The parser of the (sub)command ``argv`` names — ``check``, ``rules test`` … — so that a
    mistake is reported with that command's usage, not the top level's."""
    current = parser
    for token in argv:
        subs = [a for a in current._actions if isinstance(a, argparse._SubParsersAction)]
        if subs and token in subs[0].choices:
            current = subs[0].choices[token]
    return current


def _unrecognised(parser: argparse.ArgumentParser, extra: list[str]) -> str:
    """``unrecognized arguments: --formt (did you mean --format?)``."""
    import difflib

    options = [o for a in parser._actions for o in a.option_strings]
    hints = []
    for arg in extra:
        if arg.startswith("-"):
            close = difflib.get_close_matches(arg.split("=", 1)[0], options, n=1, cutoff=0.6)
            if close:
                hints.append(f"{arg.split('=', 1)[0]}: did you mean {close[0]}?")
    return f"unrecognized arguments: {' '.join(extra)}" + (f" ({'; '.join(hints)})" if hints else "")


def _config_disables_plugins() -> bool:
    """Whether the configuration file says ``no_plugins: true`` (one that cannot be read does
    not: the command that reads it says why)."""
    from checker.config import current_config

    try:
        return current_config().no_plugins
    except CheckerError:
        return False


def _cache_folder(argv: list[str]) -> Path | None:
    """The cache folder a command line names (``--cache-dir``, else the user's; None with
    ``--no-cache``), read before the full parser exists: that one needs the plugins."""
    pre = argparse.ArgumentParser(add_help=False, exit_on_error=False)
    pre.add_argument("--cache-dir", type=Path)
    pre.add_argument("--no-cache", action="store_true")
    try:
        known, _rest = pre.parse_known_args(argv)
    except argparse.ArgumentError:  # the full parser says what is wrong
        return None
    if known.no_cache:
        return None
    return known.cache_dir or default_cache_dir()


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``checker`` console script."""
    argv = sys.argv[1:] if argv is None else argv
    # before the plugins: their data files come from it too
    kept.use(None if light_command(argv) else _cache_folder(argv))
    try:
        return _run(argv)
    finally:
        kept.save()  # a cache that cannot be written: the next run derives the values again


def _run(argv: list[str]) -> int:
    from checker.plugins.collect import plugin_readers
    from checker.plugins.host import load_plugins
    from checker.render.registry import renderer_registry

    readers = renderers = host = None
    if not light_command(argv):
        # the file types and output formats of the plugins are in the parser's --help and
        # choices; the commands use the same plugins (``checker.cli.common.plugins_for``)
        # instead of loading them again
        host = load_plugins(enable="--no-plugins" not in argv and not _config_disables_plugins())
        readers, renderers = plugin_readers(host), renderer_registry(host)
    parser = build_parser(readers, renderers)
    parser.set_defaults(renderers=renderers, host=host)
    args, extra = parser.parse_known_args(argv)
    if extra:
        where = _command_parser(parser, [a for a in argv if a not in extra])
        where.error(_unrecognised(where, extra))
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args))
    except CheckerError as exc:
        error(str(exc))
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # the reader went away (``checker rules list | head``): not an error of ours; stdout is
        # pointed at /dev/null so that Python's flush at exit does not raise again
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141  # 128 + SIGPIPE, as a shell reports a command a pipe cut short

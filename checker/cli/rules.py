"""``checker rules list | show | functions | test | fmt`` and ``checker lsp``: the commands of a
rule author."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from checker.cli.common import display_width, error, host_and_registry, plugins_for, settings
from checker.errors import CheckerError


def _engine_for_rules(args: argparse.Namespace) -> Any:
    from checker.check import CheckSpec, Engine

    opts = settings(args)
    return Engine(CheckSpec(extra_rules=tuple(str(p) for p in opts["rules"]),
                            no_plugins=opts["no_plugins"]), plugins_for(args, opts["no_plugins"]))


def cmd_rules_list(args: argparse.Namespace) -> int:
    """``checker rules list``: id, severity, applies, tags, title, source of every rule."""
    from checker.render.base import RuleInfo

    engine = _engine_for_rules(args)
    infos = [RuleInfo.of(r) for r in engine.all_rules.rules]
    if args.format == "json":
        print(json.dumps([{"id": i.id, "severity": i.severity, "applies": i.applies,
                           "tags": list(i.tags), "title": i.title, "source": i.source} for i in infos],
                         ensure_ascii=False, indent=1))
        return 0
    rows = [("id", "severity", "applies", "tags", "title", "source")]
    rows += [(i.id, i.severity, i.applies, ",".join(i.tags), i.title, i.source) for i in infos]
    widths = [max(display_width(r[k]) for r in rows) for k in range(4)]
    for r in rows:
        cells = [r[k] + " " * (widths[k] - display_width(r[k])) for k in range(4)]
        print("  ".join([*cells, r[4], r[5]]).rstrip())
    print(f"{len(infos)} rules")
    return 0


def cmd_rules_show(args: argparse.Namespace) -> int:
    """``checker rules show ID``: the rule's metadata and its text."""
    from checker.dsl.source import suggest
    from checker.render.base import RuleInfo

    engine = _engine_for_rules(args)
    rule = engine.all_rules.get(args.id)
    if rule is None:
        hint = suggest(args.id, [r.id for r in engine.all_rules.rules])
        error(f"no rule {args.id!r}" + (f"; did you mean {hint}?" if hint else ""))
        return 2
    info = RuleInfo.of(rule)
    print(f"id:       {info.id}\ntitle:    {info.title}\nseverity: {info.severity}\n"
          f"applies:  {info.applies}")
    for _region, why in rule.applies.replaced:  # a region package's replaces: / omits:
        print(f"          {why}")
    print(f"tags:     {', '.join(info.tags) or '-'}\nsource:   {info.source}\n")
    print(rule.text)
    return 0


def cmd_rules_functions(args: argparse.Namespace) -> int:
    """``checker rules functions``: the functions a rule can call, and the rules calling each."""
    from checker.dsl.functions import function_table
    from checker.dsl.reference import function_entries, markdown, uses

    engine = _engine_for_rules(args)
    entries = function_entries(function_table(engine.functions))
    if args.markdown:
        sys.stdout.write(markdown(entries))
        return 0
    texts = {r.id: r.text for r in engine.all_rules.rules}
    width = max(display_width(e.call) for e in entries)
    for e in entries:
        used = uses(e.name, texts)
        shown = ", ".join(used[:6]) + (f" … ({len(used)} rules)" if len(used) > 6 else "")
        print(f"{e.call}{' ' * (width - display_width(e.call))}  {e.returns:<7} {e.doc}")
        print(f"{' ' * width}  {'':<7} used by: {shown or '-'}"
              + (f" · reads {e.reads}" if e.reads else ""))
    print(f"{len(entries)} functions (docs/functions.md)")
    return 0


def cmd_rules_test(args: argparse.Namespace) -> int:
    """``checker rules test``: run the cases beside the rule files; one line per rule."""
    from checker.dsl.testing import run_rule_tests

    engine = _engine_for_rules(args) if not args.paths else None
    if engine is not None:
        host, registry, functions, paths = engine.host, engine.registry, engine.functions, engine.rule_paths
    else:
        from checker.plugins.collect import plugin_functions

        host, registry = host_and_registry(args)
        functions, paths = plugin_functions(host), [Path(p) for p in args.paths]
    report = run_rule_tests(paths, registry, functions)
    by_rule: dict[str, list[Any]] = {}
    for r in report.results:
        by_rule.setdefault(r.rule, []).append(r)
    passed = failed = 0
    for rule_id, results in by_rule.items():
        bad = [r for r in results if not r.ok]
        if bad:
            failed += 1
            print(f"FAIL {rule_id} ({results[0].file})")
            for r in bad:
                print(f"     [{r.case}] expected {r.expected}, got {r.actual}")
                print("\n".join(f"       {d}" for d in r.detail) or "", end="\n" if r.detail else "")
        else:
            passed += 1
            if not args.quiet:
                print(f"PASS {rule_id} ({len(results)} expectation{'s' if len(results) != 1 else ''})")
    for e in report.errors:
        failed += 1
        print(f"ERROR {e}")
    if report.untested:
        print("untested rules (no case expects them): " + ", ".join(report.untested))
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


def cmd_rules_fmt(args: argparse.Namespace) -> int:
    """``checker rules fmt [--check] FILE…``: lay rule files out in the one layout
    (checker/lsp/fmt.py); with --check, only say which files it would change (exit 1)."""
    from checker.dsl.source import read_rule_text
    from checker.lsp.fmt import format_text

    files: list[Path] = []
    for name in args.paths:
        p = Path(name)
        files.extend(sorted(p.rglob("*.rules")) if p.is_dir() else [p])
    changed = errors = 0
    for f in files:
        try:
            text = read_rule_text(f)
            out = format_text(text, str(f))
        except CheckerError as exc:
            errors += 1
            error(str(exc))
            continue
        if out == text:
            continue
        changed += 1
        if args.check:
            print(f"would reformat {f}")
        else:
            f.write_text(out, encoding="utf-8")
            print(f"reformatted {f}")
    verb = "would be reformatted" if args.check else "reformatted"
    print(f"{changed} file{'s' if changed != 1 else ''} {verb}, {len(files) - changed - errors} unchanged"
          + (f", {errors} with errors" if errors else ""), file=sys.stderr)
    if errors:
        return 2
    return 1 if args.check and changed else 0


def add_rules_parser(sub: Any) -> None:
    """The ``rules`` subcommand and its ``list``, ``show``, ``functions``, ``test`` and ``fmt``
    actions."""
    r = sub.add_parser("rules", help="list, show and test the rules",
                       description="The rules of the core, of every plugin and of --rules.")
    rsub = r.add_subparsers(dest="rules_command", metavar="ACTION", required=True)

    def common(p: argparse.ArgumentParser) -> None:
        """The options every ``rules`` action takes."""
        p.add_argument("--rules", action="append", metavar="PATH", help="extra .rules file or folder")
        p.add_argument("--no-plugins", action="store_true", default=argparse.SUPPRESS,
                       help="do not load installed region plugins")

    lst = rsub.add_parser("list", help="id, severity, applies, tags, title, source of every rule")
    lst.add_argument("--format", choices=["text", "json"], default="text")
    common(lst)
    lst.set_defaults(func=cmd_rules_list)

    show = rsub.add_parser("show", help="one rule's metadata and text")
    show.add_argument("id", metavar="ID")
    common(show)
    show.set_defaults(func=cmd_rules_show)

    funcs = rsub.add_parser("functions", help="the functions a rule can call (docs/functions.md)",
                            description="Every function a rule can call — the built-ins and the "
                            "plugins' — with its arguments, what it gives and the rules that call "
                            "it. --markdown writes the one-page list docs/functions.md is.")
    funcs.add_argument("--markdown", action="store_true",
                       help="the Markdown page (docs/functions.md: run with --no-plugins)")
    common(funcs)
    funcs.set_defaults(func=cmd_rules_functions)

    test = rsub.add_parser("test", help="run the cases beside the rule files (X.rules ↔ X.cases.yaml)",
                           description="Run the cases beside each rule file; print one line per rule "
                           "and 'N passed, N failed'. Exit 1 when a rule fails its cases or a file "
                           "does not compile. Default: every rule path of the core and the plugins.")
    test.add_argument("paths", nargs="*", metavar="PATH", help="rule files, case files or folders")
    test.add_argument("-q", "--quiet", action="store_true", help="only failures and the final line")
    common(test)
    test.set_defaults(func=cmd_rules_test)

    fmt = rsub.add_parser("fmt", help="lay rule files out in the one layout (docs/lsp.md)",
                          description="Rewrite rule files in the canonical layout: indentation, "
                          "spacing, blank lines; line breaks, names and symbols stay as written. "
                          "The rules before and after are compared: nothing that changes their "
                          "meaning is written. Exit 1 with --check when a file would change, 2 "
                          "when one does not parse.")
    fmt.add_argument("paths", nargs="+", metavar="FILE", help=".rules files or folders")
    fmt.add_argument("--check", action="store_true",
                     help="write nothing; list the files that would change and exit 1 if any")
    fmt.set_defaults(func=cmd_rules_fmt)


def cmd_lsp(args: argparse.Namespace) -> int:
    """``checker lsp``: the language server of .rules files over stdio (the ``lsp`` extra)."""
    try:
        from checker.lsp.server import main as serve
    except ImportError as exc:
        if (exc.name or "").split(".")[0] not in ("pygls", "lsprotocol", "cattrs"):
            raise
        error(f"checker lsp needs pygls ({exc.name} is not installed): pip install 'budget-checker[lsp]'")
        return 2
    return serve(no_plugins=args.no_plugins)


def add_lsp_parser(sub: Any) -> None:
    """The ``lsp`` subcommand."""
    ls = sub.add_parser("lsp", help="the language server of .rules files, over stdio (docs/lsp.md)",
                        description="Speak the Language Server Protocol over stdin/stdout: "
                        "diagnostics, completion, hover, go to definition and formatting for "
                        ".rules files. Needs the lsp extra: pip install 'budget-checker[lsp]'.")
    ls.set_defaults(func=cmd_lsp)

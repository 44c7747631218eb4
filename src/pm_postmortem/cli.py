"""The command line: opens the TUI, or runs a non-interactive subcommand."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from pm_postmortem import __version__
from pm_postmortem.core import store
from pm_postmortem.core.domain import DomainContext, load_domain_context
from pm_postmortem.core.paths import workspaces_dir

EXIT_USAGE = 2


class UserError(Exception):
    """A problem the user can fix; printed as one line, exit code 2."""


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line instead of usage + message
        self.exit(EXIT_USAGE, f"{self.prog}: {message} (see {self.prog} --help)\n")


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date written as YYYY-MM-DD") from None


def _context(args: argparse.Namespace, workspace_path: Path | None = None) -> DomainContext:
    context = load_domain_context(args.domain_context, workspace_path)
    for warning in context.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return context


def cmd_new(args: argparse.Namespace) -> int:
    from pm_postmortem.core.model import new_workspace

    path = Path(args.path) if args.path else store.unique_path(args.title)
    if path.exists():
        raise UserError(f"{path}: already exists; choose another --path")
    context = _context(args, path)
    try:
        workspace = new_workspace(
            args.title,
            severity=args.severity,
            incident_date=args.date,
            regulation_checks=context.regulation_checks(),
        )
    except ValueError as error:
        raise UserError(_validation_text(error)) from None
    store.save_workspace(path, workspace)
    print(path)
    return 0


def _validation_text(error: ValueError) -> str:
    from pydantic import ValidationError

    from pm_postmortem.core.model import describe_errors

    if isinstance(error, ValidationError):
        return "; ".join(describe_errors(error))
    return str(error)


def cmd_list(args: argparse.Namespace) -> int:
    summaries = store.list_workspaces(Path(args.folder) if args.folder else None)
    if not summaries:
        print("No saved workspaces yet. Create one with `pm-postmortem new --title …` or try `pm-postmortem demo`.")
        return 0
    rows = [("NAME", "TITLE", "SEVERITY", "STATUS", "UPDATED")]
    for summary in summaries:
        if summary.error:
            rows.append((summary.name, f"(unreadable: {summary.error})", "", "", ""))
            continue
        updated = summary.updated.strftime("%Y-%m-%d %H:%M") if summary.updated else ""
        rows.append((summary.name, summary.title, summary.severity or "—", summary.status, updated))
    widths = [max(len(row[column]) for row in rows) for column in range(5)]
    for row in rows:
        print("  ".join(value.ljust(width) for value, width in zip(row, widths, strict=True)).rstrip())
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from pm_postmortem.core.demo import demo_workspace

    path = Path(args.path) if args.path else workspaces_dir() / "demo.toml"
    if path.exists() and not args.force:
        raise UserError(f"{path}: already exists; use --force to replace it")
    store.save_workspace(path, demo_workspace(_context(args, path)))
    print(path)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from pm_postmortem.core.export import export

    path = store.resolve_workspace(args.workspace)
    workspace = store.load_workspace(path)
    text = export(workspace, args.format, currency=_context(args, path).currency)
    if args.output:
        store.write_text(Path(args.output), text, backup=False)
        print(f"wrote {args.output}", file=sys.stderr)
    elif args.clipboard:
        from pm_postmortem.core.clipboard import copy_text

        print(copy_text(text), file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def build_parser() -> tuple[Parser, dict[str, Parser]]:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--domain-context", type=Path, metavar="PATH", help="the domain-context.md to use"
    )
    top = Parser(
        prog="pm-postmortem",
        description="Run a blameless incident post-mortem live in the terminal.",
        parents=[common],
        epilog="Subcommands: new, list, demo, export. Run `pm-postmortem SUBCOMMAND --help` for details.",
    )
    top.add_argument("workspace", nargs="?", help="a workspace file or the name of a saved one")
    top.add_argument("--version", action="version", version=f"pm-postmortem {__version__}")

    subcommands: dict[str, Parser] = {}

    def sub(name: str, help_text: str, handler: Callable[[argparse.Namespace], int]) -> Parser:
        parser = Parser(prog=f"pm-postmortem {name}", description=help_text, parents=[common])
        parser.set_defaults(handler=handler)
        subcommands[name] = parser
        return parser

    new = sub("new", "Create a workspace and print its path.", cmd_new)
    new.add_argument("--title", required=True)
    new.add_argument("--path", help="where to write it (default: the data folder)")
    new.add_argument("--severity", help="S1, S2, S3 or S4")
    new.add_argument("--date", type=_date, help="incident date, YYYY-MM-DD")

    listing = sub("list", "List saved workspaces: name, title, severity, status, last change.", cmd_list)
    listing.add_argument("--folder", help="list this folder instead of the data folder")

    demo = sub("demo", "Write the demo workspace and print its path.", cmd_demo)
    demo.add_argument("--path", help="where to write it (default: the data folder, name demo)")
    demo.add_argument("--force", action="store_true", help="replace an existing file")

    export = sub("export", "Print a workspace as markdown, Notion markdown or JSON.", cmd_export)
    export.add_argument("workspace", help="a workspace file or the name of a saved one")
    export.add_argument("--format", choices=("markdown", "notion", "json"), default="markdown")
    target = export.add_mutually_exclusive_group()
    target.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    target.add_argument("--clipboard", action="store_true", help="copy to the clipboard")
    return top, subcommands


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    top, subcommands = build_parser()
    try:
        if argv and argv[0] in subcommands:
            args = subcommands[argv[0]].parse_args(argv[1:])
            return args.handler(args)
        args = top.parse_args(argv)
        return run_tui(args)
    except (UserError, store.WorkspaceError) as error:
        print(f"pm-postmortem: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130


def run_tui(args: argparse.Namespace) -> int:
    from pm_postmortem.tui.app import PostmortemApp

    path = store.resolve_workspace(args.workspace) if args.workspace else None
    app = PostmortemApp(path, context=_context(args, path))
    app.run()
    if app.exit_message:
        print(app.exit_message, file=sys.stderr)
        return 1
    return 0

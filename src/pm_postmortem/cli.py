"""The command line: opens the TUI, or runs a non-interactive subcommand."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from pm_postmortem import __version__
from pm_postmortem.core import store
from pm_postmortem.core.domain import DomainContext, load_domain_context
from pm_postmortem.core.paths import config_dir, workspaces_dir
from pm_postmortem.core.text import visible

if TYPE_CHECKING:
    from pm_postmortem.core.findings import FieldKind, Finding
    from pm_postmortem.core.model import Workspace

EXIT_USAGE = 2
EXIT_NOT_COPIED = 3
"""``export --clipboard`` found no system clipboard and wrote a file instead: a script can tell."""


class UserError(Exception):
    """A problem the user can fix; printed as one line, exit code 2."""


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line instead of usage + message
        self.exit(EXIT_USAGE, f"{self.prog}: {message} (see {self.prog} --help)\n")


def _date(text: str) -> date:
    from pm_postmortem.core.model import FIRST_YEAR, LAST_YEAR

    try:
        value = date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date written as YYYY-MM-DD") from None
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise argparse.ArgumentTypeError(f"{text!r} is not in the years {FIRST_YEAR} to {LAST_YEAR}")
    return value


def _version_number(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a version number (1 is the newest)")
    return int(text)


def _context(args: argparse.Namespace, workspace_path: Path | None = None) -> DomainContext:
    context = load_domain_context(args.domain_context, workspace_path)
    for warning in context.warnings:
        print(f"warning: {visible(warning)}", file=sys.stderr)
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
            regulation_checks=context.regulation_checks() if args.compliance else [],
        )
    except ValueError as error:
        raise UserError(_validation_text(error)) from None
    store.save_workspace(path, workspace)
    print(visible(str(path)))
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
    from pm_postmortem.core.actions import aligned

    rows: list[tuple[str, ...]] = [("NAME", "TITLE", "SEVERITY", "STATUS", "UPDATED")]
    for summary in summaries:
        if summary.error:
            rows.append((visible(summary.name), visible(f"(unreadable: {summary.error})"), "", "", ""))
            continue
        updated = summary.updated.strftime("%Y-%m-%d %H:%M") if summary.updated else ""
        shown = (summary.name, summary.title, summary.severity or "—", summary.status)
        rows.append((*(visible(value) for value in shown), updated))
    print("\n".join(aligned(rows)))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from pm_postmortem.core.demo import demo_workspace

    path = Path(args.path) if args.path else workspaces_dir() / "demo.toml"
    if path.exists() and not args.force:
        raise UserError(f"{path}: already exists; use --force to replace it")
    store.save_workspace(path, demo_workspace(_context(args, path)))
    print(visible(str(path)))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from pm_postmortem.core.export import export

    path = store.resolve_workspace(args.workspace)
    workspace = store.load_workspace(path)
    text = export(workspace, args.format, currency=_context(args, path).currency)
    if args.output:
        output = Path(args.output)
        problem = store.export_refusal(output, path)
        if problem is not None:
            raise UserError(f"{output}: {problem}")
        earlier_export = store.is_earlier_export(output)
        if not earlier_export and not args.force:
            raise UserError(f"{output}: exists and is not an earlier export (a workspace?); use --force to replace it")
        store.write_text(output, text, backup=not earlier_export)
        print(visible(f"wrote {args.output}"), file=sys.stderr)
    elif args.clipboard:
        from pm_postmortem.core.clipboard import copy_text

        copied, told = copy_text(text, path.stem)  # a file is named like the app's: after the workspace
        print(told, file=sys.stderr)
        return 0 if copied else EXIT_NOT_COPIED
    else:
        sys.stdout.write(text)
    return 0


def cmd_lint(args: argparse.Namespace) -> int:
    from pm_postmortem.core.coach import FieldKind

    if args.workspace == "-":
        found = _lint_lines(sys.stdin, FieldKind(args.kind or FieldKind.OTHER))
    elif args.kind:
        raise UserError("--kind only applies when reading texts from - (standard input)")
    else:
        path = store.resolve_workspace(args.workspace)
        found = _lint_workspace(store.load_workspace(path), path)
    return 1 if found else 0


def _lint_lines(lines: Iterable[str], kind: FieldKind) -> int:
    """One text per line; each finding as LINE<TAB>RULE<TAB>MESSAGE<TAB>KIND<TAB>REWORDING (the
    line with the suggested rewording in place, empty when there is none). Returns the count."""
    from pm_postmortem.core.coach import check_text

    found = 0
    try:
        for number, line in enumerate(lines, start=1):
            text = line.rstrip("\r\n")
            for finding in check_text(text, kind):
                reworded = finding.rewording.apply(text) if finding.rewording else ""
                print("\t".join(map(visible, (str(number), finding.rule, finding.message, str(finding.kind), reworded))))
                found += 1
    except UnicodeDecodeError:
        raise UserError("standard input is not UTF-8 text") from None
    return found


def _lint_workspace(workspace: Workspace, path: Path) -> int:
    """Findings grouped by field: a heading with an excerpt, then one line per finding."""
    from pm_postmortem.core.coach import RULES, check_workspace, text_fields

    findings = check_workspace(workspace)
    texts = {field: text for field, _kind, text in text_fields(workspace)}
    width = max(len(rule) for rule in RULES)
    fields: dict[str, list[Finding]] = {}
    for item in findings:
        fields.setdefault(item.field, []).append(item.finding)
    for field, found in fields.items():
        print(f"{visible(field)}  “{_excerpt(texts.get(field, ''), found[0].start)}”")
        for finding in found:
            print(visible(f"  {finding.rule:<{width}}  {finding.kind.heading}: {finding.message}"))
            print(f"  {'':<{width}}  why: {finding.kind.why}")
            if finding.rewording is not None:
                print(visible(f"  {'':<{width}}  try: “{finding.rewording.text}”"))
            else:
                print(visible(f"  {'':<{width}}  try: {finding.reframe}"))
        print()
    if findings:
        count = len(findings)
        print(
            f"{count} finding{'s' * (count != 1)} in {len(fields)} field"
            f"{'s' * (len(fields) != 1)} of {visible(str(path))}."
        )
    else:
        print(visible(f"No findings in {path}."))
    return len(findings)


def _excerpt(text: str, start: int, width: int = 60) -> str:
    """About ``width`` characters of ``text`` on one line, starting a little before ``start``."""
    begin = max(0, start - 20) if len(text) > width else 0
    window = visible(" ".join(text[begin : begin + width].split()))
    prefix = "…" if begin > 0 else ""
    suffix = "…" if begin + width < len(text) else ""
    return f"{prefix}{window}{suffix}"


def cmd_actions(args: argparse.Namespace) -> int:
    from pm_postmortem.core import actions as follow_up

    today = args.today or date.today()
    paths: list[Path] = []
    for summary in sorted(store.list_workspaces(), key=lambda summary: summary.name):
        if summary.error:
            print(visible(f"skipped {summary.path}: {summary.error}"), file=sys.stderr)
        else:
            paths.append(summary.path)
    for given in args.paths:
        try:
            paths.append(store.resolve_workspace(given))
        except store.WorkspaceError as error:
            print(visible(f"skipped {given}: {error.problem}"), file=sys.stderr)
    rows = [("WORKSPACE", "#", "ACTION", "OWNER", "DEADLINE", "STATUS")]
    scope = []
    seen: set[Path] = set()
    read = 0
    owner = (args.owner or "").casefold()
    for path in paths:
        if path.resolve() in seen:
            continue
        seen.add(path.resolve())
        try:
            workspace = store.load_workspace(path)
        except store.WorkspaceError as error:
            print(visible(f"skipped {path}: {error.problem}"), file=sys.stderr)
            continue
        read += 1
        name = path.stem if path.parent == workspaces_dir() else str(path)
        for action in sorted(workspace.actions, key=lambda action: action.number):
            if owner and owner not in action.owner.casefold():
                continue
            scope.append(action)
            if (args.open and not follow_up.is_open(action)) or (
                args.overdue and not follow_up.is_overdue(action, today)
            ):
                continue
            rows.append(
                (
                    follow_up.single_line(name),
                    str(action.number),
                    follow_up.single_line(action.action),
                    follow_up.single_line(action.owner) or "—",
                    action.deadline.isoformat() if action.deadline else "—",
                    follow_up.status_text(action, today),
                )
            )
    if len(rows) > 1:
        print("\n".join(follow_up.aligned(rows)))
    else:
        print("No corrective actions match." if read else "No readable workspaces found.")
    label = f"{len(scope)} action{'s' * (len(scope) != 1)} in {read} workspace{'s' * (read != 1)}"
    if args.owner:
        label += f", owner containing {follow_up.single_line(args.owner)!r}"
    print(f"\nTotals on {today.isoformat()} ({label}, every status):")
    for line in follow_up.totals_lines(follow_up.totals(scope, today)):
        print(f"  {line}")
    return 0


def _zone_name(text: str) -> str:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError):
        raise argparse.ArgumentTypeError(f"{text!r} is not a timezone name like Europe/Berlin or UTC") from None
    return text


def _read_input(source: str) -> str:
    """The text of a file, or of standard input for ``-``; undecodable bytes become U+FFFD."""
    if source == "-":
        stream = getattr(sys.stdin, "buffer", None)
        data: str | bytes = stream.read() if stream is not None else sys.stdin.read()
    else:
        try:
            data = Path(source).read_bytes()
        except OSError as error:
            raise UserError(f"{source}: cannot read it: {error.strerror or error}") from None
    return data.decode("utf-8-sig", errors="replace") if isinstance(data, bytes) else data


def cmd_import_timeline(args: argparse.Namespace) -> int:
    from pm_postmortem.core.editing import Editor
    from pm_postmortem.core.operations import add_parsed_events
    from pm_postmortem.core.timeparse import parse_timeline_text, too_many_lines

    path = store.resolve_workspace(args.workspace)
    if not path.is_file():
        raise UserError(f"{path}: no such workspace file")
    text = _read_input(args.textfile)
    problem = too_many_lines(text)
    if problem is not None:
        raise UserError(f"{args.textfile}: {problem}; nothing was added")
    lock = store.WorkspaceLock(path)
    if not lock.acquire():
        raise UserError(
            f"{path}: open in another pm-postmortem ({lock.owner}); close it there, then import again"
        )
    try:
        workspace = store.load_workspace(path)
        zone = args.tz or workspace.display_tz
        parsed = parse_timeline_text(text, date=args.date or workspace.metadata.incident_date, tz=zone)
        for number, line in parsed.unparsed:
            print(f"line {number}: not understood: {visible(line)}", file=sys.stderr)
        count = len(parsed.events)
        if count:
            editor = Editor(workspace)
            add_parsed_events(editor, parsed.events, verb="Import")
            store.save_workspace(path, editor.workspace)
    finally:
        lock.release()
    print(f"added {count} event{'s' * (count != 1)}")
    if not count and parsed.unparsed:
        print("pm-postmortem: nothing added: no line was understood", file=sys.stderr)
        return EXIT_USAGE
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from pm_postmortem.core.importer import MarkdownImportError, import_markdown_file

    try:
        workspace, report = import_markdown_file(Path(args.file))
    except MarkdownImportError as error:
        raise UserError(str(error)) from None
    path = Path(args.path) if args.path else store.unique_path(workspace.metadata.title)
    if path.exists() and not args.force:
        raise UserError(f"{path}: already exists; use --force to replace it")
    lock = store.WorkspaceLock(path)
    if path.exists() and not lock.acquire():
        raise UserError(f"{path}: open in another pm-postmortem ({lock.owner}); close it there first")
    try:
        store.save_workspace(path, workspace)
    finally:
        lock.release()
    print(report.summary(complete=args.report), file=sys.stderr)
    print(visible(str(path)))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    path = store.resolve_workspace(args.workspace)
    versions = store.backup_versions(path)
    if args.version is None:
        if not versions:
            print(visible(f"No earlier versions of {path} are kept yet (one is kept at each save that changes it)."))
            return 0
        from pm_postmortem.core.actions import aligned

        rows = [("VERSION", "LAST CHANGE", "SIZE", "EVENTS")]
        for number, version in enumerate(versions, 1):
            if version.problem:
                rows.append((str(number), visible(f"(unreadable: {version.problem})"), "", ""))
            else:
                rows.append((str(number), _local_time(version.changed), version.size_text, str(version.events)))
        print("\n".join(aligned(rows)))
        print(f"Restore one with: pm-postmortem restore {visible(args.workspace)} --version N", file=sys.stderr)
        return 0
    if not 1 <= args.version <= len(versions):
        kept = f"versions 1 to {len(versions)} are kept" if versions else "no earlier versions are kept"
        raise UserError(f"{path}: there is no version {args.version}; {kept}")
    chosen = versions[args.version - 1]
    with store.WorkspaceLock(path):
        changed = store.restore_backup(chosen.path, path)
    when = _local_time(chosen.changed)
    if changed:
        print(visible(f"restored version {args.version} ({when}, {chosen.events} events) to {path}; "
                      "the version it replaced is now version 1"), file=sys.stderr)
    else:
        print(visible(f"{path} holds version {args.version} ({when}) already; nothing changed"), file=sys.stderr)
    return 0


def _local_time(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def cmd_follow(args: argparse.Namespace) -> int:
    from pm_postmortem.tui.follow import FollowApp

    path = _existing_workspace(args.workspace)
    app = FollowApp(path, context=_context(args, path))
    app.run()
    if app.start_error is not None:
        raise app.start_error
    if app.exit_message:
        print(app.exit_message, file=sys.stderr)
        return 1
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    import secrets

    from pm_postmortem.serve import TokenServer, announcement, follow_command

    path = _existing_workspace(args.workspace)
    token = secrets.token_urlsafe(24)
    command = follow_command(path, args.domain_context)
    server = TokenServer(command, host=args.host, port=args.port, token=token, title=f"pm-postmortem · {path.stem}")
    for line in announcement(args.host, args.port, token):
        print(line, flush=True)
    try:
        server.serve()
    except OSError as error:
        raise UserError(f"cannot listen on {args.host}:{args.port}: {error.strerror or error}") from None
    print("stopped", flush=True)
    return 0


def _existing_workspace(name: str) -> Path:
    path = store.resolve_workspace(name)
    store.load_workspace(path)  # a clear message now rather than an empty screen
    return path


def build_parser() -> tuple[Parser, dict[str, Parser]]:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--domain-context", type=Path, metavar="PATH", help="the domain-context.md to use"
    )
    top = Parser(
        prog="pm-postmortem",
        description="Run a blameless incident post-mortem live in the terminal.",
        parents=[common],
        epilog=(
            "Subcommands: new, list, demo, export, actions, lint, import, import-timeline, restore,\n"
            "follow, serve.\n"
            "Run `pm-postmortem SUBCOMMAND --help` for details.\n\n"
            "Config folder (settings.toml with key remapping and theme, your domain-context.md):\n"
            f"  {config_dir()}\n"
            f"Saved workspaces:\n  {workspaces_dir()}"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
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
    new.add_argument(
        "--compliance",
        action="store_true",
        help="the incident affected compliance: add the domain context's regulation checks",
    )

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
    export.add_argument(
        "--force", action="store_true",
        help="with -o: replace a file that is not an earlier export (never the open workspace)",
    )

    lint = sub(
        "lint",
        "Run the language coach over a workspace, or over standard input with -: each line is "
        "one text and each finding prints as LINE<TAB>RULE<TAB>MESSAGE<TAB>KIND<TAB>REWORDING "
        "(KIND: person, group, fault, hindsight, fix-the-human, question or vague; REWORDING: "
        "the line with the suggested wording in place, empty when there is none). "
        "Exit status 1 when anything is found, 0 when nothing is, 2 on errors.",
        cmd_lint,
    )
    lint.add_argument(
        "workspace", metavar="PATH|NAME|-", help="a workspace file, a saved name, or - for stdin"
    )
    lint.add_argument(
        "--kind",
        choices=(
            "other",
            "timeline",
            "symptom",
            "why",
            "root_cause",
            "factor",
            "went_well",
            "went_poorly",
            "lucky",
            "action",
            "lesson",
            "summary",
        ),
        help="with -: check the lines as this kind of field (default: other, every rule but "
        "vague-action)",
    )

    follow = sub(
        "actions",
        "Corrective actions across every saved workspace (and the files given), with the totals "
        "to follow up on: open, overdue, completed in the last 30 days, completion rate.",
        cmd_actions,
    )
    follow.add_argument("paths", nargs="*", metavar="PATH", help="more workspace files or names")
    follow.add_argument("--open", action="store_true", help="only actions not done yet")
    follow.add_argument("--overdue", action="store_true", help="only actions past their deadline")
    follow.add_argument("--owner", metavar="NAME", help="only actions whose owner contains NAME")
    follow.add_argument(
        "--today", type=_date, metavar="DATE", help="count overdue and recent as of DATE (default: today)"
    )
    timeline = sub(
        "import-timeline",
        "Add the events of timeline text (chat, logs, a markdown table; - reads standard input) "
        "to a workspace in one step. Lines that cannot be read are listed on stderr by number. "
        "Exit status 0 when events were added (or the text held none and no errors), 2 otherwise.",
        cmd_import_timeline,
    )
    timeline.add_argument("workspace", metavar="PATH|NAME", help="a workspace file or the name of a saved one")
    timeline.add_argument("textfile", metavar="TEXTFILE|-", help="the timeline text, or - for standard input")
    timeline.add_argument(
        "--date", type=_date, help="the date of times without one (default: the incident date)"
    )
    timeline.add_argument(
        "--tz", type=_zone_name, metavar="ZONE",
        help="the timezone of times without an offset (default: the workspace's display timezone)",
    )
    markdown_import = sub(
        "import",
        "Create a workspace from post-mortem markdown: this project's export (markdown or Notion), "
        "a document written from the seed template, the Google SRE template, or one written by hand "
        "(its lists, tables, headings, dates and time zones are read as people write them). Prints the new "
        "workspace's path; the report (what went where, what was kept in the notes) goes to stderr.",
        cmd_import,
    )
    markdown_import.add_argument("file", metavar="FILE.md", help="the markdown file to import")
    markdown_import.add_argument("--path", help="where to write the workspace (default: the data folder)")
    markdown_import.add_argument("--force", action="store_true", help="replace an existing file")
    markdown_import.add_argument(
        "--report", action="store_true",
        help="list every line that could not be mapped, and every warning, not only the first few",
    )
    restore = sub(
        "restore",
        "List the earlier versions of a workspace (one is kept at each save that changes it, the "
        "last 10, then one per five minutes for four hours): number, last change, size and events, "
        "newest first. With --version N, put "
        "version N back; the current file is kept as a version first, so nothing is lost.",
        cmd_restore,
    )
    restore.add_argument("workspace", metavar="PATH|NAME", help="a workspace file or the name of a saved one")
    restore.add_argument(
        "--version", type=_version_number, metavar="N", help="restore version N (1 is the newest)"
    )
    follow = sub(
        "follow",
        "Follow a workspace read-only while the facilitator edits it: changes show within a "
        "second, the view goes where the facilitator goes (F10 browses on your own), and F9 "
        "sends the facilitator a suggestion. Never writes the workspace.",
        cmd_follow,
    )
    follow.add_argument("workspace", metavar="PATH|NAME", help="a workspace file or the name of a saved one")
    serve = sub(
        "serve",
        "Serve the follow view to browsers: prints a link with a secret token; each browser tab "
        "follows the workspace and can suggest. Only this machine by default; --host 0.0.0.0 "
        "lets anyone who can reach it and has the link in. Ctrl+C stops it.",
        cmd_serve,
    )
    serve.add_argument("workspace", metavar="PATH|NAME", help="a workspace file or the name of a saved one")
    serve.add_argument("--host", default="127.0.0.1", help="the address to listen on (default: 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="the port to listen on (default: 8000)")
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
        print(f"pm-postmortem: {visible(str(error))}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader stopped (`| head`): the rest of the output is not wanted
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # so that the flush at exit finds no broken pipe
        return 1


def run_tui(args: argparse.Namespace) -> int:
    from pm_postmortem.tui.app import PostmortemApp

    path = store.resolve_workspace(args.workspace) if args.workspace else None
    app = PostmortemApp(path, context=_context(args, path))
    app.run()
    if app.start_error is not None:
        raise app.start_error
    if app.exit_message:
        print(visible(app.exit_message), file=sys.stderr)
        return 1
    return 0

"""The start screen without a path: the saved post-mortems, a filter, and what to do with them."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Input, Label, Static

from pm_postmortem.core import store
from pm_postmortem.core.importer import MarkdownImportError, import_markdown_file
from pm_postmortem.core.paths import data_dir, workspaces_dir
from pm_postmortem.core.text import visible
from pm_postmortem.tui.focus import focus_now
from pm_postmortem.tui.host import host_app
from pm_postmortem.tui.screens.confirm import ConfirmScreen
from pm_postmortem.tui.screens.versions import VersionsScreen
from pm_postmortem.tui.styles import style_sheet
from pm_postmortem.tui.text import cell, middle_cut, one_line
from pm_postmortem.tui.widgets.key_bar import KeyBar
from pm_postmortem.tui.widgets.safe_input import SafeInput

COLUMNS = (
    ("title", "Title", 0),
    ("severity", "Severity", 8),
    ("status", "Status", 10),
    ("updated", "Last change", 16),
    ("name", "File", 24),
)
"""(key, heading, width); the title takes the width the others leave."""

MIN_TITLE_WIDTH = 20
MIN_NAME_WIDTH = 12
"""A narrow screen shrinks the File column to this (names cut in the middle) before the title."""
DEMO_NAME = "demo"


def trash_dir() -> Path:
    """Where deleted workspaces go; they can be moved back by hand."""
    return data_dir() / "trash"


def display_path(path: Path) -> str:
    """A path as a person reads it: the home folder written as ``~``."""
    try:
        return str(Path("~") / path.relative_to(Path.home()))
    except ValueError:
        return str(path)


def last_change(updated: datetime | None) -> str:
    return updated.astimezone().strftime("%Y-%m-%d %H:%M") if updated else "—"


def matches(summary: store.WorkspaceSummary, needle: str) -> bool:
    """Title or file name contains ``needle`` (case-insensitive); problems are searched too."""
    if not needle:
        return True
    haystacks = (summary.title, summary.name, summary.error or "")
    return any(needle.casefold() in text.casefold() for text in haystacks)


def move_to_trash(path: Path) -> Path:
    """Move a workspace file into the trash folder, never over an earlier one; returns the new path."""
    folder = trash_dir()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / path.name
    if target.exists():
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        target = store.unique_path(f"{path.stem}-{stamp}", folder)
    shutil.move(path, target)
    return target


class TextPrompt(ModalScreen[str | None]):
    """Asks for one line of text: enter answers, escape cancels (None). ``refusal`` may turn an
    answer down with a one-line reason: the prompt stays open with the text as typed."""

    CSS_PATH = style_sheet("picker")

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="prompt.cancel")]

    def __init__(
        self,
        question: str,
        value: str = "",
        *,
        placeholder: str = "",
        hint: str = "",
        refusal: Callable[[str], str | None] | None = None,
    ) -> None:
        super().__init__()
        self.question = question
        self.value = value
        self.placeholder = placeholder
        self.hint = hint
        self.refusal = refusal

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt"):
            yield Label(Content(visible(self.question, multiline=True)), id="prompt-question")
            field = SafeInput(visible(self.value), placeholder=self.placeholder, id="prompt-input")
            field.cursor_blink = host_app(self).cursor_blink
            yield field
            yield Static("", id="prompt-error")
            if self.hint:
                yield Static(Content(self.hint), id="prompt-hint")
            yield Static(Content("enter: OK    escape: cancel"), id="prompt-keys")

    def on_mount(self) -> None:
        focus_now(self.query_one("#prompt-input", Input))

    @on(Input.Submitted)
    def answer(self, event: Input.Submitted) -> None:
        event.stop()
        reason = self.refusal(event.value) if self.refusal is not None else None
        if reason is not None:
            error = self.query_one("#prompt-error", Static)
            error.update(Content(one_line(f"✗ {reason}")))
            error.add_class("visible")
            return
        self.dismiss(event.value)

    @on(Input.Changed)
    def _typed(self) -> None:
        self.query_one("#prompt-error", Static).remove_class("visible")

    def action_cancel(self) -> None:
        self.dismiss(None)


def _folder_refused(text: str) -> str | None:
    """Why a typed path cannot be opened as a file: it names a folder."""
    if text.strip() and Path(text.strip()).expanduser().is_dir():
        return f"{text.strip()} is a folder; add the name of a .toml file to it"
    return None


class WorkspaceTable(DataTable):
    """The list of workspaces: home and end go to the first and the last one."""

    BINDINGS = [
        Binding("home", "scroll_top", "First", show=False),
        Binding("end", "scroll_bottom", "Last", show=False),
    ]


class PickerScreen(Screen):
    """Lists the saved workspaces, newest first; type to filter, enter to open."""

    CSS_PATH = style_sheet("picker")

    AUTO_FOCUS = ""  # reload() focuses the table, or nothing in the empty state (d and n work)

    BINDINGS = [
        Binding("enter", "open", "Open", id="picker.open", priority=True),
        Binding("ctrl+n", "new", "New", id="picker.new", priority=True),
        # A narrow key bar leaves keys out from the end: ways in come before changing the list.
        Binding("ctrl+o", "open_path", "Open file…", id="picker.open_path", priority=True),
        Binding("ctrl+t", "demo", "Demo", id="picker.demo", priority=True),
        Binding("ctrl+g", "import_markdown", "Import markdown…", id="picker.import", priority=True),
        Binding("ctrl+d", "duplicate", "Duplicate", id="picker.duplicate", priority=True),
        Binding("ctrl+r", "rename", "Rename", id="picker.rename", priority=True),
        Binding("ctrl+x", "delete", "Delete", id="picker.delete", priority=True),
        Binding("delete", "delete", "Delete", id="picker.delete_key", show=False),
        Binding("ctrl+l", "versions", "Versions…", id="picker.versions", priority=True),
        # the empty state's one-letter keys; listed in the empty state itself
        Binding("d", "empty('demo')", "Open the demo", id="picker.empty_demo", show=False),
        Binding("n", "empty('new')", "New post-mortem", id="picker.empty_new", show=False),
        Binding("escape", "back", "Back", id="picker.back"),
        Binding("escape", "clear_filter", "Clear filter", id="picker.clear_filter"),
        Binding("up", "cursor('up')", show=False, id="picker.up"),
        Binding("down", "cursor('down')", show=False, id="picker.down"),
        Binding("pageup", "cursor('page_up')", show=False, id="picker.page_up"),
        Binding("pagedown", "cursor('page_down')", show=False, id="picker.page_down"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.summaries: list[store.WorkspaceSummary] = []
        self.shown: list[store.WorkspaceSummary] = []
        self._widths: dict[str, int] = {}
        self._filtering = False

    # -- layout --------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="picker-header"):
            yield Label(Content(self.app.title), id="picker-app")
            yield Label(Content(f"post-mortems in {display_path(workspaces_dir())}"), id="picker-folder")
        field = SafeInput(
            placeholder="Type to filter by title or file name · escape clears",
            id="picker-filter",
            select_on_focus=False,
        )
        field.cursor_blink = host_app(self).cursor_blink
        yield field
        table = WorkspaceTable(id="picker-table", cursor_type="row", zebra_stripes=True)
        table.border_title = "Saved post-mortems"
        yield table
        yield Static("", id="picker-nomatch")
        yield Static("", id="picker-detail")
        with Vertical(id="picker-empty"):
            yield Static(Content("No post-mortems yet."), id="picker-empty-title")
            yield Static(
                Content(
                    "Post-mortems are saved here as plain TOML files, one per incident.\n"
                    "To look around first, open the demo: a finished example you can change freely."
                ),
                id="picker-empty-text",
            )
            yield Static(
                Content.assemble(
                    ("  d  ", "bold reverse"), "  open the demo\n\n",
                    ("  n  ", "bold reverse"), "  start a new post-mortem\n\n",
                    (" ^o  ", "bold reverse"), "  open a file from another folder",
                ),
                id="picker-empty-keys",
            )
        yield KeyBar()

    def on_mount(self) -> None:
        self.reload()

    def on_screen_resume(self) -> None:
        self.reload()

    def on_resize(self) -> None:
        self._show_rows()

    @property
    def table(self) -> DataTable:
        return self.query_one("#picker-table", DataTable)

    @property
    def filter(self) -> Input:
        return self.query_one("#picker-filter", Input)

    # -- the list ------------------------------------------------------------------------------

    def reload(self, select: Path | None = None) -> None:
        """Read the workspaces folder again; keep the selection, or move it to ``select``."""
        current = select or self.selected_path()
        self.summaries = store.list_workspaces()
        empty = not self.summaries
        for widget_id in ("#picker-filter", "#picker-table", "#picker-nomatch", "#picker-detail"):
            self.query_one(widget_id).display = not empty
        self.query_one("#picker-empty").display = empty
        self._show_rows(current)
        if empty:
            self.set_focus(None)
        elif self.focused is None:
            focus_now(self.table)
        self.refresh_bindings()

    def _show_rows(self, select: Path | None = None) -> None:
        if not self.is_mounted:
            return
        select = select or self.selected_path()
        table = self.table
        needle = self.filter.value.strip()
        self.shown = [summary for summary in self.summaries if matches(summary, needle)]
        widths = dict((key, width) for key, _label, width in COLUMNS)
        # 2 cells of padding per column, the border, and room for the scrollbar
        room = self.size.width - 2 * len(COLUMNS) - 4 - sum(widths.values()) + widths["name"]
        widths["name"] = max(MIN_NAME_WIDTH, min(widths["name"], room - MIN_TITLE_WIDTH))
        widths["title"] = max(MIN_TITLE_WIDTH, room - widths["name"])
        if widths != self._widths:
            self._widths = widths
            table.clear(columns=True)
            for key, label, _width in COLUMNS:
                table.add_column(label, key=key, width=widths[key])
        else:
            table.clear()
        error_style = self.app.current_theme.error or "red"
        for summary in self.shown:
            if summary.error:
                title = Text(f"✗ cannot be opened: {summary.error}", style=error_style, no_wrap=True, overflow="ellipsis")
            else:
                title = cell(summary.title or "(no title)")
            table.add_row(
                title,
                cell(summary.severity or "—"),
                cell(summary.status if not summary.error else ""),
                cell(last_change(summary.updated)),
                cell(middle_cut(summary.name, widths["name"])),
                key=str(summary.path),
            )
        table.border_subtitle = (
            f"{len(self.shown)} of {len(self.summaries)}" if needle else f"{len(self.summaries)}"
        )
        nomatch = self.query_one("#picker-nomatch", Static)
        nomatch.display = bool(self.summaries) and not self.shown
        nomatch.update(Content(f"Nothing matches “{needle}”. Backspace to widen the filter."))
        if select is not None:
            self._select(select)
        self._show_detail()

    def _select(self, path: Path) -> None:
        for index, summary in enumerate(self.shown):
            if summary.path == path:
                self.table.move_cursor(row=index, animate=False)
                return

    def selected(self) -> store.WorkspaceSummary | None:
        if not self.is_mounted or not self.shown:
            return None
        row = self.table.cursor_row
        return self.shown[row] if 0 <= row < len(self.shown) else None

    def selected_path(self) -> Path | None:
        summary = self.selected()
        return summary.path if summary else None

    @on(Input.Changed, "#picker-filter")
    def filter_changed(self) -> None:
        if self._filtering != bool(self.filter.value):
            self._filtering = bool(self.filter.value)
            self.refresh_bindings()  # escape: clear the filter, or back
        self._show_rows()
        if self.shown:
            self.table.move_cursor(row=0, animate=False)

    @on(DataTable.RowHighlighted, "#picker-table")
    def _show_detail(self) -> None:
        """The whole story of the highlighted row: its path, or why it cannot be opened."""
        summary = self.selected()
        detail = self.query_one("#picker-detail", Static)
        detail.set_class(bool(summary and summary.error), "-problem")
        if summary is None:
            detail.update("")
        elif summary.error:
            detail.update(Content(one_line(f"{display_path(summary.path)} cannot be opened: {summary.error}")))
        else:
            detail.update(Content(display_path(summary.path)))

    @on(DataTable.RowSelected, "#picker-table")
    def row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def on_key(self, event: events.Key) -> None:
        """Typing while the table has focus goes to the filter."""
        if self.focused is not self.table:
            return
        if event.is_printable and event.character:
            focus_now(self.filter)
            self.filter.insert_text_at_cursor(event.character)
        elif event.key == "backspace":
            focus_now(self.filter)
            self.filter.action_delete_left()
        else:
            return
        event.stop()
        event.prevent_default()

    def action_cursor(self, direction: str) -> None:
        """Arrows in the filter move the table's cursor, and the focus back to the table."""
        table = self.table
        getattr(table, f"action_{'cursor_' if direction in ('up', 'down') else ''}{direction}")()
        focus_now(table)

    def action_clear_filter(self) -> None:
        self.filter.value = ""
        focus_now(self.table)

    # -- actions -------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        empty = not self.summaries
        if action == "empty":
            return empty
        if action in ("open", "duplicate", "rename", "delete", "versions", "cursor"):
            return not empty
        if action == "clear_filter":
            return bool(self.filter.value)
        if action == "back":
            return host_app(self).session is not None and not self.filter.value
        return True

    @property
    def open_path(self) -> Path | None:
        """The file of the workspace open in the app, if one is."""
        session = host_app(self).session
        return session.path if session is not None else None

    def action_empty(self, action: str) -> None:
        if action == "demo":
            self.action_demo()
        else:
            self.action_new()

    def action_open(self) -> None:
        summary = self.selected()
        if summary is None:
            return
        if self.open_path == summary.path.resolve():
            host_app(self).switch_to_workspace_screen()  # it is open already
        else:
            host_app(self).open_workspace(summary.path)

    def action_new(self) -> None:
        from pm_postmortem.tui.screens.intake import IntakeScreen

        self.app.push_screen(IntakeScreen())

    def action_demo(self) -> None:
        from pm_postmortem.core.demo import demo_workspace

        path = workspaces_dir() / f"{DEMO_NAME}.toml"
        if path.exists():
            try:
                store.load_workspace(path)
            except store.WorkspaceError:
                path = store.unique_path(DEMO_NAME)
            else:
                self.notify(
                    f"Opened the demo you already have ({display_path(path)}); "
                    "delete it here for a fresh copy.",
                    markup=False,
                )
                host_app(self).open_workspace(path)
                return
        host_app(self).create_workspace(path, demo_workspace(host_app(self).context))

    def action_back(self) -> None:
        if host_app(self).session is not None:
            host_app(self).switch_to_workspace_screen()

    def _refuse_if_open(self, summary: store.WorkspaceSummary, doing: str) -> bool:
        """True (and says so) when the workspace cannot be changed from here right now."""
        if summary.error:
            self.notify(
                f"{summary.path.name} cannot be opened ({summary.error}), so it cannot be {doing}.",
                severity="warning",
                markup=False,
            )
            return True
        if self.open_path == summary.path.resolve():
            self.notify(
                f"“{summary.title}” is open right now; open another post-mortem first.",
                severity="warning",
                markup=False,
            )
            return True
        return False

    def action_duplicate(self) -> None:
        summary = self.selected()
        if summary is None:
            return
        if summary.error:
            self._refuse_if_open(summary, "duplicated")
            return
        try:
            workspace = store.load_workspace(summary.path)
            now = datetime.now(UTC)
            workspace.metadata.title = f"{workspace.metadata.title} (copy)"
            workspace.created = workspace.updated = now
            target = store.unique_path(f"{summary.name}-copy", summary.path.parent)
            store.save_workspace(target, workspace)
        except store.WorkspaceError as error:
            self.notify(str(error), title="Cannot duplicate", severity="error", markup=False)
            return
        self.notify(f"Copied to {target.name}", markup=False, timeout=3)
        self.reload(select=target)

    def action_rename(self) -> None:
        summary = self.selected()
        if summary is None or self._refuse_if_open(summary, "renamed"):
            return

        def rename(title: str | None) -> None:
            if title is None or title.strip() == summary.title:
                return
            try:
                with store.WorkspaceLock(summary.path):
                    workspace = store.load_workspace(summary.path)
                    workspace.metadata.title = title.strip()
                    workspace.updated = datetime.now(UTC)
                    store.save_workspace(summary.path, workspace)
            except store.WorkspaceError as error:
                self.notify(str(error), title="Cannot rename", severity="error", markup=False)
                return
            self.reload(select=summary.path)

        self.app.push_screen(
            TextPrompt(
                "New title",
                summary.title,
                hint=f"Only the title changes; the file stays {summary.path.name}.",
                refusal=lambda title: None if title.strip() else "a post-mortem needs a title; escape keeps the old one",
            ),
            rename,
        )

    def action_delete(self) -> None:
        summary = self.selected()
        if summary is None or (not summary.error and self._refuse_if_open(summary, "deleted")):
            return
        label = f"“{summary.title}”" if summary.title else summary.path.name

        def delete(confirmed: bool | None) -> None:
            if not confirmed:
                return
            index = self.table.cursor_row
            try:
                with store.WorkspaceLock(summary.path):
                    target = move_to_trash(summary.path)
            except (store.WorkspaceError, OSError) as error:
                self.notify(str(error), title="Cannot delete", severity="error", markup=False)
                return
            self.notify(
                f"Deleted {label}: the file is now {display_path(target)}",
                markup=False,
                timeout=6,
            )
            self.reload()
            if self.shown:
                self.table.move_cursor(row=min(index, len(self.shown) - 1), animate=False)

        self.app.push_screen(
            ConfirmScreen(
                f"Delete {summary.path.name}, {label}?\n\nIt is moved to "
                f"{display_path(trash_dir())}, where you can get it back.",
                yes="Delete",
            ),
            delete,
        )

    def action_versions(self) -> None:
        """The earlier versions of the highlighted workspace; choosing one puts it back."""
        summary = self.selected()
        if summary is None:
            return
        label = f"“{summary.title}”" if summary.title else summary.path.name

        def restore(version: store.BackupVersion | None) -> None:
            if version is None:
                return
            if version.problem:
                self.notify(f"That version cannot be restored: {version.problem}", severity="warning", markup=False)
                return
            session = host_app(self).session
            if session is not None and session.path == summary.path.resolve():
                self.notify(
                    f"{label} is open right now; open another post-mortem first, then restore.",
                    severity="warning",
                    markup=False,
                )
                return
            try:
                with store.WorkspaceLock(summary.path):
                    changed = store.restore_backup(version.path, summary.path)
            except store.WorkspaceError as error:
                self.notify(str(error), title="Cannot restore", severity="error", markup=False)
                return
            when = last_change(version.changed)
            self.notify(
                f"Restored the version of {when} ({version.events} events); the one it replaced "
                "is kept as the newest version."
                if changed
                else f"{label} holds the version of {when} already; nothing changed.",
                markup=False,
                timeout=6,
            )
            self.reload(select=summary.path)

        self.app.push_screen(VersionsScreen(label, store.backup_versions(summary.path)), restore)

    def action_import_markdown(self) -> None:
        def import_file(text: str | None) -> None:
            if text and text.strip():
                self.import_from(Path(text.strip()).expanduser())

        self.app.push_screen(
            TextPrompt(
                "Import a markdown post-mortem",
                placeholder="path/to/postmortem.md",
                hint="This project's exports, documents written from the seed template, or the "
                "Google SRE template. Whatever cannot be mapped is kept in the notes.",
            ),
            import_file,
        )

    @work(exclusive=True, group="import")
    async def import_from(self, source: Path) -> None:
        """Import in a thread, the list showing that it is busy: a large file takes a second."""
        self.table.loading = True
        try:
            workspace, report = await asyncio.to_thread(import_markdown_file, source)
        except MarkdownImportError as error:
            self.notify(str(error), title="Cannot import", severity="error", markup=False, timeout=10)
            return
        finally:
            self.table.loading = False
        target = store.unique_path(workspace.metadata.title)
        if host_app(self).create_workspace(target, workspace):
            self.notify(report.summary(), title=f"Imported {source.name}", markup=False, timeout=12)

    def action_open_path(self) -> None:
        def open_path(text: str | None) -> None:
            if not text or not text.strip():
                return
            path = Path(text.strip()).expanduser()
            if path.exists():
                host_app(self).open_workspace(path)
            else:
                host_app(self).offer_to_create(path)

        self.app.push_screen(
            TextPrompt(
                "Open a post-mortem file",
                placeholder="path/to/incident.toml",
                hint="A path that does not exist yet starts a new post-mortem there.",
                refusal=_folder_refused,
            ),
            open_path,
        )


"""ctrl+e: copy the post-mortem (markdown, Notion, JSON) to the clipboard or save it to a file."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from pm_postmortem.core import clipboard, store
from pm_postmortem.core.export import export
from pm_postmortem.tui.focus import focus_now
from pm_postmortem.tui.host import host_app
from pm_postmortem.tui.screens.confirm import ConfirmScreen
from pm_postmortem.tui.screens.help import current_keys
from pm_postmortem.tui.screens.picker import display_path
from pm_postmortem.tui.session import Session
from pm_postmortem.tui.styles import style_sheet
from pm_postmortem.tui.text import one_line
from pm_postmortem.tui.widgets.safe_input import SafeInput

NAMES = {"markdown": "markdown", "notion": "Notion markdown", "json": "JSON"}
"""How each format is named in messages ("Copied 12 lines of …")."""

CHOICES = (
    ("markdown", "export.markdown", "Copy markdown to the clipboard (GitHub, GitLab, wikis)"),
    ("notion", "export.notion", "Copy the Notion variant (no HTML, checklists as to-dos)"),
    ("json", "export.json", "Copy JSON (the whole model, for scripts)"),
    ("file", "export.file", "Save to a file…"),
)


OPTIONS_HINT = "press a letter, or ↑/↓ and enter · escape close"
FILE_HINT = "enter save · escape close without saving"
TERMINAL_ONLY = "Sent to the terminal's clipboard (OSC 52)"
"""Whether the terminal took it cannot be known: without a system clipboard a file holds a copy too."""


def short_reason(problem: str) -> str:
    """The first sentence of why the system clipboard failed (pyperclip's run long)."""
    first = problem.strip().split(". ", 1)[0].rstrip(".")
    return first or "unknown reason"


def line_count(text: str) -> int:
    return len(text.splitlines())


def describe_size(text: str, name: str) -> str:
    lines = line_count(text)
    return f"{lines:,} line{'s' if lines != 1 else ''} · {len(text):,} characters of {name}"


class ExportDialog(ModalScreen[None]):
    """Each choice has its own key; enter runs the highlighted one; escape closes."""

    CSS_PATH = style_sheet("dialogs")

    BINDINGS = [
        Binding("m", "copy('markdown')", "Copy markdown", id="export.markdown"),
        Binding("n", "copy('notion')", "Copy for Notion", id="export.notion"),
        Binding("j", "copy('json')", "Copy JSON", id="export.json"),
        Binding("f", "ask_path", "Save to a file", id="export.file"),
        Binding("escape", "close", "Close", id="export.close"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self._texts: dict[str, str] = {}

    # -- what is exported ---------------------------------------------------------------------

    def text(self, fmt: str) -> str:
        """The export in ``fmt``; the document cannot change while this dialog is open."""
        if fmt not in self._texts:
            self._texts[fmt] = export(
                self.session.editor.workspace, fmt, currency=self.session.context.currency
            )
        return self._texts[fmt]

    @property
    def stem(self) -> str:
        return self.session.path.stem

    def default_path(self) -> Path:
        folder = self.session.path.parent
        return folder / f"{self.stem}.md"

    # -- layout -------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        title = one_line(self.session.editor.workspace.metadata.title)
        with Vertical(id="export"):
            yield Label(Content(f"Export: {title}"), id="export-title")
            yield Static(
                Content(describe_size(self.text("markdown"), "markdown")), id="export-size"
            )
            metrics, typed = self.session.editor.metrics, self.session.editor.workspace.metadata.duration
            if metrics.replaces_typed(typed):
                yield Static(
                    Content(f"⚠ Duration {metrics.duration} from the timeline markers, not {typed} as typed"),
                    id="export-duration",
                )
            yield OptionList(*self._options(), id="export-options")
            with Vertical(id="export-file"):
                yield Label(
                    Content("Save to (a name ending in .json saves JSON, anything else markdown)")
                )
                path_input = SafeInput(one_line(str(self.default_path())), id="export-path")
                path_input.cursor_blink = host_app(self).cursor_blink
                yield path_input
                yield Static("", id="export-error")
            yield Static(Content(OPTIONS_HINT), id="export-keys")

    def _options(self) -> list[Option]:
        options = []
        for option_id, binding_id, label in CHOICES:
            keys = current_keys(self.app, ExportDialog, binding_id) or "—"
            options.append(
                Option(Content.assemble((f"{keys:>3}", "bold"), "  ", label), id=option_id)
            )
        return options

    def on_mount(self) -> None:
        self.query_one("#export-file").display = False
        focus_now(self.query_one(OptionList))

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id == "file":
            self.action_ask_path()
        elif event.option.id is not None:
            self.action_copy(event.option.id)

    # -- the clipboard ------------------------------------------------------------------------

    def action_copy(self, fmt: str) -> None:
        text = self.text(fmt)
        name = NAMES[fmt]
        self.app.copy_to_clipboard(text)
        problem = clipboard.system_clipboard_copy(text)
        if problem is None:
            self.app.notify(
                f"Copied {line_count(text):,} lines of {name} to the system clipboard "
                "(also sent to the terminal).",
                title="Copied",
                markup=False,
            )
            self.dismiss()
            return
        suffix = ".json" if fmt == "json" else ".md"
        try:
            fallback = clipboard.fallback_file(text, self.stem, suffix)
        except OSError as error:
            self.app.notify(
                f"{TERMINAL_ONLY}; no system clipboard here ({short_reason(problem)}) and no file either "
                f"({error.strerror or error})",
                severity="warning", markup=False,
            )
        else:
            # file name and folder apart: each fits a line of the message, so neither is broken
            self.app.notify(
                f"{TERMINAL_ONLY}; if it did not arrive, the {name} is saved as {fallback.name} "
                f"in {display_path(fallback.parent)}",
                markup=False,
            )
        self.dismiss()

    # -- a file -------------------------------------------------------------------------------

    def action_ask_path(self) -> None:
        self.query_one("#export-file").display = True
        self.query_one("#export-keys", Static).update(Content(FILE_HINT))
        path_input = self.query_one("#export-path", Input)
        focus_now(path_input)
        path_input.cursor_position = len(path_input.value)

    @on(Input.Submitted, "#export-path")
    def _path_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.save(event.value)

    def save(self, typed: str, *, overwrite: bool = False) -> bool:
        """Write the export to the typed path; a problem is shown in the dialog, nothing raised."""
        path = self._target(typed)
        if path is None:
            return False
        refusal = store.export_refusal(path, self.session.path)
        if refusal is not None:
            self.show_error(f"{path}: {refusal}")
            return False
        earlier_export = store.is_earlier_export(path)
        if path.exists() and not overwrite:
            question = (
                f"{path} already exists. Replace it?"
                if earlier_export
                else f"{path} is not an earlier export (a workspace?). Replace it? A backup is kept."
            )
            self.app.push_screen(
                ConfirmScreen(question, yes="Replace", no="Keep it"),
                lambda replace: self._replace_answered(typed, replace),
            )
            return False
        fmt = "json" if path.suffix.lower() == ".json" else "markdown"
        text = self.text(fmt)
        problem = self._write(path, text, backup=not earlier_export)
        if problem:
            self.show_error(problem)
            return False
        self.app.notify(
            f"Saved {line_count(text):,} lines of {NAMES[fmt]} to {path}",
            title="Saved",
            markup=False,
        )
        self.dismiss()
        return True

    def _replace_answered(self, typed: str, replace: bool | None) -> None:
        if replace:
            self.save(typed, overwrite=True)
        else:
            focus_now(self.query_one("#export-path", Input))

    def _target(self, typed: str) -> Path | None:
        """The typed path made absolute (relative to the workspace's folder), or None + an error."""
        raw = typed.strip()
        if not raw:
            self.show_error("Type the path of the file to write.")
            return None
        path = Path(raw).expanduser()
        if not path.is_absolute():
            path = self.default_path().parent / path
        if path.is_dir():
            self.show_error(
                f"{path} is a folder; add a file name, e.g. {path / (self.stem + '.md')}"
            )
            return None
        if not path.parent.is_dir():
            if path.parent.exists():
                self.show_error(f"{path.parent} is a file, not a folder.")
            else:
                self.show_error(
                    f"The folder {path.parent} does not exist. Create it first or pick another."
                )
            return None
        return path

    @staticmethod
    def _write(path: Path, text: str, *, backup: bool) -> str | None:
        try:
            store.write_text(path, text, backup=backup)
        except store.WorkspaceError as error:
            return f"{path}: {error.problem}"
        return None

    def show_error(self, message: str) -> None:
        error = self.query_one("#export-error", Static)
        error.update(Content(f"✗ {message}"))
        error.add_class("visible")
        focus_now(self.query_one("#export-path", Input))

    def action_close(self) -> None:
        self.dismiss()

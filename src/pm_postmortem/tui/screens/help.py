"""F1: the keys (as currently bound), the severity guide and facilitation tips."""

from __future__ import annotations

import textwrap
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingsMap
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.keys import format_key
from textual.screen import ModalScreen
from textual.widgets import Static, TabbedContent, TabPane

from pm_postmortem.core.model import Severity
from pm_postmortem.core.paths import config_dir
from pm_postmortem.tui.fields import SEVERITY_CHOICES, SEVERITY_GUIDE
from pm_postmortem.tui.focus import focus_now
from pm_postmortem.tui.styles import style_sheet

# --- keys ----------------------------------------------------------------------------------

GROUPS = {
    "app": "Everywhere",
    "pane": "Everywhere",
    "section": "Overview sections",
    "items": "Lists and tables",
    "timeline": "Timeline",
    "capture": "Timeline capture line",
    "whys": "5 Whys",
    "board": "Action board",
    "actions": "Action board",
    "compliance": "Compliance checklist",
    "coach": "Coach findings",
    "presenter": "Presenter mode",
    "inbox": "Suggestions inbox",
    "follow": "Following (pm-postmortem follow)",
    "form": "Edit forms",
    "confirm": "Questions",
    "export": "Export dialog",
    "help": "This help",
}
"""Binding-id prefix → the heading its keys are listed under (in this order)."""

DESCRIPTIONS = {
    "app.help": "this help: keys, severity guide, facilitation tips",
    "app.save": "save now (changes are also saved by themselves)",
    "app.undo": "undo the last change",
    "app.redo": "redo what was undone",
    "app.export": "export: copy markdown / Notion / JSON, or save a file",
    "app.quit": "quit (saves first)",
    "app.coach": "coach findings: wording to recheck, reword or keep",
    "app.presenter": "presenter mode: agenda, questions, timebox timer",
    "app.inbox": "suggestions from followers: accept, edit, dismiss",
    "inbox.accept": "accept the suggestion (enter too; undo takes it back)",
    "inbox.edit": "edit the suggestion, then accept it",
    "inbox.dismiss": "dismiss the suggestion (it stays in the inbox, marked)",
    "inbox.close": "close the inbox",
    "follow.suggest": "suggest an event, a why answer, an action or a comment",
    "follow.toggle": "browse on your own, or follow the facilitator again",
    "presenter.timer": "start or pause the timebox of this step",
    "presenter.next": "next agenda step",
    "presenter.previous": "previous agenda step",
    "presenter.longer": "one minute more for this step",
    "presenter.shorter": "one minute less for this step",
    "presenter.leave": "back to the workspace",
    "presenter.edit": "edit this step in its pane (F8 comes back)",
    "coach.keep": "keep the wording (dismisses the finding; undoable)",
    "coach.reword": "use the suggested rewording (one edit; undoable)",
    "coach.close": "close the list; enter goes to the text",
    "help.prime": "show the Prime Directive full screen, to read it aloud",
    "items.add": "add a row after the cursor",
    "items.edit": "edit the row under the cursor",
    "items.delete": "delete the row (undo brings it back)",
    "items.first": "go to the first row",
    "items.last": "go to the last row",
    "section.edit": "edit the section under the cursor",
    "compliance.toggle": "tick or untick the check",
    "form.submit": "save the form (also inside a multi-line box)",
    "form.submit_enter": "save the form (in a multi-line box: a new line)",
    "form.open_list": "open the list of a dropdown; typing a letter picks",
    "form.cancel": "cancel the edit",
    "form.undo_field": "in a form: the field back to what it showed (a box undoes its typing)",
    "confirm.yes": "answer yes",
    "confirm.no": "answer no",
    "export.markdown": "copy the markdown to the clipboard",
    "export.notion": "copy the Notion variant",
    "export.json": "copy the JSON",
    "export.file": "save to a file",
    "export.close": "close the dialog",
    "help.close": "close this help",
}

EVERYWHERE_ORDER = (
    "app.help",
    "palette",
    "pane.",
    "app.presenter",
    "app.inbox",
    "",
    "app.save",
    "app.undo",
    "app.redo",
    "app.export",
    "app.quit",
)
"""The order of the "Everywhere" keys (DESIGN's table); "pane." covers every pane, "" the rest."""

SPECIAL_NAMES = {"enter": "enter", "escape": "escape", "delete": "delete", "space": "space"}


def key_label(key: str) -> str:
    """One bound key as people write it: F1, ctrl+s, [, delete."""
    *modifiers, name = key.split("+")
    if name.startswith("f") and name[1:].isdigit():
        shown = name.upper()
    else:
        shown = SPECIAL_NAMES.get(name) or format_key(name)
    return "+".join([*modifiers, shown])


def keymap_of(app: App) -> dict[str, str]:
    """The keymap from the settings (binding id → keys), as the app applied it at start."""
    settings = getattr(app, "settings", None)
    return dict(settings.keymap) if settings is not None else {}


def bound_keys(bindings: BindingsMap, keymap: dict[str, str]) -> dict[str, list[Binding]]:
    """Binding id → its bindings (one per key) after the keymap is applied."""
    current = bindings.copy()
    if keymap:
        current.apply_keymap(keymap)
    by_id: dict[str, list[Binding]] = {}
    for key_bindings in current.key_to_bindings.values():
        for binding in key_bindings:
            if binding.id:
                by_id.setdefault(binding.id, []).append(binding)
    return by_id


def current_keys(app: App, node_class: type[DOMNode], binding_id: str) -> str:
    """The keys that trigger ``binding_id`` of ``node_class`` now, e.g. "d / delete"."""
    found = bound_keys(BindingsMap(_class_bindings(node_class)), keymap_of(app)).get(binding_id, [])
    return " / ".join(key_label(binding.key) for binding in found)


def _class_bindings(node_class: type[DOMNode]) -> list:
    bindings: list = []
    for base in reversed(node_class.__mro__):
        bindings.extend(base.__dict__.get("BINDINGS", []))
    return bindings


@dataclass(frozen=True)
class KeyRow:
    keys: str
    what: str
    binding_id: str


def _sources(app: App) -> Iterator[BindingsMap]:
    """Every binding map that can be live while a post-mortem is open."""
    from pm_postmortem.tui.screens.coach_findings import CoachFindingsScreen
    from pm_postmortem.tui.screens.confirm import ConfirmScreen
    from pm_postmortem.tui.screens.edit_form import ChoiceField, EditForm
    from pm_postmortem.tui.screens.export_dialog import ExportDialog
    from pm_postmortem.tui.screens.inbox import InboxScreen
    from pm_postmortem.tui.screens.presenter import PresenterScreen

    yield BindingsMap(_class_bindings(type(app)))
    screen = getattr(app, "workspace_screen", None)
    seen: set[type] = set()
    if screen is not None and screen.is_mounted:
        for node in [screen, *screen.query("*")]:
            if type(node) not in seen:
                seen.add(type(node))
                yield BindingsMap(_class_bindings(type(node)))
    node_classes: tuple[type[DOMNode], ...] = (*_pane_widget_classes(), EditForm, ChoiceField, ConfirmScreen,
                                               ExportDialog, CoachFindingsScreen, PresenterScreen, InboxScreen, HelpScreen)
    for node_class in node_classes:
        if node_class not in seen:
            yield BindingsMap(_class_bindings(node_class))


def _pane_widget_classes() -> tuple[type[DOMNode], ...]:
    """The widgets with keys of their own inside the panes, including panes not built yet."""
    from pm_postmortem.tui.widgets.action_board import ActionBoard, ActionsPane
    from pm_postmortem.tui.widgets.item_table import ItemTable
    from pm_postmortem.tui.widgets.review_pane import ComplianceTable
    from pm_postmortem.tui.widgets.section_table import SectionTable
    from pm_postmortem.tui.widgets.statement_line import StatementLine
    from pm_postmortem.tui.widgets.timeline_grid import TimelineGrid
    from pm_postmortem.tui.widgets.timeline_pane import CaptureLine, TimelinePane
    from pm_postmortem.tui.widgets.whys_tree import WhysTree

    return (SectionTable, TimelinePane, TimelineGrid, CaptureLine, WhysTree, StatementLine, ActionsPane, ActionBoard, ItemTable,
            ComplianceTable)


def key_groups(app: App) -> list[tuple[str, list[KeyRow]]]:
    """The keys bound right now (keymap applied), grouped for the help screen."""
    keymap = keymap_of(app)
    rows: dict[str, KeyRow] = {}
    for source in _sources(app):
        for binding_id, bindings in bound_keys(source, keymap).items():
            if binding_id in rows:
                continue
            keys = " / ".join(dict.fromkeys(key_label(binding.key) for binding in bindings))
            what = DESCRIPTIONS.get(binding_id) or bindings[0].tooltip or bindings[0].description
            if binding_id.startswith("pane."):
                what = f"show the {bindings[0].description} pane"
            rows[binding_id] = KeyRow(keys, what, binding_id)
    rows["palette"] = KeyRow(
        key_label(app.COMMAND_PALETTE_BINDING), "command palette: every command by name", ""
    )

    order = list(dict.fromkeys(GROUPS.values()))
    grouped: dict[str, list[KeyRow]] = {}
    for binding_id, row in rows.items():
        prefix = binding_id.split(".", 1)[0] if binding_id != "palette" else "app"
        heading = GROUPS.get(prefix) or prefix.replace("_", " ").capitalize()
        grouped.setdefault(heading, []).append(row)
    grouped.get("Everywhere", []).sort(key=_everywhere_rank)
    return sorted(
        grouped.items(),
        key=lambda item: order.index(item[0]) if item[0] in order else len(order),
    )


def _everywhere_rank(row: KeyRow) -> int:
    name = row.binding_id or "palette"
    if name in EVERYWHERE_ORDER:
        return EVERYWHERE_ORDER.index(name)
    if name.startswith("pane."):
        return EVERYWHERE_ORDER.index("pane.")
    return EVERYWHERE_ORDER.index("")


WIDEST_DESCRIPTION = 54
NARROWEST_DESCRIPTION = 16


def _key_table(rows: Sequence[KeyRow], key_width: int, width: int) -> Content:
    """One row per key: keys right-aligned, what it does, the binding id (dim) for remapping.

    The description wraps within its own column at ``width`` cells, so the id keeps its place
    at the end of the row's first line.
    """
    id_width = max((len(row.binding_id) for row in rows), default=0)
    longest = max((len(row.what) for row in rows), default=0)
    what_width = max(NARROWEST_DESCRIPTION, min(longest, WIDEST_DESCRIPTION, width - key_width - id_width - 5))
    indent = " " * (key_width + 2)
    lines = []
    for row in rows:
        what = textwrap.wrap(row.what, what_width) or [""]
        lines.append(
            Content.assemble(
                (row.keys.rjust(key_width), "bold"),
                "  ",
                what[0].ljust(what_width) if row.binding_id else what[0],
                ("  " + row.binding_id, "dim") if row.binding_id else "",
            )
        )
        lines += [Content(indent + part) for part in what[1:]]
    return Content("\n").join(lines)


class KeyTable(Static):
    """The keys of one group, laid out again for the width it gets."""

    def __init__(self, rows: Sequence[KeyRow], key_width: int, **kwargs) -> None:
        super().__init__(_key_table(rows, key_width, WIDEST_DESCRIPTION * 2), **kwargs)
        self.rows = rows
        self.key_width = key_width

    def on_resize(self, event: events.Resize) -> None:
        self.update(_key_table(self.rows, self.key_width, event.size.width))


# --- severity guide and facilitation (this project's own words) ---------------------------

SEVERITY_EXAMPLES = {
    Severity.S1: "Invoices cannot be posted by anyone during month-end close, or the DATEV "
    "export hands the tax advisor wrong amounts.",
    Severity.S2: "The VAT pre-return (UStVA) screen takes minutes to open, so people file "
    "through ELSTER directly; or one client company's books will not load while all others do.",
    Severity.S3: "The cash-flow chart on the start page stays blank while the reports behind it "
    "are correct; a PDF invoice comes out with a shifted logo.",
    Severity.S4: "The internal support console is down for an afternoon; we notice on our own "
    "that the nightly backup job has no alert attached.",
}

SEVERITY_HINT = (
    "Unsure between two levels? Take the higher one for now; it is easy to lower once the "
    "facts are in. Bookkeeping or tax data that is wrong or lost counts as S1 even when only "
    "a few customers are hit."
)

PRIME_DIRECTIVE = (
    "Everyone involved acted in good faith, with what they knew, the time they had and the "
    "tools at hand. Today we study the system around them (its gaps, defaults and pressures) "
    "so that the next person in the same spot is set up to succeed. Nobody is on trial."
)

TIPS = (
    (
        "Set the frame first",
        "Before the first question, read the statement above aloud. Say that names in the "
        "timeline describe roles, not culprits.",
    ),
    (
        "Ask what instead of who",
        'Rather than "Who started the export job twice?", try "What let the queue hand the same '
        'batch over twice without anyone noticing?" Answers to what-questions can be fixed.',
    ),
    (
        "Go past the person",
        'When a why ends at a person or at "human error", ask once more: what made the slip '
        "easy, and what should have caught it? Stop only at a condition of the system: a "
        "missing check, an unclear runbook, a risky default.",
    ),
    (
        "Detection is its own question",
        "Keep how we found out apart from why it broke. A late alert can deserve an action just "
        "as much as the cause.",
    ),
    (
        "Three to five actions",
        "Each one gets an owner and a date. A long list quietly becomes no list; merge, cut, "
        "or park the rest.",
    ),
    (
        "Write down what went well",
        "Whatever limited the damage is worth keeping on purpose, so name it and protect it.",
    ),
)


# --- the screen ----------------------------------------------------------------------------


class HelpScreen(ModalScreen[None]):
    """Three tabs: Keys, Severity guide, Facilitation."""

    CSS_PATH = style_sheet("dialogs")

    BINDINGS = [
        Binding("escape,f1,q", "close", "Close", id="help.close"),
        Binding("p", "prime_directive", "Prime Directive", id="help.prime"),
        Binding("up", "scroll('up')", show=False),
        Binding("down", "scroll('down')", show=False),
        Binding("pageup", "scroll('page_up')", show=False),
        Binding("pagedown", "scroll('page_down')", show=False),
        Binding("home", "scroll('home')", show=False),
        Binding("end", "scroll('end')", show=False),
        Binding("1", "tab('keys')", show=False),
        Binding("2", "tab('severity')", show=False),
        Binding("3", "tab('facilitation')", show=False),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="help"):
            with TabbedContent(id="help-tabs"):
                with TabPane("Keys", id="keys"), VerticalScroll(classes="help-scroll"):
                    yield from self._keys()
                with (
                    TabPane("Severity guide", id="severity"),
                    VerticalScroll(classes="help-scroll"),
                ):
                    yield from self._severities()
                with (
                    TabPane("Facilitation", id="facilitation"),
                    VerticalScroll(classes="help-scroll"),
                ):
                    yield from self._facilitation()
            yield Static(
                Content(
                    "←/→ or 1 2 3 tabs · ↑/↓ pgup/pgdn scroll · escape, F1 or q close"
                ),
                id="help-keys-hint",
            )

    def _keys(self) -> ComposeResult:
        groups = key_groups(self.app)
        every_row = [row for _heading, rows in groups for row in rows]
        key_width = max(len(row.keys) for row in every_row)
        for heading, rows in groups:
            yield Static(Content(heading), classes="help-heading")
            yield KeyTable(rows, key_width, classes="help-body")
        yield Static(Content("Your own keys"), classes="help-heading")
        settings = config_dir() / "settings.toml"
        yield Static(
            Content(
                "Any key with an id (the dim name on the right) can be remapped in "
                f"{settings}, for example:\n"
                '    keymap = { "app.undo" = "ctrl+u", "items.delete" = "x" }\n'
                "Restart pm-postmortem afterwards; this list always shows the keys in effect."
            ),
            classes="help-body",
        )

    def _severities(self) -> ComposeResult:
        labels = dict((value, label) for label, value in SEVERITY_CHOICES)
        yield Static(
            Content(
                "Pick the level by the worst effect on customers, their data and their legal duties."
            ),
            classes="help-intro",
        )
        for severity in Severity:
            yield Static(
                Content(labels.get(severity.value, severity.value)), classes="help-heading"
            )
            yield Static(
                Content.assemble(
                    SEVERITY_GUIDE[severity],
                    "\n",
                    ("Example: ", "bold"),
                    SEVERITY_EXAMPLES[severity],
                ),
                classes="help-body",
            )
        yield Static(Content(SEVERITY_HINT), classes="help-intro")

    def _facilitation(self) -> ComposeResult:
        yield Static(Content("Our prime directive (p shows it full screen)"), classes="help-heading")
        yield Static(Content(PRIME_DIRECTIVE), classes="help-quote")
        for heading, text in TIPS:
            yield Static(Content(heading), classes="help-heading")
            yield Static(Content(text), classes="help-body")

    def on_mount(self) -> None:
        focus_now(self.query_one(TabbedContent).query_one("Tabs"))

    def _active_scroll(self) -> VerticalScroll:
        tabs = self.query_one(TabbedContent)
        return tabs.query_one(f"#{tabs.active}").query_one(VerticalScroll)

    def action_scroll(self, how: str) -> None:
        getattr(self._active_scroll(), f"scroll_{how}")()

    def action_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab

    def action_prime_directive(self) -> None:
        from pm_postmortem.tui.screens.prime_directive import PrimeDirectiveScreen

        self.app.push_screen(PrimeDirectiveScreen())

    def action_close(self) -> None:
        self.dismiss()

"""F8 presenter mode: the shared screen of the meeting, large and high-contrast.

Shows where the room is on the agenda, the question to ask next, a big timebox timer and a short
summary of that part of the document. t starts/pauses, n/p step, +/- change the timebox,
F8 or escape go back. The agenda and its timers live on the app, so leaving and coming back
keeps them.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.theme import Theme
from textual.widgets import Digits, Static

from pm_postmortem.core.agenda import Agenda, TimeboxState, clock_text, step_summary
from pm_postmortem.tui.host import host_app
from pm_postmortem.tui.session import Session
from pm_postmortem.tui.styles import style_sheet
from pm_postmortem.tui.text import one_line

PRESENTER_THEME = Theme(
    name="presenter",
    primary="#FFD400",
    secondary="#00C8FF",
    accent="#FFD400",
    warning="#FFB000",
    error="#FF4D4D",
    success="#4DFF88",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1C1C1C",
    boost="#FFFFFF",
    dark=True,
    text_alpha=1.0,
)
"""White on black with a yellow accent: readable from the back of a room through a projector."""

STATE_WORDS = {
    TimeboxState.OK: "on time",
    TimeboxState.AMBER: "nearly out of time",
    TimeboxState.RED: "over time",
}

REFRESH_SECONDS = 0.5
WIDE = 120
"""From this many columns on, the layout gets room to breathe (see presenter.tcss)."""
TALL = 36
MAX_FOLLOW_UPS = 3


def agenda_of(session: Session, pane: str) -> Agenda:
    """The session's meeting agenda; a new one starts at the step of ``pane`` (the one on screen)."""
    if session.agenda is None:
        session.agenda = Agenda(session.clock)
        for index, step in enumerate(session.agenda.steps):
            if step.pane == pane:
                session.agenda.index = index
                break
    return session.agenda


class PresenterScreen(Screen[None]):
    """Full screen, no header or footer: what the room needs to see and nothing else."""

    CSS_PATH = style_sheet("presenter")

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (TALL, "-tall")]

    BINDINGS = [
        Binding("t", "timer", "Start/pause timer", id="presenter.timer"),
        Binding("n", "step(1)", "Next step", id="presenter.next"),
        Binding("p", "step(-1)", "Previous step", id="presenter.previous"),
        Binding("plus,equals_sign", "minutes(1)", "One minute more", id="presenter.longer"),
        Binding("minus", "minutes(-1)", "One minute less", id="presenter.shorter"),
        Binding("e", "edit", "Edit this step", id="presenter.edit"),
        Binding("escape,f8", "leave", "Leave presenter mode", id="presenter.leave"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        with Vertical(id="presenter"):
            yield Static("", id="presenter-top")
            yield Static("", id="presenter-agenda")
            yield Static("", id="presenter-step")
            with Horizontal(id="presenter-clock"):
                yield Digits("00:00", id="presenter-timer")
                yield Static("", id="presenter-timer-info")
            yield Static("", id="presenter-prompt")
            with Vertical(id="presenter-followups"):
                for index in range(MAX_FOLLOW_UPS):
                    with Horizontal(id=f"follow-up-{index}", classes="follow-up"):
                        yield Static("·", classes="follow-up-bullet")
                        yield Static("", classes="follow-up-text")
            yield Static("", id="presenter-summary")
            yield Static(
                Content(
                    "t timer · n/p next/previous · +/- a minute · e edit (F8 back) · esc leave"
                ),
                id="presenter-keys",
            )

    def on_mount(self) -> None:
        app = self.app
        screen = host_app(self).workspace_screen
        pane = screen.current_pane if screen is not None and screen.is_mounted else "overview"
        self.agenda = agenda_of(self.session, pane)
        self._start_index = self.agenda.index
        self._revision = -1
        self._previous_theme = app.theme
        if PRESENTER_THEME.name not in app.available_themes:
            app.register_theme(PRESENTER_THEME)
        app.theme = PRESENTER_THEME.name
        self.show_step()
        self.set_interval(REFRESH_SECONDS, self.refresh_view)

    def on_unmount(self) -> None:
        app = self.app
        if app.theme == PRESENTER_THEME.name:
            app.theme = self._previous_theme

    # -- rendering -----------------------------------------------------------------------------

    def show_step(self) -> None:
        """Everything that changes with the step (the timer is redrawn by `refresh_view`)."""
        agenda = self.agenda
        step = agenda.step
        wide = self.app.size.width >= WIDE
        agenda_line = []
        for index, other in enumerate(agenda.steps):
            if index:
                agenda_line.append((" · " if wide else " ", "dim"))
            minutes = (
                f" {agenda.timeboxes[index].minutes}′" if wide or index == agenda.index else ""
            )
            label = f" {other.short}{minutes} "
            agenda_line.append((label, "reverse bold" if index == agenda.index else ""))
        self.query_one("#presenter-agenda", Static).update(Content.assemble(*agenda_line))
        self.query_one("#presenter-step", Static).update(
            Content(f"Step {agenda.index + 1} of {len(agenda.steps)} · {step.title}")
        )
        self.query_one("#presenter-prompt", Static).update(Content(step.prompt))
        for index in range(MAX_FOLLOW_UPS):
            row = self.query_one(f"#follow-up-{index}")
            row.display = index < len(step.follow_ups)
            if row.display:
                row.query_one(".follow-up-text", Static).update(Content(step.follow_ups[index]))
        self._revision = -1
        self.refresh_view()

    def refresh_view(self) -> None:
        """The timer, its state and (after an edit) the summary; called twice a second."""
        timebox = self.agenda.timebox
        state = timebox.state
        self.query_one("#presenter-timer", Digits).update(clock_text(timebox.remaining))
        clock = self.query_one("#presenter-clock")
        for other in TimeboxState:
            clock.set_class(other is state, f"-{other.value}")
        running = "running" if timebox.running else "paused · t starts"
        meeting = (
            f"meeting {clock_text(self.agenda.total_elapsed)} of {self.agenda.total_minutes} min"
        )
        self.query_one("#presenter-timer-info", Static).update(
            Content.assemble(
                (f"{STATE_WORDS[state]}", "bold"),
                f" · {clock_text(timebox.elapsed)} of {timebox.minutes} min\n",
                running,
                "\n",
                (meeting, "dim"),
            )
        )
        editor = self.session.editor
        if not self.session.closed and editor.revision != self._revision:
            self._revision = editor.revision
            self._show_summary()

    def _show_summary(self) -> None:
        workspace = self.session.editor.workspace
        metadata = workspace.metadata
        severity = metadata.severity.value if metadata.severity else "severity not set"
        findings = len(self.session.coach_findings)
        top: list[str | tuple[str, str]] = [(one_line(metadata.title), "bold"), f"  ·  {severity}  ·  {metadata.status.value}"]
        if findings:
            top.append(f"  ·  ⚑ {findings} coach finding{'s' if findings != 1 else ''}")
        self.query_one("#presenter-top", Static).update(Content.assemble(*top))
        width, height = self.app.size
        lines = [one_line(line) for line in step_summary(
            workspace,
            self.agenda.step.id,
            limit=8 if height >= TALL else 5,
            width=max(40, width - 10),
        )]
        self.query_one("#presenter-summary", Static).update(
            Content.assemble((lines[0], "bold"), *(Content(f"\n{line}") for line in lines[1:]))
        )

    # -- keys ----------------------------------------------------------------------------------

    def on_resize(self) -> None:
        self.show_step()

    def action_timer(self) -> None:
        self.agenda.timebox.toggle()
        self.refresh_view()

    def action_step(self, delta: int) -> None:
        self.agenda.go(self.agenda.index + delta)
        self.show_step()

    def action_minutes(self, delta: int) -> None:
        self.agenda.timebox.change(delta)
        self.show_step()

    async def action_leave(self, *, to_step: bool = False) -> None:
        """Back to the workspace; after moving through the agenda (or ``to_step``), at the pane
        of the step, put in place behind this screen so that the room never sees the one before."""
        moved = self.agenda.index != self._start_index
        screen = host_app(self).workspace_screen
        if (moved or to_step) and screen is not None:
            await screen.action_show_pane(self.agenda.step.pane)
        if self.is_current:
            self.dismiss()

    async def action_edit(self) -> None:
        """To the pane of this step to type there; F8 comes back to the same step, timer and all."""
        step = self.agenda.step
        await self.action_leave(to_step=True)
        self.app.notify(f"Editing {step.title}: F8 brings the presenter back at this step.", timeout=4)

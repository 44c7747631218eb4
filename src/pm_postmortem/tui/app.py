"""The pm-postmortem application: opens a workspace, routes edits to the editor, autosaves."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.timer import Timer
from textual.worker import Worker, WorkerState

from pm_postmortem.core import store
from pm_postmortem.core.domain import DomainContext, load_domain_context
from pm_postmortem.core.editing import Change, EditError, Editor
from pm_postmortem.core.model import Status, Workspace, missing_regulation_checks
from pm_postmortem.core.paths import backups_dir
from pm_postmortem.core.settings import Settings
from pm_postmortem.core.text import visible
from pm_postmortem.tui.compat import read_pastes_whole
from pm_postmortem.tui.key_order import STALL_CHECK, KeyOrder
from pm_postmortem.tui.messages import DocumentChanged
from pm_postmortem.tui.room import ROOM_POLL, Room
from pm_postmortem.tui.save_state import SaveKind, SaveState
from pm_postmortem.tui.screens.workspace import PANES, WorkspaceScreen
from pm_postmortem.tui.session import CoachPass, Session, Unreadable
from pm_postmortem.tui.styles import first_frame_style_sheets, read_all_style_sheets
from pm_postmortem.tui.text import one_line

if TYPE_CHECKING:
    from pm_postmortem.core.findings import FieldFinding

AUTOSAVE_DELAY = 0.8
COACH_RECOUNT_DELAY = 0.3
RETRY_DELAY = 5.0
OUTSIDE_CHECK_INTERVAL = 2.0
"""Seconds between looks at the file for a change made by another program."""
OTHER_STYLES_DELAY = 0.1
"""Seconds after opening a workspace until the other screens' style sheets are read: after
its first frame, which does not need them."""


def _freeze_start_up_objects() -> None:
    """Take what the imports built (modules, classes, pydantic validators) out of the cycle
    collector's sight: it lives as long as the process, and a full collection walking it again
    while the first workspace opens costs the first frame 10–15 ms.

    Once per process: a later app (tests make many) would freeze its predecessors' garbage.
    """
    if gc.get_freeze_count() == 0:
        gc.freeze()


class PostmortemApp(App):
    """One workspace open at a time; the picker when none is."""

    SUGGESTS = False
    """Whether a read-only workspace's edit keys make suggestions (a follower's) or only say why
    nothing can change."""

    TITLE = "pm-postmortem"
    CSS_PATH = first_frame_style_sheets()
    BINDINGS = [
        Binding("f1", "help", "Help", id="app.help"),
        Binding("ctrl+s", "save", "Save", id="app.save"),
        Binding("ctrl+z", "undo", "Undo", id="app.undo"),
        Binding("ctrl+y", "redo", "Redo", id="app.redo"),
        Binding("ctrl+e", "export", "Export", id="app.export"),
        Binding("ctrl+f", "coach", "Coach findings", id="app.coach", show=False),
        Binding("f8", "presenter", "Presenter", id="app.presenter", show=False),
        Binding("f9", "inbox", "Suggestions", id="app.inbox", show=False),
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True),
    ]

    def __init__(
        self,
        path: Path | None = None,
        *,
        context: DomainContext | None = None,
        settings: Settings | None = None,
        cursor_blink: bool = True,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        prime_directive: bool | None = None,
    ) -> None:
        """``prime_directive``: show it when a Draft opens (None: only with a real terminal)."""
        _freeze_start_up_objects()
        read_pastes_whole()  # a paste holding an escape would otherwise arrive scrambled
        super().__init__()
        self.clock = clock
        self.prime_directive = prime_directive
        self._coach_timer: Timer | None = None
        self.start_path = path
        self.context = context or load_domain_context(workspace_path=path)
        self.settings = settings or Settings.load()
        self.cursor_blink = cursor_blink
        self.session: Session | None = None
        """The open workspace; None while the picker (or nothing) is shown."""
        self.workspace_screen: WorkspaceScreen | None = None
        self._save_timer: Timer | None = None
        self.exit_message = ""
        self.start_error: store.WorkspaceError | None = None
        """Why the workspace named at start could not be opened (the app then ends at once)."""
        self.key_order = KeyOrder(self, self._handle_key)

    @property
    def editor(self) -> Editor | None:
        """The editor of the open workspace (None while none is open)."""
        return self.session.editor if self.session is not None else None

    # -- start-up ------------------------------------------------------------------------------

    def on_mount(self) -> None:
        self.set_interval(STALL_CHECK, self.key_order.check_stalled)
        self.theme = self.settings.theme if self.settings.theme in self.available_themes else "textual-dark"
        self.set_keymap(self.settings.keymap)
        for warning in self.settings.warnings + self.context.warnings:
            self.notify(warning, severity="warning", markup=False, timeout=8)
        self.set_interval(OUTSIDE_CHECK_INTERVAL, self.check_outside_change)
        self.set_interval(ROOM_POLL, self.look_at_the_room)
        if self.start_path is not None and self.start_path.exists():
            self._open_start_path(self.start_path)
            self.set_timer(OTHER_STYLES_DELAY, partial(read_all_style_sheets, self))
            return
        read_all_style_sheets(self)
        if self.start_path is None:
            self.show_picker()
        else:
            self.offer_to_create(self.start_path)

    # -- keys typed faster than the screen follows -----------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            await self.key_order.receive(event)
            return
        await super().on_event(event)

    async def _handle_key(self, key: events.Key) -> None:
        await super().on_event(key)

    async def on_key_order_passed(self, message: KeyOrder.Passed) -> None:
        await self.key_order.passed(message)

    # -- screens -------------------------------------------------------------------------------

    def show_picker(self) -> None:
        from pm_postmortem.tui.screens.picker import PickerScreen

        existing = [screen for screen in self.screen_stack if isinstance(screen, PickerScreen)]
        if existing:
            while self.screen is not existing[-1]:
                self.pop_screen()
            return
        self.push_screen(PickerScreen())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide the document actions from the footer while no workspace is open, and undo and
        redo while the open one is read-only (ctrl+s stays: it says why nothing is saved)."""
        if action in ("save", "undo", "redo", "export") and self.editor is None:
            return False
        return not (action in ("undo", "redo") and self.editor is not None and self.editor.read_only)

    def offer_to_create(self, path: Path) -> None:
        from pm_postmortem.tui.screens.confirm import ConfirmScreen

        def answer(create: bool | None) -> None:
            if create:
                self.start_intake(path)
            else:
                self.show_picker()

        self.push_screen(
            ConfirmScreen(f"{path} does not exist yet. Create a new post-mortem there?", yes="Create"),
            answer,
        )

    def start_intake(self, path: Path) -> None:
        from pm_postmortem.tui.screens.intake import IntakeScreen

        self.push_screen(IntakeScreen(path))

    # -- opening and closing -------------------------------------------------------------------

    def open_workspace(self, path: Path) -> bool:
        try:
            self._open(path)
        except store.WorkspaceError as error:
            self.notify(str(error), title="Cannot open", severity="error", markup=False, timeout=10)
            return False
        return True

    def _open_start_path(self, path: Path) -> None:
        """The workspace named on the command line; one that cannot be read ends the app, whose
        caller prints why (a blank screen would say nothing)."""
        try:
            self._open(path)
        except store.WorkspaceError as error:
            self.start_error = error
            self.exit(return_code=2)

    def _open(self, path: Path) -> None:
        stamp = store.file_stamp(path)
        workspace = store.load_workspace(path)
        self._start(path, workspace).disk_stamp = stamp
        show = self.prime_directive if self.prime_directive is not None else not self.is_headless
        if show and workspace.metadata.status is Status.DRAFT:
            self.action_prime_directive()

    def create_workspace(self, path: Path, workspace: Workspace) -> bool:
        """Write a new workspace file, then open it."""
        try:
            store.save_workspace(path, workspace)
        except store.WorkspaceError as error:
            self.notify(str(error), title="Cannot create", severity="error", markup=False, timeout=10)
            return False
        return self.open_workspace(path)

    def _start(self, path: Path, workspace: Workspace) -> Session:
        self._close_current()
        editor = Editor(workspace, clock=self.clock)
        session = self.session = Session(path.resolve(), editor, self.context, self.clock)
        editor.read_only = self._claim(session)
        if editor.read_only:
            session.save_state = SaveState(SaveKind.READ_ONLY, detail=editor.read_only)
        else:
            session.save_state = SaveState(SaveKind.SAVED, _modified(path))
            session.room = Room(session.path)
        editor.subscribe(self._document_changed)
        self.workspace_screen = WorkspaceScreen(session)
        self.switch_to_workspace_screen()
        # The first full coach pass starts a moment after the first frame, so it does not slow it.
        self.set_timer(COACH_RECOUNT_DELAY, self._start_first_coach_pass)
        return session

    def _claim(self, session: Session) -> str | None:
        """Take the write lock of the session's file; None when this app now owns it, else why it
        cannot (held by another pm-postmortem: `check_outside_change` tries again)."""
        path = session.path
        lock = session.lock = store.WorkspaceLock(path)
        try:
            acquired = lock.acquire()
        except store.WorkspaceError as error:  # a folder we may not write in: read, don't crash
            session.lock = None
            session.not_writable = f"{one_line(path.name)}: {error.problem}"
            return session.read_only_reason()
        session.waiting_for_lock = not acquired
        if acquired:
            self._check_writable(session)
        return session.read_only_reason()

    @staticmethod
    def _check_writable(session: Session) -> None:
        """Note in the session when the file's permissions let no one write it."""
        try:
            writable = bool(session.path.stat().st_mode & 0o222)
        except OSError:  # gone: saving brings it back
            writable = True
        if not writable:
            session.not_writable = f"{one_line(session.path.name)} is read-only; changes here are not possible"

    def switch_to_workspace_screen(self) -> None:
        if self.workspace_screen is None:
            return
        if self.workspace_screen in self.screen_stack:
            while self.screen is not self.workspace_screen:
                self.pop_screen()
            return
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.push_screen(self.workspace_screen)

    def _close_current(self) -> None:
        for timer in (self._coach_timer, self._save_timer):
            if timer is not None:
                timer.stop()
        self._coach_timer = self._save_timer = None
        session = self.session
        if session is None:
            return
        if session.coach_pass is not None:
            session.coach_pass.worker.cancel()
            session.coach_pass = None
        session.editor.unsubscribe(self._document_changed)
        self.save_synchronously()
        if session.room is not None:
            session.room.leave()
        if session.lock is not None:
            session.lock.release()
        session.closed = True
        self.session = None

    def look_at_the_room(self) -> None:
        """Publish where the facilitator is and count the suggestions waiting in the inbox."""
        room = self.session.room if self.session is not None else None
        screen = self.workspace_screen
        if room is None or screen is None or not screen.is_mounted or not screen.query("#panes"):
            return  # nothing open, or the screen is being torn down (quitting)
        room.publish(screen)
        count = room.pending_count
        for problem in room.poll_inbox():
            self.notify(problem, severity="warning", markup=False, timeout=8)
        if room.pending_count != count:
            screen.refresh_status()

    def action_inbox(self) -> None:
        from pm_postmortem.tui.screens.inbox import InboxScreen

        if self.session is not None and self.session.room is not None and not isinstance(self.screen, InboxScreen):
            self.push_screen(InboxScreen(self.session))

    # -- edits ---------------------------------------------------------------------------------

    def _document_changed(self, changes: list[Change]) -> None:
        if self.workspace_screen is not None:
            self.workspace_screen.post_message(DocumentChanged(changes))
        self._schedule_coach_recount()
        if self.session is not None and self.session.needs_saving():
            self.set_save_state(SaveState(SaveKind.UNSAVED))
            self._schedule_save(AUTOSAVE_DELAY)

    def _schedule_coach_recount(self) -> None:
        if self._coach_timer is not None:
            self._coach_timer.stop()
        self._coach_timer = self.set_timer(COACH_RECOUNT_DELAY, self.recount_coach)

    def recount_coach(self) -> None:
        """Check every text field again (debounced after edits) and update the header count."""
        self._coach_timer = None
        if self.session is None or self.session.coach_pass is not None:
            return  # closed before the check was due, or the first pass recounts when it ends
        from pm_postmortem.core.coach import check_workspace  # after the first frame: quicker start

        self._show_coach_findings(check_workspace(self.session.editor.workspace))

    def _start_first_coach_pass(self) -> None:
        """Check a workspace just opened on a thread: the first pass reads every field (a tenth
        of a second and more at 2,000 events) and keys typed meanwhile must not wait for it.
        Later passes read again only what changed and run here."""
        if self.session is None:
            return
        from pm_postmortem.core.coach import workspace_texts

        session = self.session
        texts = workspace_texts(session.editor.workspace)
        worker = self.run_worker(texts.check, thread=True, group="coach", exclusive=True)
        session.coach_pass = CoachPass(worker, session.editor.revision)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        session = self.session
        first = session.coach_pass if session is not None else None
        if session is None or first is None or event.worker is not first.worker \
                or event.state is not WorkerState.SUCCESS:
            return
        findings = session.end_coach_pass()
        if findings is not None:
            self._show_coach_findings(findings)
        else:  # edited meanwhile: what did not change is remembered, so this pass is quick
            self.recount_coach()

    def _show_coach_findings(self, findings: list[FieldFinding]) -> None:
        if self.session is None:
            return
        self.session.coach_findings = findings
        if self.workspace_screen is not None and self.workspace_screen.is_mounted:
            self.workspace_screen.refresh_status()
        from pm_postmortem.tui.screens.coach_findings import CoachFindingsScreen

        on_top = self.screen_stack[-1] if self.screen_stack else None  # none while the app closes
        if isinstance(on_top, CoachFindingsScreen):
            on_top.findings_changed()

    def action_undo(self) -> None:
        self._replay(undo=True)

    def action_redo(self) -> None:
        self._replay(undo=False)

    def _replay(self, *, undo: bool) -> None:
        if self.editor is None:
            return
        try:
            label = self.editor.undo() if undo else self.editor.redo()
        except EditError as error:
            self.notify(str(error), severity="warning", markup=False)
            return
        verb = "Undid" if undo else "Redid"
        if label is None:
            self.notify("Nothing to undo." if undo else "Nothing to redo.", timeout=2)
        else:
            self.notify(f"{verb}: {label}", timeout=2, markup=False)

    # -- saving --------------------------------------------------------------------------------

    def set_save_state(self, state: SaveState) -> None:
        if self.session is None:
            return
        self.session.save_state = state
        if self.workspace_screen is not None and self.workspace_screen.is_mounted:
            self.workspace_screen.refresh_status()

    def _schedule_save(self, delay: float) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(delay, self.save_in_background)

    def action_save(self) -> None:
        if self.editor is not None and self.editor.read_only:
            self.notify(self.editor.read_only, severity="warning", markup=False)
            return
        self.save_in_background(force=True)

    def save_in_background(self, force: bool = False) -> None:
        """Write the document off the UI thread; the text is taken now, on the UI thread."""
        session = self.session
        if session is None or not session.needs_saving(force=force):
            return
        job = session.begin_save()
        if job is None:
            return  # a write is under way; another follows it
        self.set_save_state(SaveState(SaveKind.SAVING))
        self.run_worker(partial(self._write, session, *job), thread=True, group="save")

    def _write(self, session: Session, text: str, revision: int) -> None:
        path = session.path
        try:
            with session.write_lock:
                if store.changed_on_disk(path, session.disk_stamp):
                    conflict = store.conflict_path(path, self.clock().astimezone())
                    store.write_text(conflict, text, backup=False)
                    self.call_from_thread(self._changed_outside, session, conflict, revision)
                    return
                stamp = store.write_text(path, text)
        except store.WorkspaceError as error:
            self.call_from_thread(self._save_failed, session, error)
        else:
            self.call_from_thread(self._saved, session, revision, stamp)

    def _saved(self, session: Session, revision: int, stamp: store.FileStamp | None) -> None:
        again = session.end_save(revision, stamp)
        if session is not self.session:
            return
        self.set_save_state(SaveState(SaveKind.SAVED, self.clock()))
        if again:
            self._schedule_save(AUTOSAVE_DELAY)

    def check_outside_change(self) -> None:
        """Every `OUTSIDE_CHECK_INTERVAL`: take the lock once the other pm-postmortem let it go,
        and read the file again when another program changed it (or made it valid again) and
        nothing here is unsaved."""
        session = self.session
        if session is None or session.saving or self.workspace_screen not in self.screen_stack:
            return
        # Under a dialog (a form being typed in) the document is not replaced: then the lock is
        # taken, and the file found valid again, only when it holds what is shown.
        on_top = self.screen is self.workspace_screen
        took_lock = session.waiting_for_lock and (on_top or not store.changed_on_disk(session.path, session.disk_stamp)) \
            and self._take_lock(session)
        if session.editor.dirty:
            return
        was_unreadable = session.unreadable
        reloaded = self._read_again(session, replace=on_top)
        if not (took_lock or reloaded or session.unreadable != was_unreadable):
            return  # nothing new: the banner and the header stay as they are
        reason = self._show_read_only(session)
        name = one_line(session.path.name)
        shown = " and is shown as it is now" if reloaded else ""
        if reloaded and not reason:
            self.set_save_state(SaveState(SaveKind.SAVED, _modified(session.path)))
        if took_lock and not reason:
            self.notify(f"{name} is no longer open in another pm-postmortem{shown}; it can be changed here now.",
                        markup=False, timeout=10)
        elif was_unreadable is not None and session.unreadable is None:
            then = "changes here are saved again" if not reason else "it stays read-only (see above)"
            self.notify(f"{name} can be read again{shown}; {then}.", markup=False, timeout=10)
        elif reloaded and not session.waiting_for_lock:  # while another app edits it, its saves need no word
            self.notify(f"{name} was changed outside pm-postmortem and is shown as it is now.",
                        severity="warning", markup=False, timeout=10)

    def _take_lock(self, session: Session) -> bool:
        """Try the lock another pm-postmortem held; True when this app owns the file now."""
        lock = session.lock
        if lock is None:
            return False
        try:
            acquired = lock.acquire()
        except store.WorkspaceError:  # tried again at the next look
            return False
        if not acquired:
            return False
        session.waiting_for_lock = False
        self._check_writable(session)
        if session.not_writable is None and session.room is None:
            session.room = Room(session.path)
        return True

    def _read_again(self, session: Session, *, replace: bool = True) -> bool:
        """Read the file when it differs from what this app last read or wrote (or from what was
        found unreadable); True when the document shown was replaced by the file's.

        The caller makes sure nothing here is unsaved. A file that cannot be read is noted in
        the session (the banner says why) and read again only once it changes. Without
        ``replace`` only a file that holds what is shown is read.
        """
        path, editor = session.path, session.editor
        if session.unreadable is not None:
            known = session.unreadable.stamp
            if (known is None and not path.exists()) or (known is not None and not store.changed_on_disk(path, known)):
                return False
        elif not store.changed_on_disk(path, session.disk_stamp):
            return False
        stamp = store.file_stamp(path)  # before reading: a change in between is read again next time
        same = stamp is not None and session.disk_stamp is not None and stamp.digest == session.disk_stamp.digest
        if not replace and not same:
            return False
        try:
            workspace = store.load_workspace(path)
        except store.WorkspaceError as error:
            session.unreadable = Unreadable(error.problem, stamp)
            return False
        session.unreadable = None
        if same:
            session.disk_stamp = stamp  # back to what is shown (undo history kept)
            return False
        session.disk_stamp = stamp
        editor.replace_workspace(workspace)
        editor.mark_saved(editor.revision)
        return True

    def _show_read_only(self, session: Session) -> str | None:
        """Bring the editor, the header, the banner and the footer in line with why the file may
        not be changed now (if at all); returns that reason."""
        editor = session.editor
        reason, was = session.read_only_reason(), editor.read_only
        editor.read_only = reason
        if reason:
            self.set_save_state(SaveState(SaveKind.READ_ONLY, detail=reason))
        elif was or session.save_state.kind is SaveKind.READ_ONLY:
            self.set_save_state(SaveState(SaveKind.SAVED, _modified(session.path)))
        if reason != was:
            self.refresh_bindings()
        return reason

    def _changed_outside(self, session: Session, conflict: Path, revision: int) -> None:
        """The file changed outside while there were edits here: those went to ``conflict``."""
        session.save_dropped()
        if session is not self.session:
            return
        editor = session.editor
        if editor.revision != revision:  # edited while the copy was written: it takes those too
            try:
                store.write_text(conflict, store.dumps(editor.workspace), backup=False)
            except store.WorkspaceError as error:
                self._save_failed(session, error)  # kept here, tried again
                return
        if self._read_again(session):  # every edit is in the copy, the file's version shown now
            self.set_save_state(SaveState(SaveKind.SAVED, _modified(session.path)))
            now = "it is shown as it is now"
        elif session.unreadable is not None:  # every edit is in the copy, which stays shown
            editor.mark_saved(editor.revision)
            session.disk_stamp = None  # not what is shown: the file is read whole once it is valid
            self._show_read_only(session)
            now = "it cannot be read (see above)"
        else:  # back as this app knew it (or gone): the edits are saved into it after all
            self._schedule_save(AUTOSAVE_DELAY)
            return
        name = one_line(session.path.name)
        self.notify(
            f"{name} was changed outside pm-postmortem: {now}; the version you had is saved as {conflict.name}.",
            severity="warning", markup=False, timeout=10,
        )

    def _save_failed(self, session: Session, error: store.WorkspaceError) -> None:
        session.save_failed()
        if session is not self.session:
            return
        first_failure = self.session.save_state.kind is not SaveKind.FAILED
        self.set_save_state(SaveState(SaveKind.FAILED, detail=str(error)))
        if first_failure:
            self.notify(
                f"{error}. Your changes are kept in memory; saving is retried every {RETRY_DELAY:.0f} s.",
                title="Save failed",
                severity="error",
                markup=False,
                timeout=10,
            )
        self._schedule_save(RETRY_DELAY)

    def save_synchronously(self) -> bool:
        """Save now on this thread (quitting); on failure keep a recovery copy and say where."""
        session = self.session
        if session is None or not session.needs_saving():
            return True
        editor, path = session.editor, session.path
        text = store.dumps(editor.workspace)
        try:
            with session.write_lock:
                if store.changed_on_disk(path, session.disk_stamp):
                    conflict = store.conflict_path(path, self.clock().astimezone())
                    store.write_text(conflict, text, backup=False)
                    self.exit_message = (
                        f"{path.name} was changed outside pm-postmortem and is kept as it is; "
                        f"your version is saved as {conflict}."
                    )
                else:
                    session.disk_stamp = store.write_text(path, text)
        except store.WorkspaceError as error:
            rescue = backups_dir() / f"recovered-{path.stem}-{self.clock():%Y%m%dT%H%M%S}.toml"
            try:
                store.write_text(rescue, text)
            except store.WorkspaceError:
                rescue = Path.cwd() / rescue.name
                rescue.write_text(text, encoding="utf-8")
            self.exit_message = f"{error}. Your work was written to {rescue} instead."
            return False
        editor.mark_saved(editor.revision)
        return True

    async def action_quit(self) -> None:
        self._close_current()
        self.exit(message=self.exit_message or None)

    def on_unmount(self) -> None:
        """However the app ends (ctrl+q, a closed terminal, a test), the document is saved."""
        self._close_current()

    # -- dialogs and palette -------------------------------------------------------------------

    def notify(self, message: str, *, title: str = "", **options: Any) -> None:
        """Every notification, from anywhere in the app, shows control characters as escapes:
        messages quote titles, paths and file contents."""
        super().notify(visible(message, multiline=True), title=one_line(title), **options)

    def action_help(self) -> None:
        from pm_postmortem.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_export(self) -> None:
        from pm_postmortem.tui.screens.export_dialog import ExportDialog

        if self.session is not None and not isinstance(self.screen, ExportDialog):
            self.push_screen(ExportDialog(self.session))

    def watch_theme(self, theme: str) -> None:
        from pm_postmortem.tui.screens.presenter import PRESENTER_THEME

        if self.settings.theme != theme and theme != PRESENTER_THEME.name:
            self.settings.theme = theme
            problem = self.settings.save()
            if problem:
                self.notify(problem, severity="warning", markup=False)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        for command in super().get_system_commands(screen):
            if command.title == "Keys":  # Textual's key panel squeezes the panes; F1 has them all
                yield SystemCommand("Keys", "Every key, pane by pane (F1; escape closes it)", self.action_help)
            else:
                yield command
        if self.editor is not None:
            for pane, record in PANES.items():
                yield SystemCommand(
                    f"Show {record.label}", f"Switch to the {record.label} pane ({record.key.upper()})",
                    partial(self._show_pane, pane),
                )
            yield SystemCommand("Export", "Copy or save the post-mortem as markdown (ctrl+e)", self.action_export)
            yield SystemCommand(
                "Coach findings", "Wording worth a second look, with suggestions (ctrl+f)", self.action_coach
            )
            yield SystemCommand(
                "Start meeting", "Read the Prime Directive, then go through the agenda on screen",
                self.action_start_meeting,
            )
            yield SystemCommand(
                "Presenter mode", "Large, high-contrast view with agenda and timer (F8)", self.action_presenter
            )
            yield SystemCommand(
                "Add regulation checks",
                "Add the domain context's checks for its regulations to the compliance checklist",
                self.action_add_regulation_checks,
            )
            yield SystemCommand("Save now", "Write the workspace to disk (ctrl+s)", self.action_save)
            yield SystemCommand("Undo", "Undo the last change (ctrl+z)", self.action_undo)
            yield SystemCommand("Redo", "Redo the last undone change (ctrl+y)", self.action_redo)
        yield SystemCommand("Open or create a post-mortem", "Show the workspace picker", self.show_picker)
        yield SystemCommand("Help", "Keys, the severity guide and facilitation tips (F1)", self.action_help)
        yield SystemCommand("Prime Directive", "Show the opening statement full screen", self.action_prime_directive)

    def action_add_regulation_checks(self) -> None:
        """On request: the regulation-specific checks the intake leaves out without compliance impact."""
        if self.editor is None:
            return
        missing = missing_regulation_checks(self.editor.workspace.compliance, self.context.regulation_checks())
        if not missing:
            self.notify("The checklist already holds every regulation check of the domain context.", timeout=4)
            return
        try:
            with self.editor.group("Add regulation checks"):
                for regulation, label in missing:
                    self.editor.add("compliance", {"label": label, "regulation": regulation})
        except EditError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        count = len(missing)
        self.notify(f"Added {count} regulation check{'s' if count > 1 else ''} to the compliance checklist (F6).")

    def action_coach(self) -> None:
        from pm_postmortem.tui.screens.coach_findings import CoachFindingsScreen

        if self.session is not None and not isinstance(self.screen, CoachFindingsScreen):
            self.push_screen(CoachFindingsScreen(self.session))

    def action_presenter(self) -> None:
        from pm_postmortem.tui.screens.presenter import PresenterScreen

        if isinstance(self.screen, PresenterScreen):
            self.pop_screen()
        elif self.session is not None:
            self.push_screen(PresenterScreen(self.session))

    def action_prime_directive(self, then: Callable[[], None] | None = None) -> None:
        from pm_postmortem.tui.screens.prime_directive import PrimeDirectiveScreen

        if not isinstance(self.screen, PrimeDirectiveScreen):
            self.push_screen(PrimeDirectiveScreen(), lambda _: then() if then else None)

    def action_start_meeting(self) -> None:
        """The Prime Directive, then presenter mode at the first step with fresh timers."""
        if self.session is None:
            return
        from pm_postmortem.core.agenda import Agenda

        self.session.agenda = Agenda(self.clock)
        self.switch_to_workspace_screen()
        self.action_prime_directive(then=self.action_presenter)

    async def _show_pane(self, pane: str) -> None:
        if self.workspace_screen is not None:
            self.switch_to_workspace_screen()
            await self.workspace_screen.action_show_pane(pane)


def _modified(path: Path) -> datetime | None:
    """When ``path`` was last written, for "saved … ago" when it is opened."""
    try:
        return datetime.fromtimestamp(path.stat().st_mtime, UTC)
    except OSError:
        return None

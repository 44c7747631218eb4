"""`pm-postmortem follow`: the app's panes, read-only, on a workspace the facilitator is editing.

A follower never takes the write lock and never writes the workspace, the settings or any export.
It looks at the file every half second and reloads it when it changed, keeping its own pane,
cursor and scroll position; in "follow the facilitator" mode (the default) it shows the pane and
item the facilitator's app publishes. What a follower has to add goes to the inbox as a
suggestion (F9).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from textual.app import SystemCommand
from textual.binding import Binding
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widget import Widget

from pm_postmortem.core import store
from pm_postmortem.core.editing import EditError
from pm_postmortem.core.inbox import Kind, add_suggestion, describe_item, new_suggestion
from pm_postmortem.core.presence import Presence, read_presence
from pm_postmortem.tui.app import PostmortemApp
from pm_postmortem.tui.room import ROOM_POLL, selected_item
from pm_postmortem.tui.session import Session
from pm_postmortem.tui.text import one_line

DEFAULT_KIND = {"timeline": Kind.EVENT, "whys": Kind.WHY, "actions": Kind.ACTION}
"""The suggestion a pane invites first; every other pane starts with a comment."""

FACILITATOR_ONLY = {"save", "undo", "redo", "export", "start_meeting"}
"""Actions a follower's keys do not run."""
FACILITATOR_COMMANDS = {f"action_{action}" for action in FACILITATOR_ONLY} | {"show_picker"}
"""Command palette entries a follower does not see."""


class FollowApp(PostmortemApp):
    """Shows a workspace as it changes on disk; suggestions go to the facilitator's inbox."""

    SUGGESTS = True

    BINDINGS = [
        Binding("f9", "suggest", "Suggest", id="follow.suggest"),
        Binding("i", "suggest", "Suggest", show=False, id="follow.suggest_here",
                tooltip="suggest something for this pane (an event in the Timeline)"),
        Binding("f10", "toggle_following", "Browse / follow", id="follow.toggle"),
    ]

    start_path: Path

    def __init__(self, path: Path, **kwargs: Any) -> None:
        super().__init__(path, prime_directive=False, **kwargs)
        self.following = True
        self.display_name = ""
        self._seen: tuple[int, int, int] | None = None
        self._shown_presence: Presence | None = None
        self._problem: str | None = None

    # -- never the owner -------------------------------------------------------------------------

    def _open(self, path: Path) -> None:
        self._seen = self._signature()  # before reading: a save in between is read again
        super()._open(path)

    def _claim(self, session: Session) -> str | None:
        return self._mode_text()

    def _mode_text(self) -> str:
        mode = "following the facilitator (F10: browse on your own)" if self.following else (
            "browsing on your own (F10: follow the facilitator)"
        )
        return f"Watching {one_line(self.start_path.name)}, {mode} · F9 suggests"

    def show_picker(self) -> None:
        """A follower stays on its workspace: the picker could open, create or delete others."""
        if self.editor is None:
            self.exit(message=f"{self.start_path}: cannot be followed")

    def offer_to_create(self, path: Path) -> None:
        self.exit(message=f"{path}: no such workspace to follow")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return action not in FACILITATOR_ONLY and super().check_action(action, parameters)

    def action_export(self) -> None:
        self.notify("Exporting is up to the facilitator.", timeout=3)

    def watch_theme(self, theme: str) -> None:
        """A follower's theme is its own and is not saved."""

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        for command in super().get_system_commands(screen):
            if getattr(command.callback, "__name__", "") not in FACILITATOR_COMMANDS:
                yield command
        yield SystemCommand(
            "Suggest", "Send the facilitator an event, an answer, an action or a comment (F9)", self.action_suggest
        )

    # -- watching the file -----------------------------------------------------------------------

    def on_mount(self) -> None:  # Textual runs PostmortemApp.on_mount too
        self.set_interval(ROOM_POLL, self.look_again)

    def look_at_the_room(self) -> None:
        """Followers read the room in `look_again` instead."""

    def check_outside_change(self) -> None:
        """Followers read the file again in `look_again` instead, and never own it."""

    def _signature(self) -> tuple[int, int, int] | None:
        try:
            stat = os.stat(self.start_path)
        except OSError:
            return None
        return (stat.st_mtime_ns, stat.st_size, stat.st_ino)

    def look_again(self) -> None:
        """Reload the workspace when its file changed, then follow the facilitator."""
        if not self._showing():
            return
        signature = self._signature()
        if signature != self._seen:
            self._seen = signature
            self.reload()
        if self.following:
            self.follow_facilitator()

    def reload(self) -> None:
        try:
            workspace = store.load_workspace(self.start_path)
        except store.WorkspaceError as error:
            if str(error) != self._problem:
                self._problem = str(error)
                self.notify(f"{error}; still showing the last version read.", severity="warning", markup=False)
            return
        self._problem = None
        editor, screen = self.editor, self.workspace_screen
        if editor is None or screen is None:
            return
        focused = screen.focused
        offset = (focused.scroll_x, focused.scroll_y) if focused is not None else None
        editor.replace_workspace(workspace)
        if focused is not None:
            screen.call_next(self._restore_scroll, focused, offset)

    @staticmethod
    def _restore_scroll(widget: Widget, offset: tuple[float, float]) -> None:
        widget.call_after_refresh(widget.scroll_to, *offset, animate=False, immediate=True)

    def follow_facilitator(self) -> None:
        presence = read_presence(self.start_path)
        editor = self.editor
        if presence is None or presence == self._shown_presence or editor is None:
            return
        if presence.item_id is not None and presence.collection is not None:
            try:
                editor.index_of(presence.collection, presence.item_id)
            except EditError:
                return  # not saved yet: the file will bring it, then it is shown
        self._shown_presence = presence
        self.run_worker(self._show(presence), group="follow", exclusive=True)

    def _showing(self) -> bool:
        """Whether the workspace screen is up (not before it mounts, nor while it is torn down)."""
        screen = self.workspace_screen
        return self.editor is not None and screen is not None and screen.is_mounted and bool(screen.query("#panes"))

    async def _show(self, presence: Presence) -> None:
        screen = self.workspace_screen
        if not self._showing() or screen is None:
            return
        if screen.current_pane != presence.pane:
            try:
                await screen.action_show_pane(presence.pane)
            except NoMatches:  # the panes went while the new one was mounting (quitting)
                return
        if presence.collection is not None and presence.item_id is not None:
            screen.pane(presence.pane).select_item(presence.collection, presence.item_id)

    def action_toggle_following(self) -> None:
        self.following = not self.following
        self._shown_presence = None
        if self.editor is None or self.workspace_screen is None:
            return
        self.editor.read_only = self._mode_text()
        self.workspace_screen.refresh_status()
        if self.following:
            self.follow_facilitator()

    # -- suggesting ------------------------------------------------------------------------------

    def action_suggest(self) -> None:
        from pm_postmortem.tui.screens.suggest import SuggestScreen

        screen, editor = self.workspace_screen, self.editor
        if screen is None or editor is None or self.screen is not screen:
            return
        collection, item_id = selected_item(screen)
        about = describe_item(editor, collection, item_id)
        why_target = item_id if collection == "whys" else None
        under = describe_item(editor, "whys", why_target) or "the symptom"
        choices = [
            (Kind.EVENT, "Timeline event"),
            (Kind.WHY, f"Why answer under {one_line(under)}"),
            (Kind.ACTION, "Corrective action"),
            (Kind.COMMENT, f"Comment on {one_line(about)}" if about else "Comment"),
        ]

        def send(name: str, kind: Kind, text: str) -> None:
            target = {
                Kind.WHY: ("whys", why_target),
                Kind.COMMENT: (collection, item_id) if about else (None, None),
            }.get(kind, (None, None))
            suggestion = new_suggestion(name, kind, text, collection=target[0], target=target[1])
            add_suggestion(self.start_path, suggestion)
            self.display_name = suggestion.author
            self.notify(f"Sent to the facilitator: {suggestion.text}", markup=False, timeout=3)

        kind = DEFAULT_KIND.get(screen.current_pane, Kind.COMMENT)
        self.push_screen(SuggestScreen(choices, kind, self.display_name, send))

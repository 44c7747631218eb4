"""Keys handled one at a time, so a burst lands exactly where the same keys typed slowly would.

Textual hands a key to the focused widget at once, but runs that widget's bindings only when the
key has bubbled back up to the app, behind the keys that arrived meanwhile. A burst such as ``a``,
a time, tab, a text, enter (from a paste, tmux or a slow ssh link) would then type the time into
the table instead of the form that ``a`` opens. `KeyOrder` holds each key back until the one
before it has travelled its whole way (the focused widget, its ancestors, the app's bindings) and
the screen on top has finished what that key started (a form mounting and taking the focus).
A `KeyOrder.Passed` message follows each key up the same path (it bubbles like the key, through
the same queues, so it reaches the app only after the key has), twice: once behind the key itself,
once behind the messages its handlers posted to the same widgets (an input's Submitted, which
closes a form). Only public Textual API is used: messages, bubbling and ``call_later``.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Awaitable, Callable

from textual import events
from textual.app import App, ScreenStackError
from textual.message import Message
from textual.message_pump import MessagePump
from textual.widget import Widget

STALL_CHECK = 0.5
"""Seconds between checks that the node a key waits on is still there (it may have been removed
with the callback in its queue); a key's whole path normally takes well under a millisecond."""

GIVE_UP_AFTER = 5.0
"""Seconds after which the next key goes whatever happened to this one."""


class KeyOrder:
    """A queue of keys in front of the app's own key handling.

    The app must hand `Passed` messages that reach it to `passed`.
    """

    class Passed(Message):
        """Follows a key up its path; ``second`` on the walk behind what the key set off."""

        def __init__(self, serial: int, start: Widget, second: bool) -> None:
            super().__init__()
            self.serial = serial
            self.start = start
            self.second = second

    def __init__(self, app: App, handle: Callable[[events.Key], Awaitable[None]]) -> None:
        self._app = app
        self._handle = handle
        self._waiting: deque[events.Key] = deque()
        self._in_flight = 0
        """Serial number of the key travelling now (0: none)."""
        self._serial = 0
        self._started = 0.0
        self._waiting_on: MessagePump | None = None

    @property
    def busy(self) -> bool:
        return self._in_flight != 0

    async def receive(self, key: events.Key) -> None:
        """A key from the terminal: handle it now, or after the keys before it."""
        self._waiting.append(key)
        if not self.busy:
            await self._handle_next()

    def check_stalled(self) -> None:
        """Let the next key go when the node the travelling one waits on is gone."""
        if not self.busy:
            return
        node = self._waiting_on
        gone = node is not None and not (node.is_attached or node is self._app)
        if gone or time.monotonic() - self._started > GIVE_UP_AFTER:
            self._app.call_later(self._release, self._in_flight)

    async def _handle_next(self) -> None:
        while self._waiting and not self.busy:
            key = self._waiting.popleft()
            if not self._app.is_running or not self._app.screen_stack:
                continue  # closing: the key has nowhere to go
            self._serial += 1
            self._in_flight, self._started = self._serial, time.monotonic()
            start = self._app.focused or self._app.screen
            await self._handle(key)
            self._send(self.Passed(self._serial, start, second=False))

    def _send(self, message: Passed) -> None:
        try:
            top = self._app.screen
        except ScreenStackError:  # the app is closing
            return
        if not message.start.is_attached or message.start.screen is not top:
            message.start = top  # the key closed or covered its screen: follow the one on top now
        self._waiting_on = message.start
        if not message.start.post_message(message):
            self.passed(message)

    def passed(self, message: Passed) -> None:
        """A `Passed` message has reached the app."""
        message.stop()
        if message.serial != self._in_flight:
            return
        if not message.second:
            self._send(self.Passed(message.serial, message.start, second=True))
            return
        # The key and what it set off have been through the app: let the screen on top (perhaps
        # a new one, mounting) catch up before the next key.
        try:
            screen = self._app.screen
        except ScreenStackError:  # the app is closing
            return
        self._waiting_on = screen
        if not screen.call_later(self._app.call_later, self._release, message.serial):
            self._app.call_later(self._release, message.serial)

    async def _release(self, serial: int) -> None:
        if serial != self._in_flight:
            return
        self._in_flight = 0
        await self._handle_next()

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
closes a form); then once through the screen on top, which may be a form still mounting.
Characters typed into a text field stop there, so they go on at once; the next other key waits
until the field has taken them. Only public Textual API is used: messages, bubbling and
``call_later``.
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


WALK, AFTER, SETTLE = range(3)


def typed_into(focused: Widget | None, key: events.Key) -> bool:
    """Whether ``key`` is a character that the text field ``focused`` takes and keeps."""
    from textual.widgets import Input, TextArea  # loaded with the first form anyway

    return key.is_printable and isinstance(focused, Input | TextArea)


def split_escape(key: events.Key) -> list[events.Key]:
    """An escape typed right before a character reaches the app as alt+character (terminals send
    alt as an escape prefix). The app binds no alt keys, so such a key is read as the two keys
    that were typed: escape, then the character."""
    character = key.character
    if key.key.startswith("alt+") and character is not None and len(character) == 1 and character.isprintable():
        return [events.Key("escape", "\x1b"), events.Key(character, character)]
    return [key]


class KeyOrder:
    """A queue of keys in front of the app's own key handling.

    The app must hand `Passed` messages that reach it to `passed`.
    """

    class Passed(Message):
        """Follows a key up its path (`WALK`), then behind what it set off (`AFTER`), then
        through the screen on top (`SETTLE`). Before a key that is not a character for the text
        field being typed into, the same follows the characters that field was handed."""

        def __init__(self, serial: int, start: Widget, stage: int) -> None:
            super().__init__()
            self.serial = serial
            self.start = start
            self.stage = stage

    def __init__(self, app: App, handle: Callable[[events.Key], Awaitable[None]]) -> None:
        self._app = app
        self._handle = handle
        self._waiting: deque[events.Key] = deque()
        self._in_flight = 0
        """Serial number of the key travelling now (0: none)."""
        self._serial = 0
        self._started = 0.0
        self._waiting_on: MessagePump | None = None
        self._typing_into: Widget | None = None
        """A text field handed characters that were not followed yet."""

    @property
    def busy(self) -> bool:
        return self._in_flight != 0

    async def receive(self, key: events.Key) -> None:
        """A key from the terminal: handle it now, or after the keys before it."""
        self._waiting.extend(split_escape(key))
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
            screen, focused = self._app.screen, self._app.focused
            typed = typed_into(focused, key)
            self._serial += 1
            self._in_flight, self._started = self._serial, time.monotonic()
            if self._typing_into is not None and not (typed and focused is self._typing_into):
                # First let the field take the characters already typed into it: a key binding
                # (enter that sends, tab that moves on) reads what the field holds.
                self._waiting.appendleft(key)
                self._send(self.Passed(self._serial, self._typing_into, WALK))
                self._typing_into = None
                continue
            await self._handle(key)
            if typed and self._app.screen is screen and self._app.focused is focused:
                self._typing_into = focused  # the field keeps the character: nothing to follow
                self._in_flight = 0
                continue
            self._send(self.Passed(self._serial, focused or screen, WALK))

    def _send(self, message: Passed) -> None:
        try:
            top = self._app.screen
        except ScreenStackError:  # the app is closing
            return
        if message.stage == SETTLE or not message.start.is_attached or message.start.screen is not top:
            message.start = top  # the key closed or covered its screen: follow the one on top now
        self._waiting_on = message.start
        if not message.start.post_message(message):
            self._app.call_later(self.passed, message)

    async def passed(self, message: Passed) -> None:
        """A `Passed` message has reached the app."""
        message.stop()
        if message.serial != self._in_flight:
            return
        if message.stage == SETTLE:
            await self._release(message.serial)
        else:
            self._send(self.Passed(message.serial, message.start, message.stage + 1))

    async def _release(self, serial: int) -> None:
        if serial != self._in_flight:
            return
        self._in_flight = 0
        await self._handle_next()

"""The keys that work now, on one line at the bottom of the screen.

Textual's `Footer` builds a widget for every key and builds them all again whenever the focus
moves, which made every focus change (opening a form, leaving the capture line) lay out the
whole screen. This bar is one line of text, redrawn only when the keys it shows change.
"""

from __future__ import annotations

from typing import ClassVar, NamedTuple
from weakref import WeakSet

from rich.cells import cell_len
from rich.text import Text
from textual.screen import Screen
from textual.widget import Widget

ALWAYS_SHOWN = frozenset({"app.help", "app.quit"})
"""The keys a bar too narrow for all of them still shows."""


class Key(NamedTuple):
    display: str
    description: str
    enabled: bool
    binding_id: str | None = None

    @property
    def width(self) -> int:
        return cell_len(self.display) + cell_len(self.description) + 3


class KeyBar(Widget):
    """Shown bindings of the focused widget and its ancestors on the screen on top (a dialog's,
    while one is open), then the command palette key; when they do not fit, the last ones go,
    except help and quit."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"key-bar--key", "key-bar--disabled"}

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
        & > .key-bar--key { color: $footer-key-foreground; text-style: bold; }
        & > .key-bar--disabled { color: $text-disabled; }
    }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._shown: tuple[Key, ...] = ()
        self._watched: WeakSet[Screen] = WeakSet()

    def on_mount(self) -> None:
        self.app.screen_change_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.app.screen_change_signal.unsubscribe(self)
        for screen in self._watched:
            screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        if screen is self.app.screen:
            if screen not in self._watched:
                self._watched.add(screen)
                screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
            self.call_after_refresh(self._update_keys)

    def _update_keys(self) -> None:
        if not self.is_attached:
            return
        app = self.app
        seen: set[str] = set()
        keys: list[Key] = []
        palette = None
        for key, (_node, binding, enabled, _tooltip) in app.screen.active_bindings.items():
            if key == app.COMMAND_PALETTE_BINDING and app.ENABLE_COMMAND_PALETTE:
                palette = Key(app.get_key_display(binding), "palette", True)
            elif binding.show and binding.action not in seen:
                seen.add(binding.action)
                keys.append(Key(app.get_key_display(binding), binding.description, enabled, binding.id))
        if palette is not None:
            keys.append(palette)
        shown = tuple(keys)
        if shown != self._shown:
            self._shown = shown
            self.refresh()

    def on_resize(self) -> None:
        self.refresh()

    def _fitting(self) -> list[Key]:
        """The keys shown in the bar's width: whole ones, the last dropped first, help and quit kept."""
        keys = list(self._shown)
        width = self.size.width
        while sum(key.width for key in keys) - 1 > width:  # the last key's trailing space may go
            droppable = [index for index, key in enumerate(keys) if key.binding_id not in ALWAYS_SHOWN]
            if not droppable:
                break
            del keys[droppable[-1]]
        return keys

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-bar--key", partial=True)
        disabled = self.get_component_rich_style("key-bar--disabled", partial=True)
        text = Text(no_wrap=True, overflow="ellipsis")
        for display, description, enabled, _binding_id in self._fitting():
            text.append(f" {display} ", key_style if enabled else disabled)
            text.append(f"{description} ", None if enabled else disabled)
        return text

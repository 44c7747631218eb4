"""The keys that work now, on one line at the bottom of the screen.

Textual's `Footer` builds a widget for every key and builds them all again whenever the focus
moves, which made every focus change (opening a form, leaving the capture line) lay out the
whole screen. This bar is one line of text, redrawn only when the keys it shows change.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.screen import Screen
from textual.widget import Widget


class KeyBar(Widget):
    """Shown bindings of the focused widget and its ancestors, then the command palette key."""

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
        self._shown: tuple[tuple[str, str, bool], ...] = ()

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        if screen is self.screen:
            self.call_after_refresh(self._update_keys)

    def _update_keys(self) -> None:
        if not self.is_attached:
            return
        app = self.app
        seen: set[str] = set()
        keys: list[tuple[str, str, bool]] = []
        palette = None
        for key, (_node, binding, enabled, _tooltip) in self.screen.active_bindings.items():
            if key == app.COMMAND_PALETTE_BINDING and app.ENABLE_COMMAND_PALETTE:
                palette = (app.get_key_display(binding), "palette", True)
            elif binding.show and binding.action not in seen:
                seen.add(binding.action)
                keys.append((app.get_key_display(binding), binding.description, enabled))
        if palette is not None:
            keys.append(palette)
        shown = tuple(keys)
        if shown != self._shown:
            self._shown = shown
            self.refresh()

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-bar--key", partial=True)
        disabled = self.get_component_rich_style("key-bar--disabled", partial=True)
        text = Text(no_wrap=True, overflow="ellipsis")
        for display, description, enabled in self._shown:
            text.append(f" {display} ", key_style if enabled else disabled)
            text.append(f"{description} ", None if enabled else disabled)
        return text

"""Moving the focus at once, so that keys typed ahead follow it."""

from __future__ import annotations

from textual.dom import NoScreen
from textual.widget import Widget


def focus_now(widget: Widget) -> None:
    """Focus ``widget`` now.

    `Widget.focus` queues the change behind the app's pending messages, and those can be keys a
    fast typist has already pressed: they would still go to the widget that had the focus.
    """
    try:
        screen = widget.screen
    except NoScreen:
        widget.focus()
        return
    screen.set_focus(widget, scroll_visible=False)

    def bring_into_view() -> None:  # as Textual does on focus, once the layout is known
        if screen.focused is widget and not screen.can_view_entire(widget):
            screen.scroll_to_center(widget, origin_visible=True)

    screen.call_after_refresh(bring_into_view)

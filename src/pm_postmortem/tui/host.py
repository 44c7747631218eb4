"""The running `PostmortemApp`, typed, for the screens that open workspaces or move between screens."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.dom import DOMNode

if TYPE_CHECKING:
    from pm_postmortem.tui.app import PostmortemApp


def host_app(node: DOMNode) -> PostmortemApp:
    """The app ``node`` runs in (always a PostmortemApp: this package's screens run in no other)."""
    # Imported here: the app module imports the screens.
    from pm_postmortem.tui.app import PostmortemApp

    app = node.app
    if not isinstance(app, PostmortemApp):
        raise TypeError(f"{type(app).__name__} is not a PostmortemApp")
    return app

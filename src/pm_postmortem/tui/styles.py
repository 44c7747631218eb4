"""The style sheets (``styles/*.tcss``) and when each is read.

Parsing them all takes a first frame some 10 ms, so the app itself reads only those of the
workspace screen and its first pane, the Overview (and of the Prime Directive, which can open with
it). Every other screen names its own sheet in ``CSS_PATH``; the app reads them all in one pass a
moment after the first frame. A screen shown before that has its sheet read by Textual; a pane,
by the workspace screen, which reads them all before it builds a pane other than the Overview.
"""

from __future__ import annotations

from pathlib import Path, PurePath

from textual.app import App

from pm_postmortem.core.paths import shipped_file

FIRST_FRAME = ("app", "coach", "workspace")
"""The sheets of the workspace screen, the Overview and the Prime Directive."""


def style_sheet(name: str) -> Path:
    return shipped_file("styles") / f"{name}.tcss"


def style_sheets(*names: str) -> list[str | PurePath]:
    """A screen's ``CSS_PATH`` when it draws on more than one sheet."""
    return [style_sheet(name) for name in names]


def all_style_sheets() -> list[Path]:
    return sorted(shipped_file("styles").glob("*.tcss"))


def first_frame_style_sheets() -> list[str | PurePath]:
    return [path for path in all_style_sheets() if path.stem in FIRST_FRAME]


def read_all_style_sheets(app: App) -> None:
    """Read, in one pass, every sheet ``app`` has not read yet."""
    unread = [path for path in all_style_sheets() if not app.stylesheet.has_source(str(path))]
    if not unread:
        return
    app.stylesheet.read_all(unread)
    app.stylesheet.parse()
    app.stylesheet.update(app)

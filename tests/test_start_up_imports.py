"""Opening a workspace loads only what its first frame shows: the Overview pane and the screen
around it. Everything else (other panes, dialogs, the coach, import and export) loads on first use."""

import subprocess
import sys
from pathlib import Path

import pm_postmortem

SRC = Path(pm_postmortem.__file__).resolve().parents[1]

LOADED_ON_FIRST_USE = (
    "pm_postmortem.core.agenda",
    "pm_postmortem.core.capture",
    "pm_postmortem.core.clipboard",
    "pm_postmortem.core.coach",
    "pm_postmortem.core.demo",
    "pm_postmortem.core.export",
    "pm_postmortem.core.importer",
    "pm_postmortem.tui.coach",
    "pm_postmortem.tui.screens.edit_form",
    "pm_postmortem.tui.screens.export_dialog",
    "pm_postmortem.tui.screens.help",
    "pm_postmortem.tui.screens.picker",
    "pm_postmortem.tui.widgets.action_board",
    "pm_postmortem.tui.widgets.preview_pane",
    "pm_postmortem.tui.widgets.review_pane",
    "pm_postmortem.tui.widgets.timeline_pane",
    "pm_postmortem.tui.widgets.whys_pane",
)


def test_the_app_and_the_overview_pane_load_nothing_the_first_frame_does_not_show():
    program = (
        "import sys\n"
        "import pm_postmortem.tui.app, pm_postmortem.tui.widgets.overview_pane\n"
        f"print(sorted(name for name in {LOADED_ON_FIRST_USE!r} if name in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, env={"PYTHONPATH": str(SRC)}, check=True
    )
    assert result.stdout.strip() == "[]"

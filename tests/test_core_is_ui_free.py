"""The core never imports textual or rich: it must run in a CLI, a test, or another UI."""

import pkgutil
import subprocess
import sys
from pathlib import Path

import pm_postmortem.core

SRC = Path(pm_postmortem.core.__file__).resolve().parents[2]


def test_importing_every_core_module_loads_no_ui_library():
    modules = [info.name for info in pkgutil.walk_packages(pm_postmortem.core.__path__, "pm_postmortem.core.")]
    assert "pm_postmortem.core.editing" in modules
    program = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'rich'}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", program],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(SRC)},
        check=True,
    )
    assert result.stdout.strip() == "[]"

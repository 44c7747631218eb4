"""The wheel carries the styles and the shipped domain context, and finds them when installed."""

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_contains_styles_and_domain_context(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("pm_postmortem-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "pm_postmortem/_data/domain-context.md" in names
    shipped_styles = {f"pm_postmortem/_data/styles/{path.name}" for path in (ROOT / "styles").glob("*.tcss")}
    assert shipped_styles and shipped_styles <= names
    assert any(name.endswith("entry_points.txt") for name in names)

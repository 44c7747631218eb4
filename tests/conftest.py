"""Shared fixtures: every test gets its own data and config folders. Under CI the property
tests draw the same examples every run (a rare example found on a laptop is reproducible; CI
does not fail on a new one by chance)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from pm_postmortem.core.paths import HOME_ENV

settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Data, config, backups and exports go below tmp_path, never into the real home."""
    home = tmp_path / "home"
    monkeypatch.setenv(HOME_ENV, str(home))
    return home

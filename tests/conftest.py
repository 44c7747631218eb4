"""Shared fixtures: every test gets its own data and config folders."""

from __future__ import annotations

from pathlib import Path

import pytest

from pm_postmortem.core.paths import HOME_ENV


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Data, config, backups and exports go below tmp_path, never into the real home."""
    home = tmp_path / "home"
    monkeypatch.setenv(HOME_ENV, str(home))
    return home

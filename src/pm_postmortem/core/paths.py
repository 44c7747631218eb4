"""Where pm-postmortem keeps its files, and where the shipped data files are."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "pm-postmortem"
HOME_ENV = "PM_POSTMORTEM_HOME"
"""When set, data and config live below this folder (tests and portable installs)."""


def data_dir() -> Path:
    override = os.environ.get(HOME_ENV)
    if override:
        return Path(override) / "data"
    return Path(platformdirs.user_data_dir(APP_NAME))


def config_dir() -> Path:
    override = os.environ.get(HOME_ENV)
    if override:
        return Path(override) / "config"
    return Path(platformdirs.user_config_dir(APP_NAME))


def workspaces_dir() -> Path:
    return data_dir() / "workspaces"


def backups_dir() -> Path:
    return data_dir() / "backups"


def shipped_file(name: str) -> Path:
    """A data file shipped with the package: inside the wheel, else the repository copy."""
    package_copy = Path(__file__).resolve().parent.parent / "_data" / name
    if package_copy.exists():
        return package_copy
    return Path(__file__).resolve().parents[3] / name

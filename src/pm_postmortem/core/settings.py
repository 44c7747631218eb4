"""User settings (theme, key remapping), kept as TOML in the config folder; they save themselves."""

from __future__ import annotations

from pathlib import Path

import tomli
import tomli_w
from pydantic import BaseModel, Field, ValidationError

from pm_postmortem.core.paths import config_dir


def settings_path() -> Path:
    return config_dir() / "settings.toml"


class Settings(BaseModel):
    theme: str = "textual-dark"
    keymap: dict[str, str] = {}
    """Binding id → keys, e.g. ``{"app.undo": "ctrl+u"}``."""
    warnings: list[str] = Field(default=[], exclude=True)

    @classmethod
    def load(cls, path: Path | None = None) -> Settings:
        """The saved settings; defaults (with a warning) when the file is missing or broken."""
        path = path or settings_path()
        if not path.exists():
            return cls()
        try:
            return cls.model_validate(tomli.loads(path.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError, tomli.TOMLDecodeError, ValidationError) as error:
            reason = type(error).__name__ if isinstance(error, ValidationError) else str(error)
            return cls(warnings=[f"settings {path}: ignored ({reason}); using defaults"])

    def save(self, path: Path | None = None) -> str | None:
        """Write the settings; returns a problem to show instead of raising."""
        path = path or settings_path()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(tomli_w.dumps(self.model_dump()), encoding="utf-8")
        except OSError as error:
            return f"could not save settings to {path}: {error.strerror or error}"
        return None

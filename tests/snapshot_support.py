"""Deterministic apps for SVG snapshots: the demo workspace, a fixed clock, no blinking cursor."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from pm_postmortem.core import store
from pm_postmortem.core.demo import demo_workspace
from pm_postmortem.core.domain import load_domain_context
from pm_postmortem.core.paths import shipped_file
from pm_postmortem.tui.app import PostmortemApp

FIXED_NOW = datetime(2025, 11, 11, 9, 30, tzinfo=UTC)
SIZE = (120, 36)


def demo_app(folder: Path) -> PostmortemApp:
    context = load_domain_context(shipped_file("domain-context.md"))
    path = folder / "demo.toml"
    store.save_workspace(path, demo_workspace(context))
    return PostmortemApp(path, context=context, cursor_blink=False, clock=lambda: FIXED_NOW)

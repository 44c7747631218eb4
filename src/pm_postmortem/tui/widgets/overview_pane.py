"""F2 Overview: metadata, impact, summary and the live metrics."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll

from pm_postmortem.core.editing import Change
from pm_postmortem.tui.fields import IMPACT_FIELDS, METADATA_FIELDS, SUMMARY_FIELDS, TARGET_FIELDS
from pm_postmortem.tui.widgets.metrics_panel import MetricsPanel
from pm_postmortem.tui.widgets.pane import Pane
from pm_postmortem.tui.widgets.section_table import SectionTable

SIDE_BY_SIDE_FROM = 100
"""Narrower than this, the metadata takes the whole width above the metrics: its values are free
text, the metrics' lines are short."""


class OverviewPane(Pane, VerticalScroll, can_focus=False):
    """Each section is a table of fields; enter on a row edits that section in a form. Tab goes
    from table to table (the pane itself, a scrolling container, never takes the focus)."""

    def compose(self) -> ComposeResult:
        with Horizontal(id="overview-top"):
            yield SectionTable("Metadata", "metadata", METADATA_FIELDS, id="overview-metadata")
            with Vertical(id="overview-side"):
                yield MetricsPanel(id="overview-metrics")
                yield SectionTable("Targets", "targets", TARGET_FIELDS, id="overview-targets")
        yield SectionTable("Summary", "metadata", SUMMARY_FIELDS, id="overview-summary")
        yield SectionTable("Impact", "impact", IMPACT_FIELDS, id="overview-impact")

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < SIDE_BY_SIDE_FROM, "-stacked")

    def refresh_from(self, changes: list[Change]) -> None:
        for table in self.query(SectionTable):
            table.refresh_from(changes)
        if any(change.target.split(".")[0] in ("timeline", "targets", "workspace") for change in changes):
            for panel in self.query(MetricsPanel):  # none while the pane is being taken down
                panel.refresh_metrics()

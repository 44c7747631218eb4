"""The live incident metrics: value, target, and what is missing."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from pm_postmortem.core.metrics import Metrics, MetricState
from pm_postmortem.tui.widgets.pane import pane_of


def metrics_content(metrics: Metrics) -> Content:
    lines: list[Content] = []
    for metric in metrics.all:
        target = f"< {metric.target} min" if metric.target is not None else "no target"
        if metric.state is MetricState.OK:
            style = "bold red" if metric.over_target else "bold green"
            verdict = ("  OVER", "bold red") if metric.over_target else ""
            lines.append(
                Content.assemble(f"{metric.name:<24}", (f"{metric.display:>8}", style), f"  {target}", verdict)
            )
        elif metric.state is MetricState.NEGATIVE:
            lines.append(Content.assemble(f"{metric.name:<24}", ("   error", "bold red")))
            lines.append(Content.assemble(("  ↳ ", "dim"), metric.explanation))
        else:
            lines.append(Content.assemble(f"{metric.name:<24}", ("       —", "dim")))
            lines.append(Content(f"  ↳ {metric.explanation}").stylize("dim"))  # its own line: never wrapped under the name
    duplicates = sorted(marker.label.lower() for marker in metrics.duplicate_markers)
    if duplicates:
        lines.append(Content(f"Used more than once (the earliest counts): {', '.join(duplicates)}"))
    return Content("\n").join(lines)


class MetricsPanel(Static):
    """Recomputed by the editor on every timeline change; this only renders it."""

    _shown: Metrics | None = None
    _lines = 0

    def on_mount(self) -> None:
        self.border_title = "Metrics"
        self.refresh_metrics()

    def on_show(self) -> None:
        self.refresh_metrics()

    def refresh_metrics(self) -> None:
        """Show the editor's metrics; skipped while another pane is on screen (see on_show)."""
        metrics = pane_of(self).editor.metrics
        if metrics == self._shown or (self._shown is not None and not self.is_on_screen):
            return
        content = metrics_content(metrics)
        lines = len(content.split())
        self.update(content, layout=lines != self._lines)  # a line more (duplicate markers) needs room
        self._shown, self._lines = metrics, lines

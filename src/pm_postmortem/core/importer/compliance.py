"""The compliance checklist reader."""

from __future__ import annotations

from pm_postmortem.core.importer.base import SectionReader, _regulation
from pm_postmortem.core.importer.blocks import _Section
from pm_postmortem.core.importer.cells import _CHECKBOX, _NOTIFICATION, _date, _mask
from pm_postmortem.core.model import (
    ComplianceCheck,
)


class ComplianceReader(SectionReader):
    # -- compliance ------------------------------------------------------------------------

    def compliance(self, section: _Section) -> None:
        self.saw_compliance = True
        name = section.heading
        items: list[tuple[int, bool, str]] = []
        for number, line in section.lines:
            stripped = line.strip()
            if not stripped or (not self.strict and self.is_template(stripped)):
                continue
            box = _CHECKBOX.match(stripped)
            if box is None:
                self.keep(name, section.line, number, stripped)
            else:
                items.append((number, box[1] in "xX", stripped[box.end() :]))
        notification = max(
            (i for i, (_, _, rest) in enumerate(items) if self.is_notification(rest)), default=-1
        )
        for index, (number, checked, rest) in enumerate(items):
            if index == notification:
                self.notification(checked, rest, number, name, section.line)
            else:
                self.check(checked, rest)

    def is_notification(self, rest: str) -> bool:
        if self.strict:
            return rest.startswith(f"{_NOTIFICATION} (If yes, deadline: ") and rest.endswith(")")
        return rest.lower().startswith(_NOTIFICATION.lower()[:-1])

    def notification(self, checked: bool, rest: str, number: int, name: str, where: int) -> None:
        compliance = self.ws.compliance
        compliance.notification_required = checked
        self.counts["compliance"] += 1
        start = rest.lower().find("deadline:")
        if start < 0:
            if rest.strip().rstrip("?") != _NOTIFICATION.rstrip("?"):
                self.keep(name, where, number, rest, "notification: ")
            return
        raw = rest[start + 9 :].strip().removesuffix(")").strip()
        text = self.cell(raw)
        if not text:
            return
        deadline = _date(text)
        if deadline is None:
            self.keep(name, where, number, text, "notification deadline: ")
        else:
            compliance.notification_deadline = deadline

    def check(self, checked: bool, rest: str) -> None:
        """``label — note``: split at the first `` — `` (the exporter's labels may hold more)."""
        label_raw, note_raw = rest, ""
        masked = _mask(rest)
        index = masked.find(" — ")
        while index >= 0:  # overlapping too: "a — — b" may be "a —" and "b"
            label, note = rest[:index], rest[index + 3 :]
            if not self.strict or (self.fits(label) and self.fits(note)):
                label_raw, note_raw = label, note
                break
            index = masked.find(" — ", index + 1)
        self.add_check(self.cell(label_raw), checked, self.cell(note_raw, dash_is_empty=False))

    def add_check(self, label: str, checked: bool, note: str) -> None:
        self.ws.compliance.checks.append(
            ComplianceCheck(
                id=self.new_id(),
                label=label,
                checked=checked,
                note=note,
                regulation=_regulation(label),
            )
        )
        self.counts["compliance"] += 1

"""Readers of the metadata table, the metrics table and the customer impact."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from pydantic import ValidationError

from pm_postmortem.core.export import EMPTY
from pm_postmortem.core.importer.aliases import IMPACT_LABELS, METADATA_FIELDS, METRIC_ROWS
from pm_postmortem.core.importer.base import SectionReader
from pm_postmortem.core.importer.blocks import _BOLD_FIELD, _blocks, _columns, _Section, _Table
from pm_postmortem.core.importer.cells import (
    _AUTHOR_SEPARATOR,
    _BLAST,
    _BULLET,
    _COMPLIANCE_IMPACT,
    _REVENUE_NUMBER,
    _TARGET,
    _date,
    _mask,
    _norm,
    _severity,
    _split_unescaped,
    _status,
    unescape,
)


class MetadataReader(SectionReader):
    # -- metadata and metrics ----------------------------------------------------------

    def metadata(self, section: _Section) -> None:
        name = section.heading
        for block in _blocks(section.lines):
            if not isinstance(block, _Table):
                self.plain_line(name, section.line, *block)
                continue
            columns, _ = _columns(block.header or [], {"field": "field", "value": "value"})
            field_at, value_at = columns.get("field", 0), columns.get("value", 1)
            for number, cells, raw in block.rows:
                if len(cells) <= max(field_at, value_at):
                    self.keep(name, section.line, number, raw.strip())
                    continue
                key = METADATA_FIELDS.get(_norm(cells[field_at]))
                if key is None:
                    self.keep(name, section.line, number, raw.strip())
                    continue
                self.meta_field(key, cells[value_at], number, name, section.line)
                for index, extra in enumerate(cells):
                    if index not in (field_at, value_at) and extra:
                        self.keep(name, section.line, number, extra, "extra cell: ")

    def meta_field(self, key: str, raw: str, number: int, name: str, where: int) -> None:
        """One metadata value from a table cell or an SRE field; what cannot be read is kept."""
        meta = self.ws.metadata
        if key == "authors":
            self.authors(raw)
            self.counts["metadata"] += 1
            return
        if key in ("services", "tags") and self.strict:
            setattr(meta, key, [] if raw.strip() == EMPTY else self.joined_cells(raw.strip(), ", "))
            self.counts["metadata"] += 1
            return
        text = self.cell(raw)
        label = key.replace("_", " ")
        if not text:
            return
        ok = True
        if key in ("incident_date", "postmortem_date"):
            value = _date(text)
            ok = value is not None
            if ok:
                setattr(meta, key, value)
        elif key == "severity":
            severity = _severity(text)
            ok = severity is not None
            if ok:
                meta.severity = severity
        elif key == "status":
            status, exact = _status(text)
            ok = status is not None
            if status is not None:
                meta.status = status
                if not exact:
                    self.keep(name, where, number, text, "status (read as " + status.value + "): ")
                    return
        elif key == "duration":
            self.duration = (number, text, name)
        elif key in ("services", "tags"):
            setattr(meta, key, [part.strip() for part in text.split(",") if part.strip()])
        elif key == "title" and not meta.title:
            meta.title = text
        if ok:
            self.counts["metadata"] += 1
        else:
            self.keep(name, where, number, text, f"{label}: ")

    def authors(self, raw: str) -> None:
        raw = raw.strip()
        if self.strict:
            self.ws.metadata.authors = [] if raw == EMPTY else self.joined_cells(raw, ", ")
            return
        if len(raw) > 5000:
            self.ws.metadata.authors = [self.cell(raw)]
            return
        parts = (self.cell(part) for part in _split_unescaped(raw, _AUTHOR_SEPARATOR))
        self.ws.metadata.authors = [part.strip() for part in parts if part.strip()]

    def joined_cells(self, raw: str, separator: str) -> list[str]:
        """Texts of cells the exporter joined with `separator`, cut where every piece fits.

        Prefers the earliest cuts, so ``Anna, Ben`` is two authors; a name that itself holds
        the separator may come back split, which the exporter writes the same way.
        """
        masked = _mask(raw)
        if len(raw) > 5000:  # the search below is quadratic: no author list is this long
            return [self.cell(raw, dash_is_empty=False)]
        cuts = []
        index = masked.find(separator)
        while index >= 0:
            cuts.append(index)
            index = masked.find(separator, index + 1)
        ends = [len(raw)]
        starts = [0] + [cut + len(separator) for cut in cuts]
        # feasible[i]: raw[starts[i]:] splits into fitting pieces
        feasible = [False] * len(starts)
        choice: list[int | None] = [None] * len(starts)
        for i in range(len(starts) - 1, -1, -1):
            options = [(j, cuts[j]) for j in range(i, len(cuts))] + [(None, ends[0])]
            for j, end in options:
                piece = raw[starts[i] : end]
                if piece and self.fits(piece) and (j is None or feasible[j + 1]):
                    feasible[i], choice[i] = True, j
                    break
        if not feasible[0]:
            return [self.cell(raw, dash_is_empty=False)]
        pieces, i = [], 0
        while True:
            j = choice[i]
            pieces.append(
                self.cell(raw[starts[i] : ends[0] if j is None else cuts[j]], dash_is_empty=False)
            )
            if j is None:
                return pieces
            i = j + 1

    def metrics(self, section: _Section) -> None:
        name = section.heading
        for block in _blocks(section.lines):
            if not isinstance(block, _Table):
                self.plain_line(name, section.line, *block)
                continue
            columns, _ = _columns(
                block.header or [], {"metric": "metric", "value": "value", "target": "target"}
            )
            metric_at, value_at = columns.get("metric", 0), columns.get("value", 1)
            target_at = columns.get("target", 2)
            for number, cells, raw in block.rows:
                key = METRIC_ROWS.get(_norm(cells[metric_at])) if cells else None
                value = cells[value_at] if len(cells) > value_at else ""
                target = cells[target_at] if len(cells) > target_at else ""
                if key is None:
                    self.keep(name, section.line, number, raw.strip())
                elif key == "blast_radius":
                    self.blast_radius(value, number, name, section.line)
                elif key == "revenue":
                    self.ws.impact.revenue_impact = self.revenue(value)
                    self.counts["impact"] += bool(self.ws.impact.revenue_impact)
                elif key == "compliance":
                    self.compliance_impact(value)
                else:
                    self.metric_values.append((number, key, value))
                    self.target(key, target, number, name, section.line)

    def target(self, key: str, raw: str, number: int, name: str, where: int) -> None:
        raw = raw.strip()
        if not raw or raw == EMPTY or self.is_placeholder(raw) or "[target]" in raw:
            return
        match = _TARGET.fullmatch(raw)
        if match is None:
            self.keep(name, where, number, raw, f"target of {key}: ")
            return
        setattr(self.ws.targets, key, int(match[1]))
        self.counts["targets"] += 1

    def blast_radius(self, raw: str, number: int, name: str, where: int) -> None:
        text = unescape(raw.strip())  # never a cell: " / " separates its two parts
        if not text or text == EMPTY or self.is_placeholder(raw):
            return
        match = _BLAST.fullmatch(text) if len(text) < 200 else None
        if match is None or not (match["customers"] or match["percent"]):
            self.keep(name, where, number, text, "blast radius: ")
            return
        try:
            if match["customers"]:
                self.ws.impact.customers_affected = int(match["customers"].replace(",", ""))
            if match["percent"]:
                self.ws.impact.traffic_percent = float(match["percent"])
        except ValidationError:
            self.keep(name, where, number, text, "blast radius: ")
            return
        self.counts["impact"] += 1

    def revenue(self, raw: str) -> str:
        raw = raw.strip()
        prefix = self.encode(self.currency) + " "
        if raw.startswith(prefix) and len(raw) < 100:
            number = raw[len(prefix) :]
            if _REVENUE_NUMBER.fullmatch(number):
                plain = number.replace(",", "")
                try:
                    if f"{Decimal(plain):,}" == number:
                        return plain
                except InvalidOperation:
                    pass
        text = self.cell(raw)
        return "none" if text.lower() == "none" else text

    def compliance_impact(self, raw: str) -> None:
        raw = raw.strip()
        impact = self.ws.impact
        if self.strict:
            for word, value in (("Yes", True), ("No", False)):
                if raw == word or (
                    raw.startswith(f"{word} — ") and self.fits(raw[len(word) + 3 :])
                ):
                    impact.compliance_affected = value
                    impact.compliance_details = self.cell(raw[len(word) + 3 :], dash_is_empty=False)
                    break
            else:
                impact.compliance_details = self.cell(raw)
        else:
            text = self.cell(raw)
            match = _COMPLIANCE_IMPACT.fullmatch(text)
            if match is not None:
                impact.compliance_affected = match[1].lower() == "yes"
                impact.compliance_details = (match["details"] or "").strip()
            else:
                impact.compliance_details = text
        self.counts["impact"] += impact.compliance_affected is not None or bool(
            impact.compliance_details
        )

    def customer_impact(self, section: _Section) -> None:
        name = section.heading
        for number, line in section.lines:
            stripped = line.strip()
            if not stripped or (not self.strict and self.is_template(stripped)):
                continue
            bullet = _BULLET.match(stripped)
            match = _BOLD_FIELD.match(stripped, bullet.end()) if bullet else None
            key = IMPACT_LABELS.get(_norm(match["name"])) if match else None
            if match is None or key is None:
                self.keep(name, section.line, number, stripped)
                continue
            value = self.cell(stripped[match.end() :])
            if value:
                setattr(self.ws.impact, key, value)
                self.counts["impact"] += 1

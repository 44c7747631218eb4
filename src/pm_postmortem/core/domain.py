"""The domain context: company, personas, regulations and calendar read from domain-context.md.

Parsing and loading never raise; every problem becomes a warning that names the file.
"""

from __future__ import annotations

import re
import unicodedata
from calendar import monthrange
from dataclasses import dataclass, field
from datetime import MAXYEAR, MINYEAR, date
from pathlib import Path

from pm_postmortem.core.paths import config_dir, shipped_file

FILE_NAME = "domain-context.md"
DEADLINE_WINDOW_DAYS = 3
"""A period with a day of month applies this many days either side of that day."""

ALL_MONTHS = frozenset(range(1, 13))


@dataclass(frozen=True)
class Persona:
    persona_id: str
    role_de: str
    role_en: str
    description: str
    tech_savviness: str

    @property
    def suggestion(self) -> str:
        """The persona as an affected-segment suggestion, e.g. "Tax advisor (Steuerberater)"."""
        if self.role_en and self.role_de and self.role_en != self.role_de:
            return f"{self.role_en} ({self.role_de})"
        return self.role_en or self.role_de or self.persona_id


@dataclass(frozen=True)
class Regulation:
    framework: str
    full_name: str
    description: str
    impact: str

    @property
    def check_label(self) -> str:
        """One compliance-checklist line for this regulation."""
        name = self.framework
        if self.full_name and self.full_name != self.framework:
            name = f"{self.framework} ({self.full_name})"
        return f"{name} requirements verified for the incident window"


@dataclass(frozen=True)
class CalendarPeriod:
    period: str
    event: str
    impact: str
    months: frozenset[int] = frozenset()
    day_of_month: int | None = None

    def applies_to(self, day: date) -> bool:
        """Whether `day` falls in this period (near the day of month, when one is set)."""
        if self.day_of_month is None:
            return day.month in self.months
        months = self.months or ALL_MONTHS
        for offset in (-1, 0, 1):
            year, month = divmod(day.year * 12 + day.month - 1 + offset, 12)
            month += 1
            if month not in months or not MINYEAR <= year <= MAXYEAR:
                continue
            last = monthrange(year, month)[1]
            deadline = date(year, month, min(self.day_of_month, last))
            if abs((day - deadline).days) <= DEADLINE_WINDOW_DAYS:
                return True
        return False


@dataclass
class DomainContext:
    source: Path | None
    company: dict[str, str] = field(default_factory=dict)
    personas: list[Persona] = field(default_factory=list)
    regulations: list[Regulation] = field(default_factory=list)
    calendar: list[CalendarPeriod] = field(default_factory=list)
    language: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    @property
    def company_name(self) -> str:
        return _lookup(self.company, "name")

    @property
    def currency(self) -> str:
        """ISO code from the Language "Currency" bullet, e.g. "EUR (€)" -> "EUR"; default EUR."""
        match = re.search(r"\b[A-Z]{3}\b", _lookup(self.language, "currency"))
        return match.group() if match else "EUR"

    def periods_for(self, day: date) -> list[CalendarPeriod]:
        return [period for period in self.calendar if period.applies_to(day)]

    def regulation_checks(self) -> list[tuple[str, str]]:
        """(framework, check label) for each regulation: the extra compliance checks."""
        return [(regulation.framework, regulation.check_label) for regulation in self.regulations]

    def compliance_check_labels(self) -> list[str]:
        return list(dict.fromkeys(regulation.check_label for regulation in self.regulations))

    def persona_suggestions(self) -> list[str]:
        return list(dict.fromkeys(persona.suggestion for persona in self.personas))


def _lookup(values: dict[str, str], key: str) -> str:
    """A value by case-insensitive key, "" when absent."""
    for name, value in values.items():
        if name.strip().lower() == key:
            return value
    return ""


# --- periods ---------------------------------------------------------------------------------

_MONTH_NAMES = (
    "january february march april may june july august september october november december",
    "januar februar maerz april mai juni juli august september oktober november dezember",
)
_MONTH_WORDS = {
    **{
        word: month
        for names in _MONTH_NAMES
        for month, name in enumerate(names.split(), start=1)
        for word in (name, name[:3])
    },
    "maer": 3,
    "marz": 3,
    "jaenner": 1,
    "sept": 9,
}
_RANGE_WORDS = frozenset({"to", "bis", "through", "till", "until"})
_EVERY_MONTH = re.compile(
    r"\bmonthly\b|\b(?:every|each)\s+month\b|\bmonatlich\b|\bjede[nmrs]?\s+monat", re.ASCII
)
_PERIOD_TOKEN = re.compile(
    r"\b(?P<date_day>[0-9]{1,2})\.(?P<date_month>[0-9]{1,2})\."
    r"|\bq(?P<quarter>[1-4])\b"
    r"|(?P<number>[0-9]+)(?:st|nd|rd|th)?"
    r"|(?P<word>[a-z]+)"
    r"|(?P<dash>-)",
    re.ASCII,
)


_SPELLED_OUT = (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss"), ("–", "-"), ("—", "-"))


def _fold(text: str) -> str:
    """Lower-case ASCII text: umlauts spelled out, dashes made plain, other accents dropped."""
    text = text.lower()
    for char, spelled in _SPELLED_OUT:
        text = text.replace(char, spelled)
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def _month_span(first: int, last: int) -> set[int]:
    """Months from `first` to `last` inclusive, wrapping across the year end."""
    if first <= last:
        return set(range(first, last + 1))
    return set(range(first, 13)) | set(range(1, last + 1))


def parse_period(text: str) -> tuple[frozenset[int], int | None]:
    """Months and day of month named by a calendar period such as "July 31" or "Q4 / Dec".

    Unknown text gives no months and no day (a period that never applies).
    """
    folded = _fold(text)
    months: set[int] = set(ALL_MONTHS) if _EVERY_MONTH.search(folded) else set()
    days: list[int] = []
    previous: tuple[int, int] | None = None
    range_pending = ranged = False
    for token in _PERIOD_TOKEN.finditer(folded):
        span: tuple[int, int] | None = None
        if token["date_day"]:
            days.append(int(token["date_day"]))
            month = int(token["date_month"])
            span = (month, month) if 1 <= month <= 12 else None
        elif token["quarter"]:
            quarter = int(token["quarter"])
            span = (quarter * 3 - 2, quarter * 3)
        elif token["number"]:
            if len(token["number"]) <= 2:
                days.append(int(token["number"]))
        elif token["dash"] or token["word"] in _RANGE_WORDS:
            range_pending = previous is not None
        elif token["word"] in _MONTH_WORDS:
            month = _MONTH_WORDS[token["word"]]
            span = (month, month)
        if span is None:
            continue
        if range_pending and previous is not None:
            months |= _month_span(previous[0], span[1])
            ranged = True
        else:
            months |= _month_span(*span)
        previous, range_pending = span, False
    valid_days = {day for day in days if 1 <= day <= 31}
    day_of_month = valid_days.pop() if len(valid_days) == 1 and not ranged else None
    return frozenset(months), day_of_month


# --- markdown structure ----------------------------------------------------------------------

_SECTION_ALIASES = {
    "company": "company",
    "personas": "personas",
    "persona": "personas",
    "compliance and regulatory": "regulations",
    "compliance": "regulations",
    "regulatory": "regulations",
    "industry calendar": "calendar",
    "calendar": "calendar",
    "language": "language",
}
_HEADING = re.compile(r"^(#{1,2})\s+(.*?)[\s#]*$")
_BULLET = re.compile(
    r"^[-*+]\s+(?:\*\*(?P<bold>[^*]+?)\s*\*\*\s*:|\*\*(?P<bold_colon>[^*]+?):\s*\*\*|(?P<plain>[^:*]+?):)"
    r"\s*(?P<value>.*)$"
)
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")
_SEPARATOR_CELL = re.compile(r"^\s*:?-+:?\s*$")

_PERSONA_COLUMNS = {
    "persona_id": "persona id",
    "role_de": "role (german)",
    "role_en": "role (english)",
    "description": "description",
    "tech_savviness": "tech savviness",
}
_REGULATION_COLUMNS = {
    "framework": "framework",
    "full_name": "full name",
    "description": "description",
    "impact": "impact",
}
_CALENDAR_COLUMNS = {"period": "period", "event": "event", "impact": "impact on product"}

_Lines = list[tuple[int, str]]
"""Lines of one section with their 1-based line numbers."""


def _label(source: Path | None) -> str:
    return f"domain context {source}" if source else "domain context"


def _clean(value: str) -> str:
    """A cell or bullet value without markup wrappers; "" for an unfilled [placeholder]."""
    value = value.strip()
    changed = True
    while changed:
        changed = False
        for wrapper in ("**", "__", "`"):
            inner = value[len(wrapper) : -len(wrapper)]
            wrapped = value.startswith(wrapper) and value.endswith(wrapper)
            if wrapped and len(value) > 2 * len(wrapper) and wrapper not in inner:
                value, changed = inner.strip(), True
    if value.startswith("[") and value.endswith("]"):
        return ""
    return value


def _section_key(title: str) -> str:
    name = " ".join(_fold(title).replace("&", " and ").replace(":", " ").split())
    return _SECTION_ALIASES.get(name, "")


def _split_sections(text: str) -> tuple[dict[str, _Lines], dict[str, str]]:
    """Lines of each recognised `## ` section, and the title each was written with."""
    sections: dict[str, _Lines] = {}
    titles: dict[str, str] = {}
    current: _Lines | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        heading = _HEADING.match(line.strip())
        if heading:
            key = _section_key(heading[2]) if heading[1] == "##" else ""
            current = sections.setdefault(key, []) if key else None
            if key:
                titles.setdefault(key, heading[2])
        elif current is not None:
            current.append((number, line))
    return sections, titles


def _bullets(lines: _Lines) -> dict[str, str]:
    """`- **Key**: Value` bullets; placeholder keys and values are left out."""
    values: dict[str, str] = {}
    for _, line in lines:
        bullet = _BULLET.match(line.strip())
        if not bullet:
            continue
        key = _clean(bullet["bold"] or bullet["bold_colon"] or bullet["plain"] or "")
        value = _clean(bullet["value"])
        if key and value:
            values[key] = value
    return values


def _cells(line: str) -> list[str]:
    row = line.strip()[1:]
    if row.endswith("|") and not row.endswith("\\|"):
        row = row[:-1]
    return [cell.replace("\\|", "|") for cell in _UNESCAPED_PIPE.split(row)]


def _table(
    lines: _Lines, columns: dict[str, str], title: str, where: str, warnings: list[str]
) -> list[dict[str, str]]:
    """Rows of the section's first table as {field: value}, matched by header name.

    The first column in `columns` is the key: rows without it are skipped.
    """
    rows = [(number, _cells(line)) for number, line in lines if line.strip().startswith("|")]
    rows = [(n, cells) for n, cells in rows if not all(_SEPARATOR_CELL.match(c) for c in cells)]
    if not rows:
        warnings.append(f"{where}: section '{title}' has no table; it is ignored")
        return []
    header = [" ".join(_clean(cell).lower().split()) for cell in rows[0][1]]
    positions = {
        name: header.index(heading) for name, heading in columns.items() if heading in header
    }
    key, key_heading = next(iter(columns.items()))
    if key not in positions:
        warnings.append(
            f"{where}: the '{title}' table has no '{key_heading}' column; the table is ignored"
        )
        return []
    records = []
    for number, cells in rows[1:]:
        if len(cells) < len(header):
            warnings.append(
                f"{where}: line {number} of the '{title}' table has {len(cells)} of "
                f"{len(header)} cells; the missing ones are left empty"
            )
        record = {
            name: _clean(cells[index]) if index < len(cells) else ""
            for name, index in positions.items()
        }
        record.update({name: "" for name in columns if name not in positions})
        if record[key]:
            records.append(record)
    return records


def _parse(text: str, source: Path | None) -> tuple[DomainContext, bool]:
    """The context, and whether the text had any recognised section."""
    where = _label(source)
    context = DomainContext(source=source)
    sections, titles = _split_sections(text)
    warnings = context.warnings
    context.company = _bullets(sections.get("company", []))
    context.language = _bullets(sections.get("language", []))
    if "personas" in sections:
        context.personas = [
            Persona(**row)
            for row in _table(
                sections["personas"], _PERSONA_COLUMNS, titles["personas"], where, warnings
            )
        ]
    if "regulations" in sections:
        context.regulations = [
            Regulation(**row)
            for row in _table(
                sections["regulations"], _REGULATION_COLUMNS, titles["regulations"], where, warnings
            )
        ]
    if "calendar" in sections:
        for row in _table(
            sections["calendar"], _CALENDAR_COLUMNS, titles["calendar"], where, warnings
        ):
            months, day_of_month = parse_period(row["period"])
            context.calendar.append(CalendarPeriod(**row, months=months, day_of_month=day_of_month))
    filled = (
        context.company,
        context.language,
        context.personas,
        context.regulations,
        context.calendar,
    )
    if sections and not any(filled):
        warnings.append(
            f"{where}: nothing is filled in yet (only [placeholders] or empty sections)"
        )
    return context, bool(sections)


def parse_domain_context(text: str, source: Path | None = None) -> DomainContext:
    """Parse domain-context markdown; problems become warnings, never exceptions."""
    return _parse(text, source)[0]


# --- lookup ----------------------------------------------------------------------------------


_NOT_FOUND = "not found"


def _read(path: Path) -> tuple[str, str | None]:
    """The file's text, or "" and the reason it cannot be used."""
    try:
        data = path.read_bytes()
    except (FileNotFoundError, NotADirectoryError):  # a folder on the way is missing or a file
        return "", _NOT_FOUND
    except IsADirectoryError:
        return "", "is a folder, not a file"
    except OSError as error:
        return "", f"could not be read ({error.strerror or error})"
    except ValueError:
        return "", "is not a valid path"
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return "", "is not UTF-8 text"
    if "\x00" in text:
        return "", "looks like a binary file, not markdown"
    if not text.strip():
        return "", "is empty"
    return text, None


def load_domain_context(
    explicit: Path | None = None, workspace_path: Path | None = None
) -> DomainContext:
    """The first usable context of: `explicit`, beside the workspace, config folder, shipped.

    Never raises; skipped files and the final fallback are reported in `warnings`.
    """
    candidates: list[tuple[Path, bool]] = []
    if explicit is not None:
        candidates.append((Path(explicit), True))
    if workspace_path is not None:
        candidates.append((Path(workspace_path).parent / FILE_NAME, False))
    candidates.append((config_dir() / FILE_NAME, False))
    candidates.append((shipped_file(FILE_NAME), False))

    warnings: list[str] = []
    for path, explicitly_named in candidates:
        text, problem = _read(path)
        if problem == _NOT_FOUND and not explicitly_named:
            continue
        if problem:
            warnings.append(f"{_label(path)}: {problem}; skipping it")
            continue
        context, recognised = _parse(text, path)
        if not recognised:
            warnings.append(
                f"{_label(path)}: no recognised section (Company, Personas, Compliance & "
                "Regulatory, Industry Calendar, Language); skipping it"
            )
            continue
        context.warnings[:0] = warnings
        return context
    warnings.append(
        "no usable domain context found; continuing without company, personas, "
        "regulations or calendar"
    )
    return DomainContext(source=None, warnings=warnings)

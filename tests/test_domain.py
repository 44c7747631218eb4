"""The domain-context parser, the lookup order and the shipped example context."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pm_postmortem.core.domain import (
    CalendarPeriod,
    DomainContext,
    load_domain_context,
    parse_domain_context,
    parse_period,
)
from pm_postmortem.core.paths import shipped_file

SHIPPED = shipped_file("domain-context.md")
REGULATION_NAMES = ["GoBD", "DATEV", "HGB", "ELSTER", "UStVA", "SKR03/SKR04"]

TEMPLATE = """# Domain Context

## Company
- **Name**: [Company name]
- **Product**: [What you sell]
- **Type**: [B2B SaaS / ...]

## Personas
| Persona ID | Role (German) | Role (English) | Description | Tech Savviness |
|------------|---------------|----------------|-------------|----------------|
| [P1] | [Rolle] | [Role] | [Who they are] | [Low/Medium/High] |

## Compliance & Regulatory
| Framework | Full Name | Description | Impact |
|-----------|-----------|-------------|--------|
| [Framework] | [Full name] | [What it requires] | [How incidents touch it] |

## Industry Calendar
| Period | Event | Impact on Product |
|--------|-------|-------------------|
| [Period] | [Event] | [Impact] |

## Language
- **Currency**: [Currency]
"""


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty PM_POSTMORTEM_HOME, so the user's real config folder is never read."""
    monkeypatch.setenv("PM_POSTMORTEM_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def _context_file(folder: Path, company: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "domain-context.md"
    path.write_text(f"# Domain Context\n\n## Company\n- **Name**: {company}\n", encoding="utf-8")
    return path


def _periods(context: DomainContext, day: date) -> list[str]:
    return [period.period for period in context.periods_for(day)]


# --- the shipped example -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped() -> DomainContext:
    return parse_domain_context(SHIPPED.read_text(encoding="utf-8"), SHIPPED)


def test_shipped_file_parses_cleanly(shipped: DomainContext) -> None:
    assert shipped.warnings == []
    assert shipped.company_name
    assert set(shipped.company) >= {"Name", "Product", "Type", "Target market", "Geography"}
    assert [regulation.framework for regulation in shipped.regulations] == REGULATION_NAMES
    assert all(regulation.full_name for regulation in shipped.regulations)
    assert len(shipped.personas) >= 4
    assert shipped.currency == "EUR"
    assert shipped.language["Date format"] == "DD.MM.YYYY"


def test_shipped_outputs(shipped: DomainContext) -> None:
    labels = shipped.compliance_check_labels()
    assert len(labels) == 6
    assert [label.split(" ")[0] for label in labels] == REGULATION_NAMES
    assert (
        labels
        == parse_domain_context(SHIPPED.read_text(encoding="utf-8")).compliance_check_labels()
    )
    assert "Tax advisor (Steuerberater)" in shipped.persona_suggestions()


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 1, 15), "January–February"),
        (date(2026, 3, 9), "10th of each month"),
        (date(2026, 3, 9), "March–May"),
        (date(2026, 7, 30), "July 31"),
        (date(2026, 12, 1), "Q4 / December"),
        (date(2026, 11, 12), "10th of each month"),
    ],
)
def test_shipped_calendar_matches_known_dates(
    shipped: DomainContext, day: date, expected: str
) -> None:
    assert expected in _periods(shipped, day)


def test_shipped_calendar_quiet_day(shipped: DomainContext) -> None:
    assert _periods(shipped, date(2026, 6, 18)) == []


# --- periods -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "months", "day"),
    [
        ("January–February", {1, 2}, None),
        ("December–January", {12, 1}, None),
        ("Nov to Feb", {11, 12, 1, 2}, None),
        ("März bis Mai", {3, 4, 5}, None),
        ("Maerz - Mai", {3, 4, 5}, None),
        ("Okt–Dez", {10, 11, 12}, None),
        ("Q4 / December", {10, 11, 12}, None),
        ("Q1-Q2", set(range(1, 7)), None),
        ("monthly", set(range(1, 13)), None),
        ("Monatlich", set(range(1, 13)), None),
        ("the 10th of each month", set(range(1, 13)), 10),
        ("10th", set(), 10),
        ("July 31", {7}, 31),
        ("31. Juli", {7}, 31),
        ("31.07.", {7}, 31),
        ("Dec 15 – Jan 15", {12, 1}, None),
        ("whenever the moon is full", set(), None),
        ("", set(), None),
    ],
)
def test_parse_period(text: str, months: set[int], day: int | None) -> None:
    assert parse_period(text) == (frozenset(months), day)


def test_day_of_month_window_spans_month_and_year_ends() -> None:
    first = CalendarPeriod("1st of each month", "", "", frozenset(range(1, 13)), 1)
    assert first.applies_to(date(2026, 1, 30))
    assert first.applies_to(date(2026, 1, 4))
    assert not first.applies_to(date(2026, 1, 5))
    end_of_month = CalendarPeriod("31st", "", "", frozenset(), 31)
    assert end_of_month.applies_to(date(2026, 2, 26))  # February's 31st is the 28th
    new_year = CalendarPeriod("Jan 2", "", "", frozenset({1}), 2)
    assert new_year.applies_to(date(2026, 12, 31))
    assert not new_year.applies_to(date(2026, 6, 2))
    assert not CalendarPeriod("?", "", "", frozenset(), None).applies_to(date(2026, 1, 1))
    assert new_year.applies_to(date.min)
    assert not first.applies_to(date.max)  # the next 1st would be in year 10000


# --- parsing rules -----------------------------------------------------------------------------


def test_placeholders_are_unset() -> None:
    context = parse_domain_context(TEMPLATE)
    assert context.company == {}
    assert context.company_name == ""
    assert context.personas == [] and context.regulations == [] and context.calendar == []
    assert context.language == {}
    assert context.currency == "EUR"
    assert context.compliance_check_labels() == []
    assert any("placeholder" in warning for warning in context.warnings)


def test_partly_filled_template_keeps_filled_values() -> None:
    text = TEMPLATE.replace("[Company name]", "Acme AG").replace("[Currency]", "CHF (Fr.)")
    context = parse_domain_context(text)
    assert context.company == {"Name": "Acme AG"}
    assert context.currency == "CHF"
    assert not any("placeholder" in warning for warning in context.warnings)


def test_reordered_and_missing_columns() -> None:
    text = """## Personas
| Role (English) | Persona ID | Role (German) |
|---|---|---|
| Tax advisor | P1 | Steuerberater |

## compliance AND regulatory
| Impact | Framework |
|:--|--:|
| High | GoBD |

##   Industry   Calendar
| Event | Period |
|---|---|
| Year-end | December |
"""
    context = parse_domain_context(text)
    assert context.warnings == []
    persona = context.personas[0]
    assert (persona.persona_id, persona.role_de, persona.role_en) == (
        "P1",
        "Steuerberater",
        "Tax advisor",
    )
    assert persona.description == "" and persona.tech_savviness == ""
    assert context.regulations[0].framework == "GoBD"
    assert context.regulations[0].impact == "High"
    assert context.compliance_check_labels() == [
        "GoBD requirements verified for the incident window"
    ]
    assert context.calendar[0].months == frozenset({12})


def test_escaped_pipes_and_markup_in_cells() -> None:
    text = r"""## Compliance & Regulatory
| Framework | Full Name | Description | Impact |
|---|---|---|---|
| **SKR03/SKR04** | Standardkontenrahmen 03 \| 04 | a \| b | `none` |
"""
    regulation = parse_domain_context(text).regulations[0]
    assert regulation.framework == "SKR03/SKR04"
    assert regulation.full_name == "Standardkontenrahmen 03 | 04"
    assert regulation.description == "a | b"
    assert regulation.impact == "none"


def test_bullet_variants_and_unknown_sections() -> None:
    text = """# Domain Context
## Company
* **Name:** Acme AG
- Type: SaaS
- **Geography**:
- not a key value line
## Product
- **Name**: not the company
### Sub heading stays in Product
## Language
- **Currency**: [Currency]
"""
    context = parse_domain_context(text)
    assert context.company == {"Name": "Acme AG", "Type": "SaaS"}
    assert context.language == {}
    assert context.warnings == []


def test_persona_suggestion_falls_back() -> None:
    text = """## Personas
| Persona ID | Role (German) | Role (English) |
|---|---|---|
| P1 | Steuerberater | |
| P2 | | Bookkeeper |
| P3 | | |
| P4 | Steuerberater | |
"""
    assert parse_domain_context(text).persona_suggestions() == ["Steuerberater", "Bookkeeper", "P3"]


# --- malformed input ---------------------------------------------------------------------------


def test_table_with_missing_cells_warns() -> None:
    text = """## Compliance & Regulatory
| Framework | Full Name | Description | Impact |
|---|---|---|---|
| GoBD |
| | orphan row without a key | | |
"""
    context = parse_domain_context(text, Path("/x/domain-context.md"))
    assert [regulation.framework for regulation in context.regulations] == ["GoBD"]
    assert context.regulations[0].full_name == ""
    assert any(
        "/x/domain-context.md" in warning and "line 4" in warning for warning in context.warnings
    )


def test_table_without_key_column_or_table_warns() -> None:
    text = """## Personas
| Name | Role |
|---|---|
| Ann | Boss |

## Industry Calendar
No table here yet.
"""
    context = parse_domain_context(text)
    assert context.personas == [] and context.calendar == []
    assert len(context.warnings) == 3  # no key column, no table, nothing filled in


@settings(max_examples=150, deadline=None)
@given(st.text())
def test_parse_never_raises_on_arbitrary_text(text: str) -> None:
    assert isinstance(parse_domain_context(text), DomainContext)


_FRAGMENTS = st.sampled_from(
    [
        "## Company\n",
        "## Personas\n",
        "## Compliance and Regulatory\n",
        "## Industry Calendar\n",
        "## Language\n",
        "| Period | Event |\n",
        "|---|---|\n",
        "| Framework | Persona ID |\n",
        "- **Name**: x\n",
        "- **Currency**: ",
        "| ",
        " |",
        "\\|",
        "[",
        "]",
        "Q4",
        "31.12.",
        "–",
        " to ",
        "10th",
        "\n",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(_FRAGMENTS, st.text(max_size=5)), max_size=40), st.dates())
def test_parse_never_raises_on_markdown_like_text(parts: list[str], day: date) -> None:
    context = parse_domain_context("".join(parts))
    context.periods_for(day)
    context.compliance_check_labels()
    context.persona_suggestions()
    assert len(context.currency) == 3


# --- lookup order ------------------------------------------------------------------------------


def test_lookup_falls_back_to_shipped(home: Path) -> None:
    context = load_domain_context()
    assert context.source == SHIPPED
    assert context.warnings == []


def test_lookup_order(home: Path, tmp_path: Path) -> None:
    explicit = _context_file(tmp_path / "explicit", "Explicit AG")
    workspace = tmp_path / "ws" / "incident.pmws"
    beside = _context_file(workspace.parent, "Beside AG")
    config = _context_file(home / "config", "Config AG")

    assert load_domain_context(explicit, workspace).company_name == "Explicit AG"
    assert load_domain_context(None, workspace).company_name == "Beside AG"
    beside.unlink()
    assert load_domain_context(None, workspace).company_name == "Config AG"
    config.unlink()
    assert load_domain_context(None, workspace).source == SHIPPED
    assert load_domain_context(None, workspace).warnings == []


def test_missing_explicit_path_warns_and_continues(home: Path, tmp_path: Path) -> None:
    missing = tmp_path / "nope.md"
    context = load_domain_context(missing)
    assert context.source == SHIPPED
    assert context.warnings == [f"domain context {missing}: not found; skipping it"]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe junk", "not UTF-8"),
        (b"abc\x00def", "binary"),
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"# Notes\n\nJust prose, no sections.\n", "no recognised section"),
    ],
)
def test_unusable_file_warns_and_continues(
    home: Path, tmp_path: Path, content: bytes, reason: str
) -> None:
    bad = tmp_path / "domain-context.md"
    bad.write_bytes(content)
    context = load_domain_context(bad)
    assert context.source == SHIPPED
    assert len(context.warnings) == 1
    assert str(bad) in context.warnings[0] and reason in context.warnings[0]


def test_directory_as_path_warns(home: Path, tmp_path: Path) -> None:
    (home / "config" / "domain-context.md").mkdir(parents=True)
    context = load_domain_context(tmp_path)
    assert context.source == SHIPPED
    assert [("folder" in warning) for warning in context.warnings] == [True, True]


def test_unreadable_file_warns(home: Path, tmp_path: Path) -> None:
    locked = _context_file(tmp_path, "Locked AG")
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):
            pytest.skip("running with privileges that can read a chmod 000 file")
        context = load_domain_context(locked)
    finally:
        locked.chmod(0o644)
    assert context.source == SHIPPED
    assert "could not be read" in context.warnings[0] and str(locked) in context.warnings[0]


def test_nothing_usable_gives_empty_context(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        "pm_postmortem.core.domain.shipped_file", lambda name: tmp_path / "gone" / name
    )
    context = load_domain_context()
    assert context.source is None
    assert context.company == {} and context.regulations == []
    assert context.currency == "EUR"
    assert len(context.warnings) == 1 and "no usable domain context" in context.warnings[0]


def test_read_error_warns_even_as_root(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = _context_file(tmp_path, "Locked AG")

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    context = load_domain_context(locked)
    assert context.source is None
    assert context.warnings[0] == (
        f"domain context {locked}: could not be read (Permission denied); skipping it"
    )

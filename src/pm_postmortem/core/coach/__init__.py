"""The language coach: finds blaming, hindsight and vague wording in the text of a post-mortem.

Each rule has a stable id (used by dismissals and the CLI), a detector, a message saying what is
wrong and a reframe suggesting something better. Rules are context-aware: the same words are fine
when they describe what happened in a timeline event and worth a second look when they are given
as a cause in a why answer. The coach only reports; it never changes or blocks any text.

Every finding says which kind of blame it is (`BlameKind`, with why that matters) and, where the
coach can, offers a systems-focused rewording of its sentence (`rewording.suggest`).

The package: `language` (what a detector reads: kinds, roles, names, clauses), `actors` (who is
the subject of an act), `detectors` (the first, phrase-level rules), `blame` (the rules by
category), `story` (the wider lexicons: blame carried by how a story is told), `rules` (the
table), `rewording`, and here the checking of texts and workspaces.

No UI imports here: this runs in the CLI, the TUI and tests alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pm_postmortem.core.coach.actors import sentence_start
from pm_postmortem.core.coach.language import (
    _NOT_NAMES,
    _PARTICLES,
    FIRST_NAMES,
    Span,
    _people_pattern,
    _Text,
    _wordset,
)
from pm_postmortem.core.coach.rewording import suggest
from pm_postmortem.core.coach.rules import (
    _KIND_TRIGGERS,
    _RULES_BY_KIND,
    RULES,
    Rule,
    _stems,
)
from pm_postmortem.core.findings import (
    ITEM_TEXT_FIELDS,
    SECTION_TEXT_FIELDS,
    BlameKind,
    FieldFinding,
    FieldKind,
    Finding,
    Rewording,
)
from pm_postmortem.core.model import Workspace

__all__ = [
    "RULES",
    "BlameKind",
    "FieldFinding",
    "FieldKind",
    "Finding",
    "Rewording",
    "Rule",
    "WorkspaceTexts",
    "check_field",
    "check_text",
    "check_workspace",
    "people_in",
    "text_fields",
    "workspace_texts",
]

# --- checking ------------------------------------------------------------------------------


def check_text(text: str, kind: FieldKind, people: frozenset[str] = frozenset()) -> list[Finding]:
    """Findings for one text in a field of ``kind``, sorted by position.

    ``people`` are names the workspace knows (see `people_in`); a known name in a cause is a
    finding even when it is not a common first name.
    """
    return _check(text, FieldKind(kind), _people_pattern(frozenset(people)))


def _check(
    text: str,
    kind: FieldKind,
    people: re.Pattern[str] | None,
    *,
    skip: frozenset[str] = frozenset(),
    use_triggers: bool = True,
) -> list[Finding]:
    """Findings for one text. With the pre-checks on (always, except in tests that prove they
    hide nothing) results are remembered: after an edit only the changed field is read again."""
    if use_triggers:
        return list(_remembered(text, kind, people, skip))
    return _findings(text, kind, people, skip, use_triggers=False)


@lru_cache(maxsize=16_384)
def _remembered(
    text: str, kind: FieldKind, people: re.Pattern[str] | None, skip: frozenset[str]
) -> tuple[Finding, ...]:
    return tuple(_findings(text, kind, people, skip, use_triggers=True))


def _findings(
    text: str,
    kind: FieldKind,
    people: re.Pattern[str] | None,
    skip: frozenset[str],
    *,
    use_triggers: bool,
) -> list[Finding]:
    if not text or text.isspace():
        return []
    stems = _stems(text.lower()) if use_triggers else frozenset()
    item = _Text(text, kind, people, stems if use_triggers else None)
    kind_trigger = _KIND_TRIGGERS[kind]
    if use_triggers and kind_trigger is not None and kind_trigger.isdisjoint(stems):
        return []
    findings: list[Finding] = []
    for rule in _RULES_BY_KIND[kind]:
        if rule.id in skip:
            continue
        if use_triggers and rule.trigger is not None and rule.trigger.isdisjoint(stems):
            continue
        for start, end in _merged(rule.detect(item), len(text)):
            if _asked_whether(text, start):
                continue
            if rule.defers and any(_same_sentence(text, f.start, start) for f in findings):
                continue
            rewording = suggest(text, start, end, rule.kind) if rule.rewords else None
            if rewording is not None and _still_blames(rewording, rule, item, skip):
                rewording = None
            findings.append(
                Finding(
                    rule.id,
                    rule.message,
                    rule.reframe,
                    start,
                    end,
                    kind=rule.kind,
                    rewording=rewording,
                )
            )
    hindsight = [(f.start, f.end) for f in findings if f.rule == "hindsight"]
    if hindsight:
        findings = [
            f
            for f in findings
            if f.rule != "counterfactual"
            or not any(s < f.end and f.start < e for s, e in hindsight)
        ]
    findings.sort(key=lambda finding: (finding.start, finding.end, finding.rule))
    return findings


_WHETHER = re.compile(
    r"\bwhether\s+(?!to\b|through\b|by\b|or\b)(?:(?!\b(?:because|where|when|since|and|but)\b)[^,;:])*$",
    re.IGNORECASE,
)


def _asked_whether(text: str, start: int) -> bool:
    """Whether the finding is inside an open "whether" clause: a question being looked into
    ("Ofcom will look into whether the firm failed to comply"), not an account of a fault."""
    return _WHETHER.search(text, sentence_start(text, start), start) is not None


def _still_blames(rewording: Rewording, rule: Rule, item: _Text, skip: frozenset[str]) -> bool:
    """Whether the reworded sentence draws the same kind of blame again: such a rewording only
    moves the problem and is not offered."""
    new = _Text(rewording.apply(item.text), item.kind, item.people)
    stop = rewording.start + len(rewording.text)
    return any(
        start < stop and end > rewording.start
        for other in _RULES_BY_KIND[item.kind]
        if other.kind is rule.kind and other.id not in skip
        for start, end in other.detect(new)
    )


def _same_sentence(text: str, first: int, second: int) -> bool:
    low, high = min(first, second), max(first, second)
    return _SENTENCE_BREAK.search(text, low, high) is None


_SENTENCE_BREAK = re.compile(r"[.!?](?=\s)|\n")


def _merged(spans: Iterable[Span], length: int) -> list[Span]:
    """Spans clipped to the text, with overlapping ones of the same rule joined."""
    merged: list[Span] = []
    for start, end in sorted((max(0, min(s, length)), max(0, min(e, length))) for s, e in spans):
        if end <= start:
            continue
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


_TEAM_WORDS = _NOT_NAMES | _wordset(
    """
    commander lead leads owner owners guild group squad tribe chapter office desk bot bots
    on-call rota rotation firm firms client clients vendor partner agency
    """
)
_NAME_PART = re.compile(r"^(?:[^\W\d_]\.|[^\W\d_]+(?:[-'’][^\W\d_]+)*)$")


def _person_name(candidate: str) -> str | None:
    """``candidate`` when it looks like a person's name ("Lena Hoffmann", "Jenny"), else None."""
    name = re.sub(r"\s*\([^)]*\)", "", candidate).strip().strip(".,;:")
    parts = name.split()
    if not parts or len(parts) > 4:
        return None
    if any(not _NAME_PART.match(part) for part in parts):
        return None
    words = [part for part in parts if part.lower() not in _PARTICLES]
    if not words or any(word.lower() in _TEAM_WORDS for word in words):
        return None
    if any(not (word.istitle() or re.fullmatch(r"[^\W\d_]\.", word)) for word in words):
        return None
    if len(words) == 1:
        return name if words[0] in FIRST_NAMES else None
    return name


_LIST_SEPARATORS = re.compile(r"\s*(?:,|;|/|&|\+|\band\b|\bund\b)\s*")


def people_in(ws: Workspace) -> frozenset[str]:
    """Names of people the workspace mentions as authors, action owners or timeline actors."""
    candidates: list[str] = list(ws.metadata.authors)
    candidates += [action.owner for action in ws.actions]
    candidates += [event.actor for event in ws.timeline]
    candidates += [lesson.shared_with for lesson in ws.lessons]
    names: set[str] = set()
    for candidate in dict.fromkeys(candidates):  # 2,000 events share few actors
        for part in _LIST_SEPARATORS.split(candidate or ""):
            name = _person_name(part)
            if name:
                names.add(name)
    return frozenset(names)


def _fields(ws: Workspace) -> Iterator[tuple[str, FieldKind, str, frozenset[str]]]:
    """Every free-text field: (path, kind, text, rules not to apply there)."""
    none: frozenset[str] = frozenset()
    for section in ("metadata", "impact"):
        values = getattr(ws, section)
        for name, kind in SECTION_TEXT_FIELDS[section].items():
            yield f"{section}.{name}", kind, getattr(values, name), none
    yield from _items(ws, "timeline", ws.timeline)
    whys = SECTION_TEXT_FIELDS["whys"]
    yield "whys.symptom", whys["symptom"], ws.whys.symptom, none
    for node in ws.whys.nodes:
        kind = FieldKind.ROOT_CAUSE if node.id == ws.whys.root_cause else ITEM_TEXT_FIELDS["whys"]["answer"]
        yield f"whys.{node.id}.answer", kind, node.answer, none
    yield "whys.root_cause_statement", whys["root_cause_statement"], ws.whys.root_cause_statement, none
    for collection in ("factors", "went_well", "went_poorly", "lucky", "actions", "lessons"):
        yield from _items(ws, collection, getattr(ws, collection))
    yield from _items(ws, "compliance", ws.compliance.checks)
    yield "notes", FieldKind.OTHER, ws.notes, frozenset()


def _items(ws: Workspace, collection: str, items: Iterable[Any]) -> Iterator[tuple[str, FieldKind, str, frozenset[str]]]:
    """The free-text fields of a collection's items, field by field within each item."""
    for item in items:
        for name, kind in ITEM_TEXT_FIELDS[collection].items():
            skip: frozenset[str] = frozenset()
            if collection == "actions" and name == "action" and item.done_when.strip():
                # A filled-in "done when" is the measurable end the action text itself may lack.
                skip = frozenset({"vague-action", "vague-promise"})
            yield f"{collection}.{item.id}.{name}", kind, getattr(item, name), skip


@dataclass(frozen=True)
class WorkspaceTexts:
    """Everything `check_workspace` reads, taken at one moment: it can be checked on another
    thread while the document goes on changing."""

    fields: tuple[tuple[str, FieldKind, str, frozenset[str]], ...]
    people: re.Pattern[str] | None
    dismissed: frozenset[tuple[str, str]]

    def check(self) -> list[FieldFinding]:
        """Findings over every field, in document order, minus the dismissed ones."""
        results: list[FieldFinding] = []
        for path, kind, text, skip in self.fields:
            for finding in _check(text, kind, self.people, skip=skip):
                if (finding.rule, path) not in self.dismissed:
                    results.append(FieldFinding(path, kind, finding))
        return results


def workspace_texts(ws: Workspace) -> WorkspaceTexts:
    """The texts, known people and dismissals of ``ws`` as they are now."""
    return WorkspaceTexts(
        tuple(_fields(ws)),
        _people_pattern(people_in(ws)),
        frozenset((dismissal.rule, dismissal.field) for dismissal in ws.dismissals),
    )


def check_workspace(ws: Workspace) -> list[FieldFinding]:
    """Findings over every text field, in document order, minus the dismissed ones."""
    return workspace_texts(ws).check()


def text_fields(ws: Workspace) -> list[tuple[str, FieldKind, str]]:
    """Every text field the coach checks, in document order: (path, kind, text)."""
    return [(path, kind, text) for path, kind, text, _skip in _fields(ws)]


def check_field(ws: Workspace, field: str, text: str | None = None) -> list[Finding]:
    """Findings for one field path of ``ws``, as `check_workspace` reports them there.

    ``text`` checks a draft (what is being typed) instead of the stored value, so an editor can
    show findings before the edit is committed. An unknown path gives no findings.
    """
    for path, kind, stored, skip in _fields(ws):
        if path == field:
            dismissed = {d.rule for d in ws.dismissals if d.field == field}
            findings = _check(
                stored if text is None else text, kind, _people_pattern(people_in(ws)), skip=skip
            )
            return [finding for finding in findings if finding.rule not in dismissed]
    return []

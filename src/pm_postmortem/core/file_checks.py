"""What a workspace file is checked for beyond the model: exact TOML types and a sound why tree.

Forms hand the model typed text ("12", "yes"), which it converts; a file holds typed values, so
a value of the wrong type there is a mistake to name, not one to guess at (``created = 2`` is no
time, ``"yes"`` no boolean).
"""

from __future__ import annotations

import types
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

from pm_postmortem.core.model import Workspace

_TYPE_NAMES = {
    bool: "true or false, without quotes",
    int: "a whole number, without quotes",
    float: "a number, without quotes",
    datetime: "a date and time with an offset, without quotes (2026-03-10 14:05:00Z)",
    date: "a date without quotes (2026-03-10)",
}


def wrong_types(data: dict[str, Any]) -> list[str]:
    """Every value of the raw TOML data whose type is not the one its field holds."""
    problems: list[str] = []
    _check_table(data, Workspace, (), problems)
    return problems


@dataclass(frozen=True)
class _Field:
    """How to check one field's raw value: its simple types, or the model of its table(s)."""

    name: str
    simple: tuple[type, ...] = ()
    model: type[BaseModel] | None = None
    is_list: bool = False


_Where = tuple[str | tuple[str, int], ...]
"""The path to a value: field names, and (list name, item number) for an item of a list; put
into words only for a problem (files hold thousands of items, nearly always sound)."""


@cache
def _fields(model: type[BaseModel]) -> dict[str, _Field]:
    """The checks of ``model``'s fields, worked out once per model; fields that any TOML value
    may reach the model in (text: the model names what is wrong) are left out."""
    fields = {}
    for key, info in model.model_fields.items():
        name = key.replace("_", " ")
        kinds = _kinds(info.annotation)
        nested = [kind for kind in kinds if get_origin(kind) is list or _is_model(kind)]
        if nested:
            kind = nested[0]
            is_list = get_origin(kind) is list
            item = get_args(kind)[0] if is_list else kind
            field = _Field(name, tuple(k for k in _kinds(item) if k in _TYPE_NAMES), item if _is_model(item) else None, is_list)
        else:
            field = _Field(name, tuple(kind for kind in kinds if kind in _TYPE_NAMES))
        if field.simple or field.model is not None:
            fields[key] = field
    return fields


def _is_model(kind: Any) -> bool:
    return isinstance(kind, type) and issubclass(kind, BaseModel)


def _check_table(data: dict[str, Any], model: type[BaseModel], where: _Where, problems: list[str]) -> None:
    """Append a sentence to ``problems`` for each value of the wrong type."""
    fields = _fields(model)
    for key, value in data.items():
        field = fields.get(key)
        if field is None:  # text, or an unknown key: the model's to name
            continue
        if not field.is_list:
            _check_value(value, field, (*where, field.name), problems)
        elif isinstance(value, list):
            for number, item in enumerate(value, start=1):
                if field.model is not None and isinstance(item, dict):
                    _check_table(item, field.model, (*where, (field.name, number)), problems)
                elif field.model is None:
                    _check_value(item, field, (*where, (field.name, number)), problems)


def _check_value(value: Any, field: _Field, where: _Where, problems: list[str]) -> None:
    if field.model is not None:
        if isinstance(value, dict):
            _check_table(value, field.model, where, problems)
    elif not any(_is(value, kind) for kind in field.simple):
        problems.append(f"{_in_words(where)} must be {_TYPE_NAMES[field.simple[0]]}, not {_shown(value)}")


def _in_words(where: _Where) -> str:
    return ": ".join(part if isinstance(part, str) else f"{part[0]} item {part[1]}" for part in where)


def _kinds(annotation: Any) -> list[Any]:
    """The types a field may hold: Annotated and Optional unwrapped."""
    if get_origin(annotation) is Annotated:
        return _kinds(get_args(annotation)[0])
    if get_origin(annotation) in (Union, types.UnionType):
        return [kind for member in get_args(annotation) for kind in _kinds(member) if kind is not type(None)]
    return [annotation]


def _is(value: Any, kind: type) -> bool:
    if kind is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if kind is date:
        return isinstance(value, date) and not isinstance(value, datetime)
    return isinstance(value, kind)


def _shown(value: Any) -> str:
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 40 else text[:39] + "…"


def structure_problems(ws: Workspace) -> list[str]:
    """Repeated ids in a list (undo, links and the screen tell items apart by id), and a 5 Whys
    that is no tree: an answer to a node that does not exist, or answers in a circle."""
    problems = []
    lists = {name: getattr(ws, name) for name in ITEM_LISTS}
    lists["whys nodes"], lists["compliance checks"] = ws.whys.nodes, ws.compliance.checks
    for name, items in lists.items():
        seen: dict[str, int] = {}
        for number, item in enumerate(items, start=1):
            if item.id in seen:
                problems.append(f"{name.replace('_', ' ')} item {number}: id {item.id!r} is also the id of item {seen[item.id]}")
            seen.setdefault(item.id, number)
    return problems or _tree_problems(ws)


MAX_WHY_DEPTH = 100
"""Deepest answer a file may hold; a deeper chain is no 5 Whys and too deep to show."""

ITEM_LISTS = ("timeline", "factors", "went_well", "went_poorly", "lucky", "actions", "lessons", "dismissals")


def _tree_problems(ws: Workspace) -> list[str]:
    nodes = ws.whys.nodes
    parents = {node.id: node.parent for node in nodes}
    numbers = {node.id: number for number, node in enumerate(nodes, start=1)}
    missing = [
        f"whys nodes item {numbers[node.id]}: answers {node.parent!r}, which is no node"
        for node in nodes
        if node.parent is not None and node.parent not in parents
    ]
    if missing:
        return missing
    depths: dict[str | None, int] = {None: 0}
    for node in nodes:  # each node is walked up once: linear in the number of nodes
        path: list[str] = []
        on_path: set[str] = set()
        current: str | None = node.id
        while current is not None and current not in depths:
            if current in on_path:
                return [f"whys nodes item {numbers[current]}: its answers lead back to it in a circle"]
            path.append(current)
            on_path.add(current)
            current = parents[current]
        depth = depths[current]
        for node_id in reversed(path):
            depth += 1
            depths[node_id] = depth
            if depth > MAX_WHY_DEPTH:
                return [
                    f"whys nodes item {numbers[node_id]}: answers nested more than {MAX_WHY_DEPTH} "
                    "deep (a 5 Whys rarely needs ten)"
                ]
    return []

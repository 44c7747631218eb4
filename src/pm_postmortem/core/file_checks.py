"""What a workspace file is checked for beyond the model: exact TOML types and a sound why tree.

Forms hand the model typed text ("12", "yes"), which it converts; a file holds typed values, so
a value of the wrong type there is a mistake to name, not one to guess at (``created = 2`` is no
time, ``"yes"`` no boolean).
"""

from __future__ import annotations

import types
from collections.abc import Iterator
from datetime import date, datetime
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
    return list(_check_table(data, Workspace, ""))


def _check_table(data: dict[str, Any], model: type[BaseModel], where: str) -> Iterator[str]:
    for key, value in data.items():
        field = model.model_fields.get(key)
        if field is not None:  # unknown keys are the model's to name
            yield from _check_value(value, field.annotation, f"{where}{key.replace('_', ' ')}")


def _check_value(value: Any, annotation: Any, where: str) -> Iterator[str]:
    kinds = _kinds(annotation)
    for kind in kinds:
        if get_origin(kind) is list:
            if isinstance(value, list):
                (item_type,) = get_args(kind)
                for number, item in enumerate(value, start=1):
                    yield from _check_value(item, item_type, f"{where} item {number}:")
            return
        if isinstance(kind, type) and issubclass(kind, BaseModel):
            if isinstance(value, dict):
                prefix = f"{where} " if where.endswith(":") else f"{where}: "
                yield from _check_table(value, kind, prefix)
            return
    simple = [kind for kind in kinds if kind in _TYPE_NAMES]
    if simple and not any(_is(value, kind) for kind in simple):
        yield f"{where} must be {_TYPE_NAMES[simple[0]]}, not {_shown(value)}"


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
    done: set[str] = set()
    for node in nodes:  # each node is walked up once: linear in the number of nodes
        path: set[str] = set()
        current: str | None = node.id
        while current is not None and current not in done:
            if current in path:
                return [f"whys nodes item {numbers[current]}: its answers lead back to it in a circle"]
            path.add(current)
            current = parents[current]
        done |= path
    return []

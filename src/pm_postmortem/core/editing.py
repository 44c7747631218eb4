"""The one place where a workspace changes: validation, undo/redo, dirty state and derived values.

Every edit is an operation. Applying an operation validates it first (nothing changes when it is
invalid), then returns its inverse, which is what undo applies. Listeners hear about each applied
user action as a list of `Change`s so a view can update the rows involved in place.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Container, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from pydantic import BaseModel, ValidationError

from pm_postmortem.core.actions import today_in
from pm_postmortem.core.metrics import Metrics, compute_metrics
from pm_postmortem.core.model import (
    Action,
    ActionStatus,
    ComplianceCheck,
    Dismissal,
    Factor,
    Item,
    Lesson,
    Marker,
    Note,
    TimelineEvent,
    WhyNode,
    Workspace,
    describe_errors,
)

UNDO_LIMIT = 1000


@dataclass(frozen=True)
class Collection:
    attributes: tuple[str, ...]
    item_type: type[Item]


COLLECTIONS: dict[str, Collection] = {
    "timeline": Collection(("timeline",), TimelineEvent),
    "whys": Collection(("whys", "nodes"), WhyNode),
    "factors": Collection(("factors",), Factor),
    "went_well": Collection(("went_well",), Note),
    "went_poorly": Collection(("went_poorly",), Note),
    "lucky": Collection(("lucky",), Note),
    "actions": Collection(("actions",), Action),
    "lessons": Collection(("lessons",), Lesson),
    "compliance": Collection(("compliance", "checks"), ComplianceCheck),
    "dismissals": Collection(("dismissals",), Dismissal),
}

LINK_FIELDS = {"whys": ("why_node", "root_cause", "parent"), "factors": ("factor",)}
"""Which fields of other items point at an item of a collection (cleared when it is deleted)."""


class EditError(ValueError):
    """An edit that was refused; `messages` say why in words a person understands, `fields`
    name the fields at fault (a form puts the cursor back in the first)."""

    def __init__(self, messages: list[str], fields: tuple[str, ...] = ()) -> None:
        super().__init__("; ".join(messages))
        self.messages = messages
        self.fields = fields

    @classmethod
    def invalid(cls, error: ValidationError, field: str | None = None) -> EditError:
        """The refusal of a value pydantic would not take, naming ``field`` or the fields its
        error points at."""
        named = (field,) if field else tuple(
            dict.fromkeys(str(detail["loc"][0]) for detail in error.errors() if detail["loc"])
        )
        return cls(describe_errors(error), named)


@dataclass(frozen=True)
class SetField:
    path: str
    value: Any


@dataclass(frozen=True)
class Insert:
    collection: str
    item: Item
    index: int | None = None
    """None puts a timeline event at its place by time and any other item at the end."""


@dataclass(frozen=True)
class Remove:
    collection: str
    item_id: str


@dataclass(frozen=True)
class Update:
    collection: str
    item_id: str
    changes: dict[str, Any]


@dataclass(frozen=True)
class Move:
    collection: str
    item_id: str
    index: int


@dataclass(frozen=True)
class Batch:
    operations: tuple[Operation, ...]


Operation = SetField | Insert | Remove | Update | Move | Batch


@dataclass(frozen=True)
class Change:
    """What one operation did: ``kind`` is set, insert, remove, update, move or reload."""

    kind: str
    target: str
    item_id: str | None = None
    index: int | None = None


@dataclass
class _Step:
    label: str
    inverse: Operation


@dataclass
class _Group:
    label: str
    inverses: list[Operation] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)


_METRIC_INPUTS = {"timeline", "targets", "workspace"}


class _Positions:
    """The position of every item of one collection by id, so that finding one takes no scan.

    Edits keep the set of ids exact but shift the items after an insert or a remove, so a
    position is checked when it is read and all are counted again when it is out of date. Edits
    at one place (typing, a paste, its undo) rarely need that.
    """

    def __init__(self, items: list[Any]) -> None:
        self.items = items
        self.by_id: dict[str, int] = {}
        self.recount()

    def recount(self) -> None:
        count = len(self.items)
        # Backwards, so that of two items with one id (a hand-edited file) the first wins.
        self.by_id = {item.id: count - 1 - back for back, item in enumerate(reversed(self.items))}

    def describes(self, items: list[Any]) -> bool:
        """Whether these are the positions in `items`: the same list, each id once."""
        return items is self.items and len(self.by_id) == len(items)

    def find(self, item_id: str) -> int | None:
        position = self.by_id.get(item_id)
        if position is None:
            return None
        if position < len(self.items) and self.items[position].id == item_id:
            return position
        self.recount()
        return self.by_id.get(item_id)


Listener = Callable[[list[Change]], None]


class Editor:
    """Owns a workspace while it is open and applies every change to it."""

    def __init__(
        self,
        workspace: Workspace,
        *,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.workspace = workspace
        self.clock = clock
        self.revision = 0
        self.saved_revision = 0
        self._undo: list[_Step] = []
        self._redo: list[_Step] = []
        self._listeners: list[Listener] = []
        self._group: _Group | None = None
        self._metrics: Metrics | None = None
        self._positions: dict[str, _Positions] = {}
        self.read_only: str | None = None
        """When set, why this workspace cannot be changed here (e.g. open in another process)."""

    # -- state -------------------------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        return self.revision != self.saved_revision

    def mark_saved(self, revision: int) -> None:
        self.saved_revision = revision

    @property
    def metrics(self) -> Metrics:
        if self._metrics is None:
            self._metrics = compute_metrics(self.workspace.timeline, self.workspace.targets)
        return self._metrics

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    @property
    def undo_label(self) -> str:
        return self._undo[-1].label if self._undo else ""

    @property
    def redo_label(self) -> str:
        return self._redo[-1].label if self._redo else ""

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def items(self, collection: str) -> list[Any]:
        return self._list(collection)

    def find(self, collection: str, item_id: str) -> Any:
        return self._list(collection)[self.index_of(collection, item_id)]

    def index_of(self, collection: str, item_id: str) -> int:
        index = self._positions_in(collection).find(item_id)
        if index is None:
            raise EditError([f"that {collection} entry no longer exists"])
        return index

    # -- the intents -------------------------------------------------------------------------

    def set(self, path: str, value: Any, label: str | None = None) -> None:
        self.apply(SetField(path, value), label or f"Change {path.rsplit('.', 1)[-1]}")

    def change_zone(self, zone: str, *, keep_clock_times: bool, label: str | None = None) -> None:
        """Show the timeline in ``zone``. With ``keep_clock_times`` the events were typed as
        clock times of the new zone (while the old one was shown): each keeps its clock time
        and so moves to another moment; without it each keeps its moment. One undo step."""
        from zoneinfo import ZoneInfo

        old, new = ZoneInfo(self.workspace.display_tz), ZoneInfo(zone)
        operations: list[Operation] = [SetField("display_tz", zone)]
        if keep_clock_times:
            for event in self.workspace.timeline:
                clock = event.time.astimezone(old).replace(tzinfo=None)
                moved = clock.replace(tzinfo=new).astimezone(UTC)
                if moved != event.time:
                    operations.append(Update("timeline", event.id, {"time": moved}))
        self.apply(Batch(tuple(operations)), label or f"Show times in {zone}")

    def add(
        self,
        collection: str,
        values: dict[str, Any] | Item,
        index: int | None = None,
        label: str | None = None,
    ) -> Any:
        item = self._validated_item(collection, values)
        if isinstance(item, Action) and not item.number:
            item = item.model_copy(update={"number": self.next_action_number()})
        self.apply(Insert(collection, item, index), label or f"Add {collection} entry")
        return item

    def update(
        self,
        collection: str,
        item_id: str,
        fields: Mapping[str, Any] | None = None,
        *,
        label: str | None = None,
        **changes: Any,
    ) -> None:
        """Change fields of one entry; ``fields`` carries them when a field's name is ``label``
        (a compliance check's), which a keyword could not."""
        self.apply(Update(collection, item_id, {**(fields or {}), **changes}), label or f"Edit {collection} entry")

    def delete(self, collection: str, item_id: str, label: str | None = None) -> None:
        operations: list[Operation] = [Remove(collection, item_id)]
        if collection == "whys":
            doomed = self._subtree(item_id)
            operations = [Remove(collection, node_id) for node_id in reversed(doomed)]
            operations = self._unlink(collection, set(doomed)) + operations
        else:
            operations = self._unlink(collection, {item_id}) + operations
        self.apply(Batch(tuple(operations)), label or f"Delete {collection} entry")

    def move(self, collection: str, item_id: str, index: int, label: str | None = None) -> None:
        self.apply(Move(collection, item_id, index), label or f"Move {collection} entry")

    def toggle_marker(self, event_id: str, marker: Marker) -> bool:
        """Put ``marker`` on the event, or take it off when it is there; True when it is on now."""
        markers = self.find("timeline", event_id).markers
        on = marker not in markers
        kept = (*markers, marker) if on else tuple(other for other in markers if other is not marker)
        label = f"{'Set' if on else 'Remove'} marker {marker.label}"
        self.update("timeline", event_id, label=label, markers=kept)
        return on

    def next_action_number(self) -> int:
        return max((action.number for action in self.workspace.actions), default=0) + 1

    def renumber_actions(self) -> None:
        """Number the actions 1, 2, 3 … in their current order (one undo step)."""
        updates = [
            Update("actions", action.id, {"number": position})
            for position, action in enumerate(self.workspace.actions, start=1)
            if action.number != position
        ]
        self.apply(Batch(tuple(updates)), "Renumber actions")

    @contextmanager
    def group(self, label: str) -> Iterator[None]:
        """Apply several intents as one undo step; if one fails, the ones before are undone."""
        if self._group is not None:
            yield
            return
        self._group = _Group(label)
        try:
            yield
        except BaseException:
            group, self._group = self._group, None
            for inverse in reversed(group.inverses):
                self._execute(inverse, [])
            raise
        group, self._group = self._group, None
        if group.inverses:
            self._record(_Step(label, Batch(tuple(reversed(group.inverses)))), group.changes)

    def apply(self, operation: Operation, label: str) -> None:
        if self.read_only:
            raise EditError([self.read_only])
        changes: list[Change] = []
        inverse = self._execute(operation, changes)
        if self._group is not None:
            self._group.inverses.append(inverse)
            self._group.changes.extend(changes)
            self.revision += 1
            self._touch(changes)
            return
        self._record(_Step(label, inverse), changes)

    def undo(self) -> str | None:
        """Undo the last step; returns its label, or None when there is nothing to undo."""
        return self._replay(self._undo, self._redo)

    def redo(self) -> str | None:
        return self._replay(self._redo, self._undo)

    def replace_workspace(self, workspace: Workspace) -> None:
        """Start over with another document (e.g. restored from a backup); forgets undo history."""
        self.workspace = workspace
        self._positions.clear()
        self._undo.clear()
        self._redo.clear()
        self.revision += 1
        self._finish([Change("reload", "workspace")])

    # -- internals ---------------------------------------------------------------------------

    def _record(self, step: _Step, changes: list[Change]) -> None:
        self._undo.append(step)
        del self._undo[:-UNDO_LIMIT]
        self._redo.clear()
        self.revision += 1
        self._finish(changes)

    def _replay(self, source: list[_Step], target: list[_Step]) -> str | None:
        if self.read_only:
            raise EditError([self.read_only])
        if not source:
            return None
        step = source.pop()
        changes: list[Change] = []
        inverse = self._execute(step.inverse, changes)
        target.append(_Step(step.label, inverse))
        self.revision += 1
        self._finish(changes)
        return step.label

    def _finish(self, changes: list[Change]) -> None:
        self._touch(changes)
        for listener in list(self._listeners):
            listener(changes)

    def _touch(self, changes: list[Change]) -> None:
        self.workspace.updated = self.clock()
        if any(change.target.split(".")[0] in _METRIC_INPUTS for change in changes):
            self._metrics = None

    def _positions_in(self, collection: str) -> _Positions:
        items = self._list(collection)
        positions = self._positions.get(collection)
        if positions is None or not positions.describes(items):
            # A new list (another workspace, a field set as a whole) or ids that are not unique
            positions = self._positions[collection] = _Positions(items)
        return positions

    def _list(self, collection: str) -> list[Any]:
        try:
            spec = COLLECTIONS[collection]
        except KeyError:
            raise EditError([f"unknown collection {collection!r}"]) from None
        owner: Any = self.workspace
        for attribute in spec.attributes:
            owner = getattr(owner, attribute)
        return owner

    def _validated_item(self, collection: str, values: dict[str, Any] | Item) -> Item:
        if collection not in COLLECTIONS:
            raise EditError([f"unknown collection {collection!r}"])
        item_type = COLLECTIONS[collection].item_type
        if isinstance(values, item_type):
            return values
        data = values.model_dump() if isinstance(values, BaseModel) else values
        if collection == "actions" and data.get("status") in (ActionStatus.DONE, ActionStatus.DONE.value):
            data = {**data, "done_on": data.get("done_on") or self.today()}
        try:
            return item_type.model_validate(data)
        except ValidationError as error:
            raise EditError.invalid(error) from None

    def _execute(self, operation: Operation, changes: list[Change]) -> Operation:
        match operation:
            case SetField(path, value):
                return self._set_field(path, value, changes)
            case Insert(collection, item, index):
                return self._insert(collection, item, index, changes)
            case Remove(collection, item_id):
                return self._remove(collection, item_id, changes)
            case Update(collection, item_id, updates):
                return self._update(collection, item_id, updates, changes)
            case Move(collection, item_id, index):
                return self._move(collection, item_id, index, changes)
            case Batch(operations):
                inverses: list[Operation] = []
                try:
                    for part in operations:
                        inverses.append(self._execute(part, changes))
                except EditError:
                    for inverse in reversed(inverses):
                        self._execute(inverse, [])
                    raise
                return Batch(tuple(reversed(inverses)))
        raise TypeError(f"not an operation: {operation!r}")

    def _set_field(self, path: str, value: Any, changes: list[Change]) -> Operation:
        *parents, name = path.split(".")
        owner: Any = self.workspace
        for part in parents:
            owner = getattr(owner, part, None)
        if not isinstance(owner, BaseModel) or name not in type(owner).model_fields:
            raise EditError([f"unknown field {path!r}"])
        old = getattr(owner, name)
        try:
            setattr(owner, name, value)
        except ValidationError as error:
            raise EditError.invalid(error, name) from None
        changes.append(Change("set", path))
        return SetField(path, old)

    def _insert(self, collection: str, item: Item, index: int | None, changes: list[Change]) -> Operation:
        positions = self._positions_in(collection)
        items = positions.items
        if positions.find(item.id) is not None:
            raise EditError([f"an entry with id {item.id} already exists"])
        if index is None:
            index = self._sorted_index(items, item) if isinstance(item, TimelineEvent) else len(items)
        index = max(0, min(index, len(items)))
        items.insert(index, item)
        positions.by_id[item.id] = index
        changes.append(Change("insert", collection, item.id, index))
        return Remove(collection, item.id)

    def _remove(self, collection: str, item_id: str, changes: list[Change]) -> Operation:
        items = self._list(collection)
        index = self.index_of(collection, item_id)
        item = items.pop(index)
        del self._positions[collection].by_id[item_id]
        changes.append(Change("remove", collection, item_id, index))
        return Insert(collection, item, index)

    def _update(
        self, collection: str, item_id: str, updates: dict[str, Any], changes: list[Change]
    ) -> Operation:
        items = self._list(collection)
        index = self.index_of(collection, item_id)
        old = items[index]
        unknown = set(updates) - set(type(old).model_fields) | ({"id"} & set(updates))
        if unknown:
            raise EditError([f"unknown field {name!r}" for name in sorted(unknown)])
        data = {**old.model_dump(), **updates}
        if collection == "actions":
            data["done_on"] = self._done_on(old, data)
        try:
            new = type(old).model_validate(data)
        except ValidationError as error:
            raise EditError.invalid(error) from None
        previous = {name: getattr(old, name) for name in type(old).model_fields if name != "id"}
        previous = {name: value for name, value in previous.items() if getattr(new, name) != value}
        items[index] = new
        changes.append(Change("update", collection, item_id, index))
        inverse: Operation = Update(collection, item_id, previous)
        if collection == "timeline" and new.time != old.time:
            del items[index]
            new_index = self._sorted_index(items, new)
            items.insert(new_index, new)
            self._positions[collection].by_id[item_id] = new_index
            if new_index != index:
                changes.append(Change("move", collection, item_id, new_index))
            inverse = Batch((inverse, Move(collection, item_id, index)))
        return inverse

    def today(self) -> date:
        """Today in the workspace's display timezone, by the editor's clock: the day an action
        is done on when it is marked done."""
        return today_in(self.clock(), self.workspace.display_tz)

    def _done_on(self, old: Action, data: dict[str, Any]) -> date | None:
        done = data["status"] == ActionStatus.DONE  # a bad status is reported by validation
        if not done:
            return None
        return data.get("done_on") or old.done_on or self.today()

    def _move(self, collection: str, item_id: str, index: int, changes: list[Change]) -> Operation:
        items = self._list(collection)
        old_index = self.index_of(collection, item_id)
        item = items.pop(old_index)
        index = max(0, min(index, len(items)))
        items.insert(index, item)
        self._positions[collection].by_id[item_id] = index
        changes.append(Change("move", collection, item_id, index))
        return Move(collection, item_id, old_index)

    @staticmethod
    def _sorted_index(events: list[TimelineEvent], event: TimelineEvent) -> int:
        return bisect.bisect_right(events, event.time, key=lambda existing: existing.time)

    def _subtree(self, node_id: str) -> list[str]:
        """The node and its descendants, parents before children."""
        self.index_of("whys", node_id)
        children: dict[str | None, list[str]] = {}
        for node in self.workspace.whys.nodes:
            children.setdefault(node.parent, []).append(node.id)
        ordered, pending = [], [node_id]
        while pending:
            current = pending.pop(0)
            ordered.append(current)
            pending.extend(children.get(current, []))
        return ordered

    def _unlink(self, collection: str, doomed: Container[str]) -> list[Operation]:
        """Operations that clear links pointing at items about to be deleted."""
        fields = LINK_FIELDS.get(collection, ())
        operations: list[Operation] = []
        if "root_cause" in fields and self.workspace.whys.root_cause in doomed:
            operations.append(SetField("whys.root_cause", None))
        for name in ("factors", "actions"):
            for item in self._list(name):
                cleared = {
                    link: None
                    for link in fields
                    if link in type(item).model_fields and getattr(item, link) in doomed
                }
                if cleared:
                    operations.append(Update(name, item.id, cleared))
        return operations

"""The tree of the 5 Whys pane: a `WhyLine` per node, labels cut to the width there is.

The document keeps the answers as a flat list with parent ids (order among siblings = list
order). Textual's Tree cannot move a node, so the tree mirrors the list and is changed in place:
an edited answer relabels its own line (and the lines that quote it as their question), a new
answer adds one node, a deleted answer removes its subtree, and a moved or re-parented answer is
taken out and put back at its new place. Only a reload (another document) rebuilds everything.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from pm_postmortem.core.editing import Change
from pm_postmortem.tui.whys_view import ROOT_CAUSE_BADGE, WhyLine, WhysView


def _fit(text: str, width: int) -> Text:
    """`text` cut to `width` cells with an ellipsis when it is longer."""
    result = Text(text)
    if cell_len(text) > width:
        result.truncate(max(width, 0), overflow="ellipsis")
    return result


def _whys_binding(keys: str, name: str, label: str, tooltip: str, *, show: bool = True) -> Binding:
    return Binding(keys, f"whys('{name}')", label, show=show, tooltip=tooltip, id=f"whys.{name}")


class WhysTree(Tree[WhyLine]):
    """The tree; its keys run the pane's command of that name on the node under the cursor."""

    COMPONENT_CLASSES = Tree.COMPONENT_CLASSES | {
        "whys--number",
        "whys--question",
        "whys--chain",
        "whys--root-cause",
        "whys--badge",
        "whys--placeholder",
    }

    BINDINGS = [
        _whys_binding("a", "add", "Answer", "add an answer under the selected node (the next why)"),
        _whys_binding(
            "s", "sibling", "Sibling", "add another answer to the same why, after this one"
        ),
        _whys_binding("enter", "edit", "Edit", "edit the symptom or the selected answer", show=False),
        _whys_binding(
            "d,delete",
            "delete",
            "Delete",
            "delete the answer and all answers below it (undoable)",
            show=False,
        ),
        _whys_binding(
            "r", "root_cause", "Root cause", "mark or unmark the answer as the root cause"
        ),
        _whys_binding(
            "f", "factor", "Factor", "make a contributing factor from the answer (linked)"
        ),
        _whys_binding("c", "action", "Action", "make a corrective action from the answer (linked)"),
        _whys_binding(
            "t", "statement", "Statement", "write or edit the root-cause statement"
        ),
        _whys_binding(
            "g",
            "go_to_link",
            "Go to link",
            "go to the linked factor or action (again: the next)",
            show=False,
        ),
        _whys_binding(
            "ctrl+up",
            "move_up",
            "Move up",
            "move the answer before its previous sibling",
            show=False,
        ),
        _whys_binding(
            "ctrl+down",
            "move_down",
            "Move down",
            "move the answer after its next sibling",
            show=False,
        ),
        _whys_binding(
            "ctrl+left",
            "promote",
            "Promote",
            "promote: becomes a sibling of its parent, after it",
            show=False,
        ),
        _whys_binding(
            "ctrl+right",
            "demote",
            "Demote",
            "demote: becomes the last answer under the one above",
            show=False,
        ),
    ]

    def __init__(self, commands: Mapping[str, Callable[[], None]], **kwargs: Any) -> None:
        """`commands`: the pane's handler for each binding's name (``add`` for ``whys.add``)."""
        super().__init__(Text("Symptom"), WhyLine(None, 0), **kwargs)
        self.commands = commands
        self.auto_expand = False
        self._answer_nodes: dict[str, TreeNode[WhyLine]] = {}
        """Answer id → its line."""
        self._chain: set[str] = set()
        self._badges: dict[str, tuple[str, ...]] = {}
        self._root_cause: str | None = None
        self._width: int | None = None
        self._label_styles: dict[str, Style] | None = None

    def notify_style_update(self) -> None:
        self._label_styles = None
        super().notify_style_update()

    def on_resize(self) -> None:
        """A new size (the details below grew or shrank, the terminal changed, the pane came
        back into view): labels are cut anew and the selected line is scrolled back into view."""
        self._width = None
        self.call_after_refresh(self.scroll_cursor_into_view)

    def scroll_cursor_into_view(self) -> None:
        """Scroll so that the line under the cursor is visible."""
        if self.cursor_line >= 0:
            self.scroll_to_line(self.cursor_line, animate=False)

    def _content_width(self) -> int:
        """The width labels can use, measured once per size (every line asks while laying out).

        The stylesheet keeps the scrollbar gutter (`scrollbar-gutter: stable`), so the width does
        not change when the scrollbar comes and goes.
        """
        if self._width is None:
            self._width = self.scrollable_content_region.width
        return self._width or 10_000

    def _styles(self) -> dict[str, Style]:
        if self._label_styles is None:
            self._label_styles = {
                name: self.get_component_rich_style(f"whys--{name}", partial=True)
                for name in ("number", "question", "chain", "root-cause", "badge", "placeholder")
            }
        return self._label_styles

    def action_whys(self, name: str) -> None:
        self.commands[name]()

    @property
    def selected_id(self) -> str | None:
        """The answer under the cursor; None when it is on the symptom."""
        node = self.cursor_node
        return node.data.node_id if node is not None and node.data is not None else None

    def node_of(self, node_id: str | None) -> TreeNode[WhyLine] | None:
        """The line of an answer (None: the symptom's); None when the tree does not show it."""
        return self.root if node_id is None else self._answer_nodes.get(node_id)

    def shows(self, node_id: str) -> bool:
        """Whether the tree has a line for the answer."""
        return node_id in self._answer_nodes

    def depth_of(self, node_id: str | None) -> int:
        """How many whys down an answer is (1: it answers the symptom); 0 for the symptom."""
        node = self.node_of(node_id)
        return node.data.depth if node is not None and node.data is not None else 0

    def select(self, node_id: str | None) -> None:
        """Put the cursor on an answer (None: the symptom), opening collapsed parents."""
        node = self.node_of(node_id) or self.root
        parent = node.parent
        while parent is not None:
            if not parent.is_expanded:
                parent.expand()
            parent = parent.parent
        self.ensure_lines()
        if self.cursor_node is not node or self.cursor_line != node.line:
            self.move_cursor(node)
        self.scroll_to_node(node, animate=False)

    def descendants(self, node_id: str) -> Iterable[TreeNode[WhyLine]]:
        """The lines below an answer's, at any depth."""
        pending = list(self._answer_nodes[node_id].children)
        while pending:
            node = pending.pop()
            yield node
            pending += node.children

    @staticmethod
    def ends_at_root_cause(node: TreeNode[WhyLine]) -> bool:
        """Whether the root cause is this node or one above it: the branch needs no more whys."""
        current: TreeNode[WhyLine] | None = node
        while current is not None and current.data is not None:
            if current.data.root_cause:
                return True
            current = current.parent
        return False

    # -- mirroring the document in place --------------------------------------------------------

    def rebuild(self, view: WhysView) -> None:
        """Build every line from the document; the cursor stays on its answer if it is still there."""
        selected = self.selected_id
        self.clear()
        self._answer_nodes = {}
        root = self.root
        root.data = view.root_line()
        root.set_label(Text(root.data.plain))
        root.allow_expand = False
        root.expand()
        self._add_subtree(root, view, {})
        for node in view.whys.nodes:  # answers in a parent loop (a hand-edited file) still show
            if node.id not in self._answer_nodes:
                self._add_subtree(root, view, {}, only=node.id)
        self._chain, self._badges, self._root_cause = view.chain, view.badges, view.whys.root_cause
        self.select(selected if selected in self._answer_nodes else None)

    def _add_subtree(
        self,
        parent: TreeNode[WhyLine],
        view: WhysView,
        expanded: dict[str, bool],
        *,
        only: str | None = None,
        before: int | None = None,
    ) -> None:
        """Add the answers below `parent` (or just `only` and its answers) without recursion."""
        parent_id = parent.data.node_id if parent.data is not None else None
        first = [view.by_id[only]] if only is not None else view.children.get(parent_id, [])
        pending = [(parent, node, before) for node in reversed(first)]
        while pending:
            under, node, position = pending.pop()
            if node.id in self._answer_nodes:
                continue
            depth = (under.data.depth if under.data is not None else 0) + 1
            line = view.line(node.id, depth)
            has_children = bool(view.children.get(node.id))
            added = under.add(
                Text(line.plain),
                line,
                before=position,
                expand=expanded.get(node.id, True),
                allow_expand=has_children,
            )
            self._answer_nodes[node.id] = added
            pending += [(added, child, None) for child in reversed(view.children.get(node.id, []))]

    def _drop(self, node_id: str) -> dict[str, bool]:
        """Take an answer's subtree out of the tree; returns which of its nodes were expanded."""
        node = self._answer_nodes.get(node_id)
        if node is None:
            return {}
        expanded: dict[str, bool] = {}
        pending = [node]
        while pending:
            current = pending.pop()
            if current.data is not None and current.data.node_id is not None:
                expanded[current.data.node_id] = current.is_expanded
                self._answer_nodes.pop(current.data.node_id, None)
            pending += current.children
        parent = node.parent
        node.remove()
        if parent is not None and not parent.children and not parent.is_root:
            parent.allow_expand = False
        return expanded

    def _place(self, node_id: str, view: WhysView) -> bool:
        """Put an answer (and its answers) where the document has it; False if it cannot be."""
        expanded = self._drop(node_id)
        parent_id = view.parent_of(node_id)
        parent = self.node_of(parent_id)
        if parent is None:
            return False
        siblings = view.children.get(parent_id, [])
        position = 0
        for sibling in siblings:
            if sibling.id == node_id:
                break
            if sibling.id in self._answer_nodes:
                position += 1
        self._add_subtree(parent, view, expanded, only=node_id, before=position)
        if not parent.is_root:
            parent.allow_expand = True
        if not parent.is_expanded:
            parent.expand()
        return True

    def _relabel(self, node_id: str | None, view: WhysView) -> None:
        node = self.node_of(node_id)
        if node is None:
            return
        if node_id is None:
            line = view.root_line()
        else:
            line = view.line(node_id, node.data.depth if node.data is not None else 1)
        if line != node.data:
            node.data = line
            node.set_label(Text(line.plain))

    def sync(self, changes: list[Change], view: WhysView) -> bool:
        """Apply the editor's changes to the lines involved only, then put the cursor back (on a
        new answer, else where it was, else the next or the previous answer to the same why, else
        the nearest surviving ancestor). False when the tree no longer matches the document: the
        caller rebuilds it."""
        targets = {change.target for change in changes}
        selected = self.selected_id
        fallback = self._cursor_fallbacks(selected)
        dirty: set[str | None] = set()
        placed: set[str] = set()
        inserted: list[str] = []
        consistent = True
        for change in changes:
            node_id = change.item_id
            if change.target != "whys" or node_id is None:
                continue
            if change.kind == "remove":
                self._drop(node_id)
            elif node_id not in view.by_id or node_id in placed:
                continue
            elif change.kind == "insert" or change.kind == "move":
                if change.kind == "insert" and node_id not in self._answer_nodes:
                    inserted.append(node_id)
                consistent &= self._place(node_id, view)
                placed.add(node_id)
            elif change.kind == "update" and node_id in self._answer_nodes:
                tree_parent = self._answer_nodes[node_id].parent
                parent_now = tree_parent.data.node_id if tree_parent and tree_parent.data else None
                if parent_now != view.parent_of(node_id):
                    consistent &= self._place(node_id, view)
                    placed.add(node_id)
                else:
                    dirty.add(node_id)
                    dirty.update(child.id for child in view.children.get(node_id, []))
        if "whys.symptom" in targets:
            dirty.add(None)
            dirty.update(node.id for node in view.children.get(None, []))
        dirty |= self._chain ^ view.chain
        dirty |= {self._root_cause, view.whys.root_cause} - {None}
        dirty |= {
            key
            for key in self._badges.keys() | view.badges.keys()
            if self._badges.get(key) != view.badges.get(key)
        }
        self._chain, self._badges, self._root_cause = view.chain, view.badges, view.whys.root_cause
        if not consistent or len(self._answer_nodes) != len(view.by_id):
            return False
        for node_id in dirty - placed:
            self._relabel(node_id, view)
        if inserted:
            self.select(inserted[0])
        elif selected in self._answer_nodes or selected is None:
            self.select(selected)
        else:
            self.select(
                next((candidate for candidate in fallback if candidate in self._answer_nodes), None)
            )
        return True

    def _cursor_fallbacks(self, node_id: str | None) -> list[str]:
        """Where the cursor goes if the answer is deleted, in turn: the answers after it to the
        same why, those before it (nearest first), then its ancestors (nearest first)."""
        node = self.node_of(node_id) if node_id else None
        if node is None or node.parent is None:
            return []
        siblings = list(node.parent.children)
        index = siblings.index(node)
        candidates = siblings[index + 1 :] + siblings[:index][::-1]
        while node.parent is not None:
            node = node.parent
            candidates.append(node)
        return [candidate.data.node_id for candidate in candidates
                if candidate.data is not None and candidate.data.node_id is not None]

    # -- drawing -------------------------------------------------------------------------------

    def ensure_lines(self) -> None:
        """Lay out the lines now, so that new nodes know their line number."""
        _ = self.last_line

    def _room(self, node: TreeNode[WhyLine]) -> int:
        line = node.data
        depth = line.depth if line is not None else 0
        return self._content_width() - depth * self.guide_depth - (2 if node.allow_expand else 0)

    def get_label_width(self, node: TreeNode[WhyLine]) -> int:
        icon = 2 if node.allow_expand else 0
        label = node.label
        width = label.cell_len if isinstance(label, Text) else cell_len(label)
        return min(width, max(self._room(node), 1)) + icon

    def render_label(self, node: TreeNode[WhyLine], base_style: Style, style: Style) -> Text:
        line = node.data
        if line is None:
            return super().render_label(node, base_style, style)
        label = self.line_text(line, self._room(node))
        label.stylize(style)
        if node.allow_expand:
            icon = self.ICON_NODE_EXPANDED if node.is_expanded else self.ICON_NODE
            return Text.assemble((icon, base_style + Style.from_meta({"toggle": True})), label)
        return label

    def line_text(self, line: WhyLine, room: int) -> Text:
        """The label: number, question and answer cut to fit `room` cells, then the badges."""
        styles = self._styles()
        answer_style = styles["chain"] if line.in_chain else Style()
        number = Text(
            f"{line.number}  ", style=styles["chain"] if line.in_chain else styles["number"]
        )
        badges = Text()
        for badge in line.badges:
            badges.append("  ")
            badges.append(
                badge, styles["root-cause"] if badge == ROOT_CAUSE_BADGE else styles["badge"]
            )
        rest = room - number.cell_len - badges.cell_len
        if line.node_id is None:
            placeholder = not line.answer
            body = _fit(line.answer_text(), rest)
            body.stylize(styles["placeholder"] if placeholder else styles["chain"])
            label = Text.assemble(number, body)
        else:
            question, answer = line.question_text(), line.answer_text()
            question_room, answer_room = cell_len(question), cell_len(answer)
            if question_room + answer_room > rest:
                question_room = min(question_room, max(rest * 2 // 5, rest - answer_room))
                if question_room < 16:
                    question_room = 0
                answer_room = rest - question_room
            if question_room <= 0:
                question_text = Text()
            elif question_room >= cell_len(question):
                question_text = Text(question)
            else:
                question_text = Text.assemble(_fit(line.question, question_room - 1), " ")
            question_text.stylize(styles["question"])
            label = Text.assemble(number, question_text, _fit(answer, max(answer_room, 1)))
            label.stylize(answer_style, number.cell_len + question_text.cell_len)
        label.append_text(badges)
        if label.cell_len > room:
            label.truncate(max(room, 1), overflow="ellipsis")
        return label

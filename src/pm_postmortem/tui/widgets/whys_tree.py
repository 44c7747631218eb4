"""The tree of the 5 Whys pane: a `WhyLine` per node, labels cut to the width there is."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from pm_postmortem.tui.whys_view import ROOT_CAUSE_BADGE, WhyLine


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
        self._width: int | None = None
        self._label_styles: dict[str, Style] | None = None

    def notify_style_update(self) -> None:
        self._label_styles = None
        super().notify_style_update()

    def on_resize(self) -> None:
        self._width = None

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

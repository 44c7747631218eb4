"""F4 5 Whys: the symptom at the top, the answers under it as a tree, the chain to the root cause.

The tree (`WhysTree`) mirrors the document and hands its keys to the pane's commands; the pane
shows the selected answer in full with its guidance, opens the forms and runs the edits (the
rules of moving and linking an answer are in `core.operations`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static, Tree

from pm_postmortem.core.coach import check_field
from pm_postmortem.core.editing import Change
from pm_postmortem.core.model import WhyNode
from pm_postmortem.core.operations import (
    action_from_why,
    demotion,
    factor_from_why,
    promotion,
    reparent_why,
    sibling_move,
    why_parent,
)
from pm_postmortem.core.wording import in_sentence
from pm_postmortem.tui.coach import coach_paths, section_coach_paths
from pm_postmortem.tui.fields import (
    ACTION_FIELDS,
    FACTOR_FIELDS,
    FieldSpec,
    Kind,
    new_action_values,
)
from pm_postmortem.tui.focus import focus_now
from pm_postmortem.tui.messages import JumpTo
from pm_postmortem.tui.screens.edit_form import EditForm
from pm_postmortem.tui.session import Session
from pm_postmortem.tui.text import one_line
from pm_postmortem.tui.whys_view import (
    FINDINGS_INPUTS,
    WhysView,
    chain_summary,
    clause,
    depth_guidance,
    link_names,
    links,
    links_named,
    question_under,
    symptom_guidance,
)
from pm_postmortem.tui.widgets.pane import Pane
from pm_postmortem.tui.widgets.statement_line import StatementLine
from pm_postmortem.tui.widgets.whys_tree import WhysTree

SHORT_HEIGHT = 30
"""Below this many rows the pane caps the details, the hints and the statement (styles/whys.tcss)."""

SYMPTOM_FIELDS = (
    FieldSpec(
        "symptom",
        "Symptom",
        hint="what people observed (the effect, not its cause), e.g. checkout returned errors",
    ),
)

STATEMENT_FIELDS = (
    FieldSpec(
        "root_cause_statement",
        "Root cause statement",
        Kind.MULTILINE,
        hint="one clear sentence about the condition in the system that let this happen",
    ),
)


def answer_fields(question: str) -> tuple[FieldSpec, ...]:
    """The answer, whose hint repeats in full the question it is for, and that question in the
    facilitator's own words (optional)."""
    return (
        FieldSpec("answer", "Because …", hint=f"answers: {question}"),
        FieldSpec(
            "question",
            "The question, in your own words (optional)",
            hint="asked instead of the generated question, in the tree and in the export",
        ),
    )


def own_question(values: dict[str, Any]) -> str | None:
    """The typed question, or None to keep the generated one."""
    return (values.get("question") or "").strip() or None


class WhysPane(Pane, Vertical):
    """The 5 Whys: a tree of answers under the symptom, the selected answer in full, guidance."""

    def __init__(self, session: Session, **kwargs: Any) -> None:
        super().__init__(session, **kwargs)
        self._link_turn: dict[str, int] = {}
        self._shown: dict[str | None, tuple[Any, ...]] = {}

    def compose(self) -> ComposeResult:
        commands: dict[str, Callable[[], None]] = {
            "add": self.add_answer,
            "sibling": self.add_sibling,
            "edit": self.edit_selected,
            "delete": self.delete_selected,
            "root_cause": self.toggle_root_cause,
            "factor": self.make_factor,
            "action": self.make_action,
            "statement": self.edit_statement,
            "go_to_link": self.go_to_link,
            "move_up": self.move_up,
            "move_down": self.move_down,
            "promote": self.promote,
            "demote": self.demote,
        }
        tree = WhysTree(commands, id="whys-tree")
        tree.border_title = "5 Whys"
        yield tree
        yield Static("", id="whys-detail")
        yield Static("", id="whys-hint")
        yield StatementLine(self.edit_statement, id="whys-statement")

    def on_mount(self) -> None:
        self.rebuild()

    def on_resize(self) -> None:
        """On a short screen the lines below the tree are capped so the tree keeps its rows."""
        short = self.size.height < SHORT_HEIGHT
        was_short = self.has_class("-short")
        self.set_class(short, "-short")
        if short or was_short:
            self.show_details()

    # -- reading and refreshing ------------------------------------------------------------------

    @property
    def why_tree(self) -> WhysTree:
        return self.query_one(WhysTree)

    @property
    def selected_id(self) -> str | None:
        """The answer under the cursor; None when it is on the symptom."""
        return self.why_tree.selected_id

    def rebuild(self) -> None:
        """Build the whole tree from the document (on mount and when another document loads)."""
        self.why_tree.rebuild(WhysView.of(self.editor.workspace))
        self.show_details()

    def refresh_from(self, changes: list[Change]) -> None:
        """Apply the editor's changes to the tree, touching only the nodes involved."""
        targets = {change.target for change in changes}
        if any(change.kind == "reload" for change in changes) or "whys" in {
            change.target for change in changes if change.kind == "set"
        }:
            self.rebuild()
            return
        if not any(
            target.startswith("whys") or target in ("factors", "actions") for target in targets
        ):
            if targets & FINDINGS_INPUTS:
                self.show_details()
            return
        if not self.why_tree.sync(changes, WhysView.of(self.editor.workspace)):
            self.rebuild()
            return
        self.show_details()

    # -- the cursor and what is shown below the tree -----------------------------------------

    def select_item(self, collection: str, item_id: str) -> None:
        """JumpTo("whys", id) lands here: the cursor goes to the answer and the tree gets focus."""
        if collection != "whys":
            return
        if not self.why_tree.shows(item_id):
            self.notify("That answer is no longer in the 5 Whys.", severity="warning", timeout=3)
            return
        self.why_tree.select(item_id)
        focus_now(self.why_tree)
        self.show_details()

    @on(Tree.NodeHighlighted)
    def _highlighted(self, event: Tree.NodeHighlighted) -> None:
        event.stop()
        self.show_details()

    @on(Tree.NodeSelected)
    def _clicked(self, event: Tree.NodeSelected) -> None:
        event.stop()

    def show_details(self) -> None:
        """The selected node in full, its guidance and the root-cause statement."""
        whys = self.editor.workspace.whys
        node_id = self.selected_id
        node = self.why_tree.node_of(node_id)
        detail = self.query_one("#whys-detail", Static)
        hint = self.query_one("#whys-hint", Static)
        hints: list[str] = []
        if node_id is None or node is None or node.data is None:
            symptom = one_line(whys.symptom.strip())
            self._show(
                detail,
                Content.assemble(
                    ("Symptom  ", "bold"),
                    symptom or ("not described yet", "italic"),
                    "\n",
                    ("enter edits it · a adds an answer to why it happened", "dim"),
                ),
            )
            hints.append(symptom_guidance(whys))
        else:
            line = node.data
            answer = self.editor.find("whys", node_id).answer
            linked = link_names(self.editor.workspace, node_id)
            rows = [
                Content.assemble((f"{line.number}  ", "bold"), (line.question, "italic")),
                Content.assemble(("Because ", "bold"), f"{in_sentence(clause(answer))}."),
            ]
            if line.root_cause:
                rows.append(Content.styled("★ Marked as the root cause (r unmarks it).", "bold"))
            if linked:
                rows.append(Content.assemble(("Linked ", "bold"), ("(g goes there) ", "dim"), " · ".join(linked)))
            if self.has_class("-short"):
                # Four rows at most: a long question or answer must not push the links out of sight.
                width = max(10, self.content_size.width - 2)  # the details' padding
                rows = [row.truncate(width, ellipsis=True) for row in rows]
            self._show(detail, Content("\n").join(rows))
            hints += [f"{found.message} {found.reframe}".strip()
                      for found in check_field(self.editor.workspace, f"whys.{node_id}.answer")]
            if not self.why_tree.ends_at_root_cause(node):
                hints.append(depth_guidance(line.depth, not node.children))
        hints = [text for text in hints if text]
        self._show(hint, Content("\n".join(f"› {text}" for text in hints)))
        hint.set_class(not hints, "-empty")
        self._show(
            self.query_one(StatementLine),
            Content.assemble(
                ("Root cause statement  ", "bold"),
                one_line(whys.root_cause_statement.strip())
                or ("not written yet: t writes it", "italic dim"),
            ),
        )
        tree = self.why_tree
        shown = whys.root_cause is not None and tree.shows(whys.root_cause)
        summary = chain_summary(whys, tree.depth_of(whys.root_cause) if shown else None)
        if tree.border_subtitle != summary:
            tree.border_subtitle = summary

    def _show(self, widget: Static, content: Content) -> None:
        """Update a line below the tree only when what it says changed (saves a relayout)."""
        key = (content.plain, tuple(content.spans))
        if self._shown.get(widget.id) != key:
            self._shown[widget.id] = key
            widget.update(content)

    # -- intents -------------------------------------------------------------------------------

    def _ask_answer(self, parent_id: str | None, index: int | None) -> None:
        depth = self.why_tree.depth_of(parent_id) + 1

        def submit(values: dict[str, Any]) -> None:
            answer = values["answer"].strip()
            self.editor.add(
                "whys",
                {"answer": answer, "parent": parent_id, "question": own_question(values)},
                index=index,
                label=f"Add why {depth}",
            )

        self.app.push_screen(
            EditForm(
                f"Why {depth}: a new answer",
                answer_fields(question_under(self.editor.workspace.whys, parent_id)),
                {"answer": "", "question": ""},
                submit,
                coach=coach_paths("whys", None),
            )
        )

    def add_answer(self) -> None:
        self._ask_answer(self.selected_id, None)

    def add_sibling(self) -> None:
        node_id = self.selected_id
        if node_id is None:
            self._ask_answer(None, None)
            return
        parent = why_parent(self.editor.workspace.whys, node_id)
        self._ask_answer(parent, self.editor.index_of("whys", node_id) + 1)

    def edit_selected(self) -> None:
        node_id = self.selected_id
        whys = self.editor.workspace.whys
        if node_id is None:

            def submit_symptom(values: dict[str, Any]) -> None:
                symptom = values["symptom"].strip()
                if symptom != whys.symptom:
                    self.editor.set("whys.symptom", symptom, label="Edit symptom")

            self.app.push_screen(
                EditForm(
                    "The symptom",
                    SYMPTOM_FIELDS,
                    {"symptom": whys.symptom},
                    submit_symptom,
                    coach=section_coach_paths("whys", ["symptom"]),
                )
            )
            return
        node = self.editor.find("whys", node_id)

        def submit(values: dict[str, Any]) -> None:
            changed = {
                name: value
                for name, value in {"answer": values["answer"].strip(), "question": own_question(values)}.items()
                if value != getattr(node, name)
            }
            if changed:
                self.editor.update("whys", node_id, changed, label=f"Edit why {self.why_tree.depth_of(node_id)}")

        fields = answer_fields(question_under(whys, why_parent(whys, node_id)))
        self.app.push_screen(
            EditForm(
                f"Why {self.why_tree.depth_of(node_id)}",
                fields,
                {"answer": node.answer, "question": node.question or ""},
                submit,
                coach=coach_paths("whys", node_id),
            )
        )

    def delete_selected(self) -> None:
        node_id = self.selected_id
        if node_id is None:
            self.notify(
                "The symptom stays: every why starts from it. enter changes its text.",
                severity="warning",
                timeout=4,
            )
            return
        gone = {node_id} | {
            node.data.node_id for node in self.why_tree.descendants(node_id) if node.data and node.data.node_id
        }
        below = len(gone) - 1
        count, named = links_named(self.editor.workspace, gone)
        label = f"Delete why {self.why_tree.depth_of(node_id)}" + (f" and {below} below it" if below else "")
        if not self.run_intent(lambda: self.editor.delete("whys", node_id, label=label)):
            return
        what = "the answer" + (f" and the {below} below it" if below else "")
        if count:
            whose = f"{',' if below else ''} and {'their' if below else 'its'} link{'s' if count > 1 else ''}"
            self.notify(f"Deleted {what}{whose} to {named}; ctrl+z brings them back.", timeout=4)
        else:
            self.notify(f"Deleted {what}. ctrl+z brings {'them' if below else 'it'} back.", timeout=3)

    def toggle_root_cause(self) -> None:
        node_id = self.selected_id
        whys = self.editor.workspace.whys
        if node_id is None:
            self.notify(
                "The symptom is the effect; mark one of the answers as the root cause.", timeout=4
            )
            return
        if whys.root_cause == node_id:
            if self.run_intent(
                lambda: self.editor.set("whys.root_cause", None, label="Unmark root cause")
            ):
                self.notify("Root cause unmarked.", timeout=2)
            return
        before = whys.root_cause
        moved = before is not None and self.why_tree.shows(before)
        done = "Root cause marked"
        if moved:
            done = f"Root cause moved from why {self.why_tree.depth_of(before)} to why {self.why_tree.depth_of(node_id)}"
        if not self.run_intent(
            lambda: self.editor.set("whys.root_cause", node_id, label="Mark root cause")
        ):
            return
        if not whys.root_cause_statement.strip():
            self.notify(f"{done}. t sums it up in one sentence: the root-cause statement.", timeout=4)
        elif moved:
            self.notify(f"{done}; the root-cause statement (t) may need rewording.", timeout=4)
        else:
            self.notify(f"{done}.", timeout=2)

    def edit_statement(self) -> None:
        whys = self.editor.workspace.whys
        title = "Root cause statement"

        def submit(values: dict[str, Any]) -> None:
            statement = values["root_cause_statement"].strip()
            if statement != whys.root_cause_statement:
                self.editor.set(
                    "whys.root_cause_statement", statement, label="Edit root cause statement"
                )

        self.app.push_screen(
            EditForm(
                title,
                STATEMENT_FIELDS,
                {"root_cause_statement": whys.root_cause_statement},
                submit,
                coach=section_coach_paths("whys", ["root_cause_statement"]),
            )
        )

    def _answer_or_say(self, what: str) -> tuple[str, WhyNode] | None:
        node_id = self.selected_id
        if node_id is None:
            self.notify(
                f"Select an answer to make a {what} from; the symptom is the effect.", timeout=4
            )
            return None
        return node_id, self.editor.find("whys", node_id)

    def make_factor(self) -> None:
        selected = self._answer_or_say("contributing factor")
        if selected is None:
            return
        node_id, node = selected

        def submit(values: dict[str, Any]) -> None:
            factor_from_why(self.editor, node_id, values)

        def done(saved: bool | None) -> None:
            if saved:
                self.notify("Added to the contributing factors (F6). g goes there.", timeout=3)

        values = {"factor": node.answer.strip(), "category": None, "how": ""}
        title = f"Contributing factor from why {self.why_tree.depth_of(node_id)}"
        self.app.push_screen(
            EditForm(
                title,
                FACTOR_FIELDS,
                values,
                submit,
                focus="factor",
                append=True,
                coach=coach_paths("factors", None),
            ),
            done,
        )

    def make_action(self) -> None:
        selected = self._answer_or_say("corrective action")
        if selected is None:
            return
        node_id, node = selected

        def submit(values: dict[str, Any]) -> None:
            action_from_why(self.editor, node_id, values)

        def done(saved: bool | None) -> None:
            if saved:
                self.notify("Added to the corrective actions (F5). g goes there.", timeout=3)

        values = new_action_values()
        title = f"Corrective action from why {self.why_tree.depth_of(node_id)}"
        self.app.push_screen(
            EditForm(
                title,
                ACTION_FIELDS,
                values,
                submit,
                focus="action",
                context=f"Against the cause: {clause(node.answer)}",
                coach=coach_paths("actions", None),
            ),
            done,
        )

    def go_to_link(self) -> None:
        node_id = self.selected_id
        if node_id is None:
            self.notify("The symptom has no links: g goes from an answer to its factor or action.", timeout=3)
            return
        targets = links(self.editor.workspace, node_id)
        if not targets:
            self.notify(
                "Nothing links to this answer yet: f makes a factor, c an action.", timeout=3
            )
            return
        turn = self._link_turn.get(node_id, 0) % len(targets)
        self._link_turn[node_id] = turn + 1
        self.post_message(JumpTo(*targets[turn]))

    # -- moving --------------------------------------------------------------------------------

    def move_up(self) -> None:
        self._move_among_siblings(-1)

    def move_down(self) -> None:
        self._move_among_siblings(1)

    def _move_among_siblings(self, step: int) -> None:
        node_id = self.selected_id
        if node_id is None:
            return
        target = sibling_move(self.editor.workspace.whys, node_id, step)
        if target is None:
            edge = "first" if step < 0 else "last"
            self.notify(f"It is already the {edge} answer to this why.", timeout=2)
            return
        label = "Move answer up" if step < 0 else "Move answer down"
        self.run_intent(lambda: self.editor.move("whys", node_id, target, label=label))

    def promote(self) -> None:
        node_id = self.selected_id
        if node_id is None:
            return
        place = promotion(self.editor.workspace.whys, node_id)
        if place is None:
            self.notify("It already answers the symptom directly.", timeout=2)
            return
        label = f"Promote answer to why {self.why_tree.depth_of(node_id) - 1}"
        self.run_intent(lambda: reparent_why(self.editor, node_id, *place, label=label))

    def demote(self) -> None:
        node_id = self.selected_id
        if node_id is None:
            return
        place = demotion(self.editor.workspace.whys, node_id)
        if place is None:
            self.notify("There is no answer above it (at this level) to move it under.", timeout=3)
            return
        label = f"Demote answer to why {self.why_tree.depth_of(node_id) + 1}"
        self.run_intent(lambda: reparent_why(self.editor, node_id, *place, label=label))

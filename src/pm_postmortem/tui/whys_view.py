"""What the 5 Whys tree shows, as plain data: a line per answer, its badges, the guidance.

Nothing here knows Textual; `WhysView` is computed once per change to the whys, the factors or
the actions, and the tree draws its labels from the `WhyLine`s it hands out.
"""

from __future__ import annotations

from dataclasses import dataclass

from pm_postmortem.core.export import why_chain
from pm_postmortem.core.model import Action, Factor, WhyNode, Whys, Workspace
from pm_postmortem.core.text import one_line
from pm_postmortem.core.wording import in_sentence, question_about, question_for

ENOUGH_WHYS = 5
"""At this depth the pane says the cause is probably systemic (the room still decides)."""

ROOT_CAUSE_BADGE = "★ root cause"

FINDINGS_INPUTS = frozenset({"timeline", "metadata", "metadata.authors", "lessons", "dismissals"})
"""Changes elsewhere that can change the coach's findings on an answer (names of people, or a
finding dismissed)."""


def depth_guidance(depth: int, is_leaf: bool) -> str:
    """What to do next at an answer `depth` whys down; "" when there is nothing to say."""
    if depth >= ENOUGH_WHYS:
        return (
            f"Why {depth}: causes this deep usually sit in the system (a process, a default, a "
            "missing check); the room decides when to stop, and r marks the root cause."
        )
    if is_leaf:
        return (
            f"This branch ends at why {depth}. Ask one more why about the system: what let this "
            "happen? (a adds the answer)"
        )
    return ""


def symptom_guidance(whys: Whys) -> str:
    """What to do next with the cursor on the symptom; "" when there is nothing to say."""
    if not one_line(whys.symptom.strip()):
        return "Describe what people observed, the effect rather than its cause: enter writes it."
    if not whys.nodes:
        return "Ask the first why: a writes why the symptom happened."
    return ""


def chain_summary(whys: Whys, root_cause_depth: int | None) -> str:
    """The tree's subtitle: what the highlighted chain is (the root cause `root_cause_depth`
    whys down; None when none is marked)."""
    if not whys.nodes:
        return "a adds the first answer"
    if root_cause_depth is not None:
        return (
            f"highlighted: the chain to the root cause (why {root_cause_depth}), "
            "exported as the numbered list"
        )
    return "no root cause marked (r): the export follows the first answers"


def clause(text: str) -> str:
    """An answer as it reads inside a sentence: one line, without one trailing period."""
    return one_line(text.strip().removesuffix("."))


def question_under(whys: Whys, parent_id: str | None) -> str:
    """The generated question a new answer under `parent_id` (None: the symptom) replies to."""
    above = whys.symptom
    if parent_id is not None:
        above = next(node.answer for node in whys.nodes if node.id == parent_id)
    return one_line(question_about(above))


@dataclass(frozen=True)
class WhyLine:
    """One line of the tree; the label is drawn from it at the width there is."""

    node_id: str | None
    """None: the symptom (the root)."""
    depth: int
    question: str = ""
    """The why this answers, as a full question."""
    answer: str = ""
    badges: tuple[str, ...] = ()
    in_chain: bool = False
    root_cause: bool = False

    @property
    def number(self) -> str:
        return "Symptom" if self.node_id is None else f"Why {self.depth}"

    def question_text(self) -> str:
        return f"{self.question} "

    def answer_text(self) -> str:
        if self.node_id is None:
            return self.answer or "not described yet: enter writes what people observed"
        return f"Because {in_sentence(self.answer)}."

    def badge_text(self) -> str:
        return "".join(f"  {badge}" for badge in self.badges)

    @property
    def plain(self) -> str:
        question = self.question_text() if self.node_id is not None else ""
        return f"{self.number}  {question}{self.answer_text()}{self.badge_text()}"


def _linked(workspace: Workspace, node_id: str) -> tuple[list[Factor], list[Action]]:
    """The factors and the actions (by number) made from the answer `node_id`."""
    factors = [factor for factor in workspace.factors if factor.why_node == node_id]
    actions = [
        action
        for action in sorted(workspace.actions, key=lambda action: action.number)
        if action.why_node == node_id
    ]
    return factors, actions


def links(workspace: Workspace, node_id: str) -> list[tuple[str, str]]:
    """(collection, id) of what links to an answer: its factors, then its actions by number."""
    factors, actions = _linked(workspace, node_id)
    return [("factors", factor.id) for factor in factors] + [("actions", action.id) for action in actions]


def link_names(workspace: Workspace, node_id: str) -> list[str]:
    """What links to an answer, named as the detail under the tree lists it."""
    factors, actions = _linked(workspace, node_id)
    return [f"factor “{one_line(factor.factor.strip())}”" for factor in factors] + [
        f"action #{action.number} “{one_line(action.action.strip())}”" for action in actions
    ]


def links_named(workspace: Workspace, node_ids: set[str]) -> tuple[int, str]:
    """How many factors and actions link to any of the answers, and those links named briefly
    ("action #6", "2 factors and actions #1 and #4"); (0, "") when none does."""
    factors = sum(1 for factor in workspace.factors if factor.why_node in node_ids)
    numbers = sorted(action.number for action in workspace.actions if action.why_node in node_ids)
    parts = []
    if numbers:
        listed = [f"#{number}" for number in numbers]
        shown = listed[0] if len(listed) == 1 else f"{', '.join(listed[:-1])} and {listed[-1]}"
        parts.append(f"action{'s' if len(numbers) > 1 else ''} {shown}")
    if factors:
        parts.append("a factor" if factors == 1 else f"{factors} factors")
    return factors + len(numbers), " and ".join(parts)


def link_badges(workspace: Workspace) -> dict[str, tuple[str, ...]]:
    """Why-node id → its badges: "⚑ factor" (or "⚑ 2 factors"), "✔ action #3" (or "#3 #5")."""
    factors: dict[str, int] = {}
    for factor in workspace.factors:
        if factor.why_node:
            factors[factor.why_node] = factors.get(factor.why_node, 0) + 1
    actions: dict[str, list[int]] = {}
    for action in sorted(workspace.actions, key=lambda action: action.number):
        if action.why_node:
            actions.setdefault(action.why_node, []).append(action.number)
    badges: dict[str, tuple[str, ...]] = {}
    for node_id in factors.keys() | actions.keys():
        parts = []
        count = factors.get(node_id, 0)
        if count:
            parts.append("⚑ factor" if count == 1 else f"⚑ {count} factors")
        numbers = actions.get(node_id, [])
        if numbers:
            label = "action" if len(numbers) == 1 else "actions"
            parts.append(f"✔ {label} " + " ".join(f"#{number}" for number in numbers))
        badges[node_id] = tuple(parts)
    return badges


@dataclass
class WhysView:
    """The whys as the tree needs them, computed once per change."""

    whys: Whys
    by_id: dict[str, WhyNode]
    children: dict[str | None, list[WhyNode]]
    """Parent id → its answers in the document's order; None: the answers to the symptom (and
    those whose parent is gone)."""
    chain: set[str]
    """The answers the export numbers: the chain to the root cause, else the first answers."""
    badges: dict[str, tuple[str, ...]]

    @classmethod
    def of(cls, workspace: Workspace) -> WhysView:
        whys = workspace.whys
        by_id = {node.id: node for node in whys.nodes}
        children: dict[str | None, list[WhyNode]] = {}
        for node in whys.nodes:
            children.setdefault(node.parent if node.parent in by_id else None, []).append(node)
        chain = {node.id for node in why_chain(whys)}
        return cls(whys, by_id, children, chain, link_badges(workspace))

    def parent_of(self, node_id: str) -> str | None:
        parent = self.by_id[node_id].parent
        return parent if parent in self.by_id else None

    def question_for(self, node_id: str) -> str:
        parent = self.parent_of(node_id)
        above = self.whys.symptom if parent is None else self.by_id[parent].answer
        return one_line(question_for(self.by_id[node_id], above))

    def line(self, node_id: str, depth: int) -> WhyLine:
        badges = self.badges.get(node_id, ())
        root_cause = node_id == self.whys.root_cause
        return WhyLine(
            node_id,
            depth,
            self.question_for(node_id),
            clause(self.by_id[node_id].answer),
            ((ROOT_CAUSE_BADGE,) if root_cause else ()) + badges,
            node_id in self.chain,
            root_cause,
        )

    def root_line(self) -> WhyLine:
        return WhyLine(None, 0, answer=one_line(self.whys.symptom.strip()))

"""The 5 Whys reader: numbered chains, nested answers and question/answer pairs."""

from __future__ import annotations

import re

from pm_postmortem.core.importer.base import _NO_NODE, SectionReader, _Continuations, _Why
from pm_postmortem.core.importer.blocks import _BOLD_FIELD, _Section
from pm_postmortem.core.importer.cells import (
    _BULLET,
    _EMPTY_LINES,
    _NUMBERED,
    _mask,
    _norm,
    unescape,
)
from pm_postmortem.core.model import (
    WhyNode,
)
from pm_postmortem.core.wording import question_about

_OWN_QUESTION = re.compile(r"(?:\*\*)?[ \t]*why\b(?!\s+did\b.*\bhappen\?)", re.IGNORECASE)
"""A question of its own (``Why was the directory removed?``), not the template's ``Why did …
happen?`` that the chain implies: kept in the notes."""


class WhysReader(SectionReader):
    symptom_written = False
    """Whether the symptom came from a ``**Symptom:**`` line (not from a question about it)."""

    # -- 5 whys ----------------------------------------------------------------------------

    def whys(self, section: _Section) -> None:
        name = section.heading
        whys = self.ws.whys
        stack: list[_Why] = []
        statement_open = False
        continued = _Continuations()
        last: WhyNode | None = None  # the answer that an unindented wrapped line continues
        written = 0  # the number of the last numbered item: "1." after it starts a new chain
        for number, line in section.lines:
            stripped = line.strip()
            if not stripped:
                statement_open = False
                last = None
                continue
            if stripped in _EMPTY_LINES or (not self.strict and self.is_template(stripped)):
                continue
            field_match = _BOLD_FIELD.match(stripped)
            if field_match is not None and _norm(field_match["name"]) == "symptom" and not whys.symptom:
                whys.symptom = self.cell(stripped[field_match.end() :], dash_is_empty=False)
                self.symptom_written = True
                continue
            if field_match is not None and _norm(field_match["name"]) == "root cause statement":
                value = stripped[field_match.end() :]
                continued.apply()
                if value != "*Not written yet.*":
                    whys.root_cause_statement = self.cell(value, dash_is_empty=False)
                statement_open = not self.strict
                continue
            if statement_open:
                continued.add(whys, "root_cause_statement", unescape(stripped))
                continue
            indent = len(line) - len(line.lstrip())
            numbered = _NUMBERED.match(stripped) if indent <= 3 else None
            if numbered is not None:
                stack.clear()
                if not self.strict and int(numbered[1]) <= written and self.chain:
                    self.chain = []  # numbering starts again: a separate chain from the symptom
                written = int(numbered[1])
                last = self.why_item(stripped[numbered.end() :])
                if last is None:
                    self.keep(name, section.line, number, stripped)
                elif last is _NO_NODE:
                    last = None
                continue
            bullet = _BULLET.match(stripped) or _NUMBERED.match(stripped)
            if bullet is not None and self.why_bullet(stripped[bullet.end() :], indent, stack):
                last = stack[-1].node
            elif bullet is None and last is not None and not self.strict:
                continued.add(last, "answer", unescape(stripped))  # a wrapped answer
            else:
                self.keep(name, section.line, number, stripped)
                last = None
            if stripped.startswith("#") and not self.strict:
                written, self.chain = 0, []  # a heading between chains: the next is separate
        continued.apply()
        if not self.strict:
            for node in self.why_by_id.values():
                node.answer = " ".join(node.answer.split("\n"))

    _WHY_STRICT = re.compile(r"\*\*(?P<question>.+?)\*\* ")
    _WHY_DID = re.compile(r"Why did (?P<subject>.*) happen\?", re.DOTALL)
    """The question every answer was asked before the symptom got its own line."""
    _WHY_LENIENT = re.compile(
        r"(?:\*\*)?[ \t]*(?P<question>(?:why|warum)\b[^?]{0,2000}\?)[ \t]*(?:\*\*)?[ \t]*:?[ \t]*",
        re.IGNORECASE,
    )
    _BECAUSE = re.compile(r"(?:also[ \t]+)?(?:because|weil)\b[ \t]*,?[ \t]*", re.IGNORECASE)

    def question(self, content: str) -> tuple[str | None, str] | None:
        """(subject, rest) of ``**Why did S happen?** rest``; subject None without a question.
        This project's own markdown: (the question as written, rest) of ``**Q** rest``."""
        if self.strict:
            masked = _mask(content)
            match = self._WHY_STRICT.match(masked)
            if match is None:
                return None
            return content[match.start("question") : match.end("question")], content[match.end() :]
        match = self._WHY_LENIENT.match(content)
        if match is None:
            return None, content
        question = match["question"]
        did = re.fullmatch(r"why did (.*) happen\?", question, re.IGNORECASE | re.DOTALL)
        subject = did[1] if did else question.removesuffix("?")
        return subject, content[match.end() :]

    def answer(self, rest: str, prefix: str = "Because ") -> str | None:
        """The answer of ``Because X.`` as the text whose exported clause is X; None if not one."""
        if self.strict:
            if not (rest.startswith(prefix) and rest.endswith(".")):
                return None
            text = self.cell(rest[len(prefix) : -1], dash_is_empty=False)
        else:
            rest = rest.lstrip(" \t-–—:")
            because = self._BECAUSE.match(rest)
            body = rest[because.end() :] if because else rest
            body = body.strip()
            if not body or self.is_placeholder(body.removesuffix(".")):
                return None
            text = self.cell(body.removesuffix("."), dash_is_empty=False)
        return text + "." if not text or text.endswith(".") else text

    def subject_text(self, subject: str) -> str:
        text = self.cell(subject, dash_is_empty=False)
        return text + "." if not text or text.endswith(".") else text

    def why_item(self, content: str) -> WhyNode | None:
        """A numbered item: the next answer of the chain (the first one names the symptom); the
        node added, else None (and the symptom node when only the question is written)."""
        parsed = self.question(content)
        if parsed is None:
            return None
        subject, rest = parsed
        first = not self.chain
        if self.strict:
            older = self._WHY_DID.fullmatch(subject or "")
            if first and older is not None and not self.ws.whys.symptom:
                self.ws.whys.symptom = self.subject_text(older["subject"])
        elif first and subject is not None and not self.ws.whys.symptom and not self.is_placeholder(subject):
            self.ws.whys.symptom = self.subject_text(subject)
        elif subject is not None and _OWN_QUESTION.match(content):
            self.why_questions.append(unescape(content[: len(content) - len(rest)]).strip(" *:-"))
        if rest == "*No answer recorded yet.*":
            return _NO_NODE if first else None
        answer = self.answer(rest)
        if answer is None:
            return None
        parent = self.chain[-1] if self.chain else None
        node = self.add_why(answer, parent, first_child=parent is not None or self.strict)
        if self.strict:
            self.asked(node, parent, subject or "")
        self.chain.append(node)
        return node

    def why_bullet(self, content: str, indent: int, stack: list[_Why]) -> bool:
        """A nested answer: ``Also because X.`` (a sibling) or ``**Why did P happen?** Because X.``."""
        while stack and stack[-1].indent >= indent:
            stack.pop()
        also = None
        if content.startswith("Also because ") or (
            not self.strict and content[:4].lower() == "also"
        ):
            also = self.answer(content, "Also because ")
        written: str | None = None
        if also is not None:
            above = stack[-1].node if stack else (self.chain[-1] if self.chain else None)
            parent = self.parent_of(above)
            answer = also
        else:
            parsed = self.question(content)
            if parsed is None:
                return False
            read = self.answer(parsed[1])
            if read is None:
                return False
            written, answer = parsed[0] or "", read
            parent = stack[-1].node if stack else (self.chain[-1] if self.chain else None)
        node = self.add_why(answer, parent)
        if self.strict and written is not None:
            self.asked(node, parent, written)
        stack.append(_Why(node, indent))
        return True

    def asked(self, node: WhyNode, parent: WhyNode | None, written: str) -> None:
        """The question written before an answer is its own unless it is the one the app asks
        about the answer above (or, in older files, ``Why did X happen?``). The export lowers the
        first letter of an answer after "Because"; a question that asks about it capitalised
        gives the capital back."""
        question = self.cell(written, dash_is_empty=False)
        above = parent.answer if parent is not None else self.ws.whys.symptom
        if question in (question_about(above), f"Why did {above.strip().removesuffix('.')} happen?"):
            return
        if parent is not None:
            capital = above[:1].upper() + above[1:]
            if capital != above and question == question_about(capital):
                parent.answer = capital
                return
        node.question = question

    def parent_of(self, node: WhyNode | None) -> WhyNode | None:
        if node is None or node.parent is None:
            return None
        return self.why_by_id[node.parent]

    def add_why(self, answer: str, parent: WhyNode | None, *, first_child: bool = False) -> WhyNode:
        node = WhyNode(id=self.new_id(), answer=answer, parent=parent.id if parent else None)
        self.why_by_id[node.id] = node
        siblings = self.why_children.setdefault(node.parent, [])
        if first_child:
            siblings.insert(0, node)
        else:
            siblings.append(node)
        self.counts["whys"] += 1
        return node

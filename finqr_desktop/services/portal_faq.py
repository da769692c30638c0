"""The FAQ the clerk writes for the portal: questions and answers per language, in order.

Positions within a language run 1, 2, 3…; adding appends, removing and moving renumber, so
the order the clerk sees is the order customers get.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.errors import RuleViolation
from ..domain.messages import msg
from ..portal.texts import LANGUAGES
from ..storage.models import PortalFaqRow

QUESTION_MAX = 300
ANSWER_MAX = 5000


@dataclass(frozen=True)
class FaqItem:
    id: int
    language: str
    position: int
    question: str
    answer: str


def check_language(language: str) -> str:
    code = (language or "").strip().lower()
    if code not in LANGUAGES:
        raise RuleViolation(
            msg(
                "FAQ: language {language}; the portal speaks {languages}",
                language=repr(language),
                languages=", ".join(LANGUAGES),
            )
        )
    return code


def _item(row: PortalFaqRow) -> FaqItem:
    return FaqItem(row.id, row.language, row.position, row.question, row.answer)


def _rows(session: Session, language: str | None = None) -> list[PortalFaqRow]:
    query = select(PortalFaqRow).order_by(PortalFaqRow.language, PortalFaqRow.position)
    if language:
        query = query.where(PortalFaqRow.language == language)
    return list(session.scalars(query))


def list_faq(session: Session, language: str | None = None) -> list[FaqItem]:
    return [_item(row) for row in _rows(session, language)]


def _checked(question: str, answer: str) -> tuple[str, str]:
    question, answer = question.strip(), answer.strip()
    if not question:
        raise RuleViolation(msg("FAQ: the question is empty"))
    if not answer:
        raise RuleViolation(msg("FAQ: the answer is empty"))
    if len(question) > QUESTION_MAX:
        raise RuleViolation(
            msg("FAQ: the question is longer than {count} characters", count=QUESTION_MAX)
        )
    if len(answer) > ANSWER_MAX:
        raise RuleViolation(
            msg("FAQ: the answer is longer than {count} characters", count=ANSWER_MAX)
        )
    return question, answer


def add_faq(session: Session, language: str, question: str, answer: str) -> FaqItem:
    language = check_language(language)
    question, answer = _checked(question, answer)
    row = PortalFaqRow(
        language=language,
        position=len(_rows(session, language)) + 1,
        question=question,
        answer=answer,
    )
    session.add(row)
    session.flush()
    return _item(row)


def edit_faq(session: Session, faq_id: int, question: str, answer: str) -> FaqItem:
    row = _require(session, faq_id)
    row.question, row.answer = _checked(question, answer)
    session.flush()
    return _item(row)


def remove_faq(session: Session, faq_id: int) -> None:
    row = _require(session, faq_id)
    session.delete(row)
    session.flush()
    _renumber([r for r in _rows(session, row.language) if r.id != faq_id])


def move_faq(session: Session, faq_id: int, position: int) -> FaqItem:
    """Move the entry to ``position`` (1 is first) within its language."""
    row = _require(session, faq_id)
    others = [r for r in _rows(session, row.language) if r.id != faq_id]
    if not 1 <= position <= len(others) + 1:
        raise RuleViolation(
            msg(
                "FAQ: position {position} is not between 1 and {last}",
                position=position,
                last=len(others) + 1,
            )
        )
    others.insert(position - 1, row)
    _renumber(others)
    session.flush()
    return _item(row)


def _renumber(rows: list[PortalFaqRow]) -> None:
    for index, row in enumerate(rows, start=1):
        row.position = index


def _require(session: Session, faq_id: int) -> PortalFaqRow:
    row = session.get(PortalFaqRow, faq_id)
    if row is None:
        raise RuleViolation(msg("FAQ: there is no entry {id}", id=faq_id))
    return row

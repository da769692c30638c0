"""Document templates in the ledger: the default one, saved versions, export and import.

A saved change always adds a new ``template_version`` row; old versions are never changed,
because issued documents point at the version they were rendered with. Every function runs
in the caller's transaction.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass, replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..domain.errors import RuleViolation, ValidationFailed
from ..domain.messages import msg
from ..domain.templates import Design
from ..storage.models import TemplateRow, TemplateVersionRow
from . import audit
from .template_data import design_from_data, design_problems, design_to_data, logo_type

logger = logging.getLogger(__name__)

__all__ = [
    "TemplateSummary", "current_design", "default_design", "default_version_id",
    "design_from_data", "design_to_data", "ensure_default_template", "export_template",
    "import_template", "list_templates", "save_design", "version_design",
]  # fmt: skip

FORMAT = "finqr-template"
FORMAT_VERSION = 1
FILE_KEYS = frozenset({"format", "format_version"})


@dataclass(frozen=True)
class TemplateSummary:
    id: int
    name: str
    is_default: bool
    version: int
    saved_at: dt.datetime | None


def default_design() -> Design:
    """The design a new ledger starts with: the brand colours, no logo, no message blocks.

    The contact box already invites questions; a block of the clerk's own is one click away
    in the designer, and the default stays a one-page invoice for a typical ten lines.
    """
    return Design(name="Standard")


def ensure_default_template(session: Session) -> TemplateRow:
    """The default template, made from ``default_design`` when the ledger has none."""
    record = session.scalar(select(TemplateRow).where(TemplateRow.is_default).limit(1))
    if record is not None:
        return record
    record = session.scalar(select(TemplateRow).order_by(TemplateRow.id).limit(1))
    if record is None:
        record, _ = _new_template(session, default_design())
        logger.info("created the default template")
    record.is_default = True
    session.flush()
    return record


def set_default_template(session: Session, template_id: int) -> None:
    """Make ``template_id`` the one new documents are printed with (exactly one is)."""
    chosen = session.get(TemplateRow, template_id)
    if chosen is None:
        raise RuleViolation(msg("there is no template {id}", id=template_id))
    for record in session.scalars(select(TemplateRow).where(TemplateRow.is_default)):
        record.is_default = False
    chosen.is_default = True
    session.flush()
    audit.record(session, audit.TEMPLATE, detail=f"template {chosen.name!r} is the default")
    logger.info("template %s (%s) is now the default", template_id, chosen.name)


def list_templates(session: Session) -> list[TemplateSummary]:
    newest = (
        select(TemplateVersionRow.template_id, func.max(TemplateVersionRow.version).label("v"))
        .group_by(TemplateVersionRow.template_id)
        .subquery()
    )
    rows = session.execute(
        select(TemplateRow, TemplateVersionRow)
        .join(newest, newest.c.template_id == TemplateRow.id, isouter=True)
        .join(
            TemplateVersionRow,
            (TemplateVersionRow.template_id == TemplateRow.id)
            & (TemplateVersionRow.version == newest.c.v),
            isouter=True,
        )
        .order_by(TemplateRow.id)
    )
    return [
        TemplateSummary(
            t.id, t.name, t.is_default, v.version if v else 0, v.created_at if v else None
        )
        for t, v in rows
    ]


def current_design(session: Session, template_id: int | None = None) -> tuple[int, Design]:
    """The newest version of a template (the default one without ``template_id``)."""
    if template_id is None:
        template_id = ensure_default_template(session).id
    record = _newest_version(session, template_id)
    if record is None:
        raise RuleViolation(msg("no template with id {id}", id=template_id))
    return record.id, _design_of(record)


def default_version_id(session: Session) -> int:
    """The version an invoice issued now is rendered with."""
    return current_design(session)[0]


def version_design(session: Session, version_id: int) -> Design:
    """The design of one saved version, exactly as it was saved (versions never change, so
    the session keeps what it read)."""
    designs = session.info.setdefault("finqr_designs", {})
    if version_id not in designs:
        record = session.get(TemplateVersionRow, version_id)
        if record is None:
            raise RuleViolation(msg("no template version with id {id}", id=version_id))
        designs[version_id] = _design_of(record)
    return designs[version_id]


def save_design(session: Session, template_id: int | None, design: Design) -> int:
    """Save ``design`` as the template's next version and return the version's id.

    ``template_id`` None makes a new template. Saving what the newest version already
    holds adds nothing and returns that version.
    """
    problems = design_problems(design)
    if problems:
        raise ValidationFailed(problems)
    if template_id is None:
        return _new_template(session, design)[1].id
    template = session.get(TemplateRow, template_id)
    if template is None:
        raise RuleViolation(msg("no template with id {id}", id=template_id))
    newest = _newest_version(session, template_id)
    if newest is not None and _design_of(newest) == design:
        return newest.id
    template.name = design.name
    record = _add_version(session, template, design, (newest.version if newest else 0) + 1)
    logger.info("saved template %s as version %s", template_id, record.version)
    return record.id


def export_template(session: Session, template_id: int | None = None) -> bytes:
    """The template's current design as one UTF-8 JSON file, the logo inside."""
    _, design = current_design(session, template_id)
    data = {"format": FORMAT, "format_version": FORMAT_VERSION, **design_to_data(design)}
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"


def import_template(session: Session, data: bytes, name: str | None = None) -> int:
    """Add the template in an exported file and return its id; a file with any problem is
    refused whole, each problem naming its field."""
    try:
        parsed = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise ValidationFailed.single(
            "file", msg("not UTF-8 text (byte {byte})", byte=exc.start)
        ) from None
    except (json.JSONDecodeError, RecursionError) as exc:
        if hasattr(exc, "lineno"):
            problem = msg(
                "not valid JSON at line {line}, column {column}", line=exc.lineno, column=exc.colno
            )
        else:
            problem = msg("not valid JSON")
        raise ValidationFailed.single("file", problem) from None
    if not isinstance(parsed, dict) or parsed.get("format") != FORMAT:
        raise ValidationFailed.single(
            "format", msg("not a FINQR template file (expected {format})", format=repr(FORMAT))
        )
    if parsed.get("format_version") != FORMAT_VERSION:
        raise ValidationFailed.single(
            "format_version",
            msg("this version reads format_version {version}", version=FORMAT_VERSION),
        )
    if name is not None:
        parsed["name"] = name
    design = design_from_data(parsed, extra_keys=FILE_KEYS)
    template, _ = _new_template(session, design)
    logger.info("imported template %r as %s", design.name, template.id)
    return template.id


def _new_template(session: Session, design: Design) -> tuple[TemplateRow, TemplateVersionRow]:
    template = TemplateRow(name=design.name, is_default=False)
    session.add(template)
    session.flush()
    return template, _add_version(session, template, design, 1)


def _add_version(
    session: Session, template: TemplateRow, design: Design, number: int
) -> TemplateVersionRow:
    record = TemplateVersionRow(
        template_id=template.id,
        version=number,
        design=design_to_data(design, with_logo=False),
        logo=design.logo,
        logo_type=(logo_type(design.logo) or "") if design.logo else "",
    )
    session.add(record)
    session.flush()
    audit.record(
        session, audit.TEMPLATE, detail=f"template {template.name!r} saved as version {number}"
    )
    return record


def _newest_version(session: Session, template_id: int) -> TemplateVersionRow | None:
    return session.scalar(
        select(TemplateVersionRow)
        .where(TemplateVersionRow.template_id == template_id)
        .order_by(TemplateVersionRow.version.desc())
        .limit(1)
    )


def _design_of(record: TemplateVersionRow) -> Design:
    return replace(design_from_data(record.design), logo=record.logo)

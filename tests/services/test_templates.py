"""Templates in the ledger: versions that never change, checks, export and import."""

from __future__ import annotations

import datetime as dt
import io
import json
from dataclasses import replace

import pytest
from PIL import Image
from sqlalchemy import func, select

from finqr_desktop.domain.errors import ValidationFailed
from finqr_desktop.domain.templates import BlockConditions, MessageBlock
from finqr_desktop.services import templates
from finqr_desktop.storage.models import TemplateRow, TemplateVersionRow

SVG = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>'


def png_bytes(colour=(29, 53, 87)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def campaign_design():
    block = MessageBlock(
        "Vårkampanj",
        "**20 %** på service i april. [Läs mer](https://exempel.se/var)",
        slot="top_banner",
        conditions=BlockConditions(
            kinds=frozenset({"invoice", "reminder_1"}),
            tags=frozenset({"vip", "bygg"}),
            languages=frozenset({"sv"}),
            valid_from=dt.date(2026, 4, 1),
            valid_until=dt.date(2026, 4, 30),
        ),
    )
    return replace(
        templates.default_design(),
        name="Kampanj",
        primary="#7A1F3D",
        font_family="serif",
        margin_left=25.5,
        logo=png_bytes(),
        logo_position="right",
        opening_hours="Mån–fre 8–17\nLör 10–14",
        blocks=(
            MessageBlock("Tack för att du handlar hos oss", "Hör av dig!"),
            MessageBlock("Thank you", "Get in touch.", slot="footer"),
            block,
        ),
    )


def counts(session) -> tuple[int, int]:
    return (
        session.scalar(select(func.count()).select_from(TemplateRow)),
        session.scalar(select(func.count()).select_from(TemplateVersionRow)),
    )


def test_a_ledger_gets_one_default_template(database):
    with database.writing() as session:
        first = templates.ensure_default_template(session)
        again = templates.ensure_default_template(session)
        version_id, design = templates.current_design(session)
        summaries = templates.list_templates(session)
        assert templates.default_version_id(session) == version_id
    assert first.id == again.id
    assert design == templates.default_design() and design.logo is None
    assert [(s.name, s.is_default, s.version) for s in summaries] == [("Standard", True, 1)]


def test_saving_adds_a_version_and_leaves_the_old_one_alone(database):
    with database.writing() as session:
        template_id = templates.ensure_default_template(session).id
        first_id, first = templates.current_design(session)
        second_id = templates.save_design(session, template_id, campaign_design())
        same_id = templates.save_design(session, template_id, campaign_design())
        assert templates.version_design(session, first_id) == first
        assert templates.current_design(session) == (second_id, campaign_design())
        assert [s.version for s in templates.list_templates(session)] == [2]
        assert templates.list_templates(session)[0].name == "Kampanj"
        stored = session.get(TemplateVersionRow, second_id)
        assert stored.logo == campaign_design().logo and stored.logo_type == "png"
        assert "logo" not in stored.design
        assert stored.design["blocks"][2]["conditions"]["tags"] == ["bygg", "vip"]
        assert stored.design["blocks"][2]["conditions"]["valid_from"] == "2026-04-01"
    assert same_id == second_id != first_id


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"primary": "blue"}, "primary"),
        ({"accent": "#12345"}, "accent"),
        ({"paper": "A5"}, "paper"),
        ({"margin_top": 2.0}, "margin_top"),
        ({"logo": b"GIF89a not allowed"}, "logo"),
        ({"logo": b"\x89PNG\r\n\x1a\n" + bytes(2 * 1024 * 1024)}, "logo"),
        ({"blocks": (MessageBlock("Hej", "", slot="sidebar"),)}, "blocks[0].slot"),
        ({"opening_hours": "9\x1b[31m–17"}, "opening_hours"),
    ],
)
def test_a_design_that_cannot_print_is_refused_by_field(database, change, field):
    with database.writing() as session:
        template_id = templates.ensure_default_template(session).id
        before = counts(session)
        with pytest.raises(ValidationFailed) as refused:
            templates.save_design(
                session, template_id, replace(templates.default_design(), **change)
            )
        assert counts(session) == before
    assert field in [problem.field for problem in refused.value.problems]


def test_svg_and_jpeg_logos_are_accepted(database):
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8)).save(buffer, format="JPEG")
    with database.writing() as session:
        for logo, kind in ((SVG, "svg"), (buffer.getvalue(), "jpeg")):
            version_id = templates.save_design(
                session, None, replace(campaign_design(), logo=logo)
            )
            assert session.get(TemplateVersionRow, version_id).logo_type == kind


def test_export_then_import_gives_the_same_design(database):
    with database.writing() as session:
        template_id = templates.ensure_default_template(session).id
        templates.save_design(session, template_id, campaign_design())
        exported = templates.export_template(session, template_id)
        imported_id = templates.import_template(session, exported)
        renamed_id = templates.import_template(session, exported, name="Kopia")
        _, imported = templates.current_design(session, imported_id)
        _, renamed = templates.current_design(session, renamed_id)
        names = [s.name for s in templates.list_templates(session)]
    assert imported == campaign_design()
    assert imported.logo == png_bytes()
    assert renamed == replace(campaign_design(), name="Kopia")
    assert names == ["Kampanj", "Kampanj", "Kopia"]
    assert json.loads(exported)["format"] == "finqr-template"


def exported_data(database) -> dict:
    with database.writing() as session:
        template_id = templates.save_design(session, None, campaign_design())
        template_id = session.get(TemplateVersionRow, template_id).template_id
        return json.loads(templates.export_template(session, template_id))


@pytest.mark.parametrize(
    ("breakage", "field"),
    [
        (lambda d: d.update(primary="#GGGGGG"), "primary"),
        (lambda d: d["blocks"][0].update(slot="sidebar"), "blocks[0].slot"),
        (
            lambda d: d["blocks"][2]["conditions"].update(valid_from="1 april"),
            "blocks[2].valid_from",
        ),
        (lambda d: d["blocks"][1]["conditions"].update(kinds=["offer"]), "blocks[1].kinds"),
        (lambda d: d.update(logo="R0lGODlhAQABAAAAACw="), "logo"),  # a GIF
        (lambda d: d.update(logo="not base64!"), "logo"),
        (lambda d: d.update(margin_top="14"), "margin_top"),
        (lambda d: d.update(colour="#FFFFFF"), "colour"),
        (lambda d: d.update(format="something-else"), "format"),
    ],
)
def test_a_broken_file_is_refused_whole(database, breakage, field):
    data = exported_data(database)
    breakage(data)
    with database.writing() as session:
        before = counts(session)
        with pytest.raises(ValidationFailed) as refused:
            templates.import_template(session, json.dumps(data).encode())
        assert counts(session) == before
    assert field in [problem.field for problem in refused.value.problems]


@pytest.mark.parametrize("content", [b"{not json", b"\xff\xfe\x00", b"[1, 2]", b""])
def test_a_file_that_is_no_template_is_refused(database, content):
    with database.writing() as session, pytest.raises(ValidationFailed) as refused:
        templates.import_template(session, content)
    assert refused.value.problems[0].field in ("file", "format")


@pytest.mark.parametrize(
    ("logo", "message"),
    [
        (png_bytes()[:45], "cannot be read"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><image href="logo.png"/></svg>', "refers to"),
    ],
)
def test_a_logo_that_would_print_empty_is_refused(database, logo, message):
    with database.writing() as session, pytest.raises(ValidationFailed, match=message):
        templates.save_design(session, None, replace(campaign_design(), logo=logo))


def test_block_languages_must_be_codes(database):
    block = MessageBlock("Hej", "x", conditions=BlockConditions(languages=frozenset({"english"})))
    with database.writing() as session, pytest.raises(ValidationFailed, match="languages"):
        templates.save_design(session, None, replace(campaign_design(), blocks=(block,)))

"""Template designs: their checks, and which message blocks a document gets."""

import datetime as dt

from finqr_desktop.domain.templates import (
    BlockConditions,
    Design,
    MessageBlock,
    blocks_for,
    check_design,
)

DAY = dt.date(2026, 3, 1)


def test_the_default_design_is_printable():
    assert check_design(Design()) == []


def test_problems_name_their_field():
    design = Design(
        name=" ",
        primary="blue",
        paper="A5",
        margin_left=2,
        blocks=(
            MessageBlock("", "", "sidebar"),
            MessageBlock(
                "x",
                "y",
                conditions=BlockConditions(
                    kinds=frozenset({"offer"}),
                    valid_from=dt.date(2026, 2, 1),
                    valid_until=dt.date(2026, 1, 1),
                ),
            ),
        ),
    )
    fields = {name for name, _ in check_design(design)}
    assert fields == {
        "name",
        "primary",
        "paper",
        "margin_left",
        "blocks[0].slot",
        "blocks[0]",
        "blocks[1].kinds",
        "blocks[1].valid_until",
    }


def test_blocks_for_keeps_slots_and_order():
    first = MessageBlock("A", "a", "footer")
    second = MessageBlock("B", "b", "footer", BlockConditions(tags=frozenset({"vip"})))
    third = MessageBlock("C", "c", "top_banner", BlockConditions(valid_until=dt.date(2026, 3, 1)))
    design = Design(blocks=(first, second, third))
    chosen = blocks_for(design, kind="invoice", tags={"vip"}, language="sv", day=DAY)
    assert chosen["footer"] == (first, second) and chosen["top_banner"] == (third,)
    later = blocks_for(design, kind="invoice", tags=set(), language="sv", day=DAY.replace(day=2))
    assert later["footer"] == (first,) and later["top_banner"] == ()
    assert set(later) == {"top_banner", "above_lines", "below_totals", "footer"}

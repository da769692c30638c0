"""A reminder says which invoice is late, what is due now and how to pay exactly that."""

from decimal import Decimal as D

from finqr_desktop.documents.invoice_pdf import payment_request, render_document
from finqr_desktop.documents.sample import sample_reminder
from finqr_desktop.domain.payment_qr import payment_qr_for

from .reading import all_text, flat, qr_codes


def test_the_reminder_names_the_late_invoice_and_what_is_due_now():
    text = flat(all_text(render_document(sample_reminder())))
    for expected in (
        "Betalningspåminnelse",
        "Förfallen faktura 2024001 av 2026-01-05",
        "Förföll 2026-02-04",
        "Vi har ännu inte fått betalt för faktura 2024001 av 2026-01-05",
        "Fakturabelopp 37 496,00 kr",
        "Kvar att betala på fakturan 17 496,00 kr",
        "Påminnelseavgift 60,00 kr",
        "Dröjsmålsränta 42,17 kr",
        "11 % per år, 2026-02-05–2026-02-12",
        "Att betala nu 17 598,17 kr",
        "Förfallodatum 2026-02-22",
    ):
        assert expected in text, expected


def test_the_qr_code_asks_for_the_amount_due_now():
    data = sample_reminder()
    expected = payment_qr_for(payment_request(data))
    assert expected is not None and '"due":17598.17' in expected.payload
    assert '"ddt":"20260222"' in expected.payload and '"iref":"202400198"' in expected.payload
    assert [code.text for code in qr_codes(render_document(data))] == [expected.payload]


def test_without_fee_or_interest_those_rows_are_left_out():
    data = sample_reminder()
    late = data.reminder.__class__(**{**data.reminder.__dict__, "fee": D(0), "interest": D(0)})
    text = all_text(render_document(sample_reminder(reminder=late)))
    assert "Påminnelseavgift" not in text and "Dröjsmålsränta" not in text
    assert "Att betala nu 17 496,00 kr" in flat(text)


def test_a_second_reminder_in_english_says_so():
    text = flat(all_text(render_document(sample_reminder(2, language="en"))))
    assert "Reminder 2" in text
    assert "This is reminder number 2. Please pay SEK 17,598.17 by 22 Feb 2026" in text
    assert "Overdue invoice 2024001 of 5 Jan 2026" in text
    assert "Late-payment interest SEK 42.17" in text


def test_a_reminder_renders_the_same_bytes_twice():
    assert render_document(sample_reminder()) == render_document(sample_reminder())


def test_the_business_compensation_is_shown_apart_from_the_reminder_fee():
    data = sample_reminder()
    late = data.reminder.__class__(
        **{**data.reminder.__dict__, "fee": D(0), "compensation": D(450), "interest": D(0)}
    )
    text = flat(all_text(render_document(sample_reminder(reminder=late))))
    assert "Påminnelseavgift" not in text
    assert "Förseningsersättning 450,00 kr" in text
    assert "4 a § lagen (1981:739) om ersättning för inkassokostnader" in text
    assert "Att betala nu 17 946,00 kr" in text

"""Identifiers against the worked examples and negative cases of DOMAIN.md 1, 2 and 4.2."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from finqr_desktop.domain.identifiers import (
    IdentifierError,
    format_bankgiro,
    format_iban,
    format_plusgiro,
    format_rf_reference,
    is_luhn_valid,
    luhn_check_digit,
    make_ocr,
    make_rf_reference,
    normalise_bankgiro,
    normalise_bic,
    normalise_iban,
    normalise_orgnr,
    normalise_plusgiro,
    normalise_se_vat,
    normalise_vat_number,
    validate_ocr,
    validate_rf_reference,
)
from finqr_desktop.domain.parties import Customer, normalise_customer

digit_strings = st.text(alphabet="0123456789", min_size=1, max_size=23)


# --- Luhn -------------------------------------------------------------------------------


def test_luhn_check_digit_hand_calculation():
    # DOMAIN.md 1.2 #2: body 1235 -> sum 9 -> check digit 1.
    assert luhn_check_digit("1235") == "1"
    assert luhn_check_digit("123") == "0"


@pytest.mark.parametrize("body", ["", "12a", "١٢", "12 3"])
def test_luhn_check_digit_refuses_non_digits(body):
    with pytest.raises(IdentifierError):
        luhn_check_digit(body)


@pytest.mark.parametrize(
    ("number", "valid"),
    [("1230", True), ("1231", False), ("54029681", True), ("", False), ("12a0", False)],
)
def test_is_luhn_valid(number, valid):
    assert is_luhn_valid(number) is valid


@given(digit_strings)
def test_appending_the_check_digit_makes_a_valid_number(body):
    assert is_luhn_valid(body + luhn_check_digit(body))


@given(digit_strings, st.data())
def test_luhn_catches_every_single_digit_error(body, data):
    number = body + luhn_check_digit(body)
    position = data.draw(st.integers(0, len(number) - 1))
    wrong = data.draw(st.sampled_from([d for d in "0123456789" if d != number[position]]))
    assert not is_luhn_valid(number[:position] + wrong + number[position + 1 :])


# --- OCR ----------------------------------------------------------------------------------

WORKED_EXAMPLES = [
    ("123", False, "1230"),
    ("123", True, "12351"),
    ("1234567890", True, "123456789023"),
    ("2024001", True, "202400198"),
    ("10042", True, "1004274"),
    ("12345", False, "123455"),
    ("55001234567", True, "5500123456737"),
    ("9", False, "91"),
]


@pytest.mark.parametrize(("base", "length_digit", "ocr"), WORKED_EXAMPLES)
def test_make_ocr_worked_examples(base, length_digit, ocr):
    assert make_ocr(base, length_digit=length_digit) == ocr


@pytest.mark.parametrize(("base", "length_digit", "ocr"), WORKED_EXAMPLES)
def test_worked_examples_validate(base, length_digit, ocr):
    assert validate_ocr(ocr, level=1) == ocr
    assert validate_ocr(ocr, level=2) == ocr
    if length_digit:
        assert validate_ocr(ocr, level=3) == ocr


def test_make_ocr_drops_non_digits_of_an_invoice_number():
    assert make_ocr("2026-0042", length_digit=False) == "202600425"
    assert make_ocr("2026-0042") == "2026004206"


def test_make_ocr_defaults_to_a_length_digit():
    assert make_ocr("123") == "12351"


def test_make_ocr_keeps_leading_zeros():
    assert make_ocr("0042", length_digit=False) == "00422"


def test_make_ocr_fixed_length_pads_the_base_on_the_left():
    ocr = make_ocr("42", fixed_length=10)
    assert ocr == "0000004200"
    assert validate_ocr(ocr, level=4, fixed_lengths={10}) == ocr
    assert make_ocr("123", length_digit=False, fixed_length=6) == "001230"


def test_make_ocr_fixed_length_too_short_for_the_base():
    with pytest.raises(IdentifierError, match="do not fit"):
        make_ocr("12345678", fixed_length=8)


@pytest.mark.parametrize("fixed_length", [1, 26, 0, True])
def test_make_ocr_refuses_impossible_fixed_lengths(fixed_length):
    with pytest.raises(IdentifierError):
        make_ocr("1", fixed_length=fixed_length)


def test_make_ocr_longest_and_too_long():
    assert len(make_ocr("1" * 23)) == 25
    assert len(make_ocr("1" * 24, length_digit=False)) == 25
    with pytest.raises(IdentifierError, match="26 digits"):
        make_ocr("1" * 24)


@pytest.mark.parametrize("base", ["", "abc", "-"])
def test_make_ocr_needs_digits(base):
    with pytest.raises(IdentifierError, match="no digits"):
        make_ocr(base)


@given(digit_strings.filter(lambda s: len(s) <= 22), st.booleans())
def test_made_ocr_always_validates(base, length_digit):
    ocr = make_ocr(base, length_digit=length_digit)
    assert ocr.startswith(base)
    assert len(ocr) == len(base) + (2 if length_digit else 1)
    assert validate_ocr(ocr, level=1) == ocr
    if length_digit:
        assert validate_ocr(ocr, level=3) == ocr


@given(st.integers(0, 10**15), st.integers(3, 25))
def test_fixed_length_ocr_has_exactly_that_length(number, fixed_length):
    base = str(number)
    if len(base) > fixed_length - 2:
        with pytest.raises(IdentifierError):
            make_ocr(base, fixed_length=fixed_length)
        return
    ocr = make_ocr(base, fixed_length=fixed_length)
    assert len(ocr) == fixed_length
    assert validate_ocr(ocr, level=3) == ocr
    assert int(ocr[:-2]) == number


def test_validate_ocr_tolerates_spaces_and_hyphens():
    assert validate_ocr(" 1234 5678-9023 ", level=3) == "123456789023"
    assert validate_ocr("2026\u00a00042\u201306") == "2026004206"


@pytest.mark.parametrize("text", ["1231", "12352", "123456789013"])
def test_validate_ocr_negative_examples_have_a_wrong_check_digit(text):
    with pytest.raises(IdentifierError) as caught:
        validate_ocr(text, level=1)
    assert str(caught.value) == f"OCR number {text}: the check digit is wrong"


def test_level_3_checks_the_length_digit():
    # 1230 is a correct check-digit-only OCR (example #1) but has no length digit.
    assert validate_ocr("1230", level=2) == "1230"
    with pytest.raises(IdentifierError, match="length digit is wrong"):
        validate_ocr("1230", level=3)


def test_level_3_reports_a_wrong_check_digit_when_the_length_digit_is_right():
    with pytest.raises(IdentifierError, match="check digit is wrong"):
        validate_ocr("12352", level=3)


def test_level_4_checks_the_agreed_lengths():
    assert validate_ocr("202400198", level=4, fixed_lengths=(9, 12)) == "202400198"
    with pytest.raises(IdentifierError, match="has 9 digits but must have 10 or 12"):
        validate_ocr("202400198", level=4, fixed_lengths=(12, 10))
    with pytest.raises(ValueError, match="fixed length"):
        validate_ocr("202400198", level=4)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("12a51", "OCR number 12a51: 'a' is not allowed, use only digits"),
        ("1", "OCR number 1: too short, an OCR number has at least 2 digits"),
        ("1" * 26, f"OCR number {'1' * 26}: too long (26 digits), an OCR number has at most 25"),
        ("", "OCR number: nothing was entered"),
        ("  - ", "OCR number: nothing was entered"),
    ],
)
def test_validate_ocr_says_what_is_wrong(text, message):
    with pytest.raises(IdentifierError) as caught:
        validate_ocr(text)
    assert str(caught.value) == message


def test_identifier_error_is_a_value_error():
    assert issubclass(IdentifierError, ValueError)


@pytest.mark.parametrize("level", [0, 5, "1"])
def test_validate_ocr_refuses_unknown_levels(level):
    with pytest.raises(ValueError, match="control level"):
        validate_ocr("1230", level=level)


def test_validate_ocr_wants_text():
    with pytest.raises(TypeError):
        validate_ocr(1230)


# --- Bankgiro and Plusgiro -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "digits", "shown"),
    [
        ("5402-9681", "54029681", "5402-9681"),
        (" 5402 9681 ", "54029681", "5402-9681"),
        ("5402\u20139681", "54029681", "5402-9681"),
        ("991-2346", "9912346", "991-2346"),
        ("9912346", "9912346", "991-2346"),
    ],
)
def test_bankgiro(text, digits, shown):
    assert normalise_bankgiro(text) == digits
    assert format_bankgiro(text) == shown


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("5402-9682", "Bankgiro 5402-9682: the check digit is wrong"),
        ("991-2345", "Bankgiro 991-2345: the check digit is wrong"),
        ("12-3456", "Bankgiro 12-3456: a bankgiro number has 7 or 8 digits, this has 6"),
        ("123456789", "Bankgiro 123456789: a bankgiro number has 7 or 8 digits, this has 9"),
        ("BG 5402-9681", "Bankgiro BG 5402-9681: 'B' is not allowed, use only digits"),
        ("", "Bankgiro: nothing was entered"),
    ],
)
def test_bankgiro_errors(text, message):
    with pytest.raises(IdentifierError) as caught:
        normalise_bankgiro(text)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("text", "digits", "shown"),
    [
        ("45674", "45674", "4567-4"),
        ("4567-4", "45674", "4567-4"),
        ("1760990", "1760990", "17 60 99-0"),
        ("17 60 99-0", "1760990", "17 60 99-0"),
        ("18", "18", "1-8"),
        # 8 digits: the lone leading digit joins the first pair.
        ("12345674", "12345674", "123 45 67-4"),
    ],
)
def test_plusgiro(text, digits, shown):
    assert is_luhn_valid(digits)
    assert normalise_plusgiro(text) == digits
    assert format_plusgiro(text) == shown


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("4567-5", "Plusgiro 4567-5: the check digit is wrong"),
        ("17 60 99-1", "Plusgiro 17 60 99-1: the check digit is wrong"),
        ("1", "Plusgiro 1: a plusgiro number has 2 to 8 digits, this has 1"),
        ("123456782", "Plusgiro 123456782: a plusgiro number has 2 to 8 digits, this has 9"),
    ],
)
def test_plusgiro_errors(text, message):
    with pytest.raises(IdentifierError) as caught:
        normalise_plusgiro(text)
    assert str(caught.value) == message


# --- Organisation and VAT numbers ------------------------------------------------------


@pytest.mark.parametrize("text", ["5560125790", "556012-5790", " 556012 5790 "])
def test_orgnr(text):
    assert normalise_orgnr(text) == "556012-5790"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("556012-5791", "Organisation number 556012-5791: the check digit is wrong"),
        ("556012-579", "Organisation number 556012-579: it must have 10 digits, this has 9"),
        ("55601A-5790", "Organisation number 55601A-5790: 'A' is not allowed, use only digits"),
    ],
)
def test_orgnr_errors(text, message):
    with pytest.raises(IdentifierError) as caught:
        normalise_orgnr(text)
    assert str(caught.value) == message


@pytest.mark.parametrize("text", ["SE556012579001", "se 5560 1257 9001", "556012579001"])
def test_se_vat(text):
    assert normalise_se_vat(text) == "SE556012579001"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "556012-5790",
            "Swedish VAT number 556012-5790: this is an organisation number; "
            "the VAT number is SE556012579001",
        ),
        ("SE556012579002", "Swedish VAT number SE556012579002: it must end in 01"),
        (
            "SE556012579101",
            "Swedish VAT number SE556012579101: "
            "the check digit of the organisation number part is wrong",
        ),
        (
            "SE55601257901",
            "Swedish VAT number SE55601257901: it must be SE followed by 12 digits, this has 11",
        ),
        ("DE136695976", "Swedish VAT number DE136695976: it must be SE followed by 12 digits"),
    ],
)
def test_se_vat_errors(text, message):
    with pytest.raises(IdentifierError) as caught:
        normalise_se_vat(text)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        ("SE556012579001", "SE", "SE556012579001"),
        ("DE 136 695 976", "DE", "DE136695976"),
        ("136695976", "de", "DE136695976"),
        ("FR 40 303 265 045", "FR", "FR40303265045"),
        ("094259216", "GR", "EL094259216"),
        ("GR094259216", "GR", "EL094259216"),
        ("EL094259216", "GR", "EL094259216"),
        ("NO 995 525 828 MVA", "NO", "NO995525828MVA"),
        ("GB 980 7806 84", "GB", "GB980780684"),
        ("XI 980 7806 84", "GB", "XI980780684"),
    ],
)
def test_vat_numbers(text, country, expected):
    assert normalise_vat_number(text, country) == expected


@pytest.mark.parametrize(
    ("text", "country", "message"),
    [
        ("DE136695977", "DE", "VAT number DE136695977: the check digit is wrong"),
        (
            "FR40303265045",
            "DE",
            "VAT number FR40303265045: it starts with FR, "
            "but a VAT number from Germany starts with DE",
        ),
        (
            "12-3456789",
            "US",
            "VAT number 12-3456789: VAT numbers from United States cannot be checked",
        ),
        ("", "DE", "VAT number: nothing was entered"),
    ],
)
def test_vat_number_errors(text, country, message):
    with pytest.raises(IdentifierError) as caught:
        normalise_vat_number(text, country)
    assert str(caught.value) == message


def test_vat_number_needs_a_country_code():
    with pytest.raises(ValueError, match="country code"):
        normalise_vat_number("DE136695976", "Germany")


# --- IBAN and BIC -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "SE45 5000 0000 0583 9825 7466",
        "se4550000000058398257466",
        " SE45-5000-0000-0583-9825-7466",
    ],
)
def test_iban(text):
    assert normalise_iban(text) == "SE4550000000058398257466"
    assert format_iban(text) == "SE45 5000 0000 0583 9825 7466"


def test_iban_other_country():
    assert normalise_iban("DE89 3704 0044 0532 0130 00") == "DE89370400440532013000"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("SE45 5000 0000 0583 9825 7467", "the check digits are wrong"),
        ("SE46 5000 0000 0583 9825 7466", "the check digits are wrong"),
        ("SE45 5000 0000 0583 9825 746", "an IBAN from Sweden has 24 characters, this has 23"),
        ("XX45 5000 0000 0583 9825 7466", "XX is not a country that uses IBAN"),
        ("5000 0000 0583 9825 7466", "it must start with a country code and two check digits"),
        ("SE45 5000 0000 0583 9825 746Ä", "it may contain only letters and digits"),
    ],
)
def test_iban_errors(text, message):
    with pytest.raises(IdentifierError) as caught:
        normalise_iban(text)
    assert str(caught.value).startswith(f"IBAN {text.strip()}: {message}")


def test_iban_with_letters_where_sweden_has_digits():
    # A correct mod-97 checksum does not make a Swedish IBAN with letters in the BBAN valid.
    from stdnum.iban import calc_check_digits

    body = "5000000005839825746A"
    number = "SE" + calc_check_digits("SE00" + body) + body
    with pytest.raises(IdentifierError, match="not in the format used in Sweden"):
        normalise_iban(number)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("swedsess", "SWEDSESS"), ("ESSE SE SS", "ESSESESS"), ("HANDSESSXXX", "HANDSESSXXX")],
)
def test_bic(text, expected):
    assert normalise_bic(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("SWEDSES", "BIC SWEDSES: a BIC has 8 or 11 characters, this has 7"),
        ("SWEDXXSS", "BIC SWEDXXSS: XX is not a country code"),
        ("SWE1SESS", "BIC SWE1SESS: it must be 4 letters for the bank"),
    ],
)
def test_bic_errors(text, message):
    with pytest.raises(IdentifierError) as caught:
        normalise_bic(text)
    assert str(caught.value).startswith(message)


# --- RF creditor reference ---------------------------------------------------------------


def test_make_rf_reference_worked_example():
    assert make_rf_reference("2024001") == "RF312024001"
    assert make_rf_reference("5390 0754 7034") == "RF18539007547034"


def test_rf_reference_keeps_letters_and_drops_separators():
    reference = make_rf_reference("inv-2026/0042")
    assert reference[4:] == "INV20260042"
    assert validate_rf_reference(reference) == reference


@pytest.mark.parametrize(
    "text", ["RF18539007547034", "RF18 5390 0754 7034", "rf18 5390 0754 7034", "RF312024001"]
)
def test_validate_rf_reference(text):
    assert validate_rf_reference(text) == text.replace(" ", "").upper()


def test_format_rf_reference():
    assert format_rf_reference("RF18539007547034") == "RF18 5390 0754 7034"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("RF17 5390 0754 7034", "the check digits are wrong"),
        ("RF322024001", "the check digits are wrong"),
        ("18539007547034", "it must start with RF"),
        ("RFAB2024001", "RF must be followed by two check digits"),
        ("RF31", "the reference after the check digits is missing"),
        ("RF31 2024 001Å", "it may contain only letters and digits"),
        ("RF00" + "1" * 22, "too long"),
    ],
)
def test_rf_reference_errors(text, message):
    with pytest.raises(IdentifierError) as caught:
        validate_rf_reference(text)
    assert str(caught.value).startswith(f"RF reference {text}: {message}")


@pytest.mark.parametrize("base", ["", "ÅÄÖ123", "1" * 22])
def test_make_rf_reference_refuses_bad_bases(base):
    with pytest.raises(IdentifierError):
        make_rf_reference(base)


@given(st.text(alphabet="0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=21))
def test_made_rf_references_validate(base):
    reference = make_rf_reference(base)
    assert reference[4:] == base
    assert validate_rf_reference(reference) == reference
    assert validate_rf_reference(format_rf_reference(reference)) == reference


@pytest.mark.parametrize(
    "value, reason",
    [
        ('"Berg, Åsa" <asa.berg@example.com>', "give the bare address"),
        ("åsa@exempel.se", "letters outside A–Z before the @"),
        ("asa.berg@", "no valid domain"),
        ("asa.berg", "it needs name@domain"),
        ("a b@example.com", "a bad character"),
    ],
)
def test_an_address_the_sender_would_refuse_is_refused_when_saved(value, reason):
    customer = Customer(number="9", name="Åsa Berg", emails=[value])
    (problem,) = normalise_customer(customer)
    assert problem.field == "emails[0]"
    assert reason in problem.message


def test_an_international_domain_is_accepted_and_kept_as_typed():
    customer = Customer(number="9", name="Åsa Berg", emails=[" asa@åkesson.se "])
    assert normalise_customer(customer) == []
    assert customer.emails == ["asa@åkesson.se"]


def test_a_name_that_is_an_encoded_header_word_is_refused():
    # Decoded by the recipient's mail program it would read "Bcc: evil@x.se".
    customer = Customer(number="9", name="=?utf-8?b?QmNjOiBldmlsQHguc2U=?=", emails=["a@b.se"])
    (problem,) = normalise_customer(customer)
    assert problem.field == "name" and "encoded e-mail word" in problem.message
    assert normalise_customer(Customer(number="9", name="Frågor? =Svar AB")) == []

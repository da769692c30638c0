"""camt files written by the tests: batches, reversals, references, totals and refusals."""

from __future__ import annotations

from decimal import Decimal

import pytest

from finqr_desktop.banking import BankFileError, PaymentKind, read_bank_file
from finqr_desktop.domain.payment_matching import ReferenceKind

from .camt_builder import Ntry, Tx, camt


def _refused(data: bytes) -> BankFileError:
    with pytest.raises(BankFileError) as caught:
        read_bank_file(data)
    return caught.value


def _batch() -> Ntry:
    return Ntry(
        "1500.00",
        batch_count=2,
        batch_total="1500.00",
        transactions=[
            Tx("1000.00", ocr="1230", bank_ref="BANK-1"),
            Tx("500.00", message="Faktura 2026-0042", payer="Olles Färg AB", bank_ref="BANK-2"),
        ],
    )


@pytest.mark.parametrize("message", ["053", "054"])
@pytest.mark.parametrize("version", range(2, 9))
def test_a_batched_credit_gives_one_payment_per_transaction_in_every_version(message, version):
    bank_file = read_bank_file(camt([_batch()], message=message, version=version))

    first, second = bank_file.payments
    assert (first.amount, first.currency) == (Decimal("1000.00"), "SEK")
    assert [(r.kind, r.value) for r in first.references] == [(ReferenceKind.OCR, "1230")]
    assert first.payer.name == "Kalles Plåt AB"
    assert first.identity == "camt:9912346:BANK-1"
    assert second.message == "Faktura 2026-0042"
    assert second.payer.name == "Olles Färg AB"
    assert bank_file.reports[0].total == Decimal("1500.00")
    assert bank_file.reports[0].account == "9912346"


def test_without_bank_references_a_batch_is_identified_by_the_entry_and_position():
    entry = _batch()
    for tx in entry.transactions:
        tx.bank_ref = ""

    identities = [p.identity for p in read_bank_file(camt([entry])).payments]

    assert identities == ["camt:9912346:REF1/1", "camt:9912346:REF1/2"]


def test_the_same_file_read_twice_gives_the_same_identities():
    entry = Ntry("100.00", ref="", transactions=[Tx(message="a gift")])
    first = read_bank_file(camt([entry, entry]))
    again = read_bank_file(camt([entry, entry]))

    identities = [p.identity for p in first.payments]
    assert identities == [p.identity for p in again.payments]
    assert identities[1] == identities[0] + "#2"


def test_rf_references_and_referred_invoice_numbers_are_kept_apart():
    entry = Ntry("10.00", transactions=[Tx(ocr="RF18 5390 0754 7034", invoice_number="2026-0042")])

    (payment,) = read_bank_file(camt([entry])).payments

    assert [(r.kind, r.value) for r in payment.references] == [
        (ReferenceKind.RF, "RF18 5390 0754 7034"),
        (ReferenceKind.INVOICE_NUMBER, "2026-0042"),
    ]


def test_a_proprietary_reference_type_is_free_text():
    entry = Ntry(
        "10.00", transactions=[Tx(ocr="210000000003139471430009017", reference_type="QRR")]
    )

    (payment,) = read_bank_file(camt([entry])).payments

    assert payment.references[0].kind is ReferenceKind.FREE


def test_a_returned_payment_is_a_negative_reversal_and_plain_debits_are_left_out():
    entries = [
        Ntry("300.00", indicator="DBIT", reversal=True, ref="RET-1", transactions=[Tx()]),
        Ntry("99.00", indicator="DBIT", ref="FEE-1"),
        Ntry("5.00", status="PDNG", ref="PEND-1"),
    ]

    bank_file = read_bank_file(camt(entries))

    (reversal,) = bank_file.payments
    assert reversal.kind is PaymentKind.REVERSAL
    assert reversal.amount == Decimal("-300.00")
    assert reversal.identity == "camt:9912346:reversal:RET-1"
    assert sorted(note.text for note in bank_file.notes) == [
        "1 entry left out: a debit (money paid out)",
        "1 entry left out: not booked (status PDNG)",
    ]


def test_a_summary_that_agrees_with_the_entries_is_accepted():
    summary = (
        "<TxsSummry><TtlNtries><NbOfNtries>2</NbOfNtries><Sum>1600.00</Sum>"
        "<TtlNetNtry><Amt>1400.00</Amt><CdtDbtInd>CRDT</CdtDbtInd></TtlNetNtry></TtlNtries>"
        "<TtlCdtNtries><NbOfNtries>1</NbOfNtries><Sum>1500.00</Sum></TtlCdtNtries>"
        "<TtlDbtNtries><NbOfNtries>1</NbOfNtries><Sum>100.00</Sum></TtlDbtNtries></TxsSummry>"
    )
    entries = [_batch(), Ntry("100.00", indicator="DBIT", ref="FEE")]

    bank_file = read_bank_file(camt(entries, version=4, summary=summary))

    assert bank_file.sums() == {"SEK": Decimal("1500.00")}


@pytest.mark.parametrize(
    ("summary", "reason"),
    [
        (
            "<TtlNtries><NbOfNtries>3</NbOfNtries></TtlNtries>",
            "the summary counts 3 entries, the Ntfctn has 1",
        ),
        (
            "<TtlNtries><Sum>1500.01</Sum></TtlNtries>",
            "the summary's Sum is 1500.01, the entries add up to 1500.00",
        ),
        (
            "<TtlNtries><TtlNetNtryAmt>1400</TtlNetNtryAmt><CdtDbtInd>CRDT</CdtDbtInd></TtlNtries>",
            "the summary's net is 1400, the entries add up to 1500.00",
        ),
        (
            "<TtlCdtNtries><NbOfNtries>0</NbOfNtries></TtlCdtNtries>",
            "the summary counts 0 entries, the Ntfctn has 1",
        ),
    ],
)
def test_a_summary_that_disagrees_is_refused_with_its_place(summary, reason):
    data = camt([_batch()], summary=f"<TxsSummry>{summary}</TxsSummry>")

    error = _refused(data)

    assert error.reason == reason
    assert error.line == 10
    assert "Ntfctn[1]/TxsSummry[1]/" in error.path


def test_a_statement_whose_balances_do_not_agree_is_refused():
    accepted = read_bank_file(camt([_batch()], message="053", balances=("100.00", "1600.00")))
    error = _refused(camt([_batch()], message="053", balances=("100.00", "1600.50")))

    assert accepted.sums() == {"SEK": Decimal("1500.00")}
    assert "closing balance is 1600.50 SEK" in error.reason
    assert "give 1600.00" in error.reason
    assert error.path.endswith("Stmt[1]/Bal[2]")


def test_batched_transactions_that_do_not_add_up_are_refused():
    entry = _batch()
    entry.batch_total = None
    entry.transactions[1].amount = "400.00"

    error = _refused(camt([entry]))

    assert "2 transactions add up to 1400.00 SEK, the entry says 1500.00" in error.reason
    assert error.path.endswith("Ntfctn[1]/Ntry[1]")
    assert error.line == 11


def test_a_batch_count_that_disagrees_is_refused():
    entry = _batch()
    entry.batch_count = 3

    error = _refused(camt([entry]))

    assert "the batch says 3 transactions, the entry details hold 2" in error.reason


def test_a_batch_total_that_disagrees_is_refused():
    entry = _batch()
    entry.batch_total = "1400.00"

    error = _refused(camt([entry]))

    assert "the batch total is 1400.00 SEK" in error.reason
    assert error.path.endswith("NtryDtls[1]/Btch[1]")


def test_a_batched_transaction_without_amount_is_refused():
    entry = _batch()
    entry.transactions[0].amount = None

    error = _refused(camt([entry]))

    assert "has no amount" in error.reason
    assert error.path.endswith("TxDtls[1]")


@pytest.mark.parametrize(
    ("amount", "reason"),
    [
        ("-5.00", "not an amount: '-5.00'"),
        ("1e3", "not an amount: '1e3'"),
        ("12,50", "not an amount: '12,50'"),
        ("1.005", "has more than 2 decimals for SEK"),
    ],
)
def test_malformed_amounts_are_refused_at_their_element(amount, reason):
    error = _refused(camt([Ntry(amount)]))

    assert reason in error.reason
    assert error.path == "Document/BkToCstmrDbtCdtNtfctn[1]/Ntfctn[1]/Ntry[1]/Amt[1]"
    assert error.line == 11


def test_an_entry_without_status_is_refused():
    data = camt([Ntry("10.00")]).replace(b"<Sts>BOOK</Sts>", b"")

    error = _refused(data)

    assert "status (Sts) is missing" in error.reason


def test_an_unknown_currency_is_refused():
    error = _refused(camt([Ntry("10.00", currency="QQQ")]))

    assert "QQQ" in error.reason


def test_versions_outside_2_to_8_are_refused():
    error = _refused(camt([Ntry("10.00")], version=9))

    assert error.reason == "camt.054 version 9 is not supported; versions 2 to 8 are"


def test_other_xml_is_refused_naming_its_root():
    data = (
        b'<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"/>'
    )

    error = _refused(data)

    assert "not a camt.053 or camt.054 bank file" in error.reason
    assert "pain.001" in error.reason


def test_xml_that_is_not_well_formed_is_refused_with_its_line():
    data = camt([Ntry("10.00")]).replace(b"</Ntry>", b"</Ntr>")

    error = _refused(data)

    assert error.line == 11
    assert "not well-formed" in error.reason


def test_an_entity_expansion_bomb_is_refused_unexpanded():
    bomb = (
        b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
        b"<Document>&lol3;</Document>"
    )

    error = _refused(bomb)

    assert "refused for safety" in error.reason


def test_an_external_entity_is_refused_and_never_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("do not read me")
    data = (
        f'<?xml version="1.0"?>\n<!DOCTYPE d [<!ENTITY x SYSTEM "file://{secret}">]>'
        "<Document>&x;</Document>"
    ).encode()

    error = _refused(data)

    assert "refused for safety" in error.reason
    assert "do not read me" not in str(error)


def test_a_returned_payment_names_the_customer_from_either_party():
    entry = Ntry("300.00", indicator="DBIT", reversal=True, transactions=[Tx(payer="Kund AB")])

    (reversal,) = read_bank_file(camt([entry])).payments

    # The builder names the customer as debtor, as banks that repeat the original do.
    assert reversal.payer.name == "Kund AB"


def test_a_single_transaction_needs_no_amount_of_its_own():
    entry = Ntry("250.00", batch_count=1, batch_total="250.00", transactions=[Tx(ocr="1230")])

    (payment,) = read_bank_file(camt([entry])).payments

    assert payment.amount == Decimal("250.00")

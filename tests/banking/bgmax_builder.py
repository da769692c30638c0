"""BgMax files written by the tests from the record layouts of DOMAIN.md 3.2."""

from __future__ import annotations

from dataclasses import dataclass, field


def record(*fields: tuple[int, str]) -> str:
    """An 80-character record from (1-based start position, text) pairs."""
    line = [" "] * 80
    for start, text in fields:
        line[start - 1 : start - 1 + len(text)] = text
    assert len(line) == 80, fields
    return "".join(line)


def start(test_mark: str = "P", stamp: str = "20261204093015123456") -> str:
    return record((1, "01"), (3, "BGMAX"), (23, "01"), (25, stamp), (45, test_mark))


def opening(bankgiro: str = "9912346", currency: str = "SEK") -> str:
    return record((1, "05"), (3, bankgiro.zfill(10)), (23, currency))


def transaction(
    code: str,
    ore: int,
    *,
    reference: str = "",
    reference_code: str = "2",
    payer_bankgiro: str = "3783511",
    serial: str = "000000000001",
    channel: str = "1",
    image: str = "0",
    deduction_code: str = "",
) -> str:
    placed = reference.rjust(25) if reference_code == "2" else reference.ljust(25)
    fields = [
        (1, code),
        (3, payer_bankgiro.zfill(10)),
        (13, placed),
        (38, str(ore).zfill(18)),
        (56, reference_code),
        (57, channel),
        (58, serial),
        (70, image),
    ]
    if deduction_code:
        fields.append((71, deduction_code))
    return record(*fields)


def information(text: str) -> str:
    return record((1, "25"), (3, text))


def name(text: str, extra: str = "") -> str:
    return record((1, "26"), (3, text), (38, extra))


def deposit(ore: int, count: int, *, date: str = "20261204", serial: str = "00001") -> str:
    return record(
        (1, "15"),
        (3, "5841000001009823".zfill(35)),
        (38, date),
        (46, serial),
        (51, str(ore).zfill(18)),
        (69, "SEK"),
        (72, str(count).zfill(8)),
    )


def end(payments: int, deductions: int, extras: int, deposits: int) -> str:
    counts = (payments, deductions, extras, deposits)
    return record((1, "70"), *((3 + 8 * i, str(n).zfill(8)) for i, n in enumerate(counts)))


@dataclass
class Payment:
    ore: int
    reference: str = ""
    reference_code: str = "2"
    code: str = "20"
    serial: str = ""
    details: list[str] = field(default_factory=list)


def bgmax_file(
    *deposits: list[Payment], line_end: str = "\r\n", bankgiro: str = "9912346"
) -> bytes:
    """A complete, consistent file: one deposit per list of payments, to ``bankgiro``."""
    lines = [start()]
    counts = {"20": 0, "21": 0, "extra": 0}
    serial = 0
    for number, payments in enumerate(deposits, start=1):
        lines.append(opening(bankgiro))
        total = 0
        for payment in payments:
            serial += 1
            counts[payment.code] += 1
            total += -payment.ore if payment.code == "21" else payment.ore
            lines.append(
                transaction(
                    payment.code,
                    payment.ore,
                    reference=payment.reference,
                    reference_code=payment.reference_code,
                    serial=payment.serial or str(serial).zfill(12),
                    deduction_code="0" if payment.code == "21" else "",
                )
            )
            lines += payment.details
            counts["extra"] += sum(1 for d in payment.details if d[:2] in ("22", "23"))
        lines.append(deposit(total, len(payments), serial=str(number).zfill(5)))
    lines.append(end(counts["20"], counts["21"], counts["extra"], len(deposits)))
    return (line_end.join(lines) + line_end).encode("iso-8859-1")

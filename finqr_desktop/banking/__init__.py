"""Bank files and payment matching (issue 5): BgMax and ISO 20022 camt readers.

``read_bank_file(bytes)`` tells the format from the content and returns a ``BankFile``
(model.py) or raises ``BankFileError`` (errors.py) naming the line and the reason. The
readers do no I/O and know nothing of the ledger; which invoice a payment pays is the
domain's ``payment_matching``.
"""

from .detect import read_bank_file
from .errors import BankFileError
from .model import (
    AccountReport,
    BankFile,
    BankFormat,
    BankPayment,
    BankReference,
    ExchangeRate,
    Note,
    Payer,
    PaymentKind,
    Progress,
)

__all__ = [
    "AccountReport",
    "BankFile",
    "BankFileError",
    "BankFormat",
    "BankPayment",
    "BankReference",
    "ExchangeRate",
    "Note",
    "Payer",
    "PaymentKind",
    "Progress",
    "read_bank_file",
]

"""Personal numbers kept out of logs, crash reports and import messages (issue 17, L2).

Resident ID numbers and mobile numbers are shown masked wherever text leaves the database
for a file a person may mail to IT: the log, an error report. A value is masked by the key it
sits under as well (`id_number`, `phone`), since a mistyped number is still personal data and
no pattern can recognise it.
"""

from __future__ import annotations

import re

# An 18-character resident ID (the 15-digit form before 1999 too) or an 11-digit mobile
# number, standing alone: not inside a longer run of letters or digits (hashes, case numbers).
_ALONE_BEFORE, _ALONE_AFTER = r"(?<![0-9A-Za-z])", r"(?![0-9A-Za-z])"
_ID_NUMBER = re.compile(_ALONE_BEFORE + r"(\d{17}[\dXx]|\d{15})" + _ALONE_AFTER)
_MOBILE = re.compile(_ALONE_BEFORE + r"(1[3-9]\d{9})" + _ALONE_AFTER)

PERSONAL_KEYS = frozenset({"id_number", "phone"})


def mask(value: str) -> str:
    """`110101199001011234` → `110**************4`: enough to find it, not enough to use it."""
    if len(value) <= 4:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 4) + value[-1]


def redact(text: str) -> str:
    """`text` with every ID and mobile number in it masked."""
    text = _ID_NUMBER.sub(lambda m: mask(m.group(1)), text)
    return _MOBILE.sub(lambda m: mask(m.group(1)), text)

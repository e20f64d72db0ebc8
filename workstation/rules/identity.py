"""Check characters of Chinese identity numbers (used by the PARTY checks and the demo).

- 公民身份号码 (GB 11643-1999): 17 digits and an ISO 7064 MOD 11-2 check character.
- 统一社会信用代码 (GB 32100-2015): 17 characters over a 31-symbol alphabet and a MOD 31
  check character; characters 9–17 are the 组织机构代码 (GB 11714-1997), whose ninth
  character is itself a MOD 11 check character.
"""

from __future__ import annotations

from datetime import date

# GB 32100 leaves out I, O, Z, S and V so that codes are not misread.
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_ID_WEIGHTS = tuple(2 ** (17 - i) % 11 for i in range(17))
_ID_CHECK = "10X98765432"


def resident_id_check(first17: str) -> str:
    """The GB 11643 check character (0–9 or X) of the first 17 digits of an ID number."""
    if len(first17) != 17 or not first17.isascii() or not first17.isdigit():
        raise ValueError(f"需要 17 位数字：{first17!r}")
    total = sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def make_resident_id(region: str, birth: date, sequence: int) -> str:
    """An 18-character 居民身份证号码; an odd `sequence` means male, even female."""
    if len(region) != 6 or not region.isdigit() or not 0 <= sequence <= 999:
        raise ValueError(f"行政区划代码或顺序码无效：{region!r} {sequence}")
    first17 = f"{region}{birth:%Y%m%d}{sequence:03d}"
    return first17 + resident_id_check(first17)


def is_valid_resident_id(number: str) -> bool:
    """True for an 18-character ID number with a real birth date and a correct check character."""
    if len(number) != 18 or not number[:17].isascii() or not number[:17].isdigit():
        return False
    try:
        date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    return number[17] == resident_id_check(number[:17])


def birth_date(number: str) -> date:
    """The birth date encoded in a valid 居民身份证号码."""
    return date(int(number[6:10]), int(number[10:12]), int(number[12:14]))


def org_code_check(first8: str) -> str:
    """The GB 11714 check character of the first 8 characters of an 组织机构代码."""
    if len(first8) != 8 or not all(c in USCC_ALPHABET for c in first8):
        raise ValueError(f"组织机构代码本体应为 8 位数字或大写字母：{first8!r}")
    total = sum(int(c, 36) * w for c, w in zip(first8, _ORG_WEIGHTS, strict=True))
    check = 11 - total % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def uscc_check(first17: str) -> str:
    """The GB 32100 check character of the first 17 characters of a 统一社会信用代码."""
    if len(first17) != 17 or not all(c in USCC_ALPHABET for c in first17):
        raise ValueError(f"统一社会信用代码前 17 位含无效字符：{first17!r}")
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def make_uscc(authority: str, category: str, region: str, org_body: str) -> str:
    """A 统一社会信用代码 from its parts; the organisation code's check is computed too.

    `authority` is the registration authority (1 机构编制, 9 市场监管…), `category` the
    type within it (1 机关 or 企业…), `region` the 6-digit division code, `org_body` the
    first 8 characters of the organisation code.
    """
    if len(region) != 6 or not region.isdigit():
        raise ValueError(f"行政区划代码应为 6 位数字：{region!r}")
    first17 = authority + category + region + org_body + org_code_check(org_body)
    return first17 + uscc_check(first17)


def is_valid_uscc(code: str) -> bool:
    """True for an 18-character 统一社会信用代码 whose GB 32100 check character is right."""
    if len(code) != 18 or not all(c in USCC_ALPHABET for c in code):
        return False
    return code[17] == uscc_check(code[:17])

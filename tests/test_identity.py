"""GB 11643 (居民身份证号码) and GB 32100 (统一社会信用代码) check characters."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workstation.rules.identity import (
    USCC_ALPHABET,
    birth_date,
    is_valid_resident_id,
    is_valid_uscc,
    make_resident_id,
    uscc_check,
)


@pytest.mark.parametrize(
    "number", ["11010519491231002X", "440524188001010014", "110101199003074477"]
)
def test_published_resident_id_examples_are_valid(number: str) -> None:
    # The first two are the examples printed in GB 11643-1999 and its annex.
    assert is_valid_resident_id(number)


@pytest.mark.parametrize(
    "number",
    [
        "11010519491231002x",  # the check character must be an upper-case X
        "110105194912310021",  # wrong check digit
        "110105194902300020",  # 30 February
        "11010519491231002",  # 17 characters
        "1101051949123100２X",  # a full-width digit
    ],
)
def test_invalid_resident_ids_are_refused(number: str) -> None:
    assert not is_valid_resident_id(number)


@pytest.mark.parametrize("code", ["91350100M000100Y43", "914403001922038216"])
def test_published_credit_codes_are_valid(code: str) -> None:
    assert is_valid_uscc(code)


def test_credit_code_rejects_letters_outside_the_alphabet() -> None:
    assert not is_valid_uscc("91350100M000100Y4O")
    assert not is_valid_uscc("91350100m000100y43")


birthdays = st.dates(min_value=date(1900, 1, 1), max_value=date(2025, 12, 31))


@given(
    region=st.from_regex(r"[1-8][0-9]{5}", fullmatch=True),
    born=birthdays,
    sequence=st.integers(min_value=0, max_value=999),
)
def test_made_ids_are_valid_and_keep_their_birth_date(
    region: str, born: date, sequence: int
) -> None:
    number = make_resident_id(region, born, sequence)
    assert is_valid_resident_id(number)
    assert birth_date(number) == born


@given(
    region=st.from_regex(r"[1-8][0-9]{5}", fullmatch=True),
    born=birthdays,
    sequence=st.integers(min_value=0, max_value=999),
    position=st.integers(min_value=0, max_value=16),
    digit=st.integers(0, 9),
)
def test_any_single_digit_change_is_caught(
    region: str, born: date, sequence: int, position: int, digit: int
) -> None:
    number = make_resident_id(region, born, sequence)
    changed = number[:position] + str(digit) + number[position + 1 :]
    if changed != number:
        assert not is_valid_resident_id(changed)


codes = st.text(alphabet=USCC_ALPHABET, min_size=17, max_size=17)


@given(
    first17=codes,
    position=st.integers(min_value=0, max_value=16),
    replacement=st.sampled_from(USCC_ALPHABET),
)
def test_any_single_character_change_of_a_credit_code_is_caught(
    first17: str, position: int, replacement: str
) -> None:
    code = first17 + uscc_check(first17)
    assert is_valid_uscc(code)
    changed = code[:position] + replacement + code[position + 1 :]
    if changed != code:
        assert not is_valid_uscc(changed)

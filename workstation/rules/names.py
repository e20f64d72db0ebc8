"""When two written names are the same person's: the one comparison behind recusal (回避) and
every "same person" check.

Names come from case files and from user registration, typed on different machines: a
full-width letter, an invisible zero-width or bidi character, a trailing space or a space
put in to line a two-character name up with three-character ones must not make 赵敏 someone
else. `same_person` compares `name_key`s, never the raw strings.
"""

from __future__ import annotations

import unicodedata

# Marks that change how a name looks (or nothing at all) but not whose it is: variation
# selectors (an ideograph's glyph variant), the combining grapheme joiner, Hangul fillers.
_INVISIBLE_MARKS = frozenset(
    [*map(chr, range(0xFE00, 0xFE10)), *map(chr, range(0xE0100, 0xE01F0))]
    + ["\u034f", "\u115f", "\u1160", "\u3164"]
)
# Control (Cc) and format (Cf) characters: zero-width U+200B–U+200F, bidi embeddings and
# isolates U+202A–U+202E and U+2066–U+2069, U+FEFF, U+2060, soft hyphen, tags…
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf"})
# The dot between the parts of a transliterated name (买买提·艾力), as different keyboards type it.
_NAME_DOTS = str.maketrans(dict.fromkeys("\u2022\u2027\u2219\u22c5\u30fb", "\u00b7"))


def name_key(name: str) -> str:
    """`name` in the form names are compared in: invisible characters dropped, NFKC
    (full-width and compatibility forms folded), no whitespace at all, one kind of middle
    dot, case folded."""
    visible = "".join(c for c in name if not _invisible(c))
    text = "".join(unicodedata.normalize("NFKC", visible).split()).translate(_NAME_DOTS)
    return unicodedata.normalize("NFKC", text.casefold())


def _invisible(char: str) -> bool:
    return char in _INVISIBLE_MARKS or unicodedata.category(char) in _INVISIBLE_CATEGORIES


def same_person(first: str | None, second: str | None) -> bool:
    """Whether two written names name the same person; a name with nothing visible in it
    (None, blank, only invisible characters) names no one."""
    if first is None or second is None:
        return False
    key = name_key(first)
    return bool(key) and key == name_key(second)

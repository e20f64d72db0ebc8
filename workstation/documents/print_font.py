"""The font of a printed page's invisible text layer (no Qt here).

Qt's PDF output writes each embedded glyph's ToUnicode entry as the *lowest* code point
the font maps to that glyph. CJK system fonts (Noto CJK, and on Windows YaHei and the like)
share one glyph between an ideograph and its Kangxi radical (行 and ⾏ U+2F8F, 见 and ⻅
U+2EC5), so text drawn with them comes out of the PDF as radicals and is found by no
search. MuPDF's built-in Droid Sans Fallback has the ideographs and no radicals: every
glyph maps back to the character that was drawn.
"""

from __future__ import annotations

import functools

import pymupdf


@functools.cache
def text_layer_font() -> bytes:
    """The TrueType bytes of a CJK font whose glyphs each map to one character."""
    return bytes(pymupdf.Font("cjk").buffer)

"""Character classes shared by the rules, as regex fragments (for use inside
`[...]`). Kept in one place so every rule agrees on what "Chinese context" is."""

from __future__ import annotations

# Han ideographs, including extension blocks, compatibility ideographs and the
# radical blocks that PDF extraction produces in place of ordinary characters.
HAN = "\u2e80-\u2fdf\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"

# Full-width punctuation of Chinese text (GB/T 15834).
FW_OPEN = "“‘（《〈【〔「『〖"
FW_CLOSE = "”’）》〉】〕」』〗"
FW_PUNCT = "，。、；：？！…—·～" + FW_OPEN + FW_CLOSE

# What counts as Chinese context on either side of a mark.
CJK = HAN + FW_PUNCT

# Horizontal whitespace (never the newline).
HSPACE = " \t\u00a0\u3000\u2002\u2003\u2009\u202f"

# Stands in, in checkable text, for something that is not prose (a code span,
# a URL, an HTML tag): one character so neighbours stay apart.
PLACEHOLDER = "\ufffc"

NUMERALS = "零〇一二三四五六七八九十百千万亿两几第每"

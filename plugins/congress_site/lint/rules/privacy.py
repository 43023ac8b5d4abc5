"""Personal data that must not be published: resident identity card numbers
(GB 11643, check digit verified) and mobile phone numbers, unless the number
is listed as public in content/style/public-phones.txt."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from .. import patterns
from .base import ERROR, Context, Hit

_ID = patterns.compile(r"(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[0-9Xx](?![0-9A-Za-z])")
_MOBILE = patterns.compile(r"(?<![0-9A-Za-z])(?:\+?86[- ]?)?1[3-9]\d(?:[- ]?\d{4}){2}(?![0-9A-Za-z])")
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


def id_check_digit(first17: str) -> str:
    """The GB 11643-1999 check character for the first 17 digits."""
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK[total % 11]


def valid_resident_id(number: str) -> bool:
    if len(number) != 18 or not number[:17].isdigit():
        return False
    try:
        dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    return id_check_digit(number[:17]) == number[17].upper()


def check(ctx: Context) -> Iterator[Hit]:
    text = ctx.text
    for m in _ID.finditer(text):
        if valid_resident_id(m.group()):
            yield Hit(m.start(), m.end(), "personal-id",
                      "疑似公民身份号码（校验位有效），不得公开发布",
                      "删去，或只保留前六位和后四位并用*遮挡中间", None, ERROR)
    allowed = ctx.config.public_phones
    for m in _MOBILE.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        if digits.startswith("86") and len(digits) == 13:
            digits = digits[2:]
        if digits in allowed:
            continue
        yield Hit(m.start(), m.end(), "personal-phone",
                  "疑似个人手机号码，不得公开发布",
                  "删去或改用公开的办公电话；如确为公开号码，加入 content/style/public-phones.txt",
                  None, ERROR)

"""Small formatting helpers the templates use. Free of MkDocs."""

from __future__ import annotations

import datetime as dt
import re


def date_zh(value: dt.date | None) -> str:
    if value is None:
        return ""
    return f"{value.year}年{value.month}月{value.day}日"


def tel_href(number: str) -> str:
    """A tel: link a phone can dial: for a number of a known shape what
    model/phone.py dials (an extension after a pause), else the digits (and
    a leading +) only."""
    from ..model.phone import PhoneError, parse_phone

    try:
        return parse_phone(number).tel
    except PhoneError:
        return "tel:" + re.sub(r"[^0-9+]", "", number)

"""Public telephone numbers of stations: what shapes a mainland number may
take, and the tel: link a phone can dial.

A station publishes an office line or a service number, never a person's
mobile: a mobile in a phone field is refused here (the copy checker's
personal-data rule catches one written anywhere else). The check is of the
number's shape, not of a registry: any area code of the form 0 + two or
three digits passes, so a plainly fictional sample code such as 0123 does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Written forms: 0123-5550100, 0123 5550100, (0123)5550100, 010-88568888-6603,
# 0123-5550100转12, 400-810-1234, 12345, 0123-12345, 96110.
_SEPARATORS = re.compile(r"[\s\u3000]+")
_FIXED = re.compile(r"^(?:\((?P<a1>0[1-9]\d{1,2})\)|（(?P<a2>0[1-9]\d{1,2})）|(?P<a3>0[1-9]\d{1,2})-?)"
                    r"(?P<local>[2-9]\d{6,7})(?:(?:-|转)(?P<ext>\d{1,6}))?$")
_TOLL_FREE = re.compile(r"^(?P<prefix>[48]00)-?(?P<a>\d{3})-?(?P<b>\d{4})$")
# 12345 (government service), 12315, 12348 … and 95xxx/96xxx service lines,
# optionally after the area code they are dialled in.
_HOTLINE = re.compile(r"^(?:(?P<area>0[1-9]\d{1,2})-)?(?P<number>12\d{3}|9[56]\d{3,4})$")
_MOBILE = re.compile(r"^(?:\+?86-?)?1[3-9]\d-?\d{4}-?\d{4}$")


@dataclass(frozen=True)
class Phone:
    kind: str  # 固定电话 / 400 或 800 服务电话 / 服务热线
    display: str  # as the station wrote it, spaces tidied
    dial: str  # digits to dial, "," before an extension

    @property
    def tel(self) -> str:
        """The href of a link a phone can call (RFC 3966 local number)."""
        return "tel:" + self.dial


class PhoneError(ValueError):
    """Why a number is refused: a code (for errors.py) and the number."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def parse_phone(text: str) -> Phone:
    """A public number, or PhoneError("public_phone_mobile" | "public_phone_format")."""
    display = _SEPARATORS.sub(" ", text.strip())
    compact = _SEPARATORS.sub("", display).replace("—", "-").replace("－", "-")
    m = _FIXED.match(compact)
    if m:
        area = m.group("a1") or m.group("a2") or m.group("a3")
        dial = area + m.group("local") + ("," + m.group("ext") if m.group("ext") else "")
        return Phone("固定电话", display, dial)
    m = _TOLL_FREE.match(compact)
    if m:
        return Phone("服务电话", display, m.group("prefix") + m.group("a") + m.group("b"))
    m = _HOTLINE.match(compact)
    if m:
        return Phone("服务热线", display, (m.group("area") or "") + m.group("number"))
    if _MOBILE.match(compact):
        raise PhoneError("public_phone_mobile")
    raise PhoneError("public_phone_format")


def phone_text(value):
    """Before validation: YAML reads 12345 or 01234567 (as octal!) as a
    number, and the digits a station meant are lost; ask for quotes."""
    if isinstance(value, int) and not isinstance(value, bool):
        # A mobile has no leading 0 to lose: say what it is.
        raise PhoneError("public_phone_mobile" if _MOBILE.match(str(value)) else "public_phone_not_text")
    return value


def check_phone(text: str) -> str:
    """For a pydantic validator: the number as written, or a ValueError
    carrying the code errors.py translates."""
    parse_phone(text)
    return _SEPARATORS.sub(" ", text.strip())

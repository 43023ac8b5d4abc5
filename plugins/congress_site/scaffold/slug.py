"""The ASCII short name in a story's file name and URL (/stories/<slug>/).

No pinyin table here: a correspondent may type a slug; otherwise we keep the
ASCII words of the title, and fall back to `story-<hash>`, stable for the
same title and date so a rerun does not invent a second name.
"""

from __future__ import annotations

import hashlib
import re

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_LEN = 60


def valid_slug(value: str) -> bool:
    return bool(SLUG.match(value)) and len(value) <= MAX_LEN


def derive_slug(title: str, date: str = "") -> str:
    words = re.findall(r"[a-z0-9]+", title.lower())
    if words and sum(len(w) for w in words) >= 4:
        slug = "-".join(words)[:MAX_LEN].strip("-")
        if valid_slug(slug):
            return slug
    digest = hashlib.sha1(f"{date}|{title}".encode()).hexdigest()[:6]
    return f"story-{digest}"

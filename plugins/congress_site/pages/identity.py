"""Who publishes the site and how it is registered: the footer (主办单位,
承办单位, contact, ICP备案号, 公安机关备案号, 网站标识码, 党政机关网站标识)
and the demonstration notice, from the plugin options `footer` and
`demo_notice`.

Every item is checked; a bad one is a finding naming the line of mkdocs.yml
and is left out of the footer, so a preview still shows the rest. The
registration numbers are links to the registries' query sites: nothing on a
page is loaded from them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationError, field_validator

from ..findings import Finding
from ..model.errors import translate
from ..model.records import Text
from ..settings import Settings, plugin_option_position

# The one-character names of the provinces, as the 备案 numbers begin.
PROVINCES = "京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川贵云藏陕甘青宁新"
# 8 digits (two of year, six of serial) before 2019, 10 (four of year) since;
# "-N" numbers a second or later site of the same holder.
ICP_NUMBER = re.compile(rf"^[{PROVINCES}]ICP备(?:\d{{8}}|\d{{10}})号(?:-\d{{1,3}})?$")
POLICE_NUMBER = re.compile(rf"^[{PROVINCES}]公网安备(\d{{14}})号$")
SITE_CODE = re.compile(r"^[0-9A-Za-z]{10}$")
POSTCODE = re.compile(r"^\d{6}$")
PHONE = re.compile(r"^(?=.*\d)[0-9()（）+\- ，,、转]{5,40}$")

# The registries' public query pages. MIIT's takes no number in its address;
# the public-security platform opens the record of the number it is given.
MIIT_URL = "https://beian.miit.gov.cn/"
MPS_URL = "https://beian.mps.gov.cn/#/query/webSearch?code={code}"

DEMO_NOTICE = "本站为演示站点，所涉地名、人名、机构和数据均为虚构。"
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg")


def _as_text(value: Any) -> Any:
    # A postcode or site code written without quotes reads as a number.
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


Code = Annotated[str, BeforeValidator(_as_text)]


class Footer(BaseModel):
    """The `footer:` option. Field names are English; values Chinese."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    sponsor: Text | None = None  # 主办单位
    operator: Text | None = None  # 承办单位
    address: Text | None = None
    postcode: Code | None = None
    phone: Code | None = None
    icp: Text | None = None  # ICP备案号
    police: Text | None = None  # 公安机关备案号
    site_code: Code | None = None  # 网站标识码
    # 党政机关网站标识: an image in docs_dir, and the page it links to.
    emblem: Text | None = None
    emblem_link: Text | None = None

    @field_validator("icp")
    @classmethod
    def _icp(cls, value: str | None) -> str | None:
        if value is not None and not ICP_NUMBER.match(value):
            raise ValueError("icp_format")
        return value

    @field_validator("police")
    @classmethod
    def _police(cls, value: str | None) -> str | None:
        if value is not None and not POLICE_NUMBER.match(value):
            raise ValueError("police_format")
        return value

    @field_validator("site_code")
    @classmethod
    def _site_code(cls, value: str | None) -> str | None:
        if value is not None and not SITE_CODE.match(value):
            raise ValueError("site_code_format")
        return value

    @field_validator("postcode")
    @classmethod
    def _postcode(cls, value: str | None) -> str | None:
        if value is not None and not POSTCODE.match(value):
            raise ValueError("postcode_format")
        return value

    @field_validator("phone")
    @classmethod
    def _phone(cls, value: str | None) -> str | None:
        if value is not None and not PHONE.match(value):
            raise ValueError("phone_format")
        return value

    @field_validator("emblem")
    @classmethod
    def _emblem(cls, value: str | None) -> str | None:
        if value is not None and (re.match(r"^[a-z]+:|^//", value, re.I) or not value.lower().endswith(IMAGE_SUFFIXES)):
            raise ValueError("emblem_local")
        return value

    @field_validator("emblem_link")
    @classmethod
    def _emblem_link(cls, value: str | None) -> str | None:
        if value is not None and not re.match(r"^https?://[^\s/]+", value):
            raise ValueError("emblem_link_format")
        return value

    @property
    def icp_url(self) -> str:
        return MIIT_URL

    @property
    def police_url(self) -> str | None:
        m = POLICE_NUMBER.match(self.police or "")
        return MPS_URL.format(code=m.group(1)) if m else None

    @property
    def tel(self) -> str | None:
        """The phone number for a `tel:` link: its first number, digits only."""
        if not self.phone:
            return None
        first = re.split(r"[，,、]|转", self.phone)[0]
        digits = re.sub(r"\D", "", first)
        return digits or None

    def __bool__(self) -> bool:
        return any(getattr(self, name) for name in type(self).model_fields)


@dataclass(frozen=True)
class SiteIdentity:
    name: str
    url: str  # the published site's address, ending in "/" (may be empty)
    description: str = ""
    footer: Footer = field(default_factory=Footer)
    demo_notice: str = ""
    # The emblem's intrinsic size, so the footer does not jump when it loads.
    emblem_size: tuple[int, int] | None = None

    @property
    def publisher(self) -> str:
        """Who publishes the site: the 主办单位, else the site's name."""
        return self.footer.sponsor or self.name

    def absolute(self, path: str) -> str | None:
        """A site-relative path as a full URL; None without site_url."""
        return self.url + path.lstrip("/") if self.url else None


class _ConfigPlaces:
    """Where a key of the `footer` option is written in mkdocs.yml, in the
    shape `model.errors.translate` asks of a record's source."""

    def __init__(self, config: Path, display: str, option: str):
        self.path, self._config, self._option = display, config, option

    def where(self, loc: tuple) -> tuple[int, int]:
        return plugin_option_position(self._config, (self._option, *loc[:1]))


def read_identity(settings: Settings, site_description: str = "",
                  display: str = "mkdocs.yml") -> tuple[SiteIdentity, list[Finding]]:
    """The site's identity from its settings; every bad footer item is a
    finding and is left out."""
    config = settings.config_file or settings.root / "mkdocs.yml"
    places = _ConfigPlaces(config, display, "footer")
    raw = {str(k): v for k, v in settings.options.footer}
    findings: list[Finding] = []
    footer = Footer()
    while raw:
        try:
            footer = Footer.model_validate(raw)
            break
        except ValidationError as exc:
            findings += translate(exc, places, Footer)
            bad = {str(err["loc"][0]) for err in exc.errors() if err["loc"]}
            raw = {k: v for k, v in raw.items() if k not in bad}
            if not bad:
                break
    size = None
    if footer.emblem:
        footer, size = _check_emblem(footer, settings, places, findings)
    notice = settings.options.demo_notice
    notice = DEMO_NOTICE if notice is True else notice if isinstance(notice, str) else ""
    base = settings.site_url.strip()
    url = base if not base or base.endswith("/") else base + "/"
    return SiteIdentity(name=settings.site_name, url=url, description=site_description, footer=footer,
                        demo_notice=notice.strip(), emblem_size=size), findings


def _check_emblem(footer: Footer, settings: Settings, places: _ConfigPlaces,
                  findings: list[Finding]) -> tuple[Footer, tuple[int, int] | None]:
    path = settings.docs_dir / footer.emblem
    inside = path.resolve().is_relative_to(settings.docs_dir.resolve())
    if not (inside and path.is_file()):
        line, col = places.where(("emblem",))
        findings.append(Finding(places.path, line, col, "emblem-missing",
                                f"党政机关网站标识图片“{footer.emblem}”在 content/ 中找不到",
                                "把标识图片放进 content/（例如 content/assets/images/），"
                                "emblem 写从 content/ 算起的路径"))
        return footer.model_copy(update={"emblem": None}), None
    if path.suffix.lower() == ".svg":
        return footer, None
    try:
        from PIL import Image

        with Image.open(path) as image:
            return footer, image.size
    except OSError:
        return footer, None

"""A station's public phone is published; a person's mobile is not. The
model refuses a mobile in a phone field, the copy checker's personal-data
rule still catches one written anywhere else, and neither flags an office
line or a service number."""

from __future__ import annotations

import datetime as dt

from netkit import network_site

from congress_site.lint import LintConfig, lint_text
from congress_site.model import Layout, load_repository
from sitekit import REPO, write

CONFIG = LintConfig.load(REPO / "content/style")

STATION = """\
id: xingwu
name: 杏坞村代表联络室
type: 代表联络室
parent: lichuan
region: lichuan-zhen
address: 杏坞村村民委员会
phone: 0123-5550141
liaisons:
  - {name: 韦晓棠, role: 村委会委员, phone: 0123-5550142}
messages: daibiao@example.gov.cn
description: 也可拨打服务热线12345或400-810-1234，由值班人员登记后转交代表。
"""


def codes(text: str, path: str) -> list[tuple[str, int]]:
    return [(f.code, f.line) for f in lint_text(text, path, CONFIG, kind="yaml")]


def test_station_phones_pass_the_copy_checker():
    assert codes(STATION, "content/stations/xingwu.yml") == []


def test_a_mobile_in_prose_is_still_personal_data():
    bio = "id: wang-lan\nname: 王岚\nlevels: [乡镇]\nbio: 有事可以打她的手机13912345678。\n"
    assert ("personal-phone", 4) in codes(bio, "profiles/wang-lan.yml")
    described = STATION.replace("也可拨打服务热线12345", "也可拨打联络员手机139 1234 5678")
    assert ("personal-phone", 11) in codes(described, "content/stations/xingwu.yml")


def test_a_mobile_in_the_phone_field_is_refused_by_the_model(tmp_path):
    root = network_site(tmp_path)
    write(root / "content/stations/xingwu.yml", STATION.replace("phone: 0123-5550141", "phone: 13912345678"))
    repo = load_repository(Layout.default(root), dt.date(2026, 11, 22))
    found = [(f.code, f.line) for f in repo.findings if f.path == "content/stations/xingwu.yml"]
    assert found == [("phone-mobile", 7)]
    assert "xingwu" not in repo.stations

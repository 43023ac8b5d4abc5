"""Small sites with a liaison network, for the network tests: the minimal
site of sitekit plus a 代表之家, two 工作站, a 专业代表工作站, 联络室 and a
服务岗 under them, a 基层立法联系点 that gathered opinions on a law, and an
online station; or a generated network of any size (the 云麓 breakdown)."""

from __future__ import annotations

from pathlib import Path

import yaml

from sitekit import REGIONS, minimal_site, write


def station(root: Path, sid: str, **fields) -> Path:
    data = {"id": sid, **fields}
    return write(root / f"content/stations/{sid}.yml", yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


def network_site(root: Path) -> Path:
    minimal_site(root, stories=1)
    # One township without a station of its own: the finder falls back to its county.
    write(root / "content/regions.yml", REGIONS.replace(
        "- {id: lichuan-zhen, name: 梨川镇}", "- {id: lichuan-zhen, name: 梨川镇}\n            - {id: sangmo-xiang, name: 桑陌乡}"))
    station(root, "jia", name="示例市人大代表之家", type="代表之家", region="dongmen-jiedao",
            address="示例市望舒区东门路1号", phone="0123-5550100", messages="daibiao@example.gov.cn",
            hours="工作日9:00—17:00", receptions=[{"monthday": 10, "start": "09:00", "end": "11:30"}],
            liaisons=[{"name": "韦晓棠", "role": "代表工作委员会干部", "phone": "0123-5550101"}])
    station(root, "dongmen", name="东门街道代表工作站", type="代表工作站", parent="jia", region="dongmen-jiedao",
            phone="0123-5550110", receptions=[{"weekday": 3, "start": "09:00", "end": "11:30"}])
    station(root, "lichuan", name="梨川镇代表工作站", type="代表工作站", parent="jia", region="lichuan-zhen",
            phone="0123-5550140")
    station(root, "weisheng", name="卫生健康专业代表工作站", type="专业代表工作站", parent="jia",
            region="dongmen-jiedao", phone="400-810-1234")
    station(root, "xueqian", name="学前巷社区代表服务岗", type="代表服务岗", parent="dongmen",
            region="dongmen-jiedao", address="学前巷社区党群服务中心",
            receptions=[{"weekday": 2, "start": "09:00", "end": "11:30"}])
    station(root, "xingwu", name="杏坞村代表联络室", type="代表联络室", parent="lichuan", region="lichuan-zhen",
            phone="0123-5550141")
    station(root, "lianxidian", name="杏坞村基层立法联系点", type="基层立法联系点", parent="lichuan",
            region="lichuan-zhen", phone="0123-5550142")
    station(root, "wangshang", name="示例市网上代表联络站", type="网上代表联络站", parent="jia",
            region="shili-shi", messages="https://example.gov.cn/liuyan/", phone="12345")
    # The minimal site's station joins the tree under the 东门 工作站.
    station(root, "shiyuan", name="柿园社区代表联络站", type="代表联络室", parent="dongmen", region="shiyuan-jiedao",
            receptions=[{"weekday": 2, "start": "09:00", "end": "11:30"}])
    write(root / "profiles/wang-lan.yml", """
        id: wang-lan
        name: 王岚
        levels: [设区的市（自治州）, 乡镇]
        region: lichuan-zhen
        station: xingwu
        reception: 每周六上午，杏坞村代表联络室
    """)
    write(root / "profiles/li-wu.yml", """
        id: li-wu
        name: 李梧
        levels: [县（市、区）]
    """)
    write(root / "content/legislation/cunluo.yml", """
        id: cunluo
        title: 《示例市传统村落保护条例》
        body: 示例市人大常委会
        origin: {type: 代表议案, proposers: [zhao-mingyuan]}
        stages:
          - {stage: 立项, date: 2024-01-10}
          - {stage: 一审, date: 2024-05-10}
          - stage: 征求意见
            opens: 2024-05-20
            closes: 2024-06-20
            opinions: 1046
            gathered:
              - {station: lianxidian, opinions: 57}
              - {station: xingwu, opinions: 12}
    """)
    write(root / "content/legislation/laji.yml", """
        id: laji
        title: 《示例市生活垃圾管理条例》
        body: 示例市人大常委会
        stages:
          - {stage: 立项, date: 2023-12-11}
          - {stage: 征求意见, opens: 2024-09-03, closes: 2024-10-02, gathered: [{station: lianxidian, opinions: 31}]}
    """)
    # Consultation channels name stations too (a closed window, no count given).
    write(root / "content/legislation/tingche.yml", """
        id: tingche
        title: 《示例市机动车停车条例》
        body: 示例市人大常委会
        stages:
          - {stage: 立项, date: 2025-01-10}
          - stage: 征求意见
            opens: 2026-05-08
            closes: 2026-06-07
            channels: {email: lifa@example.gov.cn, stations: [xueqian]}
    """)
    write(root / "content/legislation/yanglao.yml", """
        id: yanglao
        title: 《示例市居家养老服务条例》
        body: 示例市人大常委会
        stages:
          - {stage: 立项, date: 2026-04-30}
          - {stage: 征求意见, opens: 2026-11-02, closes: 2027-12-31, gathered: [{station: lianxidian}]}
    """)
    return root


# The breakdown of a real city's network the model must express: one 代表之家,
# 13 乡镇（街道）工作站, 5 专业站 and 109 联络室 under the 工作站.
DALI = {"代表之家": 1, "代表工作站": 13, "专业代表工作站": 5, "代表联络室": 109}


def generated_network(root: Path, towns: int = 13, specialist: int = 5, rooms: int = 109) -> Path:
    """The minimal site with a generated network: one 代表之家, a 工作站
    per town, specialist stations under the 代表之家 and 联络室 spread over
    the 工作站; the towns are regions of their own."""
    minimal_site(root, stories=0)
    (root / "content/stations/shiyuan.yml").unlink()
    (root / "profiles/zhao-mingyuan.yml").write_text("id: zhao-mingyuan\nname: 赵明远\nlevels: [县（市、区）]\nstation: jia\n",
                                                encoding="utf-8")
    regions = [{"id": "shili-shi", "name": "示例市", "children": [
        {"id": "wangshu-qu", "name": "望舒区", "children": [
            {"id": f"zhen-{t}", "name": f"第{t}镇"} for t in range(1, towns + 1)]}]}]
    write(root / "content/regions.yml", yaml.safe_dump(regions, allow_unicode=True, sort_keys=False))
    station(root, "jia", name="示例市人大代表之家", type="代表之家", region="wangshu-qu", phone="0123-5550100")
    for t in range(1, towns + 1):
        station(root, f"zhan-{t}", name=f"第{t}镇代表工作站", type="代表工作站", parent="jia", region=f"zhen-{t}")
    for z in range(1, specialist + 1):
        station(root, f"zhuanye-{z}", name=f"第{z}专业代表工作站", type="专业代表工作站", parent="jia",
                region="wangshu-qu")
    for r in range(rooms):
        t = r % towns + 1
        station(root, f"shi-{r + 1}", name=f"第{t}镇第{r // towns + 1}村代表联络室", type="代表联络室",
                parent=f"zhan-{t}", region=f"zhen-{t}")
    return root

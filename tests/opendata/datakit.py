"""A small site in a temp folder for the feeds and open-data tests: two
columns with stories, an empty column, a draft, an embargoed story, two
stations (weekly and monthly on the 31st) and three laws (comment window
open, coming, and long closed). The build date is Sunday 2025-07-20."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from sitekit import REGIONS, write

TODAY = dt.date(2025, 7, 20)
SITE_URL = "https://renda.example.cn/wangshu/"
SITE_NAME = "望舒区人大"


def story(root: Path, rel: str, body: str = "正文第一段。\n", **fields) -> None:
    meta = {"title": "稿件", "date": dt.date(2025, 7, 1), "column": "fengcai", "authors": ["区人大通讯员"]}
    meta.update(fields)
    head = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    write(root / "stories" / rel, f"---\n{head}---\n{body}")


def make_site(root: Path) -> Path:
    write(root / "content/columns.yml", """
        - {id: fengcai, name: 代表风采, description: 代表履职故事, order: 1}
        - {id: lifa, name: 立法聚焦, order: 2}
        - {id: kong, name: 空栏目, order: 3}
    """)
    write(root / "content/regions.yml", REGIONS)
    write(root / "content/stations/xingqiao.yml", """
        id: xingqiao
        name: 星桥社区代表服务岗
        type: 代表服务岗
        parent: yueding
        region: dongmen-jiedao
        address: 望舒区星桥社区党群服务中心
        schedule: 每周二上午接待居民
        receptions: [{weekday: 2, start: "09:00", end: "11:30"}]
    """)
    write(root / "content/stations/yueding.yml", """
        id: yueding
        name: 月末代表联络站
        type: 代表联络站
        phone: 0123-5550100
        messages: daibiao@example.gov.cn
        liaisons: [{name: 韦晓棠, role: 代表工作委员会干部}]
        receptions: [{monthday: 31, start: "14:30", end: "16:00"}]
    """)
    write(root / "profiles/zhang-xiaolan.yml", """
        id: zhang-xiaolan
        name: 张晓岚
        levels: [县（市、区）, 设区的市（自治州）]
        station: xingqiao
        occupation: 社区党支部书记、社区主任
        reception: 每周二上午
        duty:
          reception_days: 12
    """)
    write(root / "content/suggestions/2025.yml", """
        - number: "1"
          session: 十届四次会议
          title: 关于整治星桥街交通秩序的建议
          lead: zhang-xiaolan
          category: 交通管理
          unit: 测试市公安局
          assigned: 2025-02-10
          status: 已办结
          answer: A
          answered: 2025-04-30
          satisfaction: 满意
    """)
    write(root / "content/projects/2025.yml", """
        vote: {meeting: 测试市第十届人民代表大会第四次会议, date: 2025-01-16, attendance: 100}
        seats: 1
        candidates:
          - id: yachi
            title: 为困难老年人免费配置活动义齿
            responsible: 测试市卫生健康委员会
            votes: {in_favour: 90, against: 4, abstain: 6}
            elected: true
            progress:
              - {date: 2025-06-30, percent: 45, note: 已为四百余人完成配置, story: yachi}
          - id: shufang
            title: 新建城市书房
            responsible: 测试市文化广电和旅游局
            votes: {in_favour: 40, against: 30, abstain: 30}
    """)
    write(root / "profiles/zhao-mingyuan.yml", """
        id: zhao-mingyuan
        name: 赵明远
        levels: [县（市、区）]
        station: yueding
    """)
    write(root / "content/legislation/open-law.yml", """
        id: open-law
        title: 《测试市文明行为促进条例》
        body: 测试市人大常委会
        origin: {type: 代表议案, proposers: [zhao-mingyuan]}
        stages:
          - {stage: 立项, date: 2025-01-10}
          - {stage: 一审, date: 2025-06-25}
          - {stage: 征求意见, opens: 2025-07-01, closes: 2025-07-31, opinions: 15}
    """)
    write(root / "content/legislation/coming-law.yml", """
        id: coming-law
        title: 《测试市停车条例》
        body: 测试市人大常委会
        stages:
          - {stage: 立项, date: 2025-03-01}
          - {stage: 征求意见, opens: 2025-08-10, closes: 2025-09-09}
    """)
    write(root / "content/legislation/old-law.yml", """
        id: old-law
        title: 《测试县绿化条例》
        body: 测试县人大常委会
        stages:
          - {stage: 立项, date: 2022-01-10}
          - {stage: 征求意见, opens: 2022-03-01, closes: 2022-03-31}
          - {stage: 一审, date: 2022-05-01}
          - {stage: 表决通过, date: 2022-08-01}
          - {stage: 施行, date: 2023-01-01}
    """)
    # Meetings: one held (two days), one planned after the build date; an
    # inspection of a national law heard at the first.
    write(root / "content/meetings/cwh-10-22.yml", """
        id: cwh-10-22
        kind: 常委会会议
        term: 10
        session: 22
        date: 2025-06-26
        end: 2025-06-27
        place: 测试市人大常委会会议室
        agenda:
          - {title: 审议《测试市文明行为促进条例（草案）》, legislation: open-law}
          - {title: 听取和审议执法检查报告, oversight: nongchanpin}
        documents:
          - {kind: 公告, number: 7, title: 关于公布条例的公告, date: 2025-07-01, file: gonggao-7.md, legislation: open-law}
        appointments:
          - {action: 任命, name: 钱某某, position: 测试市中级人民法院审判员}
    """)
    write(root / "content/meetings/cwh-10-22/gonggao-7.md", "**第七号**\n\n公告正文。\n")
    write(root / "content/meetings/cwh-10-23.yml", """
        {id: cwh-10-23, kind: 常委会会议, term: 10, session: 23, date: 2025-08-28, place: 测试市人大常委会会议室}
    """)
    write(root / "content/oversight/nongchanpin.yml", """
        id: nongchanpin
        kind: 执法检查
        subject: 《中华人民共和国农产品质量安全法》贯彻实施情况
        law: 《中华人民共和国农产品质量安全法》
        meeting: cwh-10-22
        start: 2025-05-12
        end: 2025-06-10
        participants: [zhao-mingyuan]
        issues:
          - title: 乡镇监管力量不足
            rectification: {measure: 充实监管站人员, responsible: 市农业农村局, status: 整改中, date: 2025-07-10}
          - title: 快检室未正常运行
            rectification: {responsible: 市市场监督管理局, status: 已整改, date: 2025-07-01}
          - title: 小农户生产记录缺失
            rectification: {responsible: 县人民政府, status: 未整改}
        documents:
          - {kind: 执法检查报告, title: 执法检查报告, date: 2025-06-26, file: baogao.md}
    """)
    write(root / "content/oversight/nongchanpin/baogao.md", "## 一、基本情况\n\n报告正文。\n")
    story(root, "2025/07-05-xingqiao-street.md", title="星桥街的“堵点”通了 & 摊点有了去处", date=dt.date(2025, 7, 5),
          summary="一名社区代表牵头多部门议事，星桥街的占道和拥堵得到整治。",
          authors=["望舒区人大常委会通讯员", "王记者"], representatives=["zhang-xiaolan"],
          tags=["交通治理", "代表服务岗"], region="dongmen-jiedao", place="星桥街")
    story(root, "2025/06-10-yachi.md", title="老人们装上了假牙", date=dt.date(2025, 6, 10),
          body="## 小标题\n\n赵明远代表带着**柿园社区**的老人去[医院](https://example.com)配假牙。\n\n第二段。\n",
          representatives=["zhao-mingyuan"])
    story(root, "2025/07-15-lifa.md", title="文明行为促进条例草案公开征求意见", date=dt.date(2025, 7, 15),
          column="lifa", summary="欢迎提出意见。", legislation=["open-law"])
    story(root, "2025/07-18-caogao.md", title="草稿不应出现", date=dt.date(2025, 7, 18), draft=True,
          summary="草稿")
    story(root, "2025/08-01-weilai.md", title="未到发布日期的稿件", date=dt.date(2025, 8, 1),
          summary="禁发期内")
    return root

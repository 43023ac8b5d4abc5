"""A small site with meetings and oversight records, for the tests of
[institution]: built on sitekit.minimal_site (one law, `cunluo`, one
profile, `zhao-mingyuan`)."""

from __future__ import annotations

from pathlib import Path

from sitekit import minimal_site, write

MEETING_23 = """
    id: cwh-10-23
    kind: 常委会会议
    term: 10
    session: 23
    date: 2024-05-10
    place: 市人大常委会会议室
    participants: [zhao-mingyuan]
    agenda:
      - {title: 审议《石岭市传统村落保护条例（草案）》, legislation: cunluo}
      - {title: 听取和审议执法检查报告, oversight: lvhua-jiancha}
      - {title: 人事任免, document: renmian.md}
    documents:
      - {kind: 任免名单, title: 任免名单, date: 2024-05-10, file: renmian.md}
    appointments:
      - {action: 决定任命, name: 易书桐, position: 市民政局局长}
      - {action: 决定免去, name: 梅启航, position: 市民政局局长}
      - {action: 任命, name: 赵明远, position: 市中级人民法院审判员, profile: zhao-mingyuan}
"""

MEETING_25 = """
    id: cwh-10-25
    kind: 常委会会议
    term: 10
    session: 25
    date: 2024-09-20
    place: 市人大常委会会议室
    agenda:
      - {title: 表决《石岭市传统村落保护条例》, legislation: cunluo}
    documents:
      - {kind: 公告, number: 19, title: 关于公布《石岭市传统村落保护条例》的公告, date: 2024-10-15, file: gonggao-19.md, legislation: cunluo}
"""

RENDA = """
    id: rd-10-3
    kind: 人民代表大会会议
    term: 10
    session: 3
    date: 2024-01-09
    end: 2024-01-12
    place: 市人民会堂
    agenda:
      - {title: 审议市人民政府工作报告}
"""

ZHUREN = """
    id: zr-10-40
    kind: 主任会议
    term: 10
    session: 40
    date: 2024-04-29
    place: 市人大常委会第一会议室
    agenda:
      - {title: 研究第二十三次常委会会议议程}
"""

OVERSIGHT = """
    id: lvhua-jiancha
    kind: 执法检查
    subject: 《中华人民共和国农产品质量安全法》贯彻实施情况
    law: 《中华人民共和国农产品质量安全法》
    meeting: cwh-10-23
    start: 2024-03-01
    end: 2024-04-15
    leader: 常委会副主任
    participants: [zhao-mingyuan]
    issues:
      - title: 乡镇监管力量不足
        rectification: {measure: 充实乡镇监管站人员, responsible: 市农业农村局, status: 整改中, date: 2024-08-01}
      - title: 合格证开具率偏低
        rectification: {responsible: 市农业农村局, status: 未整改}
      - title: 快检室未正常运行
        found: 2024-04-10
        rectification: {measure: 逐一排查并恢复运行, responsible: 市市场监督管理局, status: 已整改, date: 2024-06-30}
    review: 建议加强乡镇监管队伍建设，提高合格证开具率。
    review_sent: 2024-05-20
    documents:
      - {kind: 执法检查报告, title: 执法检查组的报告, date: 2024-05-10, file: jiancha-baogao.md}
      - {kind: 研究处理情况报告, title: 市人民政府研究处理情况的报告, date: 2024-08-01, file: chuli-baogao.pdf}
"""


def institution_site(root: Path, stories: int = 1) -> Path:
    """minimal_site plus three meetings of three kinds, one oversight record
    of a national law, a law whose stages name their meetings, and a story
    citing a meeting and the oversight record."""
    minimal_site(root, stories=stories)
    write(root / "content/meetings/cwh-10-23.yml", MEETING_23)
    write(root / "content/meetings/cwh-10-25.yml", MEETING_25)
    write(root / "content/meetings/rd-10-3.yml", RENDA)
    write(root / "content/meetings/zr-10-40.yml", ZHUREN)
    write(root / "content/oversight/lvhua-jiancha.yml", OVERSIGHT)
    # The documents beside the meetings (model/documents.py).
    write(root / "content/meetings/cwh-10-23/renmian.md", """
        ## 决定任命

        易书桐为市民政局局长。
    """)
    write(root / "content/meetings/cwh-10-25/gonggao-19.md", """
        **第十九号**

        《石岭市传统村落保护条例》已由石岭市第十届人民代表大会常务委员会第二十五次会议于2024年9月20日通过，现予公布。
    """)
    write(root / "content/oversight/lvhua-jiancha/jiancha-baogao.md", """
        ## 一、存在的问题

        检查组发现乡镇监管力量不足等三方面问题。
    """)
    (root / "content/oversight/lvhua-jiancha/chuli-baogao.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    write(root / "content/legislation/cunluo.yml", """
        id: cunluo
        title: 《石岭市传统村落保护条例》
        body: 石岭市人大常委会
        origin: {type: 代表议案, proposers: [zhao-mingyuan]}
        stages:
          - {stage: 立项, date: 2024-01-10}
          - {stage: 一审, date: 2024-05-10, meeting: cwh-10-23}
          - {stage: 表决通过, date: 2024-09-20, meeting: cwh-10-25}
          - {stage: 公布, date: 2024-10-15}
    """)
    return root

"""A small site with every part of public consultation: an open window
with every channel and a draft of thirteen articles in three chapters, a
closed one with feedback, a coming one, a published text, a law awaiting
approval, a plan and a story that links to an article. Shared by the site
and browser tests."""

from __future__ import annotations

from pathlib import Path

import yaml

from congress_site.model.lawtext import cn_numeral
from sitekit import minimal_site, write, write_story

BUILD_DATE = "2026-11-22"
PDF = b"%PDF-1.4\n" + b"%" * 3000 + b"\n%%EOF\n"


def draft_text() -> str:
    lines, n = [], 1
    for c, (title, count) in enumerate((("总则", 5), ("服务与保障", 7), ("附则", 1)), start=1):
        lines += [f"第{cn_numeral(c)}章　{title}", ""]
        for _ in range(count):
            lines += [f"第{cn_numeral(n)}条　第{cn_numeral(n)}条规定服务事项。", "（一）上门服务；", "（二）日间照料。", ""]
            n += 1
    return "\n".join(lines)


def make_site(root: Path) -> Path:
    minimal_site(root, stories=1)
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    # A link to a missing anchor would fail the strict build.
    # As the sample's: its colours, no generator notice in the footer.
    config["theme"]["palette"] = {"primary": "custom", "accent": "custom"}
    config["extra"] = {"generator": False}
    config["validation"] = {"nav": {"omitted_files": "ignore"}, "anchors": "warn", "absolute_links": "warn",
                            "unrecognized_links": "warn"}
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    write(root / "content/legislation/yanglao.yml", """
        id: yanglao
        title: 《测试市居家养老服务条例》
        body: 测试市人大常委会
        documents:
          - {kind: 草案征求意见稿, title: 测试市居家养老服务条例（草案征求意见稿）, date: 2026-11-02, file: zhengqiu-gao.md}
          - {kind: 草案说明, title: 关于《测试市居家养老服务条例（草案）》的说明, date: 2026-11-02, file: shuoming.pdf}
        stages:
          - {stage: 立项, date: 2026-04-30}
          - stage: 征求意见
            opens: 2026-11-02
            closes: 2027-12-31
            document: zhengqiu-gao.md
            channels:
              email: lifa@example.gov.cn
              post: {address: 测试市文枢路1号, recipient: 测试市人大常委会法制工作委员会, postcode: "990100", note: 请在信封上注明“居家养老条例征求意见”。}
              online: https://lifa.example.gov.cn/yijian/
              phone: 0123-5550100
              fax: 0123-5550101
              stations: [shiyuan]
    """)
    write(root / "content/legislation/yanglao/zhengqiu-gao.md", draft_text())
    (root / "content/legislation/yanglao/shuoming.pdf").write_bytes(PDF)
    write(root / "content/legislation/tingche.yml", """
        id: tingche
        title: 《测试市机动车停车条例》
        body: 测试市人大常委会
        documents:
          - {kind: 其他, title: 关于条例草案征求意见采纳情况的报告, date: 2026-06-30, file: caina-qingkuang.md}
        stages:
          - {stage: 一审, date: 2026-04-30}
          - stage: 征求意见
            opens: 2026-05-08
            closes: 2026-06-07
            feedback:
              received: 1126
              adopted: 214
              partly_adopted: 162
              not_adopted: 750
              summary: 意见集中在老旧小区停车、错时共享和收费标准，已逐条研究并在修改稿中吸收。
              report: caina-qingkuang.md
              date: 2026-06-30
          - {stage: 二审, date: 2026-10-29}
    """)
    write(root / "content/legislation/tingche/caina-qingkuang.md", "## 总体情况\n\n共收到意见建议一千一百二十六条。\n")
    write(root / "content/legislation/wenming.yml", """
        id: wenming
        title: 《测试市文明行为促进条例》
        body: 测试市人大常委会
        stages:
          - {stage: 一审, date: 2026-11-20}
          - {stage: 征求意见, opens: 2026-12-10, closes: 2027-01-09}
    """)
    write(root / "content/legislation/chuantong.yml", """
        id: chuantong
        title: 《测试市传统村落保护条例》
        body: 测试市人大常委会
        documents:
          - {kind: 公布文本, title: 测试市传统村落保护条例, date: 2026-08-05, file: gongbu-wenben.md}
        stages:
          - {stage: 表决通过, date: 2026-04-30}
          - {stage: 批准, submitted: 2026-05-12, date: 2026-07-24}
          - {stage: 公布, date: 2026-08-05}
          - {stage: 施行, date: 2027-01-01}
    """)
    write(root / "content/legislation/chuantong/gongbu-wenben.md",
          "第一条　为了保护传统村落，制定本条例。\n\n第二条　本条例自2027年1月1日起施行。\n")
    write(root / "content/legislation/chengqu.yml", """
        id: chengqu
        title: 《测试市历史城区保护条例》
        body: 测试市人大常委会
        stages:
          - {stage: 三审, date: 2026-10-29}
          - {stage: 表决通过, date: 2026-10-29}
          - {stage: 批准, submitted: 2026-11-06}
    """)
    write(root / "content/legislation/plans/2026.yml", """
        year: 2026
        adopted_on: 2025-12-08
        adopted_by: 测试市人大常委会第四十八次主任会议
        items:
          - {title: 《测试市机动车停车条例》, category: 正式项目, submitted_by: 市人民政府, months: [4, 10, 12], record: tingche}
          - {title: 《测试市居家养老服务条例》, category: 调研项目, submitted_by: 社会建设委员会, record: yanglao}
          - {title: 《测试市养犬管理条例》, category: 预备项目, submitted_by: 市人民政府}
    """)
    write_story(root, "2026/11-10-yanglao.md", title="居家养老条例草案征求意见",
                date="2026-11-10", legislation=["yanglao"],
                body="草案[第十二条](/legislation/yanglao/zhengqiu-gao/#article-12)规定了服务事项，"
                     "详见[起草说明](/legislation/yanglao/shuoming.pdf)。\n")
    return root

"""Consultation channels, feedback, documents beside a law, plans and the
approval clock as records: what loads, what is refused, and at which line."""

from __future__ import annotations

import datetime as dt

import pytest

from congress_site.model import Layout, load_repository
from congress_site.model.consultation import all_consultations, approval_clock, approval_due
from congress_site.model.ledger import ledger
from sitekit import minimal_site, write

TODAY = dt.date(2026, 11, 22)

LAW = """
id: yanglao
title: 《测试市居家养老服务条例》
body: 测试市人大常委会
documents:
  - {{kind: 草案征求意见稿, title: 测试市居家养老服务条例（草案征求意见稿）, date: 2026-11-02, file: zhengqiu-gao.md}}
stages:
  - {{stage: 立项, date: 2026-04-30}}
  - stage: 征求意见
    opens: 2026-11-02
    closes: 2027-12-31
    channels:
{channels}
"""
GOOD_CHANNELS = """\
      email: lifa@example.gov.cn
      post: {address: 测试市文枢路1号, recipient: 测试市人大常委会法制工作委员会, postcode: 990100}
      online: https://example.gov.cn/yijian/
      phone: 0123-5550100
      fax: (0123) 5550101
      stations: [shiyuan]"""
DRAFT = "第一章　总则\n\n第一条　为了测试，制定本条例。\n\n第二条　本条例适用于本市。\n"


def site(tmp_path, channels: str = GOOD_CHANNELS, draft: str | None = DRAFT):
    root = minimal_site(tmp_path, stories=0)
    write(root / "content/legislation/yanglao.yml", LAW.format(channels=channels))
    if draft is not None:
        write(root / "content/legislation/yanglao/zhengqiu-gao.md", draft)
    return root


def load(root):
    return load_repository(Layout.default(root), TODAY)


def findings(repo, path="content/legislation/yanglao.yml"):
    return [(f.code, f.line) for f in repo.findings if f.path == path]


def test_a_complete_consultation_loads(tmp_path):
    repo = load(site(tmp_path))
    assert repo.findings == []
    [c] = all_consultations(repo)
    assert c.state == "open" and c.closes == dt.date(2027, 12, 31) and c.days_left(TODAY) == 404
    assert c.draft.file == "zhengqiu-gao.md" and [a.number for a in c.draft.text.articles] == [1, 2]
    ch = c.channels
    assert (ch.email, ch.post.postcode, ch.online, ch.phone, ch.fax) == (
        "lifa@example.gov.cn", "990100", "https://example.gov.cn/yijian/", "0123-5550100", "(0123) 5550101")
    assert [s.id for s in c.stations] == ["shiyuan"]
    book = ledger(repo)
    assert {"content/legislation/yanglao.yml", "content/legislation/yanglao/zhengqiu-gao.md"} <= set(book.published)


@pytest.mark.parametrize("line, code", [
    ("      email: 发到法工委邮箱", "channel-email"),
    ("      email: lifa@example", "channel-email"),
    ("      email: lifa at example.gov.cn", "channel-email"),
    ("      post: {address: 文枢路1号, postcode: 99010}", "channel-postcode"),
    ("      post: {address: 文枢路1号, postcode: 9901000}", "channel-postcode"),
    ("      post: {address: 文枢路1号, postcode: 邮编990100}", "channel-postcode"),
    ("      online: example.gov.cn/yijian", "channel-url"),
    ("      online: javascript:alert(1)", "channel-url"),
    ("      online: https://示例.cn /x", "channel-url"),
    ("      phone: 请拨打办公室电话", "channel-phone"),
    ("      fax: 12", "channel-phone"),
    ("      stations: [NoSuch]", "bad-format"),
    ("      stations: []", "channels-empty"),
    ("      weixin: renda", "unknown-field"),
])
def test_bad_channels_are_findings_at_their_line(tmp_path, line, code):
    repo = load(site(tmp_path, channels=line))
    # A channel's own line; an empty set of channels is named at `channels:`.
    assert findings(repo) == [(code, 11 if code == "channels-empty" else 12)]
    assert "yanglao" not in repo.legislation
    message = next(f for f in repo.findings if f.code == code)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in message.message) and message.fix
    # The rest of the site still loads, and the law's draft is accounted for.
    assert "cunluo" in repo.legislation
    held = {h.path: h.reason for h in ledger(repo).held}
    assert held["content/legislation/yanglao/zhengqiu-gao.md"] == "所属记录有错误"


def test_an_unknown_station_is_named_with_a_suggestion(tmp_path):
    repo = load(site(tmp_path, channels="      stations: [shiyuam]"))
    [f] = [f for f in repo.findings if f.code == "unknown-station"]
    assert (f.line, f.message) == (12, "联络站编号“shiyuam”不存在") and "shiyuan" in f.fix


def test_postcode_written_as_a_number_is_read_as_text(tmp_path):
    repo = load(site(tmp_path, channels="      post: {address: 文枢路1号, postcode: 990100}"))
    assert repo.findings == []
    assert repo.legislation["yanglao"].stages[1].channels.post.postcode == "990100"


def feedback_law(tmp_path, feedback: str, opinions: str = ""):
    root = minimal_site(tmp_path, stories=0)
    write(root / "content/legislation/tingche.yml", f"""
        id: tingche
        title: 《测试市机动车停车条例》
        body: 测试市人大常委会
        stages:
          - {{stage: 一审, date: 2026-04-30}}
          - stage: 征求意见
            opens: 2026-05-08
            closes: 2026-06-07{opinions}
            feedback:
        {feedback}
    """)
    return load(root)


def test_feedback_counts(tmp_path):
    ok = feedback_law(tmp_path / "ok", "      {received: 1126, adopted: 214, partly_adopted: 162, not_adopted: 750, summary: 已逐条研究。}")
    assert ok.findings == []
    [c] = all_consultations(ok)
    assert c.state == "closed" and c.received == 1126 and c.feedback.counted == 1126
    over = feedback_law(tmp_path / "over", "      {received: 10, adopted: 8, partly_adopted: 2, not_adopted: 1, summary: 已研究。}")
    assert findings(over, "content/legislation/tingche.yml") == [("feedback-counts", 10)]
    # Counts checked against the stage's own `opinions` when feedback has none.
    stage = feedback_law(tmp_path / "stage", "      {adopted: 30, summary: 已研究。}", "\n            opinions: 20")
    assert findings(stage, "content/legislation/tingche.yml") == [("feedback-counts", 10)]
    none = feedback_law(tmp_path / "none", "      {adopted: 3, summary: 已研究。}")
    assert findings(none, "content/legislation/tingche.yml") == [("feedback-received", 9)]
    differ = feedback_law(tmp_path / "differ", "      {received: 30, summary: 已研究。}", "\n            opinions: 20")
    assert findings(differ, "content/legislation/tingche.yml") == [("feedback-counts", 9)]


def test_channels_belong_to_the_comment_stage(tmp_path):
    root = minimal_site(tmp_path, stories=0)
    write(root / "content/legislation/wrong.yml", """
        id: wrong
        title: 《测试条例》
        body: 测试市人大常委会
        stages:
          - {stage: 一审, date: 2026-04-30, channels: {email: a@example.gov.cn}}
    """)
    assert findings(load(root), "content/legislation/wrong.yml") == [("stage-fields", 5)]


# ------------------------------------------------------------- documents

def test_missing_document_is_named_on_the_law_which_stays_published(tmp_path):
    repo = load(site(tmp_path, draft=None))
    assert findings(repo) == [("document-missing", 5)]
    assert "yanglao" in repo.legislation and repo.documents[("legislation", "yanglao")] == []
    [c] = all_consultations(repo)
    assert c.draft is None


def test_broken_numbering_holds_the_document_back(tmp_path):
    repo = load(site(tmp_path, draft=DRAFT + "\n第二条　重复的条文。\n"))
    path = "content/legislation/yanglao/zhengqiu-gao.md"
    assert findings(repo, path) == [("article-duplicate", 7)]
    assert {h.path: h.reason for h in repo.failed}[path] == "条文编号有错误"
    assert repo.documents[("legislation", "yanglao")] == [] and "yanglao" in repo.legislation


def test_a_law_text_without_articles_is_a_warning_only(tmp_path):
    repo = load(site(tmp_path, draft="这里还没有条文。\n"))
    [f] = repo.findings
    assert (f.code, str(f.severity)) == ("no-articles", "warning")
    assert len(repo.documents[("legislation", "yanglao")]) == 1


def test_downloads_are_checked_by_their_first_bytes(tmp_path):
    root = site(tmp_path)
    law = root / "content/legislation/yanglao.yml"
    law.write_text(law.read_text(encoding="utf-8").replace("stages:", """  - {kind: 草案说明, title: 说明, date: 2026-11-02, file: shuoming.pdf}
  - {kind: 其他, title: 对照表, date: 2026-11-02, file: duizhao.docx}
stages:"""), encoding="utf-8")
    (root / "content/legislation/yanglao/shuoming.pdf").write_bytes(b"%PDF-1.7\n" + b"x" * 3000)
    (root / "content/legislation/yanglao/duizhao.docx").write_bytes(b"not a zip")
    repo = load(root)
    assert [(f.path, f.code) for f in repo.findings] == [("content/legislation/yanglao/duizhao.docx", "document-format")]
    docs = {d.file: d for d in repo.documents[("legislation", "yanglao")]}
    assert set(docs) == {"zhengqiu-gao.md", "shuoming.pdf"}
    assert (docs["shuoming.pdf"].format_name, docs["shuoming.pdf"].size_label) == ("PDF", "3 KB")


def test_every_file_beside_a_law_is_published_or_held_back(tmp_path):
    root = site(tmp_path)
    write(root / "content/legislation/yanglao/old-draft.md", DRAFT)
    write(root / "content/legislation/nosuchlaw/draft.md", DRAFT)
    repo = load(root)
    book = ledger(repo)
    held = {h.path: h.reason for h in book.held}
    assert held == {"content/legislation/yanglao/old-draft.md": "未列入 documents",
                    "content/legislation/nosuchlaw/draft.md": "没有对应的记录"}
    codes = {(f.path, f.code, str(f.severity)) for f in repo.findings}
    assert codes == {("content/legislation/yanglao/old-draft.md", "unlisted-document", "warning"),
                     ("content/legislation/nosuchlaw/draft.md", "orphan-document", "warning")}


def test_a_stage_may_only_name_listed_documents(tmp_path):
    root = site(tmp_path)
    law = root / "content/legislation/yanglao.yml"
    law.write_text(law.read_text(encoding="utf-8").replace("    channels:", "    document: caoan.md\n    channels:"),
                   encoding="utf-8")
    repo = load(root)
    [f] = repo.findings
    assert (f.code, f.line) == ("unknown-document", 11) and "zhengqiu-gao.md" in f.fix


@pytest.mark.parametrize("entry, code", [
    ("{kind: 草稿, title: 草稿, date: 2026-11-02, file: a.md}", "bad-value"),
    ("{kind: 其他, title: 草稿, date: 2026-11-02, file: ../a.md}", "document-file"),
    ("{kind: 其他, title: 草稿, date: 2026-11-02, file: Draft.PDF}", "document-file"),
    ("{kind: 其他, title: 草稿, date: 2026-11-02, file: a.doc}", "document-file"),
])
def test_bad_document_entries(tmp_path, entry, code):
    root = minimal_site(tmp_path, stories=0)
    write(root / "content/legislation/wenjian.yml", f"""
        id: wenjian
        title: 《测试条例》
        body: 测试市人大常委会
        documents:
          - {entry}
        stages:
          - {{stage: 立项, date: 2026-04-30}}
    """)
    assert findings(load(root), "content/legislation/wenjian.yml") == [(code, 5)]


# ------------------------------------------------------------------ plans

PLAN = """
year: 2026
adopted_on: 2025-12-08
adopted_by: 测试市人大常委会主任会议
items:
  - {title: 《石岭市传统村落保护条例》, category: 正式项目, submitted_by: 农业与农村委员会, months: [4], record: cunluo}
  - {title: 《测试市养犬管理条例》（修订）, category: 调研项目, submitted_by: 市政府}
"""


def test_plan_loads_and_links_records(tmp_path):
    root = minimal_site(tmp_path, stories=0)
    write(root / "content/legislation/plans/2026.yml", PLAN)
    repo = load(root)
    assert repo.findings == []
    plan = repo.plans[2026]
    assert plan.heading == "2026年度立法工作计划" and [i.record for i in plan.items] == ["cunluo", None]
    assert [c for c, _ in plan.by_category()] == ["正式项目", "调研项目"]
    assert "content/legislation/plans/2026.yml" in ledger(repo).published
    # A plan folder is no law's folder of documents.
    assert "plans" not in {lid for _, lid in repo.documents}


def test_plan_problems(tmp_path):
    root = minimal_site(tmp_path, stories=0)
    write(root / "content/legislation/plans/2026.yml", PLAN + "  - {title: 《某条例》, category: 正式项目, submitted_by: 市政府, months: [13], record: nosuch}\n")
    repo = load(root)
    assert findings(repo, "content/legislation/plans/2026.yml") == [("out-of-range", 7)]
    assert len(repo.plans[2026].items) == 2
    assert ("content/legislation/plans/2026.yml", "第7行的计划项目有错误") in {(h.path, h.reason) for h in repo.failed}
    write(root / "content/legislation/plans/2026.yml", PLAN.replace("record: cunluo", "record: cunluo-2"))
    assert findings(load(root), "content/legislation/plans/2026.yml") == [("unknown-legislation", 5)]
    write(root / "content/legislation/plans/2025.yml", PLAN)
    assert ("plan-year", 1) in findings(load(root), "content/legislation/plans/2025.yml")


# ---------------------------------------------------------- approval clock

@pytest.mark.parametrize("submitted, due", [
    (dt.date(2026, 11, 6), dt.date(2027, 3, 6)),
    (dt.date(2026, 10, 31), dt.date(2027, 2, 28)),
    (dt.date(2027, 10, 31), dt.date(2028, 2, 29)),
])
def test_approval_is_due_four_months_after_submission(submitted, due):
    assert approval_due(submitted) == due


def approval_law(tmp_path, stage: str):
    root = minimal_site(tmp_path, stories=0)
    write(root / "content/legislation/chengqu.yml", f"""
        id: chengqu
        title: 《测试市历史城区保护条例》
        body: 测试市人大常委会
        stages:
          - {{stage: 表决通过, date: 2026-10-29}}
          - {stage}
    """)
    return load(root)


def test_approval_clock_waiting_and_decided(tmp_path):
    waiting = approval_law(tmp_path / "w", "{stage: 批准, submitted: 2026-11-06}")
    assert waiting.findings == []
    record = waiting.legislation["chengqu"]
    clock = approval_clock(record, TODAY)
    assert (clock.due, clock.decided, clock.days_left) == (dt.date(2027, 3, 6), None, 104)
    assert record.current(TODAY).label == "报请批准" and record.status(TODAY) == "已通过"
    decided = approval_law(tmp_path / "d", "{stage: 批准, submitted: 2026-11-06, date: 2026-11-20}")
    clock = approval_clock(decided.legislation["chengqu"], TODAY)
    assert (clock.decided, clock.days_taken, clock.on_time) == (dt.date(2026, 11, 20), 14, True)
    # A law not yet submitted on the build date has no clock.
    assert approval_clock(decided.legislation["chengqu"], dt.date(2026, 11, 1)) is None
    assert findings(approval_law(tmp_path / "b", "{stage: 批准, submitted: 2026-11-06, date: 2026-11-01}"),
                    "content/legislation/chengqu.yml") == [("stage-order", 6)]

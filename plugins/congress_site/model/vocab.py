"""Fixed vocabularies shared by records, pages and checks."""

from __future__ import annotations

from typing import Literal

# The five levels of people's congresses (宪法 art. 97, 地方组织法), written
# as the law writes them. A representative may sit at several.
Level = Literal["全国", "省（自治区、直辖市）", "设区的市（自治州）", "县（市、区）", "乡镇"]
LEVELS: tuple[str, ...] = ("全国", "省（自治区、直辖市）", "设区的市（自治州）", "县（市、区）", "乡镇")
# How a page names a representative of each level: 市级人大代表.
LEVEL_SHORT = {"全国": "全国", "省（自治区、直辖市）": "省级", "设区的市（自治州）": "市级",
               "县（市、区）": "县级", "乡镇": "乡镇"}
# The values the sites used before the five levels, with what each became;
# 市 is ambiguous (a 县级市 is a 县-level congress), so it is only suggested.
OLD_LEVELS = {"省": ("省（自治区、直辖市）",), "市": ("设区的市（自治州）", "县（市、区）"),
              "区": ("县（市、区）",), "县": ("县（市、区）",), "自治州": ("设区的市（自治州）",),
              "乡": ("乡镇",), "镇": ("乡镇",)}


def level_label(levels: list[str] | tuple[str, ...]) -> str:
    """市级、县级人大代表 — the words before 人大代表 for a list of levels."""
    shorts = [LEVEL_SHORT.get(lv, lv) for lv in levels]
    # 全国 and 乡镇 read without 级: 全国人大代表, 乡镇人大代表.
    return "、".join(shorts)


# The kinds of places where representatives meet the people, as local
# practice names them; the order is the order pages list them in.
StationType = Literal["代表之家", "代表工作站", "专业代表工作站", "代表联络站", "代表联络室", "代表服务岗",
                      "基层立法联系点", "网上代表联络站"]
STATION_TYPES: tuple[str, ...] = ("代表之家", "代表工作站", "专业代表工作站", "代表联络站", "代表联络室",
                                  "代表服务岗", "基层立法联系点", "网上代表联络站")
# Where residents may walk in: every type but the online station.
ONLINE_TYPES = frozenset({"网上代表联络站"})
LEGISLATIVE_CONTACT = "基层立法联系点"

# Legislative stages in their fixed order. 征求意见 may come at any point from
# 起草 to 表决通过 (drafts are often put out again after a reading); the
# oversight stages after 施行 may repeat in any order.
STAGES: tuple[str, ...] = (
    "立项", "起草", "征求意见", "一审", "二审", "三审", "表决通过", "批准", "公布", "施行",
    "执法检查", "立法后评估", "修改", "废止",
)
Stage = Literal[
    "立项", "起草", "征求意见", "一审", "二审", "三审", "表决通过", "批准", "公布", "施行",
    "执法检查", "立法后评估", "修改", "废止",
]
FLOATING_STAGES = {"征求意见"}
AFTER_FORCE = {"执法检查", "立法后评估", "修改"}


def stage_rank(stage: str) -> int:
    if stage in AFTER_FORCE:
        return STAGES.index("执法检查")
    return STAGES.index(stage)


# The tracker groups stages into a few statuses a resident understands.
STATUS_OF_STAGE = {
    "立项": "立项起草", "起草": "立项起草",
    "征求意见": "征求意见",
    "一审": "审议中", "二审": "审议中", "三审": "审议中",
    "表决通过": "已通过", "批准": "已通过", "公布": "已通过",
    "施行": "已施行", "执法检查": "已施行", "立法后评估": "已施行", "修改": "已施行",
    "废止": "已废止",
}
STATUSES: tuple[str, ...] = ("立项起草", "征求意见", "审议中", "已通过", "已施行", "已废止")
# The progress line on the tracker shows these milestones.
MILESTONES: tuple[str, ...] = ("立项", "起草", "征求意见", "审议", "表决通过", "公布", "施行")

# Documents published beside a legislation record, by what they are. The
# three law texts are checked and shown article by article.
LawDocumentKind = Literal["草案征求意见稿", "草案说明", "草案修改稿", "审议结果报告", "公布文本", "其他"]
LAW_DOCUMENT_KINDS: tuple[str, ...] = ("草案征求意见稿", "草案说明", "草案修改稿", "审议结果报告", "公布文本", "其他")
LAW_TEXT_KINDS = frozenset({"草案征求意见稿", "草案修改稿", "公布文本"})

# Items of a year's 立法计划, in the order the plan lists them.
PlanCategory = Literal["正式项目", "预备项目", "调研项目"]
PLAN_CATEGORIES: tuple[str, ...] = ("正式项目", "预备项目", "调研项目")
# 代表建议: the handling states in their order, the reply categories with the
# wording of the national 人大 offices' rules, and the representative's verdict.
SuggestionStatus = Literal["已交办", "办理中", "已答复", "已办结"]
SUGGESTION_STATUSES: tuple[str, ...] = ("已交办", "办理中", "已答复", "已办结")
ANSWERED_STATUSES = frozenset({"已答复", "已办结"})
AnswerClass = Literal["A", "B", "C"]
ANSWER_CLASSES = {
    "A": "所提问题已经解决或基本解决",
    "B": "正在解决或已列入计划逐步解决",
    "C": "因条件限制或其他原因需以后解决或作为参考",
}
Satisfaction = Literal["满意", "基本满意", "不满意", "未反馈"]
SATISFACTIONS: tuple[str, ...] = ("满意", "基本满意", "不满意", "未反馈")
# A verdict was given: the denominator of 满意率.
VERDICTS = frozenset({"满意", "基本满意", "不满意"})

# Meetings of the 人大 and its 常委会. Each kind is numbered within a 届
# (第N次会议); the bound on N is what 地方组织法 makes plausible in a
# five-year 届: the 人代会 meets at least once a year, the 常委会 at least
# every two months (monthly in many places), the 主任会议 as often as weekly.
MeetingKind = Literal["人民代表大会会议", "常委会会议", "主任会议"]
MEETING_KINDS: tuple[str, ...] = ("人民代表大会会议", "常委会会议", "主任会议")
MAX_SESSION = {"人民代表大会会议": 10, "常委会会议": 90, "主任会议": 300}
MAX_TERM = 30
# A meeting lasts days, not weeks: the 人代会 a week or two, the others a few days.
MAX_MEETING_DAYS = {"人民代表大会会议": 15, "常委会会议": 7, "主任会议": 3}
MeetingDocumentKind = Literal["会议议程", "公告", "决议", "决定", "任免名单"]
# 任免: the 常委会 任命/免去 (court and procuratorate staff, its own
# officers), 决定任命/决定免去 (heads of government departments, on the
# mayor's nomination), 批准任命/批准免去 (a lower procuratorate's chief),
# and 接受辞职.
AppointmentAction = Literal["任命", "决定任命", "批准任命", "免去", "决定免去", "批准免去", "接受辞职"]
APPOINTING = ("任命", "决定任命", "批准任命")

OversightKind = Literal["执法检查", "专题询问", "专项工作报告审议", "工作评议", "满意度测评", "备案审查", "跟踪监督"]
OVERSIGHT_KINDS: tuple[str, ...] = ("执法检查", "专题询问", "专项工作报告审议", "工作评议", "满意度测评", "备案审查",
                                    "跟踪监督")
RectificationStatus = Literal["未整改", "整改中", "已整改"]
RECTIFICATION_STATUSES: tuple[str, ...] = ("未整改", "整改中", "已整改")
# What 监督法 has published of an oversight: the inspection or work report,
# the 常委会's 审议意见, and the government's report on how it dealt with
# them (研究处理情况报告), later reports on rectification, the results of
# a 满意度测评.
OversightDocumentKind = Literal["执法检查报告", "专项工作报告", "审议意见", "研究处理情况报告", "整改情况报告",
                                "测评结果"]

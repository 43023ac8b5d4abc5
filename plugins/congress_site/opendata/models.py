"""The shapes of the open-data files. The JSON Schemas published next to the
data are generated from these models, so data and schema cannot drift.

Persons, organizations and memberships follow Popolo
(https://www.popoloproject.com/specs/): its field names where it has one,
plain extra fields (levels, groups, duty…) where it has none."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Url = Annotated[str, StringConstraints(pattern=r"^https?://\S+$")]
Day = Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}$")]
# Every timestamp is China Standard Time: the schema itself insists on +08:00.
CstTime = Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$")]
Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]


class Out(BaseModel):
    # Strict: a field added without updating the model fails the tests.
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Meta(Out):
    title: str = Field(description="文件说明")
    site: Url = Field(description="网站地址")
    updated: Day = Field(description="数据生成日期（北京时间）")
    count: int = Field(ge=0, description="条目数")
    documentation: Url = Field(description="数据说明页")


class Link(Out):
    url: Url
    note: str | None = None


class ContactDetail(Out):
    type: str = Field(description="联系方式类型：address（地址）、opening_hours（开放时间）、reception（接待时间）、"
                                  "voice（电话）、email（留言邮箱）、url（在线留言）")
    label: str | None = None
    value: str


# ------------------------------------------------------------------ Popolo

class DutyOut(Out):
    # The suggestions a person led or co-signed are in suggestions.json (lead, cosigners).
    reception_days: int = Field(ge=0, description="接待选民天数")
    visits: int = Field(ge=0, description="走访次数")


class Person(Out):
    id: Id = Field(description="代表编号，与主页网址一致")
    name: str
    summary: str | None = Field(default=None, description="职业")
    biography: str | None = None
    contact_details: list[ContactDetail] = []
    links: list[Link] = []
    levels: list[str] = Field(description="代表层级：全国、省（自治区、直辖市）、设区的市（自治州）、县（市、区）、乡镇")
    term: str | None = Field(default=None, description="届次")
    constituency: str | None = Field(default=None, description="选区或代表团")
    region: str | None = Field(default=None, description="地区名称")
    region_id: Id | None = Field(default=None, description="地区编号（areas.json）")
    groups: list[str] = Field(default=[], description="专业小组")
    duty: DutyOut


class LiaisonOut(Out):
    name: str
    role: str | None = Field(default=None, description="职务")
    phone: str | None = Field(default=None, description="办公电话")


class Organization(Out):
    id: str = Field(description="机构编号；联络站用联络站编号，其余带 body- 或 congress- 前缀")
    name: str
    classification: str = Field(description="人大常委会、人民代表大会，或联络站的类型：代表之家、代表工作站、"
                                            "专业代表工作站、代表联络站、代表联络室、代表服务岗、基层立法联系点、网上代表联络站")
    parent_id: str | None = Field(default=None, description="上级站点的编号")
    area_id: Id | None = Field(default=None, description="所在地区的编号（areas.json）")
    region: str | None = Field(default=None, description="所在地区的名称")
    contact_details: list[ContactDetail] = []
    liaisons: list[LiaisonOut] = Field(default=[], description="联络员（只有公开的办公联系方式）")
    links: list[Link] = []
    description: str | None = None


class Area(Out):
    id: Id = Field(description="地区编号，与 content/regions.yml 一致")
    name: str
    full_name: str = Field(description="连同上级地区的名称，如 望舒区文枢街道")
    classification: str = Field(description="市、区、县、街道、镇、乡……（按名称）")
    parent_id: Id | None = Field(default=None, description="上级地区的编号")


class Membership(Out):
    id: str
    person_id: Id
    organization_id: str
    role: str
    label: str | None = None


class PersonsFile(Out):
    schema_: Url = Field(alias="$schema")
    meta: Meta
    persons: list[Person]


class OrganizationsFile(Out):
    schema_: Url = Field(alias="$schema")
    meta: Meta
    organizations: list[Organization]


class AreasFile(Out):
    schema_: Url = Field(alias="$schema")
    meta: Meta
    areas: list[Area]


class MembershipsFile(Out):
    schema_: Url = Field(alias="$schema")
    meta: Meta
    memberships: list[Membership]


# ------------------------------------------------------------- legislation

class GatheredOut(Out):
    station: Id = Field(description="联络站编号（organizations.json），多为基层立法联系点")
    opinions: int | None = Field(default=None, ge=0, description="经这个站点收集的意见条数（征集中或未统计时省略）")


class StageOut(Out):
    stage: str = Field(description="阶段名称，按固定顺序：立项、起草、征求意见、一审……")
    date: Day | None = None
    opens: Day | None = Field(default=None, description="征求意见开始日期")
    closes: Day | None = Field(default=None, description="征求意见截止日期")
    opinions: int | None = Field(default=None, ge=0, description="收到意见条数")
    gathered: list[GatheredOut] = Field(default=[], description="各站点收集的意见条数")
    note: str | None = None
    reached: bool = Field(description="生成数据之日是否已到这一阶段")


class CommentWindow(Out):
    opens: Day
    closes: Day
    state: str = Field(description="open（正在征求意见）或 upcoming（即将开始）")


class LegislationOut(Out):
    id: Id
    title: str
    url: Url
    kind: str
    body: str = Field(description="制定机关")
    body_id: str = Field(description="制定机关在 organizations.json 中的编号")
    summary: str | None = None
    origin: str = Field(description="来源，如 代表议案、政府提请、常委会立项")
    proposers: list[Id] = Field(default=[], description="提出人（代表编号）")
    stages: list[StageOut]
    current_stage: str | None = Field(default=None, description="当前阶段（由日期推算）")
    current_stage_date: Day | None = None
    status: str = Field(description="状态：立项起草、征求意见、审议中、已通过、已施行、已废止")
    comment_window: CommentWindow | None = Field(
        default=None, description="正在进行或即将开始的征求意见")
    lastmod: Day = Field(description="最近一次变动的日期")


class LegislationFile(Out):
    schema_: Url = Field(alias="$schema")
    meta: Meta
    legislation: list[LegislationOut]


# ----------------------------------------------------------------- stories

class StoryOut(Out):
    slug: Id
    url: Url
    title: str
    date: Day
    published: CstTime
    column: Id
    column_name: str
    authors: list[str]
    region: str | None = Field(default=None, description="地区名称")
    region_id: Id | None = Field(default=None, description="地区编号（areas.json）")
    place: str | None = Field(default=None, description="地点（本行政区域以外或更具体的地方）")
    representatives: list[Id] = []
    legislation: list[Id] = []
    tags: list[str] = []
    summary: str | None = None
    source: str | None = Field(default=None, description="原载报刊")


class StoriesFile(Out):
    schema_: Url = Field(alias="$schema")
    meta: Meta
    stories: list[StoryOut]


# ------------------------------------------------------- 代表建议, 民生实事

class SuggestionOut(Out):
    year: int = Field(description="年度（所在年度文件）")
    number: str = Field(description="建议编号，同一年度内唯一")
    url: Url
    session: str = Field(description="会次，如 十届五次会议，或 闭会期间")
    title: str
    lead: Id = Field(description="领衔代表（persons.json 中的编号）")
    cosigners: list[Id] = Field(default=[], description="附议代表")
    category: str = Field(description="类别")
    unit: str = Field(description="主办单位")
    co_units: list[str] = Field(default=[], description="会办单位")
    assigned: Day = Field(description="交办日期")
    status: str = Field(description="办理状态：已交办、办理中、已答复、已办结")
    answer: str | None = Field(default=None, description="答复类别：A、B、C")
    answer_text: str | None = Field(default=None, description="答复类别的含义")
    answered: Day | None = Field(default=None, description="答复日期")
    reply: str | None = Field(default=None, description="答复摘要")
    satisfaction: str = Field(description="代表满意度：满意、基本满意、不满意、未反馈")
    supervision: str | None = Field(default=None, description="重点督办（由谁督办）")
    led_by: str | None = Field(default=None, description="领办（由谁领办）")
    stories: list[Id] = Field(default=[], description="相关报道（stories.json 中的 slug）")


class SuggestionYearOut(Out):
    year: int
    url: Url
    total: int = Field(ge=0, description="建议件数")
    by_status: dict[str, int] = Field(description="各办理状态的件数")
    by_answer: dict[str, int] = Field(description="各答复类别的件数")
    by_satisfaction: dict[str, int] = Field(description="各代表满意度的件数")
    completion_rate: float | None = Field(description="办结率 = 已办结 ÷ 总数（0–1，无建议时为 null）")
    satisfaction_rate: float | None = Field(
        description="满意率 =（满意 + 基本满意）÷ 已反馈（满意、基本满意、不满意之和；0–1，无反馈时为 null）")


class SuggestionsFile(Out):
    schema_: Url = Field(alias="$schema")
    meta: Meta
    years: list[SuggestionYearOut]
    suggestions: list[SuggestionOut]


class SittingOut(Out):
    meeting: str
    date: Day
    attendance: int | None = Field(default=None, description="实到人数")


class ProgressOut(Out):
    date: Day
    percent: int = Field(ge=0, le=100)
    note: str
    story: Id | None = None


class VerdictOut(Out):
    satisfied: float
    basic: float
    unsatisfied: float
    rating: str = Field(description="测评等次：满意、基本满意、不满意")


class CandidateOut(Out):
    id: Id
    title: str
    responsible: str = Field(description="责任单位")
    budget: float | None = Field(default=None, description="计划投资（万元）")
    target: str | None = Field(default=None, description="目标任务")
    in_favour: int = Field(ge=0, description="赞成票")
    against: int = Field(ge=0, description="反对票")
    abstain: int = Field(ge=0, description="弃权票")
    elected: bool = Field(description="是否票决当选")
    progress: list[ProgressOut] = []
    evaluation: VerdictOut | None = Field(default=None, description="年终满意度测评")


class ProjectYearOut(Out):
    year: int
    url: Url
    vote: SittingOut = Field(description="票决会议")
    seats: int | None = Field(default=None, description="应选项目数")
    evaluation: SittingOut | None = Field(default=None, description="满意度测评会议")
    evaluation_scale: str | None = Field(default=None, description="测评结果的计数方式：票数 或 百分比")
    candidates: list[CandidateOut]


class ProjectsFile(Out):
    schema_: Url = Field(alias="$schema")
    meta: Meta
    projects: list[ProjectYearOut]
# ------------------------------------------------ meetings and oversight

class AgendaItemOut(Out):
    title: str
    legislation: Id | None = Field(default=None, description="所涉法规的编号（legislation.json）")
    oversight: Id | None = Field(default=None, description="所涉监督事项的编号（oversight.json）")
    document: str | None = Field(default=None, description="所涉会议文件的文件名")


class MeetingDocumentOut(Out):
    kind: str = Field(description="会议议程、公告、决议、决定、任免名单")
    title: str
    date: Day
    number: int | None = Field(default=None, ge=1, description="公告编号（一届之内按发布先后）")
    full_title: str | None = Field(default=None, description="公告的完整名称，如 示例市第十届人民代表大会常务委员会公告（第二十三号）")
    legislation: Id | None = Field(default=None, description="公告公布的法规的编号")


class AppointmentOut(Out):
    action: str = Field(description="任命、决定任命、批准任命、免去、决定免去、批准免去、接受辞职")
    name: str
    position: str = Field(description="职务")
    person_id: Id | None = Field(default=None, description="本人为人大代表时的代表编号（persons.json）")


class EventOut(Out):
    """A Popolo event: https://www.popoloproject.com/specs/event.html"""

    id: Id = Field(description="会议编号，与会议页面网址一致")
    name: str = Field(description="会议名称，由届次和次数生成")
    classification: str = Field(description="人民代表大会会议、常委会会议、主任会议")
    term: int = Field(ge=1, description="届")
    session: int = Field(ge=1, description="次（在一届之内计数）")
    start_date: Day
    end_date: Day
    location: str
    status: str = Field(description="held（已召开）或 planned（计划召开）")
    organization_id: str = Field(description="召开会议的机构在 organizations.json 中的编号")
    description: str | None = None
    agenda: list[AgendaItemOut] = []
    documents: list[MeetingDocumentOut] = []
    appointments: list[AppointmentOut] = []
    attendees: list[Id] = Field(default=[], description="列席会议的人大代表（代表编号）")
    links: list[Link] = []


class EventsFile(Out):
    schema_: Url = Field(alias="$schema")
    meta: Meta
    events: list[EventOut]


class IssueOut(Out):
    title: str = Field(description="发现的问题")
    found: Day | None = Field(default=None, description="发现问题的日期")
    measure: str | None = Field(default=None, description="整改措施")
    responsible: str = Field(description="责任单位")
    status: str = Field(description="未整改、整改中、已整改")
    date: Day | None = Field(default=None, description="已整改：完成日期；整改中：最近一次报告的日期")


class OversightDocumentOut(Out):
    kind: str = Field(description="执法检查报告、专项工作报告、审议意见、研究处理情况报告、整改情况报告、测评结果")
    title: str
    date: Day
    url: Url | None = Field(default=None, description="文件的网址（网页或下载）")


class OversightOut(Out):
    id: Id
    url: Url
    kind: str = Field(description="执法检查、专题询问、专项工作报告审议、工作评议、满意度测评、备案审查、跟踪监督")
    subject: str = Field(description="监督事项")
    law: str | None = Field(default=None, description="所涉法律法规的名称")
    legislation: Id | None = Field(default=None, description="本站有记录的法规的编号（legislation.json）")
    meeting: Id | None = Field(default=None, description="审议的会议（events.json）")
    start: Day | None = None
    end: Day | None = None
    leader: str | None = Field(default=None, description="带队")
    participants: list[Id] = Field(default=[], description="参加的人大代表（代表编号）")
    summary: str | None = None
    review: str | None = Field(default=None, description="审议意见")
    review_sent: Day | None = Field(default=None, description="审议意见交办日期")
    issues: list[IssueOut] = Field(default=[], description="问题清单及整改情况")
    progress: dict[str, int] = Field(description="各整改状态的问题数")
    documents: list[OversightDocumentOut] = Field(default=[], description="报告和文件")


class OversightFile(Out):
    schema_: Url = Field(alias="$schema")
    meta: Meta
    oversight: list[OversightOut]


FILES: dict[str, tuple[type[Out], str]] = {
    "persons": (PersonsFile, "人大代表（Popolo persons）"),
    "organizations": (OrganizationsFile, "人大常委会、人民代表大会与代表联络站（Popolo organizations）"),
    "memberships": (MembershipsFile, "代表与机构、联络站的关系（Popolo memberships）"),
    "areas": (AreasFile, "本行政区域的地区（Popolo areas）"),
    "legislation": (LegislationFile, "立法项目及其阶段"),
    "stories": (StoriesFile, "已发布稿件索引（不含正文）"),
    "suggestions": (SuggestionsFile, "代表建议及其办理情况"),
    "projects": (ProjectsFile, "民生实事项目：候选项目、代表票决、实施进展和满意度测评"),
    "events": (EventsFile, "人民代表大会会议、常委会会议和主任会议（Popolo events）"),
    "oversight": (OversightFile, "监督工作及问题整改情况"),
}

"""Pydantic validation errors in the words a correspondent reads."""

from __future__ import annotations

import difflib
from collections.abc import Callable

from pydantic import BaseModel, ValidationError

from ..findings import Finding
from .source import Source

FIELD_NAMES_ZH = {
    "id": "编号", "name": "姓名/名称", "title": "标题", "date": "日期", "column": "栏目",
    "authors": "作者", "region": "地区", "representatives": "代表", "legislation": "法规",
    "tags": "标签", "summary": "摘要", "cover": "封面图", "cover_alt": "封面图说明",
    "source": "来源", "draft": "草稿", "levels": "代表层级", "term": "届次",
    "constituency": "选区或代表团", "station": "联络站", "occupation": "职业", "groups": "专业小组",
    "photo": "照片", "bio": "简介", "reception": "接待时间", "duty": "履职记录",
    "suggestions": "建议", "year": "年份", "status": "办理状态", "satisfaction": "代表满意度",
    "stages": "立法阶段", "stage": "阶段", "opens": "开始日期", "closes": "截止日期",
    "opinions": "意见条数", "kind": "类型", "body": "制定机关", "origin": "来源",
    "proposers": "提出人", "level": "级别", "address": "地址", "schedule": "接待安排",
    "editor": "责编", "order": "排序", "description": "说明",
    "sponsor": "主办单位", "operator": "承办单位", "postcode": "邮编", "phone": "联系电话",
    "icp": "ICP备案号", "police": "公安机关备案号", "site_code": "网站标识码",
    "emblem": "党政机关网站标识", "emblem_link": "标识链接",
    "documents": "文件", "file": "文件名", "channels": "征求意见渠道", "email": "电子邮箱",
    "post": "通信地址", "recipient": "收件单位", "online": "网上征求意见网址",
    "fax": "传真", "stations": "代表联络站", "document": "征求意见稿",
    "feedback": "意见反馈", "received": "收到意见条数", "adopted": "采纳条数",
    "partly_adopted": "部分采纳条数", "not_adopted": "未采纳条数", "report": "反馈报告",
    "submitted": "报请批准日期", "items": "计划项目", "submitted_by": "提请单位",
    "months": "拟审议月份", "record": "法规编号", "adopted_on": "通过日期", "adopted_by": "通过机构",
    # 代表建议
    "number": "编号", "session": "会次", "lead": "领衔代表", "cosigners": "附议代表", "category": "类别",
    "unit": "主办单位", "co_units": "会办单位", "assigned": "交办日期", "answer": "答复类别",
    "answered": "答复日期", "reply": "答复摘要", "supervision": "重点督办", "led_by": "领办",
    "stories": "相关报道",
    # 民生实事项目
    "vote": "票决", "evaluation": "满意度测评", "meeting": "会议", "attendance": "实到人数", "seats": "应选项目数",
    "candidates": "候选项目", "budget": "投资（万元）", "votes": "票数", "in_favour": "赞成",
    "against": "反对", "abstain": "弃权", "elected": "当选", "progress": "进展", "percent": "完成百分比",
    "note": "说明", "story": "报道", "satisfied": "满意", "basic": "基本满意", "unsatisfied": "不满意",
    "target": "目标任务", "scale": "计数方式", "responsible": "责任单位",
    "place": "地点", "type": "类型", "parent": "上级站点", "hours": "开放时间",
    "liaisons": "联络员", "role": "职务", "messages": "留言渠道", "receptions": "接待日",
    "gathered": "各站点收集的意见",
    # 会议和监督
    "end": "结束日期", "agenda": "议程", "appointments": "任免", "action": "任免事项",
    "position": "职务",
    "profile": "代表编号", "participants": "参加的代表", "subject": "监督事项", "law": "法律法规",
    "start": "开始日期", "leader": "带队", "issues": "问题清单", "rectification": "整改情况",
    "measure": "整改措施", "found": "发现日期", "review": "审议意见", "review_sent": "审议意见交办日期",
    "oversight": "监督",
    "cover_caption": "封面图题注", "reception_days": "接待选民天数", "visits": "走访次数",
    "weekday": "每周几", "monthday": "每月几日",
}

# Fields whose text becomes a page's description (search results, share cards).
_DESCRIPTIONS = ("summary", "description")


def _model_errors(msg: str) -> tuple[str, str, str | None]:
    """Our own model_validator messages: (code, message, fix)."""
    key, _, _ = msg.partition(":")
    return {
        "cover_alt_missing": ("cover-alt-missing", "有封面图（cover）但没有图片说明（cover_alt）",
                              "请加一行 cover_alt: 简要描述图片内容，供读屏软件朗读"),
        "comment_window_dates": ("stage-window", "“征求意见”阶段需要开始日期 opens 和截止日期 closes",
                                 "例如 {stage: 征求意见, opens: 2024-06-10, closes: 2024-07-10}"),
        "comment_window_order": ("stage-window", "征求意见的截止日期早于开始日期", "请核对 opens 和 closes"),
        "stage_date_missing": ("stage-date", "这个阶段缺少日期 date", "例如 {stage: 一审, date: 2024-06-01}"),
        "stage_dates_backwards": ("stage-order", "阶段日期倒退：这一阶段早于前一阶段",
                                  "请按时间先后排列各阶段，并核对日期"),
        "stage_order": ("stage-order", "阶段顺序不对：这一阶段不应排在前一阶段之后",
                        "顺序为 立项、起草、征求意见、一审、二审、三审、表决通过、批准、公布、施行"),
        "reception_rule": ("reception-rule", "接待日须写 weekday（每周几，1 为周一）或 monthday（每月几日）之一",
                           "例如 {weekday: 2, start: \"09:00\", end: \"11:30\"}"),
        "stage_repeated": ("stage-order", "同一阶段重复出现", "请删去重复的一项"),
        "icp_format": ("bad-icp", "ICP备案号格式不对：应为省份简称、“ICP备”、8位或10位数字和“号”，可带“-序号”",
                       "照工信部备案系统中的号码填写，例如 京ICP备12345678号 或 京ICP备2024012345号-2"),
        "police_format": ("bad-police-record", "公安机关备案号格式不对：应为省份简称、“公网安备”、14位数字和“号”",
                          "照公安备案平台发放的号码填写，例如 京公网安备11010502000001号"),
        "site_code_format": ("bad-site-code", "网站标识码应为10位字母或数字",
                             "照政府网站标识码的通知填写，例如 1100000001"),
        "postcode_format": ("bad-postcode", "邮编应为6位数字", "例如 postcode: \"100000\"（加英文引号，开头的0才不会丢）"),
        "phone_format": ("bad-phone", "联系电话只能含数字、连字符、括号和“转”", "例如 0123-5550100"),
        "emblem_local": ("remote-image", "党政机关网站标识须是本站仓库中的图片文件（png、jpg、gif、webp 或 svg）",
                         "把标识图片放进 content/，emblem 写相对路径，例如 assets/images/dangzheng.png；"
                         "页面不得从其他网站加载图片"),
        "emblem_link_format": ("bad-link", "标识链接应以 https:// 或 http:// 开头", "照标识发放时给出的网址填写"),
        "reserved_id": ("reserved-id", "这个编号是网站栏目的网址（/legislation/plans/、/legislation/consultations/），不能用作法规编号",
                        "请换一个编号，并同时修改文件名"),
        "document_duplicate": ("document-duplicate", "同一个文件在 documents 中列了两次", "请删去重复的一项"),
        "channels_empty": ("channels-empty", "征求意见渠道 channels 是空的",
                           "至少写一种：email、post、online、phone、fax 或 stations"),
        "feedback_counts": ("feedback-counts", "采纳、部分采纳和未采纳的意见合计多于收到的意见条数",
                            "请核对 received（或本阶段的 opinions）与 adopted、partly_adopted、not_adopted"),
        "feedback_received": ("feedback-received", "意见反馈缺少收到的意见条数",
                              "请在 feedback 下写 received: 条数，或在本阶段写 opinions: 条数"),
        "feedback_mismatch": ("feedback-counts", "本阶段的 opinions 与 feedback 中的 received 不一致",
                              "两处写同一个数，或删去其中一处"),
        "consult_fields": ("stage-fields", "channels、document、feedback 只能写在“征求意见”阶段",
                           "请把它们移到 {stage: 征求意见, …} 那一项下"),
        "submitted_stage": ("stage-fields", "报请批准日期 submitted 只能写在“批准”阶段",
                            "例如 {stage: 批准, submitted: 2026-11-06}"),
        "approval_before_submission": ("stage-order", "批准日期早于报请批准日期 submitted", "请核对两个日期"),
        # 代表建议
        "session_format": ("bad-session", "会次应写成“十届五次会议”这样以“会议”结尾的名称，或“闭会期间”",
                           "例如 session: 十届五次会议"),
        "answer_missing": ("answer-missing", "办理状态为已答复或已办结，但缺少答复类别（answer）",
                           "请加一行 answer: A（A 所提问题已经解决或基本解决；B 正在解决或已列入计划逐步解决；"
                           "C 因条件限制或其他原因需以后解决或作为参考）"),
        "answer_early": ("answer-early", "建议尚未答复（办理状态为已交办或办理中），不应有答复类别（answer）",
                         "答复后再填写答复类别，并把办理状态改为已答复"),
        "satisfaction_early": ("satisfaction-early", "建议尚未答复，代表不可能已作满意度评价（satisfaction）",
                               "请删去 satisfaction，或先把办理状态改为已答复或已办结"),
        "answered_early": ("answered-early", "建议尚未答复，不应有答复日期（answered）",
                           "请删去 answered，或把办理状态改为已答复"),
        "answered_before_assigned": ("answered-before-assigned", "答复日期（answered）早于交办日期（assigned）",
                                     "请核对两个日期"),
        "lead_cosigns": ("lead-cosigns", "领衔代表又出现在附议代表（cosigners）中", "请从附议代表中删去领衔代表"),
        "unit_twice": ("unit-twice", "主办单位又出现在会办单位（co_units）中", "请从会办单位中删去主办单位"),
        # 民生实事项目
        "votes_over_attendance": ("votes-over-attendance", "赞成、反对、弃权票合计多于实到代表人数",
                                  "请核对票数和票决会议的实到人数（vote 下的 attendance）"),
        "evaluation_over_attendance": ("evaluation-over-attendance", "满意度测评票数合计多于测评时的实到人数",
                                       "请核对测评票数和 evaluation 下的 attendance"),
        "percent_sum": ("percent-sum", "满意度测评按百分比填写时，三项合计应为 100",
                        "请核对满意、基本满意、不满意三项百分比"),
        "not_elected": ("not-elected", "未当选的候选项目不应有实施进展或满意度测评",
                        "请删去这一项的 progress、evaluation，或核对 elected"),
        "progress_backwards": ("progress-order", "进展的日期倒退或完成百分比减少",
                               "请按时间先后排列各次进展，并核对百分比"),
        "elected_over_seats": ("elected-over-seats", "当选项目数多于应选项目数（seats）", "请核对 elected 和 seats"),
        "evaluation_without_meeting": ("evaluation-meeting", "有项目的满意度测评，但没有写测评会议（evaluation）",
                                       "请在文件开头加 evaluation: {meeting: 会议名称, date: 日期, attendance: 人数}"),
        "public_phone_mobile": ("phone-mobile", "这里是联络站公开的电话，不能填手机号码（手机号码多为个人号码）",
                         "请填写办公固定电话或服务热线，例如 0123-5550100；确需公布的值班手机写在说明里，"
                         "并列入 content/style/public-phones.txt"),
        "public_phone_format": ("phone-format", "电话号码的格式不对",
                         "固定电话写成 区号-号码，例如 0123-5550100 或 010-88568888-6603（分机）；"
                         "也可以是 400-810-1234 这样的服务电话或 12345 这样的服务热线"),
        "public_phone_not_text": ("phone-format", "电话号码被当成了数字（开头的 0 等会丢失）",
                           "请用短横线分隔区号，例如 0123-5550100，或给号码加上引号，例如 \"12345\""),
        "gathered_stage": ("gathered-stage", "各站点收集的意见（gathered）只能写在“征求意见”阶段",
                           "请把 gathered 移到 {stage: 征求意见, …} 那一项下"),
        "gathered_total": ("gathered-total", "各站点收集的意见条数之和超过了收到的意见总数（opinions）",
                           "请核对各站点的条数和总数"),
    }.get(key, ("invalid", msg, None))


def _label(field: str) -> str:
    return f"“{field}”（{FIELD_NAMES_ZH[field]}）" if field in FIELD_NAMES_ZH else f"“{field}”"


def translate(exc: ValidationError, src: Source, model: type[BaseModel], prefix: tuple = (),
              label_of: Callable[[str], str] = _label) -> list[Finding]:
    """`label_of(field)` names a field in messages (an importer names the
    spreadsheet column instead)."""
    findings = []
    for err in exc.errors(include_url=False):
        loc = prefix + tuple(err["loc"])
        kind = err["type"]
        field = next((p for p in reversed(loc) if isinstance(p, str)), "")
        label = label_of(field)
        line, col = src.where(loc)
        code, fix = f"field-{kind.replace('_', '-')}", None
        ctx = err.get("ctx") or {}
        if kind == "extra_forbidden":
            known = _known_fields(model, loc[len(prefix):-1])
            near = difflib.get_close_matches(field, known, n=1, cutoff=0.5)
            code = "unknown-field"
            message = f"未知字段“{field}”"
            fix = f"是否想写“{near[0]}”？" if near else f"可用的字段：{'、'.join(known)}"
            if loc[-2:] == ("duty", "suggestions"):
                code, message = "suggestions-moved", "代表建议已不再写在代表信息中"
                fix = ("请把每件建议移到 content/suggestions/年份.yml（lead 写本代表编号），"
                       "或用 congress import suggestions 从办理系统导出的表格生成，再删去这里的 suggestions")
        elif kind == "missing":
            code, message = "missing-field", f"缺少必填字段{label}"
            fix = f"请加一行 {field}: …"
        elif kind == "value_error":
            raw = str(ctx.get("error", err["msg"]))
            code, message, fix = _model_errors(raw)
            # A list validator names the offending item after a colon.
            # A list validator names the offending item after a colon, a
            # model validator the offending field.
            index = raw.partition(":")[2]
            if index.isdigit():
                line, col = src.where(loc + (int(index),))
            elif index:
                line, col = src.where(loc + (index,))
            # A validator names the offending list item, or field, after a colon.
            index = raw.partition(":")[2]
            if index.isdigit():
                line, col = src.where(loc + (int(index),))
            elif index:  # a field, or a dotted path such as progress.1
                line, col = src.where(loc + tuple(int(k) if k.isdigit() else k for k in index.split(".")))
        elif kind == "literal_error":
            code = "bad-value"
            message = f"{label}的值“{err.get('input')}”不在可选范围内"
            fix = _literal_fix(field, err.get("input"), str(ctx.get("expected", "")))
        elif kind == "string_pattern_mismatch":
            code = "bad-format"
            value = str(err.get("input", ""))
            if "<" in value or ">" in value:
                code, message = "html-in-field", f"{label}中不能含有尖括号“<”“>”（这里不允许 HTML）"
                fix = "请删去尖括号；书名请用《》"
            elif field in ("unit", "co_units", "category", "responsible"):
                message = f"{label}“{value}”中有不允许的符号"
                fix = "单位和类别名称不用斜杠、空格、点、引号或 # % & ? * | 等符号；几个会办单位请分别写在 co_units 列表中"
            elif field == "tags":
                message = f"标签“{value}”含有不允许的字符"
                fix = "标签只用文字，不要含空格、斜杠、引号、点、英文冒号或 # % & ? * | 等符号"
            elif field in ("id", "station", "column") or (loc and isinstance(loc[-1], int)):
                message = f"{label}“{err.get('input')}”格式不对"
                fix = "编号只用小写拼音字母、数字和连字符，例如 zhang-xiaolan"
            elif field == "messages":
                message = f"{label}“{value}”既不是电子邮箱也不是网址"
                fix = "写电子邮箱，例如 daibiao@example.gov.cn，或以 https:// 开头的留言网页地址"
            elif field == "law":
                message = f"法律法规“{value}”的写法不对"
                fix = "本站有记录的法规写它的编号，例如 shili-chengshi-lvhua；其他法律写带书名号的全称，例如 《中华人民共和国农产品质量安全法》"
            elif field == "title":
                message = f"法规标题“{err.get('input')}”须用书名号"
                fix = "例如 《澜川市青年发展促进条例》"
            elif field in _FORMAT_ADVICE:
                code, message, fix = _FORMAT_ADVICE[field]
                message = message.format(value=_short(err.get("input")))
            else:
                message = f"{label}格式不对"
        elif kind in ("string_too_short", "too_short"):
            code, message = "empty-field", f"{label}不能为空"
            fix = "请填写内容；不需要时删去这一行"
        elif kind in ("string_too_long", "too_long"):
            code, message = "too-long", f"{label}过长"
            limit = ctx.get("max_length")
            if limit and field in _DESCRIPTIONS:
                message = f"{label}过长（{len(str(err.get('input', '')))}字），不能超过{limit}字"
                fix = "它是页面的简介，显示在搜索结果和分享卡片中：请写成一两句话，详细内容放进正文"
            elif limit:
                fix = f"请缩短到{limit}字以内"
        elif kind.startswith(("date", "datetime")):
            code, message, fix = "date", f"{label}不是有效日期", "日期请写成 2025-07-05 这样的格式"
        elif kind in ("string_type", "int_type", "int_parsing", "bool_type", "bool_parsing", "list_type",
                      "dict_type", "model_type", "int_from_float", "float_type"):
            want = {"string": "文字", "int": "整数", "bool": "true 或 false", "list": "列表（[甲, 乙]）",
                    "dict": "字段组", "model": "字段组", "float": "数字"}
            code = "wrong-type"
            wanted = want.get(kind.split('_')[0], kind)
            message = f"{label}应为{wanted}，实际是“{_short(err.get('input'))}”"
            fix = f"请把这一项写成{wanted}"
        elif kind in ("greater_than_equal", "less_than_equal"):
            code, message = "out-of-range", f"{label}的值超出范围"
        else:
            message = f"{label}：{err['msg']}"
        findings.append(Finding(path=src.path, line=line, column=col, code=code, message=message, fix=fix))
    return findings


# Values with a fixed shape: what is wrong and an example that is right.
_FORMAT_ADVICE = {
    "email": ("channel-email", "电子邮箱“{value}”不是有效的地址", "例如 email: lifa@example.gov.cn"),
    "postcode": ("channel-postcode", "邮编“{value}”不是六位数字", "例如 postcode: \"990100\"（以 0 开头的邮编请加英文引号）"),
    "online": ("channel-url", "网址“{value}”格式不对", "请写完整的网址，以 https:// 或 http:// 开头"),
    "phone": ("channel-phone", "电话号码“{value}”格式不对", "请写区号和号码，例如 0123-5550100"),
    "fax": ("channel-phone", "传真号码“{value}”格式不对", "请写区号和号码，例如 0123-5550101"),
    "file": ("document-file", "文件名“{value}”不符合要求",
             "文件名只用小写拼音字母、数字和连字符，扩展名为 .md、.pdf 或 .docx，例如 caoan-shuoming.pdf"),
    "document": ("document-file", "文件名“{value}”不符合要求", "请写 documents 中某一项的文件名，例如 zhengqiu-yijian-gao.md"),
    "report": ("document-file", "文件名“{value}”不符合要求", "请写 documents 中某一项的文件名，例如 fankui-baogao.md"),
}
def _literal_fix(field: str, value, expected: str) -> str:
    """A did-you-mean before the list of allowed values."""
    from .vocab import OLD_LEVELS

    options = [o.strip().strip("'") for o in expected.replace(" or ", ",").split(",") if o.strip()]
    listing = f"可选：{'、'.join(options)}"
    text = str(value) if isinstance(value, str) else ""
    if field == "levels" and text in OLD_LEVELS:
        near = OLD_LEVELS[text]
        return f"代表层级按法定的五级填写：“{text}”应写作“{'”或“'.join(near)}”。{listing}"
    near = difflib.get_close_matches(text, options, n=2, cutoff=0.4) if text else []
    if not near and text:
        # Chinese names differ by one character in a short word: 代表联络点 → 代表联络站.
        near = [o for o in options if len(set(o) & set(text)) >= max(2, len(text) - 1)][:2]
    return f"是否想写“{'”或“'.join(near)}”？{listing}" if near else listing


def _short(value) -> str:
    text = str(value)
    return text if len(text) <= 30 else text[:30] + "…"


def _known_fields(model: type[BaseModel], loc: tuple) -> list[str]:
    """Field names of the (nested) model at `loc`, for did-you-mean."""
    current = model
    for part in loc:
        if isinstance(part, int):
            continue
        info = current.model_fields.get(part)
        if info is None:
            break
        nested = _model_in(info.annotation)
        if nested is None:
            break
        current = nested
    return [name for name, f in current.model_fields.items() if not f.exclude]


def _model_in(annotation) -> type[BaseModel] | None:
    import typing

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found:
            return found
    return None

"""What each legislative stage means, in words a resident understands: what
happens in it and who decides. Shown on every law page and the tracker.

Written for a 设区的市 under the 立法法 (2023): its 常委会 passes a law, the
provincial 常委会 approves it (第八十一条), then the city's 常委会 publishes it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StageText:
    what: str  # what happens
    who: str  # who decides or does it


STAGES: dict[str, StageText] = {
    "立项": StageText("把这部法规列入常委会的年度立法计划，明确由谁起草、什么时候提请审议。",
                    "常委会主任会议通过立法计划，常委会法制工作委员会具体组织。"),
    "起草": StageText("起草单位调查研究，听取部门、专家和群众的意见，写出法规草案和起草说明。",
                    "市政府有关部门、人大专门委员会或常委会工作机构负责起草。"),
    "征求意见": StageText("法规草案向社会公布，任何单位和个人都可以提出意见，时间一般不少于三十日。每条意见都会登记、研究，并反馈采纳情况。",
                      "常委会法制工作委员会收集整理，法制委员会统一审议时研究吸收。"),
    "一审": StageText("常委会会议第一次审议：听取起草说明，组成人员分组审议，提出修改意见。",
                    "常委会组成人员审议。"),
    "二审": StageText("常委会会议第二次审议：法制委员会根据各方面意见修改草案，报告修改情况。",
                    "常委会组成人员审议，法制委员会统一审议。"),
    "三审": StageText("常委会会议第三次审议：对分歧较大的问题再作研究，形成提请表决的草案。",
                    "常委会组成人员审议，法制委员会统一审议。"),
    "审议": StageText("常委会会议一般分两次或三次审议法规草案，每次审议后根据意见修改。",
                    "常委会组成人员审议，法制委员会统一审议。"),
    "表决通过": StageText("常委会会议对草案表决稿进行表决，获得常委会全体组成人员过半数赞成即为通过。",
                      "常委会全体组成人员表决。"),
    "批准": StageText("设区的市的法规须报省人大常委会批准后施行。省人大常委会审查其合法性，不抵触的，应当在四个月内予以批准。",
                    "省人大常委会审查并决定是否批准（《中华人民共和国立法法》第八十一条）。"),
    "公布": StageText("法规经批准后，由市人大常委会发布公告予以公布，并在常委会公报、网站和本地报纸上刊载。",
                    "市人大常委会发布公告。"),
    "施行": StageText("法规自规定的日期起生效，有关部门、单位和个人都要遵守执行。",
                    "政府有关部门负责实施，人大常委会监督。"),
    "执法检查": StageText("常委会组织检查法规的实施情况，找出问题，督促有关部门整改并报告整改情况。",
                      "常委会组织执法检查组，检查报告提请常委会会议审议。"),
    "立法后评估": StageText("对法规实施的效果进行评估，看规定是否管用、是否需要修改。",
                       "常委会工作机构组织，可以委托第三方评估。"),
    "修改": StageText("根据实际需要修改法规的部分条文，修改程序与制定相同。",
                    "常委会审议、表决，报省人大常委会批准。"),
    "废止": StageText("法规不再施行，一般因为已被新法规取代或者已不适应实际需要。",
                    "常委会决定废止，报省人大常委会批准。"),
}


def explain(stage: str) -> StageText | None:
    return STAGES.get(stage)

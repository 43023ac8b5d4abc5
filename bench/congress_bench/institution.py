"""Ten years of a 设区的市's meetings and oversight for the synthetic site:
a 人民代表大会会议 every January, a 常委会会议 every other month, three
oversight records a year with their problems and rectification. Drawn from
a random generator of their own, so adding them leaves the bytes of the
other records and stories unchanged."""

from __future__ import annotations

import datetime as dt
import random

from . import vocab as v

UNITS = ("市民政局", "市农业农村局", "市生态环境局", "市住房和城乡建设局", "市卫生健康委员会", "市教育局")
PROBLEMS = ("基层工作力量不足", "经费保障不到位", "部门之间衔接不畅", "配套制度尚不完善", "宣传普及不够深入")
STATUSES = ("未整改", "整改中", "已整改", "已整改")
KINDS = ("执法检查", "专项工作报告审议", "专题询问")


def _term(year: int) -> int:
    # A 届 of five years, the tenth from 2022.
    return 10 + (year - 2022) // 5


def meetings_and_oversight(seed: int, first: dt.date, today: dt.date, laws: list[dict],
                           profiles: list[dict]) -> tuple[list[dict], list[dict]]:
    rng = random.Random(f"institution-{seed}")
    meetings: list[dict] = []
    sessions: dict[tuple[int, str], int] = {}

    def meeting(kind: str, day: dt.date, prefix: str, agenda: list[dict]) -> dict:
        term = _term(day.year)
        n = sessions[(term, kind)] = sessions.get((term, kind), 0) + 1
        record = {"id": f"{prefix}-{term}-{n}", "kind": kind, "term": term, "session": n, "date": day,
                  "place": "市人大常委会会议室" if kind == "常委会会议" else "市人民会堂", "agenda": agenda}
        meetings.append(record)
        return record

    by_month: dict[tuple[int, int], dict] = {}
    for year in range(first.year, today.year):
        meeting("人民代表大会会议", dt.date(year, 1, 12), "rendahui", [{"title": "听取和审议市人民政府工作报告"}])
        for month in range(2, 13, 2):
            agenda = [{"title": f"审议{law['title']}", "legislation": law["id"]}
                      for law in rng.sample(laws, min(len(laws), rng.randint(1, 3)))]
            by_month[(year, month)] = meeting("常委会会议", dt.date(year, month, 25), "changweihui", agenda)

    oversight: list[dict] = []
    for year in range(first.year, today.year):
        for i, kind in enumerate(KINDS):
            topic = rng.choice(v.TOPICS)[0]
            start, end = dt.date(year, 3 + 2 * i, 1), dt.date(year, 4 + 2 * i, 15)
            heard = by_month[(year, 6 + 2 * i)]
            law = rng.choice(laws) if laws else None
            record = {"id": f"jiandu-{year}-{i + 1}", "kind": kind,
                      "subject": (f"{law['title']}实施情况" if kind == "执法检查" and law
                                  else f"市人民政府关于{topic}工作情况的报告"),
                      "meeting": heard["id"], "start": start, "end": end,
                      "participants": sorted({rng.choice(profiles)["id"] for _ in range(rng.randint(0, 3))})
                      if profiles else []}
            if kind == "执法检查":
                record["law"] = law["id"] if law else "《中华人民共和国环境保护法》"
            heard["agenda"].append({"title": f"听取和审议{record['subject']}", "oversight": record["id"]})
            issues = []
            for problem in rng.sample(PROBLEMS, rng.randint(2, 5)):
                status = rng.choice(STATUSES)
                fix = {"measure": f"制定{topic}工作整改方案", "responsible": rng.choice(UNITS), "status": status}
                if status == "已整改":
                    fix["date"] = min(end + dt.timedelta(days=rng.randint(30, 300)), today - dt.timedelta(days=1))
                issues.append({"title": f"{topic}{problem}", "rectification": fix})
            record["issues"] = issues
            oversight.append(record)
    return meetings, oversight

"""The corpus of bad records (corpus/cases.yml) and how a case is placed
into a site; also generated hostile YAML that cannot live as a file."""

from __future__ import annotations

from pathlib import Path

import yaml

CORPUS = Path(__file__).parent / "corpus"
CASES = yaml.safe_load((CORPUS / "cases.yml").read_text(encoding="utf-8"))
PLACES = {"stories": "stories/2025/07-05-{stem}.md", "profiles": "profiles/{name}",
          "legislation": "content/legislation/{name}", "stations": "content/stations/{name}",
          "suggestions": "content/suggestions/{name}", "projects": "content/projects/{name}",
          "regions": "content/regions.yml",
          "meetings": "content/meetings/{name}", "oversight": "content/oversight/{name}"}


def place(case: dict) -> str:
    src = Path(case["file"])
    return case.get("at") or PLACES[src.parts[0]].format(stem=src.stem, name=src.name)


def encoded(text: str, how: str | None) -> bytes:
    if how is None:
        return text.encode("utf-8")
    data = text
    if "crlf" in how:
        data = data.replace("\n", "\r\n")
    if how == "cr":
        data = data.replace("\n", "\r")
    codec = how.replace("+crlf", "").replace("crlf", "utf-8").replace("cr", "utf-8") or "utf-8"
    return data.encode(codec)


def install(root: Path, case: dict) -> str:
    at = place(case)
    target = root / at
    target.parent.mkdir(parents=True, exist_ok=True)
    text = (CORPUS / case["file"]).read_text(encoding="utf-8")
    target.write_bytes(encoded(text, case.get("encode")))
    for extra in case.get("also", []):
        install(root, extra)
    return at


def billion_laughs(levels: int = 9) -> str:
    lines = ["id: laughs", "name: 笑", "levels: [县（市、区）]", "a0: &a0 [哈, 哈, 哈, 哈, 哈, 哈, 哈, 哈, 哈, 哈]"]
    for i in range(1, levels + 1):
        refs = ", ".join([f"*a{i - 1}"] * 10)
        lines.append(f"a{i}: &a{i} [{refs}]")
    return "\n".join(lines) + "\n"

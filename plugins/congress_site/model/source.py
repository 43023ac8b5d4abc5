"""Reading record files safely: bytes to text, YAML to plain data, and a map
from every key path back to the line it came from.

Records come from many hands. Anything we cannot read becomes a
`CongressError` with a Chinese message and the file, line and column; nothing
here lets a PyYAML or Unicode traceback reach a correspondent.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..findings import CongressError, Finding

# Annotations only (they stay strings): importing typing costs a one-file
# lint more than reading the file itself.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

try:  # the C parser is much faster; it is in every manylinux wheel
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader

MAX_RECORD_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 12
# Checked before parsing: libyaml's parser slows down quadratically with
# nesting and PyYAML's C composer recurses without a limit (a few thousand
# levels crash the process), so hostile nesting must never reach them.
MAX_RAW_DEPTH = 48

KeyPath = tuple[str | int, ...]
# The parsed-records cache in use while a build loads its records (set by
# parsecache.parsed_records; kept here so the one-file lint never imports it).
PARSED = None


@dataclass
class Source:
    """Plain data read from a file, with the line and column of every key."""

    path: str
    data: Any
    lines: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1

    def where(self, loc: KeyPath) -> tuple[int, int]:
        """Line and column of the deepest known key on `loc`."""
        loc = tuple(loc)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get((), (1, 1))


def error(path: str, line: int, column: int, code: str, message: str, fix: str | None = None) -> CongressError:
    return CongressError(Finding(path=path, line=line, column=column, code=code, message=message, fix=fix))


def read_text(path: Path | str, display: str, limit: int = MAX_RECORD_BYTES) -> str:
    """Read a UTF-8 file. A BOM and CRLF line ends are accepted; any other
    encoding is refused with the name of the encoding it seems to be in."""
    size = os.stat(path).st_size
    if size > limit:
        raise error(display, 1, 1, "file-too-large",
                    f"文件过大（{size // 1024} KB），单个文件不得超过 {limit // 1024} KB",
                    "请拆分文件或删去粘贴进来的多余内容")
    with open(path, "rb") as f:
        raw = f.read()
    return decode(raw, display)


def decode(raw: bytes, display: str) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    # UTF-16/32 with a byte-order mark, or without one (then every other
    # byte of ASCII text is NUL).
    if raw.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")) or raw.count(b"\x00") > len(raw) // 4 > 0:
        raise error(display, 1, 1, "encoding",
                    "文件是 UTF-16 或 UTF-32 编码，无法读取", "请在编辑器中“另存为”UTF-8 编码")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        guess = "GBK/GB18030" if _looks_gbk(raw) else "非 UTF-8"
        raise error(display, line, 1, "encoding",
                    f"文件不是 UTF-8 编码（看起来是 {guess} 编码）",
                    "请在编辑器中“另存为”UTF-8 编码后再提交") from None
    if "\x00" in text:
        raise error(display, text[: text.index("\x00")].count("\n") + 1, 1, "encoding",
                    "文件中含有空字符（NUL），可能是二进制文件或编码错误", "请另存为 UTF-8 纯文本")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _looks_gbk(raw: bytes) -> bool:
    try:
        raw.decode("gb18030")
    except UnicodeDecodeError:
        return False
    return True


FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Return (front matter, body, line number where the body starts)."""
    m = FRONT_MATTER.match(text)
    if not m:
        return None, text, 1
    fm = m.group(1) or ""
    return fm, text[m.end():], text[: m.end()].count("\n") + 1


def load_yaml(text: str, display: str, line_offset: int = 0) -> Source:
    """Parse YAML into plain Python data (dicts, lists, str, int, float, bool,
    None, date) and a line map. Aliases, duplicate keys, deep nesting and
    non-string keys are refused. A text parsed by an earlier build comes
    from the parsed-records cache when one is active (parsecache.py)."""
    cache = PARSED
    if cache is not None and (hit := cache.get(text, line_offset)) is not None:
        return Source(path=display, data=hit[0], lines=hit[1])
    refuse_deep_nesting(text, display, line_offset)
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if _UNCLOSED in (exc.problem or "") and exc.context_mark is not None:
            mark = exc.context_mark  # where the bracket was opened, not where YAML gave up
        line = (mark.line + 1 if mark else 1) + line_offset
        col = mark.column + 1 if mark else 1
        problem = (exc.problem or exc.context or "").strip()
        message, fix = _explain_yaml_problem(problem, text, mark)
        raise error(display, line, col, "yaml-syntax", message, fix) from None
    except yaml.reader.ReaderError as exc:  # control characters
        # The C reader counts bytes, not characters: find the character itself.
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        at = text.find(char)
        before = text[: max(0, at)]
        line, col = before.count("\n") + 1 + line_offset, len(before) - (before.rfind("\n") + 1) + 1
        raise error(display, line, col, "yaml-syntax",
                    f"文件中含有不可见的控制字符（#x{ord(char):04X}）",
                    "多半是从网页或文档中复制时带进来的，请删去这个字符后重新输入") from None
    except yaml.YAMLError:
        raise error(display, 1 + line_offset, 1, "yaml-syntax",
                    "YAML 无法解析", "请对照模板检查文件格式") from None
    src = Source(path=display, data=None)
    if node is not None:
        src.data = _Builder(src, line_offset).build(node, (), 0)
    if cache is not None:
        cache.put(text, line_offset, src.data, src.lines)
    return src


_UNCLOSED = "did not find expected ',' or"
_FLOW_TOKEN = re.compile(r"[\[\]{}'\"#\n]")
_INDICATORS = re.compile(r"^(?:[-?:](?: +|$))*")


def refuse_deep_nesting(text: str, display: str, line_offset: int = 0) -> None:
    """A cheap upper bound on nesting, from brackets outside quotes and
    comments plus indentation levels; real records stay far below it.
    Call before any `yaml.compose`/`yaml.load` of untrusted text."""
    depth, quote, comment = 0, "", False
    for m in _FLOW_TOKEN.finditer(text):
        ch, at = m.group(), m.start()
        if ch == "\n":
            comment = False
            continue
        if comment:
            continue
        if quote:
            if ch == quote and not (quote == '"' and _escaped(text, at)):
                quote = ""
            continue
        before = text[at - 1] if at else "\n"
        if ch == "#" and before in " \t\n":
            comment = True
        elif ch in "'\"" and _last_token(text, at) in ":,[{-?\n":
            quote = ch
        elif ch in "[{":
            depth += 1
            if depth > MAX_RAW_DEPTH:
                _too_deep(text, at, display, line_offset)
        elif ch in "]}":
            depth = max(0, depth - 1)
    stack: list[int] = []
    offset = 0
    for line in text.split("\n"):
        content = line.lstrip(" ")
        if content and not content.startswith("#"):
            indent = len(line) - len(content)
            while stack and stack[-1] >= indent:
                stack.pop()
            stack.append(indent)
            compact = _INDICATORS.match(content).group().count(" ")
            if len(stack) + compact > MAX_RAW_DEPTH:
                _too_deep(text, offset, display, line_offset)
        offset += len(line) + 1


def _last_token(text: str, at: int) -> str:
    """The character before `at`, spaces skipped; a newline at the start."""
    j = at - 1
    while j >= 0 and text[j] in " \t":
        j -= 1
    return text[j] if j >= 0 else "\n"


def _escaped(text: str, at: int) -> bool:
    slashes = len(text[:at]) - len(text[:at].rstrip("\\"))
    return slashes % 2 == 1


def _too_deep(text: str, at: int, display: str, line_offset: int) -> None:
    before = text[:at]
    line, col = before.count("\n") + 1 + line_offset, at - (before.rfind("\n") + 1) + 1
    raise error(display, line, col, "yaml-too-deep", f"嵌套层级过深（超过 {MAX_DEPTH} 层）",
                "记录不需要这么多层，请对照模板")


def _explain_yaml_problem(problem: str, text: str, mark) -> tuple[str, str]:
    if "\t" in problem or "tab" in problem:
        return "YAML 中不能用 Tab 缩进", "请把 Tab 换成两个空格"
    if mark is not None:
        lines = text.split("\n")
        if mark.line < len(lines) and "\t" in lines[mark.line]:
            return "YAML 中不能用 Tab 缩进", "请把 Tab 换成两个空格"
    if "mapping values are not allowed" in problem:
        return ("此处的冒号让 YAML 无法理解这一行", "值里含有英文冒号“: ”时，请给整个值加上英文引号，或改用中文冒号“：”")
    if "found character '%' that cannot start any token" in problem or "cannot start any token" in problem:
        return "YAML 值不能以这个字符开头", "请给整个值加上英文引号"
    if "could not find expected ':'" in problem:
        return "这一行缺少“字段: 值”中的英文冒号", "请写成“字段名: 内容”，冒号后留一个空格"
    if _UNCLOSED in problem:
        return "方括号 [ ] 或花括号 { } 没有成对：这里打开的括号没有关上", "请在列表末尾补上 ] 或 }，各项之间用英文逗号分隔"
    if "expected <block end>" in problem or "did not find expected" in problem:
        return "缩进不一致，YAML 无法判断这一行属于哪一层", "请让同一层的字段左侧对齐（用空格）"
    if "found undefined alias" in problem or "alias" in problem:
        return "不允许使用 YAML 别名（*名称）", "请直接写出内容"
    return f"YAML 格式错误：{problem}", "请对照模板检查这一行的格式"


_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_COLLECTIONS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")
_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


class _Builder:
    """Turns a composed node tree into plain data, recording lines."""

    def __init__(self, src: Source, line_offset: int):
        self.src = src
        self.offset = line_offset
        self.seen: set[int] = set()
        self.constructor = yaml.SafeLoader("")

    def where(self, node) -> tuple[int, int]:
        return node.start_mark.line + 1 + self.offset, node.start_mark.column + 1

    def fail(self, node, code: str, message: str, fix: str | None = None):
        line, col = self.where(node)
        return error(self.src.path, line, col, code, message, fix)

    def build(self, node, path: KeyPath, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise self.fail(node, "yaml-too-deep", f"嵌套层级过深（超过 {MAX_DEPTH} 层）", "记录不需要这么多层，请对照模板")
        if id(node) in self.seen:  # an alias: the composer shares the anchored node
            raise self.fail(node, "yaml-alias", "不允许使用 YAML 锚点和别名（&名称、*名称）", "请直接写出内容")
        self.seen.add(id(node))
        self.src.lines.setdefault(path, self.where(node))
        if isinstance(node, yaml.MappingNode | yaml.SequenceNode) and node.tag not in _COLLECTIONS:
            raise self.fail(node, "yaml-tag", f"不支持的 YAML 标签 {node.tag}", "请去掉以 ! 开头的标签")
        if isinstance(node, yaml.MappingNode):
            out: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise self.fail(key_node, "yaml-alias", "不允许使用 YAML 合并键（<<）", "请直接写出内容")
                if not isinstance(key_node, yaml.ScalarNode):
                    raise self.fail(key_node, "yaml-key", "字段名必须是简单文字", None)
                key = str(key_node.value)
                if key in out:
                    raise self.fail(key_node, "duplicate-key", f"字段“{key}”重复出现", "请删去重复的一行")
                self.src.lines[path + (key,)] = self.where(key_node)
                out[key] = self.build(value_node, path + (key,), depth + 1)
                self.src.lines[path + (key,)] = self.where(key_node)
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,), depth + 1) for i, item in enumerate(node.value)]
        return self.scalar(node)

    def scalar(self, node) -> Any:
        if node.tag == _TIMESTAMP:
            m = _DATE.match(node.value)
            if not m:
                raise self.fail(node, "date", f"“{node.value}”不是日期", "日期请写成 2025-07-05 这样的格式")
            try:
                return dt.date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                raise self.fail(node, "date", f"日期“{node.value}”不存在", "请核对年、月、日") from None
        if node.tag in ("tag:yaml.org,2002:str", "tag:yaml.org,2002:null", "tag:yaml.org,2002:bool",
                        "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"):
            try:
                return self.constructor.construct_object(node, deep=True)
            except (ValueError, yaml.YAMLError):
                return node.value
        raise self.fail(node, "yaml-tag", f"不支持的 YAML 标签 {node.tag}", "请去掉以 ! 开头的标签")

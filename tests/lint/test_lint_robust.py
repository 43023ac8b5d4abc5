"""Bad input never produces a traceback, and fixing is idempotent."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from congress_site.lint import fix_text, lint_text

PIECES = st.sampled_from([
    "代表", "们", "深人", "己经", " ", "\u3000", "\n", "\n\n", ",", ".", "...", "“", "”", '"', "'",
    "（", ")", "(", "《", "》", "一", "一一", "-", "--", "—", "`", "```", "**", "[", "](", "http://a.cn/x",
    "<script>", "<!--", "-->", "---\n", "title: ", ": ", "#", "- ", "    ", "|", "們", "１２", "\u200b",
    "13812345678", "\t", "\\", "&nbsp;", "{", "}", "⼈", "𠀀", "\r\n",
])
TEXTS = st.lists(PIECES, max_size=40).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXTS, kind=st.sampled_from(["markdown", "yaml", "text"]))
def test_never_raises_and_positions_are_inside_the_file(config, text, kind):
    findings = lint_text(text, "x", config, kind)
    lines = text.replace("\r\n", "\n").split("\n")
    for f in findings:
        assert 1 <= f.line <= len(lines)
        assert 1 <= f.column <= len(lines[f.line - 1]) + 1
        assert (f.end_line, f.end_column) >= (f.line, f.column)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXTS)
def test_fix_is_stable(config, text):
    once = fix_text(text, config)
    assert fix_text(once, config) == once


VALUE = st.lists(st.sampled_from(["代表", "们", " ", ",", ":", "...", "“", '"', "'", "--", "１", "們", "(", ")"]),
                 min_size=1, max_size=12).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=VALUE, style=st.sampled_from(["plain", "single", "double", "block"]))
def test_fixing_yaml_keeps_it_valid(config, value, style):
    import yaml

    if style == "single":
        doc = "title: '" + value.replace("'", "''") + "'\n"
    elif style == "double":
        doc = 'title: "' + value.replace("\\", "\\\\").replace('"', '\\"') + '"\n'
    elif style == "block":
        doc = "title: |\n  " + value + "\n"
    else:
        doc = "title: " + value + "\n"
    try:
        before = yaml.safe_load(doc)
    except yaml.YAMLError:
        return  # not a valid record to begin with
    after = yaml.safe_load(fix_text(doc, config, kind="yaml"))
    assert isinstance(after, dict) and set(after) == set(before)


def test_a_unicode_line_separator_in_yaml_keeps_positions(config):
    # YAML counts U+2028 as a line break, the file's lines do not: the value
    # after it must still be found where it is written.
    for text, where in (('a: "甲\u2028乙"\nb: 深人\n', (2, 4)), ("- 甲\u2028- 深人\n", (1, 7))):
        found = [f for f in lint_text(text, "x", config, "yaml") if "深入" in f.message]
        assert [(f.line, f.column) for f in found] == [where], text
    lint_text("\u20280", "x", config, "yaml")  # raised IndexError


def test_a_run_of_doubled_marks_is_fixed_in_one_call(config):
    once = fix_text("代表: : : : : : ", config)
    assert once == "代表：" and fix_text(once, config) == once

"""The rule families, one module each. Every rule reads a `Context` (the
prose and the house style) and yields `Hit`s; the engine maps them back to
the file. `CODES` lists every stable code with its default severity."""

from __future__ import annotations

from . import (
    characters,
    dashes,
    lawtext,
    plausibility,
    privacy,
    punctuation,
    quotes,
    repeats,
    segmentation,
    similar,
    spacing,
    wordlist,
)

CHECKS = [
    spacing.check,
    punctuation.check,
    quotes.check,
    dashes.check,
    repeats.check,
    characters.check,
    wordlist.check,
    similar.check,
    plausibility.check,
    privacy.check,
    segmentation.check,
    lawtext.check,
]

# code: (family, default severity, what it catches) — the README and the
# recall script use these families.
CODES: dict[str, tuple[str, str, str]] = {
    "stray-space": ("whitespace", "error", "中文之间、中文标点前后的多余空格，全角空格"),
    "invisible-char": ("whitespace", "error", "零宽空格、软连字符等看不见的字符"),
    "cjk-latin-space": ("whitespace", "warning", "汉字与字母、数字之间的空格（本站体例开关）"),
    "halfwidth-punct": ("punctuation", "error", "中文语境中的半角 , : ; ? ! ( ) ."),
    "ellipsis": ("punctuation", "error", "... 。。。 … 等不规范的省略号"),
    "repeated-punct": ("punctuation", "error", "重复或连用的标点"),
    "ascii-quote": ("quote", "error", "中文语境中的英文引号"),
    "corner-quote": ("quote", "warning", "直角引号「」『』"),
    "unbalanced-pair": ("quote", "error", "不成对的“”‘’（）《》【】"),
    "dash": ("dash", "error", "用 - -- ─ 等代替破折号“——”"),
    "dash-yi": ("dash", "warning", "用“一”或“一一”代替破折号"),
    "repeated-word": ("repeat", "error", "重复的字、词"),
    "repeated-sentence": ("repeat", "error", "重复粘贴的句子"),
    "traditional-char": ("traditional", "error", "简体文本中的繁体字（OpenCC）"),
    "typo": ("typo", "error", "错别字词表 confusions.txt 中的错误写法"),
    "similar-char": ("typo", "warning", "形近字：换成字形相近的字后组成常用词、文句明显更通顺（similar-chars.txt 等）"),
    "homophone": ("typo", "warning", "同音字：换成读音相同的字后组成常用词、文句明显更通顺（拼音输入法）"),
    "garbled": ("typo", "warning", "识别错误的乱码：连续几个字换成形近字后文句明显更通顺"),
    "official-term": ("term", "error", "规范表述词表 terms.txt 中的错误写法"),
    "fullwidth-alnum": ("width", "error", "全角数字、字母"),
    "lookalike-char": ("width", "error", "外形相同的部首、兼容汉字（PDF 粘贴）"),
    "rare-char": ("rare", "info", "生僻字（扩展区为警告）"),
    "unsegmentable": ("rare", "info", "无法切分成词语的字串"),
    "personal-id": ("privacy", "error", "公民身份号码（校验位有效）"),
    "personal-phone": ("privacy", "error", "个人手机号码（公开号码可列入白名单）"),
    "unsafe-html": ("html", "error", "script、iframe、on… 属性、javascript: 链接"),
    "article-number": ("lawtext", "warning", "条、章、节、款、项的序号用阿拉伯数字（第12条）"),
    "article-space": ("lawtext", "warning", "“第一条”“第一章”与正文之间不是一个全角空格"),
    "law-title": ("lawtext", "warning", "引用的法律法规名称没有书名号"),
    "yaml-syntax": ("file", "error", "YAML 无法解析"),
    "encoding": ("file", "error", "文件不是 UTF-8"),
}

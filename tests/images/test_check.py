"""`congress check` reports image problems without a build."""

from __future__ import annotations

import json
import os
from pathlib import Path

from imagekit import bomb_png, two_tone

from congress_site.cli import main
from sitekit import minimal_site, write_story


def test_check_reports_image_problems_with_places(tmp_path: Path, capsys) -> None:
    root = minimal_site(tmp_path / "site", stories=0)
    images = root / "stories" / "2025" / "images"
    images.mkdir(parents=True)
    two_tone((900, 600)).save(images / "good.jpg")
    (images / "page.jpg").write_text("<html><body>not a photo</body></html>")
    bomb_png(images / "bomb.png", 30_000, 30_000)
    secret = tmp_path / "secret.jpg"
    two_tone((50, 50)).save(secret)
    os.symlink(secret, images / "link.jpg")
    write_story(root, "2025/07-05-a.md", cover="images/page.jpg", cover_alt="封面",
                body="正文。\n\n![好图](images/good.jpg)\n\n![](images/good.jpg)\n\n"
                     "![炸弹](images/bomb.png) ![链接](images/link.jpg)\n\n"
                     "```\n![代码里的](images/none.jpg)\n```\n")
    (root / "profiles" / "zhao-mingyuan.yml").write_text(
        (root / "profiles" / "zhao-mingyuan.yml").read_text("utf-8") + "photo: ../../../etc/hosts\n", "utf-8")

    code = main(["check", "--config", str(root / "mkdocs.yml"), "--format", "json"])
    found = {(f["path"], f["line"], f["column"], f["code"]) for f in json.loads(capsys.readouterr().out)}
    assert code == 1
    story = "stories/2025/07-05-a.md"
    # Front matter is lines 1-11 (cover on 9); the body starts on line 12.
    assert (story, 9, 1, "image-format") in found  # the `cover:` line
    assert (story, 16, 5, "image-alt-missing") in found  # column of the path
    assert (story, 18, 7, "image-bomb") in found
    assert (story, 18, 30, "image-outside") in found
    assert ("profiles/zhao-mingyuan.yml", 5, 1, "image-outside") in found
    assert not any(c == "image-missing" for *_, c in found)  # the fenced example is not an image
    assert not any(line == 14 for p, line, _, c in found if p == story)  # the good image passes

"""Cache and the API the MkDocs plugin relies on."""

from __future__ import annotations

import os
from pathlib import Path

from imagekit import encode, phone_jpeg, two_tone
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from congress_site.images import ImagePipeline


def test_publish_returns_site_relative_media_uris(repo: Path, pipeline: ImagePipeline) -> None:
    src = phone_jpeg(repo / "profiles" / "zhang-xiaolan.jpg", (2000, 1500), 1)
    pic = pipeline.publish(src, "profiles/zhang-xiaolan.yml")
    outputs = pipeline.outputs()
    assert sorted(outputs) == sorted(pic.uris)
    assert len(pic.uris) == 6
    for uri, path in outputs.items():
        assert uri.startswith("media/") and uri.rsplit("/", 1)[1].startswith(pic.key)
        assert path.is_file() and path.name == uri.rsplit("/", 1)[1]
    assert len(pic.key) == 12 and all(c in "0123456789abcdef" for c in pic.key)


def test_publish_relative_resolves_and_reports_the_referring_file(repo: Path, pipeline: ImagePipeline) -> None:
    story = repo / "stories" / "2025" / "07-05-a.md"
    story.write_text("x", "utf-8")
    two_tone((900, 600)).save(repo / "stories" / "2025" / "images" / "c.jpg")
    pic = pipeline.publish_relative(story, "images/c.jpg", "stories/2025/07-05-a.md", 9)
    assert pic.width == 900


def test_second_build_reuses_the_cache_and_writes_nothing(repo: Path, tmp_path: Path) -> None:
    src = repo / "stories" / "2025" / "images" / "a.jpg"
    src.write_bytes(encode(two_tone((1600, 1200)), "JPEG"))
    cold = ImagePipeline(repo, tmp_path / "cache")
    first = cold.publish(src, "s.md")
    assert (cold.stats.processed, cold.stats.cached) == (1, 0)
    stamps = {p: p.stat().st_mtime_ns for p in cold.outputs().values()}

    warm = ImagePipeline(repo, tmp_path / "cache")  # a new build, same cache dir
    again = warm.publish(src, "s.md")
    assert (warm.stats.processed, warm.stats.cached) == (0, 1)
    assert again == first
    assert {p: p.stat().st_mtime_ns for p in warm.outputs().values()} == stamps


def test_cache_is_by_content_not_by_name(repo: Path, pipeline: ImagePipeline) -> None:
    data = encode(two_tone((700, 500)), "PNG")
    a, b = repo / "profiles" / "a.png", repo / "profiles" / "b.png"
    a.write_bytes(data)
    b.write_bytes(data)
    assert pipeline.publish(a, "a").key == pipeline.publish(b, "b").key
    assert pipeline.stats.processed == 1
    a.write_bytes(encode(two_tone((700, 500), left=(0, 0, 0)), "PNG"))
    os.utime(a, ns=(1, 1))  # a changed file with an old mtime is still seen as changed by size/mtime
    assert pipeline.publish(a, "a").key != pipeline.publish(b, "b").key


def test_settings_change_the_key(repo: Path, tmp_path: Path) -> None:
    src = repo / "profiles" / "a.png"
    two_tone((1000, 800)).save(src)
    one = ImagePipeline(repo, tmp_path / "c").publish(src, "a")
    two = ImagePipeline(repo, tmp_path / "c", widths=(320, 640)).publish(src, "a")
    assert one.key != two.key
    assert [v.width for v in two.webp] == [320, 640]


def test_damaged_cache_entry_is_rebuilt(repo: Path, tmp_path: Path) -> None:
    src = repo / "profiles" / "a.png"
    two_tone((1000, 800)).save(src)
    first = ImagePipeline(repo, tmp_path / "c")
    pic = first.publish(src, "a")
    first.outputs()[pic.webp[0].uri].unlink()
    again = ImagePipeline(repo, tmp_path / "c")
    assert again.publish(src, "a") == pic
    assert again.stats.processed == 1
    assert sorted(again.outputs()) == sorted(pic.uris)
    assert all(p.is_file() for p in again.outputs().values())


def test_start_build_forgets_outputs_of_the_previous_build(repo: Path, pipeline: ImagePipeline) -> None:
    a, b = repo / "profiles" / "a.png", repo / "profiles" / "b.png"
    two_tone((500, 300)).save(a)
    two_tone((500, 300), left=(0, 0, 0)).save(b)
    pipeline.publish(a, "a")
    pipeline.start_build()
    pic = pipeline.publish(b, "b")
    assert sorted(pipeline.outputs()) == sorted(pic.uris)


def test_picture_html(repo: Path, pipeline: ImagePipeline) -> None:
    src = repo / "profiles" / "a.jpg"
    two_tone((1500, 1000)).save(src)
    pic = pipeline.publish(src, "a")
    markup = pic.html('代表"走访"<居民>', sizes="50vw", lazy=True, css_class="cover", base="../..")
    tree = HTMLParser(markup)
    source = tree.css_first("picture > source")
    img = tree.css_first("picture > img")
    assert source.attributes["type"] == "image/webp"
    assert source.attributes["srcset"] == ", ".join(f"../../{v.uri} {v.width}w" for v in pic.webp)
    assert img.attributes["srcset"] == ", ".join(f"../../{v.uri} {v.width}w" for v in pic.jpeg)
    assert img.attributes["src"] == f"../../media/{pic.key}-800.jpg"
    assert (img.attributes["width"], img.attributes["height"]) == ("1200", "800")
    assert img.attributes["alt"] == '代表"走访"<居民>'
    assert img.attributes["loading"] == "lazy" and img.attributes["decoding"] == "async"
    assert img.attributes["class"] == "cover" and img.attributes["sizes"] == "50vw"
    eager = HTMLParser(pic.html("封面", lazy=False, high_priority=True)).css_first("img")
    assert "loading" not in eager.attributes and eager.attributes["fetchpriority"] == "high"
    assert eager.attributes["src"] == f"media/{pic.key}-800.jpg"
    every = {u.split(" ")[0] for s in (source.attributes["srcset"], img.attributes["srcset"])
             for u in s.split(", ")} | {img.attributes["src"]}
    assert {u.removeprefix("../../") for u in every} <= set(pipeline.outputs())


def test_damaged_manifest_is_a_cache_miss(repo: Path, tmp_path: Path) -> None:
    src = repo / "profiles" / "a.png"
    two_tone((700, 500)).save(src)
    pic = ImagePipeline(repo, tmp_path / "c").publish(src, "a")
    for bad in ("{not json", '{"variants": []}', '{"key": "x", "width": 1, "height": 1, "variants": []}',
                '{"key": "x", "variants": [{"name": "y"}]}'):
        (tmp_path / "c" / f"{pic.key}.json").write_text(bad)
        again = ImagePipeline(repo, tmp_path / "c")
        assert again.publish(src, "a") == pic
        assert again.stats.processed == 1


def test_unwritable_cache_is_a_finding_not_a_traceback(repo: Path, tmp_path: Path) -> None:
    import pytest

    from congress_site.findings import CongressError

    blocker = tmp_path / "cache-is-a-file"
    blocker.write_text("x")
    src = repo / "profiles" / "a.png"
    two_tone((700, 500)).save(src)
    with pytest.raises(CongressError) as exc:
        ImagePipeline(repo, blocker / "images").publish(src, "profiles/a.yml", 3, 1)
    f = exc.value.findings[0]
    assert (f.code, f.path, f.line) == ("image-cache", "profiles/a.yml", 3) and "缓存" in f.message


def test_cache_prunes_entries_unused_for_a_month(repo: Path, tmp_path: Path) -> None:
    import time

    old_src, new_src = repo / "profiles" / "old.png", repo / "profiles" / "new.png"
    two_tone((600, 400)).save(old_src)
    two_tone((600, 400), left=(0, 0, 0)).save(new_src)
    pipe = ImagePipeline(repo, tmp_path / "c")
    old, new = pipe.publish(old_src, "a"), pipe.publish(new_src, "b")
    month_ago = time.time() - 31 * 86400
    for key in (old.key, new.key):
        os.utime(tmp_path / "c" / f"{key}.json", (month_ago, month_ago))
    # `new` is used by a later build: the cache hit marks it fresh again.
    ImagePipeline(repo, tmp_path / "c").publish(new_src, "b")
    crashed = tmp_path / "c" / f".{new.key}-320.webp.4242-0badf00d.tmp"  # a writer killed mid-way
    crashed.write_bytes(b"x")
    os.utime(crashed, (month_ago, month_ago))
    assert pipe.cache.prune() == 1
    left = {p.name for p in (tmp_path / "c").iterdir()}
    assert not any(n.startswith(old.key) for n in left)
    assert {f"{new.key}.json"} | {u.rsplit("/", 1)[1] for u in new.uris} == left

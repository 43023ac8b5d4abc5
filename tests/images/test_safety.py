from __future__ import annotations

import os
from pathlib import Path

import pytest
from imagekit import bomb_png, encode, two_tone

from congress_site.findings import CongressError
from congress_site.images import ImagePipeline, resolve_inside


def codes(exc: pytest.ExceptionInfo) -> list[str]:
    return [f.code for f in exc.value.findings]


@pytest.fixture
def story(repo: Path) -> Path:
    path = repo / "stories" / "2025" / "07-05-test.md"
    path.write_text("---\ntitle: t\n---\n", "utf-8")
    two_tone((50, 40)).save(repo / "stories" / "2025" / "images" / "ok.jpg")
    return path


def test_relative_path_resolves_inside(repo: Path, story: Path) -> None:
    got = resolve_inside(repo, story, "images/ok.jpg", "s.md", 5)
    assert got == (repo / "stories" / "2025" / "images" / "ok.jpg").resolve()


def test_dotdot_within_repository_is_allowed(repo: Path, story: Path) -> None:
    two_tone((10, 10)).save(repo / "profiles" / "p.png")
    got = resolve_inside(repo, story, "../../profiles/p.png", "s.md", 1)
    assert got.name == "p.png"


@pytest.mark.parametrize("ref", ["../../../etc/passwd", "images/../../../../x.jpg", "..\\..\\..\\x.jpg"])
def test_dotdot_leaving_repository_is_refused(repo: Path, story: Path, ref: str) -> None:
    with pytest.raises(CongressError) as exc:
        resolve_inside(repo, story, ref, "stories/2025/07-05-test.md", 7, 3)
    f = exc.value.findings[0]
    assert (f.code, f.path, f.line, f.column) == ("image-outside", "stories/2025/07-05-test.md", 7, 3)
    assert "仓库" in f.message and f.fix


@pytest.mark.parametrize("ref,words", [("/etc/passwd", "绝对路径"), ("C:/Users/a.jpg", "本机"),
                                       ("C:\\照片\\a.jpg", "本机"), ("\\\\server\\a.jpg", "本机"),
                                       ("file:///etc/passwd", "不是仓库中的文件")])
def test_absolute_paths_are_refused(repo: Path, story: Path, ref: str, words: str) -> None:
    with pytest.raises(CongressError) as exc:
        resolve_inside(repo, story, ref, "s.md", 1)
    assert codes(exc) == ["image-outside"]
    assert words in exc.value.findings[0].message


def test_remote_image_is_refused(repo: Path, story: Path) -> None:
    with pytest.raises(CongressError) as exc:
        resolve_inside(repo, story, "https://cdn.example.com/a.jpg", "s.md", 1)
    assert codes(exc) == ["image-outside"]
    assert "外部网站" in exc.value.findings[0].message


def test_symlink_leading_outside_is_refused(repo: Path, story: Path, tmp_path: Path) -> None:
    secret = tmp_path / "outside.jpg"
    two_tone((20, 20)).save(secret)
    os.symlink(secret, repo / "stories" / "2025" / "images" / "link.jpg")
    with pytest.raises(CongressError) as exc:
        resolve_inside(repo, story, "images/link.jpg", "s.md", 2)
    assert codes(exc) == ["image-outside"]
    assert "符号链接" in exc.value.findings[0].message


def test_symlinked_directory_leading_outside_is_refused(repo: Path, story: Path, tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    two_tone((20, 20)).save(tmp_path / "elsewhere" / "a.jpg")
    os.symlink(tmp_path / "elsewhere", repo / "stories" / "2025" / "shared")
    with pytest.raises(CongressError) as exc:
        resolve_inside(repo, story, "shared/a.jpg", "s.md", 2)
    assert codes(exc) == ["image-outside"]


def test_symlink_inside_repository_is_followed(repo: Path, story: Path) -> None:
    os.symlink(repo / "stories" / "2025" / "images" / "ok.jpg", repo / "stories" / "2025" / "alias.jpg")
    assert resolve_inside(repo, story, "alias.jpg", "s.md", 1).name == "ok.jpg"


def test_pipeline_refuses_symlink_outside_even_when_given_the_path(
        repo: Path, story: Path, tmp_path: Path, pipeline: ImagePipeline) -> None:
    secret = tmp_path / "outside.jpg"
    two_tone((600, 400)).save(secret)
    link = repo / "stories" / "2025" / "images" / "link.jpg"
    os.symlink(secret, link)
    with pytest.raises(CongressError) as exc:
        pipeline.publish(link, "s.md")
    assert codes(exc) == ["image-outside"]
    assert pipeline.outputs() == {}


@pytest.mark.parametrize("ref,code", [("images/nope.jpg", "image-missing"), ("images", "image-missing"),
                                      ("", "image-missing"), ("data:image/png;base64,AAAA", "image-format")])
def test_missing_and_odd_references(repo: Path, story: Path, ref: str, code: str) -> None:
    with pytest.raises(CongressError) as exc:
        resolve_inside(repo, story, ref, "s.md", 1)
    assert codes(exc) == [code]


def test_percent_encoded_and_query_are_understood(repo: Path, story: Path) -> None:
    two_tone((10, 10)).save(repo / "stories" / "2025" / "images" / "星桥街.png")
    got = resolve_inside(repo, story, "images/%E6%98%9F%E6%A1%A5%E8%A1%97.png?v=2", "s.md", 1)
    assert got.name == "星桥街.png"


# ------------------------------------------------------------- content sniffing

def publish_bytes(repo: Path, pipeline: ImagePipeline, name: str, data: bytes) -> object:
    path = repo / "stories" / "2025" / "images" / name
    path.write_bytes(data)
    return pipeline.publish(path, "stories/2025/x.md", 4, 2)


def test_png_named_jpg_is_accepted_and_reencoded(repo: Path, pipeline: ImagePipeline) -> None:
    pic = publish_bytes(repo, pipeline, "really-png.jpg", encode(two_tone((640, 480)), "PNG"))
    assert (pic.width, pic.height) == (640, 480)
    jpeg = pipeline.outputs()[pic.jpeg[-1].uri].read_bytes()
    assert jpeg[:3] == b"\xff\xd8\xff"


@pytest.mark.parametrize("data,hint", [
    (b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>", "HTML"),
    (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>', "SVG"),
    (b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic", "HEIC"),
    (b"", "空文件"),
])
def test_non_images_with_jpg_extension_are_refused(repo: Path, pipeline: ImagePipeline,
                                                   data: bytes, hint: str) -> None:
    with pytest.raises(CongressError) as exc:
        publish_bytes(repo, pipeline, "photo.jpg", data)
    f = exc.value.findings[0]
    assert (f.code, f.path, f.line, f.column) == ("image-format", "stories/2025/x.md", 4, 2)
    assert hint in f.message and "photo.jpg" in f.message


def test_unsupported_real_image_format_is_refused(repo: Path, pipeline: ImagePipeline) -> None:
    with pytest.raises(CongressError) as exc:
        publish_bytes(repo, pipeline, "scan.jpg", encode(two_tone((30, 30)), "BMP"))
    assert codes(exc) == ["image-format"]


@pytest.mark.parametrize("fmt,cut", [("JPEG", 0.6), ("PNG", 0.7)])
def test_truncated_files_are_refused(repo: Path, pipeline: ImagePipeline, fmt: str, cut: float) -> None:
    noisy = Image_noise((400, 300))
    data = encode(noisy, fmt)
    with pytest.raises(CongressError) as exc:
        publish_bytes(repo, pipeline, "cut." + fmt.lower(), data[: int(len(data) * cut)])
    assert codes(exc) == ["image-truncated"]
    assert "截断" in exc.value.findings[0].message


def Image_noise(size: tuple[int, int]):  # noqa: N802 - reads like a constructor
    from PIL import Image

    return Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))


def test_bomb_above_our_limit_is_refused_before_decoding(repo: Path, pipeline: ImagePipeline) -> None:
    # 9000×9000 = 81 Mpx: above our 80 Mpx limit, below Pillow's own warning.
    path = bomb_png(repo / "stories" / "2025" / "images" / "bomb.png", 9000, 9000)
    assert path.stat().st_size < 1000
    with pytest.raises(CongressError) as exc:
        pipeline.publish(path, "s.md")
    assert codes(exc) == ["image-bomb"]
    assert "9000×9000" in exc.value.findings[0].message


@pytest.mark.parametrize("side", [10_000, 60_000])
def test_bomb_caught_by_pillow_is_reported_the_same_way(repo: Path, pipeline: ImagePipeline, side: int) -> None:
    # 100 Mpx trips Pillow's warning, 3.6 Gpx its error: both become image-bomb.
    path = bomb_png(repo / "stories" / "2025" / "images" / "bomb.png", side, side)
    with pytest.raises(CongressError) as exc:
        pipeline.publish(path, "s.md")
    assert codes(exc) == ["image-bomb"]


def test_pixel_limit_is_configurable(repo: Path, tmp_path: Path) -> None:
    small = ImagePipeline(repo, tmp_path / "c", max_pixels=100 * 100)
    path = repo / "stories" / "2025" / "images" / "a.png"
    two_tone((101, 100)).save(path)
    with pytest.raises(CongressError) as exc:
        small.publish(path, "s.md")
    assert codes(exc) == ["image-bomb"]


def test_oversize_file_is_refused_without_decoding(repo: Path, tmp_path: Path) -> None:
    capped = ImagePipeline(repo, tmp_path / "c", max_bytes=50_000)
    path = repo / "stories" / "2025" / "images" / "big.png"
    path.write_bytes(encode(Image_noise((200, 200)), "PNG"))
    assert path.stat().st_size > 50_000
    with pytest.raises(CongressError) as exc:
        capped.publish(path, "s.md")
    assert codes(exc) == ["image-too-large"]
    assert "MB" in exc.value.findings[0].message


def test_default_size_limit_is_20_mb(repo: Path, pipeline: ImagePipeline) -> None:
    path = repo / "stories" / "2025" / "images" / "huge.jpg"
    with path.open("wb") as fh:
        fh.truncate(20 * 1024 * 1024 + 1)  # sparse: costs no disk
    with pytest.raises(CongressError) as exc:
        pipeline.publish(path, "s.md")
    assert codes(exc) == ["image-too-large"]


def test_hidden_folders_are_refused(repo: Path, story: Path) -> None:
    (repo / ".cache").mkdir()
    two_tone((10, 10)).save(repo / ".cache" / "a.png")
    with pytest.raises(CongressError) as exc:
        resolve_inside(repo, story, "../../.cache/a.png", "s.md", 1)
    assert codes(exc) == ["image-outside"] and "隐藏" in exc.value.findings[0].message

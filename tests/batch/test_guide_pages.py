"""The planner's guide written beside outputs/index.html."""

from ntmplan.batch import guide_pages


def test_links_become_html_pages_and_images_come_from_hinh():
    page, images = guide_pages.page_html(
        "# Tiêu đề\n\n[Mục lục](README.md) · [Bước 2](02_bieu_mau.md) · [ngoài](https://example.invalid/x.md)\n\n"
        "![Hình](../screenshots/app_02.png)\n\n<script>alert(1)</script>\n",
        "Tiêu đề",
    )
    assert 'href="index.html"' in page and 'href="02_bieu_mau.html"' in page
    assert 'href="https://example.invalid/x.md"' in page  # other sites' links untouched
    assert 'src="hinh/app_02.png"' in page and images == ["../screenshots/app_02.png"]
    assert "<script>" not in page  # raw HTML in the Markdown is shown as text
    assert '<html lang="vi">' in page and "<title>Tiêu đề</title>" in page


def test_every_page_of_the_guide_is_written_with_its_images(tmp_path):
    first = guide_pages.write_guide(tmp_path)
    assert first == tmp_path / "huong_dan" / "index.html"
    sources = sorted(guide_pages.guide_source().glob("*.md"))
    written = sorted(p.name for p in (tmp_path / "huong_dan").glob("*.html"))
    assert len(written) == len(sources) >= 10
    text = first.read_text(encoding="utf-8")
    assert "Hướng dẫn sử dụng ntmplan" in text and 'href="02_bieu_mau.html"' in text
    for page in (tmp_path / "huong_dan").glob("*.html"):
        for src in guide_pages.re.findall(r'<img src="([^"]+)"', page.read_text(encoding="utf-8")):
            assert (page.parent / src).is_file(), f"{page.name}: image {src} missing"


def test_the_index_links_the_guide(tmp_path):
    from ntmplan.batch.index_pages import write_index

    index = write_index(tmp_path, [])
    assert 'href="huong_dan/index.html">Hướng dẫn sử dụng</a>' in index.read_text(encoding="utf-8")
    assert (tmp_path / "huong_dan" / "index.html").is_file()

"""The planner's guide (``docs/huong_dan/*.md``) as HTML pages beside ``outputs/index.html``.

The guide is written once, in Markdown, so that it reads on a code host as well; every
batch writes it as ``<outputs>/huong_dan/*.html`` (links between pages and images rewritten,
images copied into ``huong_dan/hinh/``) so that a planner opens it from the index page,
offline, like the reports.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from ntmplan.core import paths

#: Folder of the guide inside an outputs root.
GUIDE_DIR = "huong_dan"
#: The guide's first page in the outputs (from ``README.md``).
GUIDE_INDEX = f"{GUIDE_DIR}/index.html"

_CSS = """
body{font-family:"Noto Sans","DejaVu Sans","Liberation Sans",Arial,sans-serif;max-width:60rem;
margin:2rem auto;padding:0 1rem;line-height:1.55;color:#1f2933}
h1{font-size:1.6rem;border-bottom:2px solid #2f6f4e;padding-bottom:.3rem}
h2{font-size:1.25rem;margin-top:2rem}
code,pre{font-family:"DejaVu Sans Mono",monospace;background:#f3f5f4}
pre{padding:.6rem .8rem;white-space:pre-wrap;word-break:break-word;border-left:3px solid #2f6f4e}
table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #cfd6d2;padding:.35rem .6rem;
vertical-align:top}th{background:#e8efe9}img{max-width:100%;border:1px solid #cfd6d2}
a{color:#1d5c8c}
@media print{body{max-width:none;margin:0}pre{white-space:pre-wrap}}
"""


def guide_source() -> Path:
    """Return the folder of the guide's Markdown pages (``docs/huong_dan``).

    Returns
    -------
    Path
    """
    return paths.ROOT / "docs" / GUIDE_DIR


def _page_name(md_name: str) -> str:
    return "index.html" if md_name == "README.md" else md_name[: -len(".md")] + ".html"


def page_html(markdown_text: str, title: str) -> tuple[str, list[str]]:
    """Render one guide page; return its HTML and the images it shows (paths as written).

    Links to other pages (``02_bieu_mau.md``) become ``.html`` links; images
    (``../screenshots/x.png``) are taken from ``hinh/x.png``.

    Parameters
    ----------
    markdown_text : str
        The page's Markdown.
    title : str
        The page's title (its first heading).

    Returns
    -------
    (str, list of str)
    """
    import html

    import mistune

    render = mistune.create_markdown(escape=True, plugins=["table"])
    body = render(markdown_text)
    images = re.findall(r'<img src="([^"]+)"', body)
    body = re.sub(
        r'href="([A-Za-z0-9_]+)\.md"',
        lambda m: f'href="{_page_name(m.group(1) + ".md")}"',
        body,
    )
    body = re.sub(r'<img src="(?:[^"]*/)?([^"/]+)"', r'<img src="hinh/\1"', body)
    page = (
        '<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)}</title><style>{_CSS}</style></head><body>\n"
        '<p><a href="../index.html">← Trang tổng hợp kết quả</a></p>\n'
        f"{body}\n</body></html>\n"
    )
    return page, images


def write_guide(out_root: Path) -> Path | None:
    """Write the guide's pages into ``<out_root>/huong_dan/`` (None when the guide is absent).

    Parameters
    ----------
    out_root : Path
        The outputs root.

    Returns
    -------
    Path or None
        The guide's first page.
    """
    from ntmplan.core.writers import atomic_write_text

    source = guide_source()
    pages = sorted(source.glob("*.md"))
    if not pages:
        return None
    target = Path(out_root) / GUIDE_DIR
    (target / "hinh").mkdir(parents=True, exist_ok=True)
    for md in pages:
        text = md.read_text(encoding="utf-8")
        heading = next((ln[2:].strip() for ln in text.splitlines() if ln.startswith("# ")), md.stem)
        page, images = page_html(text, heading)
        for image in images:
            found = (md.parent / image).resolve()
            if found.is_file():
                shutil.copyfile(found, target / "hinh" / found.name)
        atomic_write_text(target / _page_name(md.name), page)
    return target / "index.html"

"""Helpers of the browser tests: what Chromium drew (fonts), broken images."""

from __future__ import annotations


def fonts_rendering(pg, selector: str) -> dict[str, int]:
    """Return the platform fonts Chromium used to draw the text of ``selector`` (family → glyphs).

    Uses the DevTools ``CSS.getPlatformFontsForNode``: this is what was drawn, not what the
    stylesheet asked for.
    """
    cdp = pg.context.new_cdp_session(pg)
    try:
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        assert node, f"không thấy / not found: {selector}"
        fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        return {f["familyName"]: int(f["glyphCount"]) for f in fonts}
    finally:
        cdp.detach()


def broken_images(pg) -> list[str]:
    """Return the sources of images that did not load (naturalWidth 0)."""
    return pg.evaluate(
        "() => Array.from(document.images).filter(i => !(i.complete && i.naturalWidth > 0))"
        ".map(i => (i.currentSrc || i.src).slice(0, 80))"
    )

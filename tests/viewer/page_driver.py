"""Runs window.atlas calls in a QWebEngineView and waits for their JSON results (test helper)."""
from __future__ import annotations

import json


class PageDriver:
    """Runs ``window.atlas`` calls in a view and waits for their JSON results."""

    def __init__(self, qtbot, view):
        self.qtbot, self.view = qtbot, view

    def js(self, expression: str, timeout: int = 10000):
        box = {}
        self.view.page().runJavaScript(
            f"(function(){{try{{return JSON.stringify({expression})}}catch(e){{return JSON.stringify({{error: String(e)}})}}}})()",
            0, lambda text: box.setdefault("v", text))
        self.qtbot.waitUntil(lambda: "v" in box, timeout=timeout)
        value = json.loads(box["v"]) if box["v"] else None
        if isinstance(value, dict) and set(value) == {"error"}:
            raise AssertionError(f"page error: {value['error']}")
        return value

    def atlas(self, function: str, *args):
        return self.js(f"atlas.{function}({', '.join(json.dumps(a) for a in args)})")

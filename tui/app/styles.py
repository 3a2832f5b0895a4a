"""Rich styles of a widget's components, looked up once per theme.

Line-API widgets draw many strips per frame; asking Textual for a component's
style on every line is measurable. The cache is dropped when the theme or the
CSS changes, so colours follow the theme.
"""

from __future__ import annotations

from rich.style import Style
from textual.widget import Widget

__all__ = ["ComponentStyles"]


class ComponentStyles:
    """A per-widget cache of component styles ("" names the widget's own style)."""

    def __init__(self, widget: Widget) -> None:
        self._widget = widget
        self._styles: dict[str, Style] = {}

    def clear(self) -> None:
        self._styles.clear()

    def __call__(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None:
            widget = self._widget
            style = self._styles[name] = (
                widget.get_component_rich_style(name) if name else widget.rich_style
            )
        return style

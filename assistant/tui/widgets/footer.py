"""The citizen's footer: Textual's own, with Help (F1) first so it is never pushed off a narrow screen."""

from __future__ import annotations

from textual.widgets import Footer

HELP_ACTIONS = ("help", "app.help")


class CitizenFooter(Footer):
    """Shows the keys that work now; F1 Help first, then the rest in their usual order."""

    def on_resize(self) -> None:
        self.compact = self.size.width < 70  # narrow: less space between keys, so more of them fit

    def compose(self):
        keys = list(super().compose())
        keys.sort(key=lambda key: getattr(key, "action", "") not in HELP_ACTIONS)  # stable: the rest keep their order
        yield from keys

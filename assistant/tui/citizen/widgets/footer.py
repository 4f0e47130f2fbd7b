"""The citizen's footer: Textual's own, with Help (F1) first so it is never pushed off a narrow screen."""

from __future__ import annotations

from textual.widgets import Footer

from assistant.tui.shared.textual_compat import (
    footer_bindings_ready,
    footer_key_action,
    mark_footer_bindings_ready,
    set_footer_key_compact,
)

HELP_ACTIONS = ("help", "app.help")


class CitizenFooter(Footer):
    """Shows the keys that work now; F1 Help first, then the rest in their usual order.

    Like Textual's own footer it is there (an empty bar) in the first frame and shows its keys
    in the next: the first frame carries what a person reads first, the question. Unlike
    Textual's, it is rebuilt only when the keys shown change, not at every change of focus
    or question.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._keys_shown: tuple | None = None

    def on_mount(self) -> None:
        super().on_mount()
        self.call_after_refresh(self._show_keys)

    async def _show_keys(self) -> None:
        """The keys, once the first frame is out (if no change of keys has brought them already)."""
        if not footer_bindings_ready(self) and self.is_attached:
            mark_footer_bindings_ready(self)
            await self.recompose()

    def on_resize(self) -> None:
        self.compact = self.size.width < 70  # narrow: less space between keys, so more of them fit

    def _keys_now(self) -> tuple:
        return tuple(
            (key, binding.action, binding.description, enabled, tooltip)
            for key, (_, binding, enabled, tooltip) in self.screen.active_bindings.items()
            if binding.show
        )

    def compose(self):
        self._keys_shown = self._keys_now()
        keys = list(super().compose())
        for key in keys:
            set_footer_key_compact(key, self.compact)  # born in the footer's style: no restyling of every key as it mounts
        keys.sort(key=lambda key: footer_key_action(key) not in HELP_ACTIONS)  # stable: the rest keep their order
        yield from keys

    def bindings_changed(self, screen) -> None:
        if self.is_attached and screen is self.screen and self._keys_shown == self._keys_now():
            return  # the same keys, labels and states: nothing to rebuild
        super().bindings_changed(screen)

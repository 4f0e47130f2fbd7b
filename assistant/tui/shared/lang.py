"""Translation helpers for the TUI: every visible string is an English msgid.

Module-level strings are marked with ``N_`` and translated at display time with
the app's current language, so switching language re-renders everything.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from assistant.common.i18n import translator

if TYPE_CHECKING:
    from textual.dom import DOMNode


def gettext_for(node: "DOMNode"):
    """The gettext of the app ``node`` belongs to (Danish when there is no app yet)."""
    try:
        lang = node.app.lang  # type: ignore[attr-defined]
    except Exception:
        lang = None
    return translator(lang).gettext


def translate_bindings(node: "DOMNode", gettext) -> None:
    """Re-label ``node``'s bindings in the current language.

    Binding descriptions are English msgids in the class's ``BINDINGS``; the
    instance's binding map gets translated copies, so the footer follows the
    language without rebuilding the node.
    """
    from textual.binding import Binding

    from assistant.tui.shared.textual_compat import relabel_bindings

    originals = {}
    for cls in reversed(type(node).__mro__):
        for binding in getattr(cls, "BINDINGS", ()) or ():
            if isinstance(binding, tuple):  # Textual's own widgets write ("escape", "dismiss", "Dismiss menu")
                binding = Binding(*binding)
            if hasattr(binding, "action"):
                originals[(binding.key, binding.action)] = binding

    def relabel(key: str, binding: Binding) -> Binding:
        source = next(
            (b for b in originals.values() if b.action == binding.action and key in b.key.split(",")),
            None,
        )
        if source is not None and source.description:
            return dataclasses.replace(binding, description=gettext(source.description))
        return binding

    relabel_bindings(node, relabel)

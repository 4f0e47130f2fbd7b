"""Every use of a private Textual API, in one place.

Textual has no public way to do what these functions do. Each function says which private
name it touches, why we need it, and what to check when Textual is upgraded;
``tests/tui/test_textual_compat.py`` has a test per function that fails when the private
name is gone or no longer has the effect we rely on. Nothing else in ``assistant`` may
reach into Textual's private names (a leading underscore, or a ``textual.*._module``):
add it here, with its docstring and its test.

Tested with Textual 8.x (``pyproject.toml`` pins ``textual>=0.80,<9``). On an upgrade:
run ``pytest tests/tui/test_textual_compat.py`` first, then the snapshot tests.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from textual.widgets import Footer

# Private module: ``FooterKey`` (one key in the footer) is not exported by ``textual.widgets``.
from textual.widgets._footer import FooterKey

if TYPE_CHECKING:
    from textual.binding import Binding
    from textual.dom import DOMNode
    from textual.widget import Widget

__all__ = [
    "footer_bindings_ready",
    "footer_key_action",
    "mark_footer_bindings_ready",
    "relabel_bindings",
    "set_footer_key_compact",
]


# -- a node's own bindings --------------------------------------------------------------------------
def relabel_bindings(node: "DOMNode", relabel: Callable[[str, "Binding"], "Binding"]) -> None:
    """Replace each of ``node``'s bindings by ``relabel(key, binding)``, in this instance only.

    Private API: ``DOMNode._bindings`` (a ``BindingsMap``; we read and write its public
    ``key_to_bindings`` dict, key -> list of ``Binding``).

    Why: the footer's key labels follow the language chosen at run time (F2). A binding's
    description comes from the class's ``BINDINGS``, shared by every instance; Textual has no
    public way to change the label of one instance's binding. ``Screen.active_bindings`` (what
    the footer shows) is built from each node's ``_bindings``, so new ``Binding`` objects
    (``dataclasses.replace`` of the old: a ``Binding`` is a frozen dataclass) put there are
    what the footer shows after ``refresh_bindings()``.

    On an upgrade, check: ``DOMNode.__init__`` still sets ``self._bindings`` to a per-instance
    copy of the class's merged bindings (``_merged_bindings.copy()``); ``BindingsMap`` still
    has ``key_to_bindings``; ``Screen.active_bindings`` still reads ``node._bindings``. If
    Textual grows a public way to relabel a binding (or keymaps learn descriptions), use it.
    """
    bindings_map = node._bindings
    for key, bindings in list(bindings_map.key_to_bindings.items()):
        bindings_map.key_to_bindings[key] = [relabel(key, binding) for binding in bindings]


# -- the footer -------------------------------------------------------------------------------------
def footer_bindings_ready(footer: Footer) -> bool:
    """Whether ``footer`` shows its keys yet (Textual's footer is empty until its bindings are ready).

    Private API: the reactive ``Footer._bindings_ready`` (read).

    Why: the citizen's footer shows its keys one frame after the first question, not with it
    (``CitizenFooter``); it asks whether a change of keys has already shown them.

    On an upgrade, check: ``Footer._bindings_ready`` still exists, starts False, and
    ``Footer.compose`` yields no keys while it is False (``Footer.bindings_changed`` sets it).
    """
    return bool(footer._bindings_ready)


def mark_footer_bindings_ready(footer: Footer) -> None:
    """Let ``footer`` show its keys at its next ``recompose()``, without a round of watchers.

    Private API: the reactive ``Footer._bindings_ready`` (set with the public ``set_reactive``).

    Why: Textual's footer waits for the screen's first ``bindings_changed`` and then recomposes
    after a further refresh; the citizen's footer shows its keys as soon as the first frame is
    out, and only once (see ``CitizenFooter._show_keys``).

    On an upgrade, check: ``Footer._bindings_ready`` is still the reactive that ``Footer.compose``
    reads to decide whether to yield the keys (the test composes a footer after this call).
    """
    footer.set_reactive(Footer._bindings_ready, True)


def set_footer_key_compact(widget: "Widget", compact: bool) -> bool:
    """If ``widget`` is one of the footer's keys, give it the footer's compact style before it is
    mounted (no restyling of every key as it mounts). Returns whether it was a footer key.

    Private API: ``textual.widgets._footer.FooterKey`` (a private module; the class is not
    exported by ``textual.widgets``) and its reactive ``compact``.

    Why: ``CitizenFooter.compose`` takes the keys Textual's ``Footer.compose`` makes and puts
    Help first; setting each key's style as it is born saves a restyle of the whole footer.

    On an upgrade, check: ``Footer.compose`` still yields ``FooterKey`` widgets from
    ``textual.widgets._footer`` (or a public ``textual.widgets.FooterKey``: then import it from
    there), and ``FooterKey.compact`` is still the reactive the ``-compact`` class follows.
    """
    if not isinstance(widget, FooterKey):
        return False
    widget.set_reactive(FooterKey.compact, compact)
    return True


def footer_key_action(widget: "Widget") -> str:
    """The action of a footer key (e.g. ``"app.help"``); "" for anything else in the footer.

    Private API: the attribute ``action`` of the private class ``FooterKey`` (see
    :func:`set_footer_key_compact`).

    Why: ``CitizenFooter`` puts the Help key first, so a narrow screen never pushes it off.

    On an upgrade, check: a ``FooterKey`` still keeps its binding's action as ``.action``.
    """
    return widget.action if isinstance(widget, FooterKey) else ""

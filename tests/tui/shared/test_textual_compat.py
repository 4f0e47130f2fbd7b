"""One test per function of :mod:`assistant.tui.shared.textual_compat`.

Each test fails when Textual's private API that the function touches is gone or no longer
has the effect we rely on, so a Textual upgrade that breaks one shows here first, by name.
A last test checks that no other module of the TUI reaches into Textual's private names.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widget import Widget
from textual.widgets import Footer, Static

import assistant.tui
from assistant.tui.shared import textual_compat
from assistant.tui.shared.textual_compat import (
    footer_bindings_ready,
    footer_key_action,
    mark_footer_bindings_ready,
    relabel_bindings,
    set_footer_key_compact,
)


class Keyed(Static, can_focus=True):
    BINDINGS = [Binding("f9", "nothing", "Original", id="compat.nothing")]

    def action_nothing(self) -> None:
        pass


class KeysApp(App):
    BINDINGS = [Binding("f1", "help", "Help"), Binding("f8", "nothing", "Other")]

    def compose(self) -> ComposeResult:
        yield Keyed("keys")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(Keyed).focus()

    def action_help(self) -> None:
        pass

    def action_nothing(self) -> None:
        pass


def shown(app: App) -> dict[str, str]:
    """What the footer would show: key -> description (public ``Screen.active_bindings``)."""
    return {key: binding.description for key, (_, binding, _, _) in app.screen.active_bindings.items()}


# -- relabel_bindings (DOMNode._bindings) -------------------------------------------------------------
async def test_relabel_bindings_changes_what_the_footer_shows_for_this_instance_only():
    app = KeysApp()
    async with app.run_test() as pilot:
        widget = app.query_one(Keyed)
        assert shown(app)["f9"] == "Original"
        seen = []

        def relabel(key: str, binding: Binding) -> Binding:
            seen.append(key)
            return dataclasses.replace(binding, description="Relabelled")

        relabel_bindings(widget, relabel)
        widget.refresh_bindings()
        await pilot.pause()
        assert "f9" in seen  # the instance's bindings are keyed by key
        assert shown(app)["f9"] == "Relabelled"  # the effect: the footer's source changed
        footer_labels = [key.description for key in app.query("FooterKey")]
        assert "Relabelled" in footer_labels and "Original" not in footer_labels
        assert Keyed("another").__class__.BINDINGS[0].description == "Original"  # the class is untouched
        fresh = Keyed("fresh")
        relabelled_elsewhere = []
        relabel_bindings(fresh, lambda key, b: relabelled_elsewhere.append(b.description) or b)
        assert relabelled_elsewhere == ["Original"]  # each instance has its own copy


async def test_relabel_bindings_works_on_the_app_too():
    app = KeysApp()
    async with app.run_test() as pilot:
        relabel_bindings(app, lambda key, b: dataclasses.replace(b, description="Hjælp") if b.action == "help" else b)
        app.refresh_bindings()
        await pilot.pause()
        assert shown(app)["f1"] == "Hjælp"
        assert shown(app)["f8"] == "Other"


# -- the footer (Footer._bindings_ready, textual.widgets._footer.FooterKey) -------------------------
class LateFooter(Footer):
    """A footer that never gets ``bindings_changed``: only the compat call makes it ready."""

    def bindings_changed(self, screen) -> None:
        pass

    async def show_keys(self) -> None:
        mark_footer_bindings_ready(self)
        await self.recompose()


class LateFooterApp(KeysApp):
    def compose(self) -> ComposeResult:
        yield Keyed("keys")
        yield LateFooter()


async def test_footer_bindings_ready_is_false_until_marked_and_the_footer_is_empty_until_then():
    app = LateFooterApp()
    async with app.run_test() as pilot:
        footer = app.query_one(LateFooter)
        await pilot.pause()
        assert footer_bindings_ready(footer) is False
        assert not footer.query("FooterKey")  # Textual's footer shows nothing before it is ready


async def test_mark_footer_bindings_ready_lets_the_footer_show_its_keys():
    app = LateFooterApp()
    async with app.run_test() as pilot:
        footer = app.query_one(LateFooter)
        await pilot.pause()
        assert not footer.query("FooterKey")
        footer.call_later(footer.show_keys)
        await pilot.pause()
        await pilot.pause()
        assert footer_bindings_ready(footer) is True
        assert {footer_key_action(key) for key in footer.query("FooterKey")} >= {"help", "nothing"}


class RecordingFooter(Footer):
    """Sees the keys Textual's footer makes, before they are mounted (as ``CitizenFooter`` does)."""

    born: list[tuple[str, bool, bool, bool]] = []

    def compose(self):
        keys = list(super().compose())
        for key in keys:
            made_compact = set_footer_key_compact(key, True)
            compact_then = getattr(key, "compact", None)
            set_footer_key_compact(key, self.compact)
            self.born.append((footer_key_action(key), made_compact, compact_then, getattr(key, "compact", None)))
        yield from keys


class RecordingFooterApp(KeysApp):
    def compose(self) -> ComposeResult:
        yield Keyed("keys")
        yield RecordingFooter()


async def test_footer_keys_are_footer_keys_with_an_action_and_a_compact_reactive():
    RecordingFooter.born = []
    app = RecordingFooterApp()
    async with app.run_test() as pilot:
        await pilot.pause()
        footer = app.query_one(RecordingFooter)
        born = [entry for entry in RecordingFooter.born if entry[1]]
        assert born, "Textual's footer no longer makes FooterKey widgets"
        assert {action for action, *_ in born} >= {"help", "nothing"}
        assert all(then is True and now is footer.compact for _, _, then, now in born)  # the reactive holds the value
        keys = list(footer.query("FooterKey"))
        assert keys and all(isinstance(key, textual_compat.FooterKey) for key in keys)
        assert all(key.compact is footer.compact for key in keys)


async def test_anything_else_in_the_footer_is_left_alone():
    other = Static("not a key")
    assert set_footer_key_compact(other, True) is False
    assert footer_key_action(other) == ""
    assert footer_key_action(Widget()) == ""


async def test_the_footer_composes_the_compat_modules_footer_key_class():
    """``Footer.compose`` yields the very class the compat module imports (not a new one elsewhere)."""
    app = KeysApp()
    async with app.run_test() as pilot:
        await pilot.pause()
        keys = list(app.query_one(Footer).query("FooterKey"))
        assert keys and all(isinstance(key, textual_compat.FooterKey) for key in keys)


# -- no private Textual API outside the compat module ------------------------------------------------
TEXTUAL_PRIVATE = (
    re.compile(r"\bfrom textual(\.\w+)*\._\w+ import"),  # a private module
    re.compile(r"\bimport textual(\.\w+)*\._\w+"),
    re.compile(r"\._bindings\b"),
    re.compile(r"\._bindings_ready\b"),
    re.compile(r"\._on_(key|paste)\b|\bdef _on_(key|paste)\b"),
    re.compile(r"\._replace_via_keyboard\b"),
)


def test_no_private_textual_api_outside_the_compat_module():
    root = Path(assistant.tui.__file__).parent
    compat = Path(textual_compat.__file__)
    offenders = [
        f"{path.relative_to(root)}:{n}: {line.strip()}"
        for path in sorted(root.rglob("*.py"))
        if path != compat
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if any(pattern.search(line) for pattern in TEXTUAL_PRIVATE)
    ]
    assert offenders == []


def test_no_class_of_ours_uses_or_overrides_a_private_member_of_its_textual_base():
    """Our widgets, screens and apps neither read, set nor override a private name of the Textual
    class they extend (``self._bindings``, ``def _on_key`` …); only the compat module may."""
    import importlib
    import inspect
    import pkgutil

    own = re.compile(r"\bself\.(_[a-z]\w*)|\bdef (_[a-z]\w*)")
    modules = [importlib.import_module(m.name) for m in pkgutil.walk_packages(assistant.tui.__path__, "assistant.tui.")]
    private_of: dict[type, set[str]] = {}  # a Textual class -> the private names it has or sets

    def private(base: type) -> set[str]:
        if base not in private_of:
            names = {n for n in vars(base) if n.startswith("_") and not n.startswith("__")}
            try:
                names |= {a or b for a, b in own.findall(inspect.getsource(base))}
            except (OSError, TypeError):
                pass
            private_of[base] = names
        return private_of[base]

    found = {}
    for module in modules:
        if module is textual_compat:
            continue
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != module.__name__:
                continue
            bases = [b for b in cls.__mro__ if b.__module__.split(".")[0] == "textual"]
            if not bases:
                continue
            ours = {a or b for a, b in own.findall(inspect.getsource(cls))}
            theirs = set().union(*(private(base) for base in bases))
            if ours & theirs:
                found[f"{module.__name__}.{name}"] = sorted(ours & theirs)
    assert found == {}

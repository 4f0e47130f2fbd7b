"""Trainer mode's screens: choose a demo, play it, see the plan beside the conversation.

Everything a persona or the trainer typed is shown as plain text (``Content``,
rich ``Text``), never as markup.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.timer import Timer
from textual.widgets import Button, Footer, Input, OptionList, Static, Tree
from textual.widgets.option_list import Option
from rich.text import Text

from assistant.services.demo import (
    PHASE_NAME,
    DemoPlayer,
    Persona,
    branches,
    load_personas,
    plan_parts,
    step_info,
)
from assistant.common.errors import BorgerrejseError
from assistant.common.i18n import N_
from assistant.domain.engine import step_of
from assistant.domain.journey import PHASES, Journey
from assistant.common.text import clean
from assistant.tui.shared.lang import gettext_for, translate_bindings
from assistant.tui.shared.safe_markdown import SafeMarkdown

PACES = (1, 2, 3, 5, 8)  # seconds between answers when playing by itself
DEFAULT_PACE = 2  # index in PACES

DEMO = N_("DEMO")
DEMO_LINE = N_("Invented people only. Nothing is written to the real cases. Demo folder: {path}")
NOBODY = N_("Nobody: you type every answer")
NOW = N_("Now")
SKIPPED = N_("(skipped)")
TRAINER = N_("Trainer")
YOU_TYPE = N_("Your answer (Enter sends, Escape cancels)")
STOPPED = N_("Step by step")
PLAYING = N_("Playing: one answer every {seconds} s")
TYPING = N_("Paused: type an answer")
FINISHED = N_("The conversation is finished. Press E to see the plan beside it.")


def _plain(text: str) -> Content:
    return Content(clean(text))


class DemoBanner(Static):
    """The line that says DEMO on every trainer screen."""

    def __init__(self, path: str) -> None:
        super().__init__(id="demo-banner")
        self.path = path

    def on_mount(self) -> None:
        self.retranslate()

    def retranslate(self) -> None:
        _ = gettext_for(self)
        self.update(Content.assemble((f" {_(DEMO)} ", "bold reverse"), " ",
                                     _(DEMO_LINE).format(path=clean(self.path))))


# -- choosing --------------------------------------------------------------------------------
class ChooseScreen(Screen):
    """Which journey, and which persona plays it (or nobody: the trainer types)."""

    BINDINGS = [Binding("enter", "play", N_("Play"), id="choose.play", show=True)]

    def compose(self) -> ComposeResult:
        yield DemoBanner(str(self.app.demo_store.root))
        yield Static(id="choose-title")
        yield OptionList(id="demos")
        yield Static(id="choose-about")
        yield Footer()

    @property
    def _(self):
        return gettext_for(self)

    def on_mount(self) -> None:
        self.retranslate()
        self.query_one(OptionList).focus()

    def retranslate(self) -> None:
        from assistant.services.authoring import available_journeys

        _ = self._
        translate_bindings(self, _)
        self.query_one(DemoBanner).retranslate()
        self.query_one("#choose-title", Static).update(_("Choose a journey and a persona to play it."))
        journeys = available_journeys(self.app.dialogues, self.app.lang)
        personas, failed = load_personas(self.app.dialogues)
        self.entries: list[tuple[Journey | None, Persona | None, str]] = []
        options: list[Option] = []
        for entry in journeys:
            if entry.journey is None:
                unusable = _("cannot be used")
                options.append(Option(_plain(f"{entry.id} — {unusable}"), disabled=True))
                self.entries.append((None, None, entry.problem or ""))
                continue
            title = _(entry.journey.title)
            for persona in [p for p in personas if p.journey == entry.id] + [None]:
                who = f"{persona.name} — {persona.about_in(self.app.lang)}" if persona else _(NOBODY)
                options.append(Option(_plain(f"{title} · {who}")))
                about = persona.about_in(self.app.lang) if persona else _(NOBODY)
                source = _("shipped") if entry.source == "shipped" else entry.source
                self.entries.append((entry.journey, persona, f"{source}: {about}"))
        for exc in failed:
            message = exc.translated(_)
            options.append(Option(_plain(message), disabled=True))
            self.entries.append((None, None, message))
        option_list = self.query_one(OptionList)
        highlighted = option_list.highlighted
        option_list.clear_options()
        option_list.add_options(options)
        first = next((i for i, o in enumerate(options) if not o.disabled), None)
        option_list.highlighted = highlighted if highlighted is not None and highlighted < len(options) else first
        self._show_about(option_list.highlighted)

    def _show_about(self, index: int | None) -> None:
        about = self.entries[index][2] if index is not None and index < len(self.entries) else ""
        self.query_one("#choose-about", Static).update(_plain(about))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show_about(event.option_index)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._start(event.option_index)

    def action_play(self) -> None:
        self._start(self.query_one(OptionList).highlighted)

    def _start(self, index: int | None) -> None:
        if index is None or index >= len(self.entries):
            return
        journey, persona, problem = self.entries[index]
        if journey is None:
            self.notify(problem, severity="error", markup=False)
            return
        self.app.close_player()
        try:
            self.app.player = DemoPlayer(self.app.demo_store, journey, persona, self.app.lang)
        except BorgerrejseError as exc:
            self.notify(exc.translated(self._), severity="error", markup=False)
            return
        self.app.push_screen(PlayScreen())


# -- playing ---------------------------------------------------------------------------------
class Turn(Static):
    """One line of the demonstration's conversation."""


class PlayScreen(Screen):
    """The conversation on the left; the method panel and the map of the journey on the right."""

    BINDINGS = [
        Binding("space,n", "step", N_("Next answer"), id="play.step"),
        Binding("a", "auto", N_("Play/stop"), id="play.auto"),
        Binding("plus", "faster", N_("Faster"), id="play.faster", key_display="+", show=False),
        Binding("minus", "slower", N_("Slower"), id="play.slower", key_display="-", show=False),
        Binding("t", "type", N_("Own answer"), id="play.type"),
        Binding("b", "back", N_("Step back"), id="play.back"),
        Binding("m", "map", N_("Map"), id="play.map"),
        Binding("e", "end_view", N_("Plan"), id="play.end"),
        Binding("escape", "leave", N_("Choose again"), id="play.leave"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.pace = DEFAULT_PACE
        self.timer: Timer | None = None
        self.notice: str | None = None
        self.nodes: dict[str, object] = {}
        self.shown_end = False

    @property
    def player(self) -> DemoPlayer:
        return self.app.player

    @property
    def _(self):
        return gettext_for(self)

    def compose(self) -> ComposeResult:
        yield DemoBanner(str(self.app.demo_store.root))
        yield Static(id="play-status")
        with Horizontal(id="play-body"):
            with Vertical(id="play-left"):
                yield VerticalScroll(id="log")
                yield Input(id="own-answer")
            with Vertical(id="play-right"):
                yield Static(id="method-panel")
                yield Tree(Text(""), id="journey-map")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#own-answer", Input).display = False
        self.query_one("#log", VerticalScroll).anchor()
        self._build_map()
        self.retranslate()
        self.query_one("#log").focus()

    def retranslate(self) -> None:
        translate_bindings(self, self._)
        self.query_one(DemoBanner).retranslate()
        self.query_one("#own-answer", Input).placeholder = self._(YOU_TYPE)
        self._build_map()
        self.refresh_view()

    def change_language(self, lang: str) -> bool:
        """F2: the demonstration goes on in the other language (the persona answers in it too)."""
        try:
            self.player.conversation.set_lang(lang)
        except BorgerrejseError as exc:
            self.notify(exc.translated(self._), severity="error", markup=False)
            return False
        self.player.lang = lang
        return True

    # -- drawing ---------------------------------------------------------------------------
    def refresh_view(self) -> None:
        self._draw_log()
        self._draw_panel()
        self._draw_map()
        self._draw_status()
        self.refresh_bindings()

    def _draw_status(self) -> None:
        _ = self._
        if self.query_one("#own-answer", Input).display:
            text = _(TYPING)
        elif self.player.finished:
            text = _(FINISHED)
        elif self.timer is not None:
            text = _(PLAYING).format(seconds=PACES[self.pace])
        else:
            text = _(STOPPED)
        who = self.player.persona.name if self.player.persona else _(NOBODY)
        self.query_one("#play-status", Static).update(
            Content.assemble((f"{_(self.player.journey.title)} · {clean(who)}", "bold"), " — ", text))

    def _draw_log(self) -> None:
        _ = self._
        log = self.query_one("#log", VerticalScroll)
        who = self.player.persona.name if self.player.persona else _(TRAINER)
        widgets: list[Static] = []
        for turn in self.player.turns():
            widgets.append(Turn(_plain(f"{turn.number}. {turn.asked}"), classes="asked"))
            if step_of(self.player.journey, turn.state).kind == "info" and not turn.skipped:
                continue
            speaker = _(TRAINER) if turn.typed else who
            said = _(SKIPPED) if turn.skipped else turn.text
            widgets.append(Turn(_plain(f"{clean(speaker)}: {said}"),
                                classes="answer typed" if turn.typed else "answer"))
        prompt = self.player.prompt
        widgets.append(Turn(Content.assemble((f"{_(NOW)}: ", "bold"), clean(prompt.text)), classes="asked now"))
        if self.notice:
            widgets.append(Turn(_plain(self.notice), classes="notice"))
        with self.app.batch_update():
            log.remove_children()
            log.mount_all(widgets)
        log.call_after_refresh(log.scroll_end, animate=False)

    def _draw_panel(self) -> None:
        _ = self._
        prompt = self.player.prompt
        info = step_info(self.player.journey, prompt.state, self.app.lang)
        lines: list[tuple[str, str] | str] = [
            (_("Step") + ": ", "bold"), prompt.state, "\n",
            (_("Phase") + ": ", "bold"), info["phase"], "\n",
            (_("Method") + ": ", "bold"), info["method"], "\n",
        ]
        if info["method_text"]:
            lines += [info["method_text"], "\n"]
        lines += [(_("Why it is asked") + ": ", "bold"), info["note"], "\n",
                  (_("In the plan") + ": ", "bold"), f"{info['slot']} → {info['use']}", "\n"]
        ways = branches(self.player.journey, prompt.state, self.app.lang)
        if ways:
            lines.append((_("Ways on") + ":", "bold"))
            for dest, condition in ways:
                lines.append(f"\n  → {dest}: {condition}")
            lines.append("\n")
        coming = self.player.next_answer()
        if self.player.persona and coming and prompt.kind != "info":
            lines += [(_("{name} will answer").format(name=clean(self.player.persona.name)) + ": ", "bold"),
                      clean(coming)]
        self.query_one("#method-panel", Static).update(Content.assemble(*lines))

    def _build_map(self) -> None:
        tree: Tree = self.query_one("#journey-map", Tree)
        tree.clear()
        journey = self.player.journey
        tree.root.set_label(Text(self._(journey.title)))
        tree.show_root = False
        self.nodes = {}
        for phase in PHASES:
            steps = [s for s in journey.steps.values() if s.phase == phase]
            if not steps:
                continue
            phase_node = tree.root.add(Text(self._(PHASE_NAME[phase]), style="bold"), data=phase, expand=True)
            for step in steps:
                node = phase_node.add(Text(step.name), data=step.name, expand=False)
                for dest, condition in branches(journey, step.name, self.app.lang):
                    node.add_leaf(Text(f"→ {dest}: {condition}"), data=None)
                self.nodes[step.name] = node
        tree.root.expand()

    def _draw_map(self) -> None:
        tree: Tree = self.query_one("#journey-map", Tree)
        current = self.player.state
        visited = set(self.player.visited())
        for name, node in self.nodes.items():
            step = step_of(self.player.journey, name)
            method = self._(step.method)
            if name == current:
                label = Text(f"● {name} · {method}", style="bold reverse")
                node.expand()
            else:
                mark = "✓ " if name in visited else "  "
                label = Text(f"{mark}{name} · {method}", style="" if name in visited else "dim")
                node.collapse()
            node.set_label(label)
        self.call_after_refresh(self._map_cursor_to_current)

    def _map_cursor_to_current(self) -> None:
        """After the tree has re-laid its lines: the cursor on the current state, in view."""
        if self.app.player is None:
            return
        node = self.nodes.get(self.player.state)
        if node is not None:
            tree = self.query_one("#journey-map", Tree)
            tree.move_cursor(node, animate=False)

    def current_map_node(self):
        """The map's highlighted node (the state the conversation is in)."""
        return self.query_one("#journey-map", Tree).cursor_node

    # -- acting ------------------------------------------------------------------------------
    def _do(self, action) -> None:
        try:
            reply = action()
        except BorgerrejseError as exc:
            self.stop_auto()
            self.notice = exc.translated(self._)
        else:
            self.notice = reply.invalid
        self.refresh_view()
        if self.player.finished and not self.shown_end:
            self.shown_end = True
            self.stop_auto()
            self.app.push_screen(EndScreen())

    def action_step(self) -> None:
        if self.player.finished:
            self.action_end_view()
            return
        if self.player.persona is None and self.player.prompt.kind != "info":
            self.action_type()  # nobody to answer: the trainer does
            return
        self._do(self.player.step)

    def action_back(self) -> None:
        self.stop_auto()
        self._do(self.player.back)
        if not self.player.finished:
            self.shown_end = False

    def action_auto(self) -> None:
        if self.timer is not None:
            self.stop_auto()
        elif not self.player.finished:
            self.timer = self.set_interval(PACES[self.pace], self.auto_tick)
        self._draw_status()

    def auto_tick(self) -> None:
        """One answer when playing by itself (the timer calls this)."""
        if self.player.finished or self.query_one("#own-answer", Input).display:
            self.stop_auto()
            self._draw_status()
            return
        self._do(self.player.step)

    def stop_auto(self) -> None:
        if self.timer is not None:
            self.timer.stop()
            self.timer = None

    def _set_pace(self, index: int) -> None:
        self.pace = max(0, min(len(PACES) - 1, index))
        if self.timer is not None:
            self.timer.stop()
            self.timer = self.set_interval(PACES[self.pace], self.auto_tick)
        self._draw_status()

    def action_faster(self) -> None:
        self._set_pace(self.pace - 1)

    def action_slower(self) -> None:
        self._set_pace(self.pace + 1)

    def action_type(self) -> None:
        if self.player.finished:
            return
        self.stop_auto()
        field = self.query_one("#own-answer", Input)
        field.display = True
        field.value = ""
        field.focus()
        self.refresh_view()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value
        self._close_input()
        self._do(lambda: self.player.answer(text))

    def _close_input(self) -> None:
        field = self.query_one("#own-answer", Input)
        field.display = False
        self.query_one("#log").focus()

    def action_map(self) -> None:
        """Method panel and map together, then the map alone, then the panel alone."""
        right = self.query_one("#play-right")
        if right.has_class("-map-only"):
            right.remove_class("-map-only")
            right.add_class("-panel-only")
        elif right.has_class("-panel-only"):
            right.remove_class("-panel-only")
        else:
            right.add_class("-map-only")

    def action_end_view(self) -> None:
        if self.player.finished:
            self.app.push_screen(EndScreen())

    def action_leave(self) -> None:
        if self.query_one("#own-answer", Input).display:
            self._close_input()
            self.refresh_view()
            return
        self.stop_auto()
        self.app.close_player()
        self.app.pop_screen()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.app.player is None:
            return True
        finished = self.player.finished
        if action in ("step", "auto", "faster", "slower", "type") and finished:
            return False
        if action == "end_view" and not finished:
            return False
        if action == "back" and not self.player.conversation.can_go_back:
            return None
        return True


# -- the end -------------------------------------------------------------------------------
class EndScreen(Screen):
    """The drafted plan beside the conversation; each part of the plan points back to its answers."""

    BINDINGS = [Binding("escape", "close", N_("Back to the demo"), id="end.close")]

    def compose(self) -> ComposeResult:
        yield DemoBanner(str(self.app.demo_store.root))
        yield Static(id="end-title")
        with Horizontal(id="end-body"):
            yield VerticalScroll(id="end-conversation")
            yield OptionList(id="plan-parts")
        yield Footer()

    @property
    def _(self):
        return gettext_for(self)

    def on_mount(self) -> None:
        self.retranslate()
        self.query_one("#plan-parts", OptionList).focus()

    def retranslate(self) -> None:
        _ = self._
        translate_bindings(self, _)
        self.query_one(DemoBanner).retranslate()
        player = self.app.player
        plan = player.plan()
        self.query_one("#end-title", Static).update(
            _("The plan, drafted from the answers. Choose a part of the plan to see the answers it came from.")
            if plan else _("There is no plan: no draft was made in this conversation."))
        turns = player.turns()
        who = player.persona.name if player.persona else _(TRAINER)
        widgets = []
        self.turn_widgets: dict[int, list[Static]] = {}
        for turn in turns:
            asked = Turn(_plain(f"{turn.number}. {turn.asked}"), classes="asked")
            widgets.append(asked)
            group = [asked]
            if step_of(player.journey, turn.state).kind != "info" or turn.skipped:
                speaker = _(TRAINER) if turn.typed else who
                answer = Turn(_plain(f"{clean(speaker)}: {_(SKIPPED) if turn.skipped else turn.text}"),
                              classes="answer typed" if turn.typed else "answer")
                widgets.append(answer)
                group.append(answer)
            self.turn_widgets[turn.number] = group
        conversation = self.query_one("#end-conversation", VerticalScroll)
        conversation.remove_children()
        conversation.mount_all(widgets)
        self.parts = plan_parts(plan, turns, self.app.lang) if plan else []
        options = []
        for part in self.parts:
            refs = ", ".join(str(n) for n in part.answers) if part.answers else _("no answer")
            options.append(Option(Content.assemble((part.heading, "bold"), "\n", clean(part.text), "\n",
                                                   (_("← answer {numbers}").format(numbers=refs), "italic"))))
        parts = self.query_one("#plan-parts", OptionList)
        parts.clear_options()
        parts.add_options(options)
        if options:
            parts.highlighted = 0

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.link(event.option_index)

    def link(self, index: int) -> list[int]:
        """Highlight the answers part ``index`` of the plan came from; their numbers."""
        for group in self.turn_widgets.values():
            for widget in group:
                widget.remove_class("linked")
        numbers = self.parts[index].answers if 0 <= index < len(self.parts) else []
        for n in numbers:
            for widget in self.turn_widgets.get(n, []):
                widget.add_class("linked")
        if numbers and self.turn_widgets.get(numbers[0]):
            self.turn_widgets[numbers[0]][0].scroll_visible(animate=False, top=True)
        return numbers

    def linked_texts(self) -> list[str]:
        return [str(w.content) for group in self.turn_widgets.values() for w in group if w.has_class("linked")]

    def action_close(self) -> None:
        self.app.pop_screen()


# -- help ------------------------------------------------------------------------------------
HELP_TEXT = N_(
    "Trainer mode plays invented people through the real conversation, so you can show "
    "the dialogue methods. Everything is written to a demo folder, never to the real cases."
)
HELP_KEYS = (
    ("Space, N", N_("the persona gives the next answer")),
    ("A", N_("play by itself, or stop")),
    ("+ / -", N_("faster or slower")),
    ("T", N_("pause and type another answer, to show how the path branches")),
    ("B", N_("step back one answer")),
    ("M", N_("the method panel and the map together, the map alone, or the panel alone")),
    ("E", N_("the plan beside the conversation, when it is finished")),
    ("Escape", N_("choose another journey or persona")),
    ("F2", N_("change the language (Danish or English)")),
    ("F6", N_("change the colours (light, dark, high contrast)")),
    ("Ctrl+Q", N_("close")),
)
AUTHORING = N_(
    "Your own dialogues go in the folder {folder} (or the one given with --dialogues). "
    "Check one with: borgerrejse lint FILE. The guide is docs/dialogue-guide.md."
)


class TrainerHelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1", "close", N_("Close help"), id="trainer-help.close")]

    def compose(self) -> ComposeResult:
        from assistant.services.authoring import user_dialogues_dir
        from assistant.common.text import md_escape

        _ = gettext_for(self)
        folder = md_escape(str(user_dialogues_dir(self.app.dialogues)))
        lines = [f"## {_('Help')}", "", _(HELP_TEXT), "", f"### {_('Keys')}", ""]
        lines += [f"- **{key}**: {_(text)}" for key, text in HELP_KEYS]
        lines += ["", _(AUTHORING).format(folder=folder)]
        with Vertical(id="help-box"):
            with VerticalScroll(id="help-scroll"):
                yield SafeMarkdown("\n".join(lines))
            yield Button(Content(_("Close help")), id="help-close", variant="primary")

    def on_mount(self) -> None:
        translate_bindings(self, gettext_for(self))
        self.query_one("#help-close", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss()

    def action_close(self) -> None:
        self.dismiss()

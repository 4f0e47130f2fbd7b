"""One case: the conversation beside the plan, plus audit, trail and versions.

Opening takes the case's lock (in a worker); leaving releases it. Every change
runs in a worker through :class:`CaseSession` and the screen repaints from the
:class:`CaseState` it returns, so what is shown is always what is on disk.
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, OptionList, Static, TabbedContent, TabPane

from assistant.domain import safety
from assistant.services.casework import describe_problem, goal_numbers
from assistant.services.damage import ODD_CONTENT, as_borgerrejse_error
from assistant.common.errors import CorruptCaseError
from assistant.common.i18n import N_, translator
from assistant.domain.vocabulary import LIST_STATUS_LABELS as STATUS_LABELS
from assistant.tui.caseworker.session import CaseState
from assistant.tui.caseworker.widgets.panes import ConversationPane, GoalCard, PlanPane, PlanSummary
from assistant.tui.caseworker.widgets.progress import ProgressView
from assistant.tui.caseworker.widgets.records import AuditView, TrailTable, VersionList
from assistant.tui.shared.lang import translate_bindings

TABS = {"plan": N_("1 Conversation and plan"), "audit": N_("2 Audit"), "trail": N_("3 Trail"), "versions": N_("4 Versions"),
        "progress": N_("5 Progress")}
OPENING = N_("Opening the case …")
HEADLINE = N_("{name} · case {case} · {status}, version {version}")
BLOCKED = N_("Before the plan can be final:")
MORE_PROBLEMS = N_("… and {n} more. Press f to see them all.")
SHOWN_PROBLEMS = 2
READY = N_("Nothing stops the plan from being final.")
FINAL = N_("The plan is final. Press O to reopen it as a new version.")
SAVED = N_("Status: {status}.")
FLAG_LINE = N_("Sign of distress ({n} not handled): {detail} Press H.")
REOPENED = N_("Reopened as version {n}. The final version stays readable under Versions.")
UNSEEN_LINE = N_("The citizen has not seen version {version}: {n} of your changes. They see them when they open "
                 "the chat; press L if you read them aloud in a meeting.")
READ_ALOUD_DONE = N_("Recorded: the changes were read aloud and agreed. The citizen has seen this version.")


class CaseScreen(Screen):
    """The caseworker's view of one case; Escape goes back to the list and unlocks the case."""

    BINDINGS = [
        Binding("escape", "back", N_("Cases"), id="cw.case.back"),
        # Shown only while the case has a sign of distress, and early, so it fits at 80 columns.
        Binding("h", "flags", N_("Sign of distress"), id="cw.case.flags"),
        Binding("e", "edit_goal", N_("Edit goal"), id="cw.case.edit_goal"),
        Binding("p", "edit_plan", N_("Edit plan"), id="cw.case.edit_plan"),
        Binding("r", "reviewed", N_("Reviewed"), id="cw.case.reviewed"),
        Binding("f", "finalise", N_("Final"), id="cw.case.finalise"),
        Binding("o", "reopen", N_("Reopen"), id="cw.case.reopen"),
        # Shown only while the citizen has not seen the caseworker's changes.
        Binding("l", "read_aloud", N_("Read aloud"), id="cw.case.read_aloud"),
        Binding("x", "export", N_("Export"), id="cw.case.export"),
        Binding("m", "measures", N_("Measures"), id="cw.case.measures"),
        Binding("a", "own_goal", N_("Own goal"), id="cw.case.own_goal"),
        Binding("v", "toggle_side", N_("Conversation/plan"), id="cw.case.side"),
        Binding("s", "provider_status", N_("Provider's status"), id="cw.case.provider"),
        Binding("1", "tab('plan')", show=False, id="cw.case.tab_plan"),
        Binding("2", "tab('audit')", show=False, id="cw.case.tab_audit"),
        Binding("3", "tab('trail')", show=False, id="cw.case.tab_trail"),
        Binding("4", "tab('versions')", show=False, id="cw.case.tab_versions"),
        Binding("5", "tab('progress')", show=False, id="cw.case.tab_progress"),
    ]

    def __init__(self, case_id: str) -> None:
        super().__init__()
        self.case_id = case_id
        self.state: CaseState | None = None
        """The case as last read; None until the case is open."""

    @property
    def t(self):
        return translator(self.app.lang)

    def compose(self) -> ComposeResult:
        _ = self.t.gettext
        yield Header()
        yield Static(Content(_(OPENING)), id="case-status")
        with TabbedContent(initial="tab-plan"):
            with TabPane(self.t.label(TABS, "plan"), id="tab-plan"):
                with Horizontal(id="sides", classes="show-plan"):
                    yield ConversationPane(id="conversation-pane")
                    yield PlanPane(id="plan-pane")
            with TabPane(self.t.label(TABS, "audit"), id="tab-audit"):
                with VerticalScroll():
                    yield AuditView(id="audit")
            with TabPane(self.t.label(TABS, "trail"), id="tab-trail"):
                yield TrailTable(id="trail", cursor_type="row")
                yield Static(id="trail-detail")  # the highlighted change in full: readable at 80 columns
            with TabPane(self.t.label(TABS, "versions"), id="tab-versions"):
                yield VersionList(id="versions")
            with TabPane(self.t.label(TABS, "progress"), id="tab-progress"):
                yield ProgressView(id="progress")
        yield Footer()

    def on_mount(self) -> None:
        translate_bindings(self, self.t.gettext)
        self._open()

    def on_resize(self) -> None:
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        status = self.state.status if self.state else None
        if action in ("edit_goal", "edit_plan", "measures", "own_goal"):
            return status in ("draft", "reviewed")
        if action == "reviewed":
            return status == "draft"
        if action == "finalise":
            return status in ("draft", "reviewed")
        if action == "reopen":
            return status == "final"
        if action == "read_aloud":
            return bool(self.state and self.state.plan.get("unseen_changes"))
        if action in ("export", "provider_status"):
            return status is not None
        if action == "toggle_side":
            return self.size.width < 110
        if action == "flags":
            return bool(self.state and self.state.flags)
        return True

    # -- opening, painting -------------------------------------------------------
    @work(thread=True, group="case", exit_on_error=False)
    def _open(self) -> None:
        try:
            state = self.app.open_case(self.case_id)
        except Exception as exc:  # a sentence, never "Opening the case …" for ever
            error = as_borgerrejse_error(exc, self.app.store.case_file(self.case_id))
            self.app.call_from_thread(self._cannot_open, error.translated(self.t.gettext))
            return
        self.app.call_from_thread(self.show_state, state)

    def _cannot_open(self, message: str) -> None:
        self.app.notify(message, severity="error", timeout=15)
        self._leave()  # back to the list, and the case's lock let go

    async def show_state(self, state: CaseState) -> None:
        """Repaint everything from ``state``; if the case holds what cannot be shown, say so by name."""
        try:
            await self._paint(state)
        except ODD_CONTENT:
            message = CorruptCaseError(path=str(self.app.store.case_file(self.case_id)))
            self._cannot_open(message.translated(self.t.gettext))

    async def _paint(self, state: CaseState) -> None:
        t = self.t
        self.state = state
        self.query_one(ConversationPane).show(state.transcript, t)
        await self.query_one(PlanPane).show(state.plan, t)
        self.query_one(AuditView).show(state.audit, t)
        self.query_one(TrailTable).show(state.trail, t, goal_numbers(state.plan))
        self.query_one(VersionList).show(state.versions, t)
        await self.query_one(ProgressView).show(state.plan.get("progress") or [], t)
        self._show_status()
        self.refresh_bindings()

    def _show_status(self) -> None:
        state, _ = self.state, self.t.gettext
        head = _(HEADLINE).format(name=" ".join((state.plan.get("name") or "—").split()), case=state.case_id,
                                  status=self.t.label(STATUS_LABELS, state.status), version=state.version)
        if state.status == "final":
            lines = [Content.styled(head, "bold"), Content.styled(_(FINAL), "$text-success")]
        elif state.problems:
            lines = [Content.styled(head, "bold"), Content.styled(_(BLOCKED), "bold $text-error")]
            shown = state.problems[:SHOWN_PROBLEMS] if len(state.problems) > SHOWN_PROBLEMS + 1 else state.problems
            lines += [Content.assemble("• ", describe_problem(m, p, self.t)) for m, p in shown]
            if len(shown) < len(state.problems):  # the box is small; f lists them all
                lines.append(Content(_(MORE_PROBLEMS).format(n=len(state.problems) - len(shown))))
        else:
            lines = [Content.styled(head, "bold"), Content.styled(_(READY), "$text-success")]
        unseen = state.plan.get("unseen_changes")
        if unseen:
            lines.insert(1, Content.styled(_(UNSEEN_LINE).format(version=state.version, n=len(unseen)), "$text-warning"))
        still_open = [f for f in state.flags if not f.get("handled")]
        if still_open:  # before everything else: the citizen may need help now
            lines.insert(0, Content.styled("⚑ " + _(FLAG_LINE).format(
                n=len(still_open), detail=safety.describe_flag(still_open[-1], self.t)), "bold $text-error"))
        self.query_one("#case-status", Static).update(Content("\n").join(lines))
        self.query_one("#case-status").set_class(bool(state.problems) or bool(still_open), "blocked")

    # -- changing (workers) ----------------------------------------------------------
    @work(thread=True, group="case", exit_on_error=False)
    def _run(self, what: str, reason: str | None = None) -> None:
        _ = self.t.gettext
        session = self.app.session
        try:
            if what == "reopen":
                state = session.run(lambda w: w.reopen(reason))
                note = _(REOPENED).format(n=state.version)
            elif what == "read_aloud":
                state = session.run(lambda w: w.changes_read_aloud(reason))
                note = _(READ_ALOUD_DONE)
            elif what == "final_unseen":
                state = session.run(lambda w: w.set_status("final", unseen_ok=True))
                note = _(SAVED).format(status=self.t.label(STATUS_LABELS, state.status))
            else:
                state = session.run(lambda w: w.set_status(what))
                note = _(SAVED).format(status=self.t.label(STATUS_LABELS, state.status))
        except Exception as exc:  # a full disk, a refusal: said, and the screen shows what is on disk
            error = as_borgerrejse_error(exc, session.path)
            self.app.call_from_thread(self.notify, error.translated(_), severity="error", timeout=12)
            return
        self.app.call_from_thread(self.show_state, state)
        self.app.call_from_thread(self.notify, note)

    def action_reviewed(self) -> None:
        self._run("reviewed")

    def action_finalise(self) -> None:
        from assistant.tui.caseworker.screens.ask import FINALISE, FINALISE_UNSEEN
        from assistant.tui.shared.confirm import CASEWORKER, ConfirmScreen

        if self.app.screen is not self:
            return
        if self.state and self.state.problems:  # refused anyway: say why at once, no question first
            self._run("final")
            return
        if self.state and self.state.plan.get("unseen_changes"):  # allowed, but said and confirmed
            self.app.push_screen(ConfirmScreen(FINALISE_UNSEEN, face=CASEWORKER), lambda yes: self._run("final_unseen") if yes else None)
            return
        self.app.push_screen(ConfirmScreen(FINALISE, face=CASEWORKER), lambda yes: self._run("final") if yes else None)

    def action_read_aloud(self) -> None:
        from assistant.tui.caseworker.screens.ask import READ_ALOUD, READ_ALOUD_TITLE, ReasonScreen

        if self.app.screen is not self or not self.check_action("read_aloud", ()):
            return
        self.app.push_screen(ReasonScreen(READ_ALOUD_TITLE, READ_ALOUD),
                             lambda note: self._run("read_aloud", note) if note else None)

    def action_reopen(self) -> None:
        from assistant.tui.caseworker.screens.ask import ReasonScreen

        if self.app.screen is not self:
            return
        self.app.push_screen(ReasonScreen(), lambda reason: self._run("reopen", reason) if reason else None)

    def action_edit_goal(self, goal_id: str | None = None) -> None:
        if not self.check_action("edit_goal", ()) or self.app.screen is not self:
            return  # a second key while a form opens does nothing
        from assistant.tui.caseworker.screens.ask import GoalPickScreen
        from assistant.tui.caseworker.screens.goal_edit import GoalEditScreen

        goal_id = goal_id or self.query_one(PlanPane).focused_goal()
        goals = self.state.plan["goals"]
        if goal_id is None and len(goals) > 1:  # no goal has the focus: ask which one
            self.app.push_screen(GoalPickScreen(goals), lambda picked: picked and self.action_edit_goal(picked))
            return
        goal_id = goal_id or goals[0]["id"]
        self.app.push_screen(GoalEditScreen(self.app.session, self.state.goal(goal_id), len(goals)), self._edited)

    def action_edit_plan(self) -> None:
        if not self.check_action("edit_plan", ()) or self.app.screen is not self:
            return
        from assistant.tui.caseworker.screens.plan_edit import PlanEditScreen

        self.app.push_screen(PlanEditScreen(self.app.session, self.state.plan), self._edited)

    def action_measures(self) -> None:
        if not self.check_action("measures", ()):
            return
        from assistant.tui.caseworker.screens.measures import MeasuresScreen

        self.app.push_screen(MeasuresScreen(self.app.session, self.state.plan), self._edited)

    def action_own_goal(self) -> None:
        if not self.check_action("own_goal", ()):
            return
        from assistant.tui.caseworker.screens.own_goal import OwnGoalScreen

        self.app.push_screen(OwnGoalScreen(self.app.session), self._edited)

    async def _edited(self, state: CaseState | None) -> None:
        if state is not None:
            await self.show_state(state)
        else:
            self._refresh()  # a cancelled dialog may have saved some fields before an error

    @work(thread=True, group="case", exit_on_error=False)
    def _refresh(self) -> None:
        session = self.app.session
        if session is not None and session.is_open:
            try:
                state = session.state()
            except Exception as exc:
                error = as_borgerrejse_error(exc, session.path)
                self.app.call_from_thread(self.notify, error.translated(self.t.gettext), severity="error", timeout=12)
                return
            self.app.call_from_thread(self.show_state, state)

    def action_flags(self) -> None:
        if not (self.state and self.state.flags):
            return
        from assistant.tui.caseworker.screens.flags import FlagScreen

        self.app.push_screen(FlagScreen(self.case_id, self.state.flags), self._flags_done)

    def _flags_done(self, handled: bool | None) -> None:
        if handled:
            self._refresh()

    def action_provider_status(self) -> None:
        if not self.state or not self.state.plan["goals"]:
            return
        from store.clock import today
        from assistant.tui.caseworker.screens.provider_status import ProviderStatusScreen

        goal_id = self.query_one(PlanPane).focused_goal()
        self.app.push_screen(ProviderStatusScreen(self.app.session, self.state.plan, goal_id, today().isoformat()),
                             self._edited)

    def action_export(self) -> None:
        from assistant.tui.caseworker.screens.export import ExportScreen

        self.app.push_screen(ExportScreen(self.app.session, self.state.plan if self.state else None))

    @on(GoalCard.Edit)
    def _goal_clicked(self, event: GoalCard.Edit) -> None:
        self.action_edit_goal(event.goal_id)

    @on(PlanSummary.Edit)
    def _summary_clicked(self) -> None:
        self.action_edit_plan()

    @on(DataTable.RowHighlighted, "#trail")
    def _trail_row(self, event: DataTable.RowHighlighted) -> None:
        self.query_one("#trail-detail", Static).update(Content(self.query_one(TrailTable).detail(event.cursor_row)))

    @on(OptionList.OptionSelected, "#versions")
    def _version_selected(self, event: OptionList.OptionSelected) -> None:
        from assistant.tui.caseworker.screens.version import VersionScreen

        if self.state and event.option.id not in (None, "none"):
            self.app.push_screen(VersionScreen(self.state.versions[int(event.option.id)]))

    # -- moving about -------------------------------------------------------------------
    def action_tab(self, name: str) -> None:
        """Show a tab and put the keyboard in it."""
        self.query_one(TabbedContent).active = f"tab-{name}"
        target = {"plan": "#plan-summary", "audit": "#tab-audit VerticalScroll", "trail": "#trail", "versions": "#versions",
                  "progress": "#progress"}
        self.query_one(target[name]).focus()

    def action_toggle_side(self) -> None:
        sides = self.query_one("#sides")
        sides.toggle_class("show-plan", "show-conversation")

    def action_back(self) -> None:
        self._leave()

    @work(thread=True, group="leave", exit_on_error=False)
    def _leave(self) -> None:
        self.app.close_case()
        self.app.call_from_thread(self.dismiss)

    def on_unmount(self) -> None:
        self.app.close_case()

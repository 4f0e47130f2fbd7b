"""Progress over time in the workspace: a small chart per goal (textual-plotext) and the ratings.

The chart shows the 0–4 indicator as the citizen, the caseworker and the provider rated
it at each date (lower is better); a goal with only the citizen's 0–10 ratings shows
those. Dates where the views are 2 or more apart are listed under the chart to talk about.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static
from textual_plotext import PlotextPlot

from assistant.common.i18n import N_, Translator
from assistant.common.text import clean

NO_PROGRESS = N_("No ratings yet. They come from follow-ups, the goal's indicator and the provider's status.")
TITLE = N_("Goal {n}: {text}")
CLOSED_TITLE = N_("{goal} ({closed}): {text}")
SIDE_LABELS = {"citizen": N_("Citizen 0–4"), "caseworker": N_("Caseworker 0–4"), "provider": N_("Provider 0–4")}
GOING = N_("Citizen, how it is going 0–10")
Y_INDICATOR = N_("indicator 0–4")
Y_GOING = N_("0–10")
TALK = N_("{date}: the views are {n} apart. Talk about it.")
PARTS = {"citizen_going": N_("citizen {n}/10"), "citizen": N_("citizen {n} on 0–4"),
         "caseworker": N_("caseworker {n}"), "provider": N_("provider {n}")}
CLOSED = {"reached": N_("reached"), "dropped": N_("dropped")}
HELPED = N_("What helped")
HINDERED = N_("What got in the way")
NEW_STEP = N_("New first step")


class GoalChart(PlotextPlot):
    """One goal's ratings over time."""

    DEFAULT_CSS = "GoalChart { height: 12; }"

    def __init__(self, rows: list[dict[str, Any]], t: Translator, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.rows = rows
        self.t = t

    def on_mount(self) -> None:
        plt, _ = self.plt, self.t.gettext
        # The follow-ups are the x axis, one step each, labelled with their dates.
        xs = list(range(1, len(self.rows) + 1))
        plt.xticks(xs, [dt.date.fromisoformat(r["date"]).strftime("%d.%m.%y") for r in self.rows])
        plt.xlim(0.5, len(self.rows) + 0.5)
        sides = [s for s in ("citizen", "caseworker", "provider") if any(r[s] is not None for r in self.rows)]
        if sides:
            for side in sides:
                points = [(x, r[side]) for x, r in zip(xs, self.rows) if r[side] is not None]
                plt.plot([p[0] for p in points], [p[1] for p in points], marker="dot", label=self.t.label(SIDE_LABELS, side))
            plt.ylim(0, 7)  # room above 4 for the legend (three lines), which would hide a point at the left
            plt.yticks(list(range(5)))
            plt.ylabel(_(Y_INDICATOR))
        else:
            points = [(x, r["citizen_going"]) for x, r in zip(xs, self.rows) if r["citizen_going"] is not None]
            # One line: its name as the title, not a legend over the top of the scale (which would hide a 10).
            plt.plot([p[0] for p in points], [p[1] for p in points], marker="dot")
            plt.title(_(GOING))
            plt.ylim(0, 10)
            plt.yticks([0, 2, 4, 6, 8, 10])
            plt.ylabel(_(Y_GOING))


class ProgressView(VerticalScroll):
    """Every goal's chart and its dated ratings; repainted from the case state."""

    def compose(self) -> ComposeResult:
        yield Static(id="progress-empty")

    async def show(self, progress: list[dict[str, Any]], t: Translator) -> None:
        _ = t.gettext
        await self.remove_children()
        goals = [p for p in progress if p["rows"]]
        if not goals:
            await self.mount(Static(Content(_(NO_PROGRESS)), id="progress-empty"))
            return
        widgets = []
        for p in goals:
            text = " ".join(clean(p["text"] or "").split())
            title = _(TITLE).format(n=p["priority"], text=text) if not p.get("closed") else \
                _(CLOSED_TITLE).format(goal=p["goal"], closed=t.label(CLOSED, p["closed"]), text=text)
            widgets.append(Static(Content.styled(title, "bold underline"), classes="progress-title"))
            widgets.append(GoalChart(p["rows"], t, classes="progress-chart"))
            lines = []
            for r in p["rows"]:
                day = t.date(dt.date.fromisoformat(r["date"]))
                said = ", ".join(t.label(PARTS, k).format(n=r[k]) for k in PARTS if r[k] is not None)
                line = Content(f"{day}: {said}" if said else day)
                if r.get("provider_note"):
                    line = Content.assemble(line, " — ", (t.quote(clean(r["provider_note"])), "italic"))
                lines.append(line)
                said = r.get("citizen_said") or {}
                for key, label in (("helped", HELPED), ("hindered", HINDERED), ("new_step", NEW_STEP)):
                    if said.get(key):
                        lines.append(Content.assemble("  " + _(label) + ": ", (t.quote(clean(said[key])), "italic")))
                if r["talk_about"]:
                    lines.append(Content.styled(_(TALK).format(date=day, n=r["difference"]), "bold $text-warning"))
            widgets.append(Static(Content("\n").join(lines), classes="progress-rows"))
        await self.mount_all(widgets)

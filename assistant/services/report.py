"""Management information on the *frame* of the plans (DOMAIN.md; seeds 000 and 001).

Only what :mod:`assistant.domain.frame` keeps is counted: areas, statuses, dates, WHO
dimensions and Barnets lov areas, yes/no facts about involvement, the audit's ratings,
counts of follow-ups and versions. No text anyone wrote, no names, no case numbers
ever reach a report. Any figure built on fewer than :data:`SMALL` plans (or cases) is
shown as "< 5" and left out of the CSV and JSON exports, so no one can be singled out.
Figures are side by side per area, as Aarhus reported them; the report draws no
comparison between areas.

Plans are counted as they stand now: a plan renewed at a follow-up conversation is
counted once, in its latest version (with its goals as that version has them), and on
the day its first version was made (``--from``/``--to``).

Adults' plans and young people's plans are audited against different law, so:

- goals by WHO dimension count the goals of adults' action plans (§ 141); the goals of
  young people's plans (barnets plan, ungeplan) are counted by their Barnets lov area;
- the Randers assessment (nine questions, a distribution of ratings) counts the adults'
  action plans — the form was made for § 141 plans; young people's plans get
  Barnets lov's elements instead (§ 92 / § 109: goals from the young person's own
  wishes, made with the young person, the support, the duration), present or missing.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass, field, replace
from typing import Any, Iterable

from assistant.domain.audit import LEGAL_YOUTH, QUESTIONS, SCALE, SCALE_LABELS
from assistant.domain.vocabulary import AREA_LABELS, DOMAIN_LABELS, YOUTH_AREAS
from assistant.domain.vocabulary import DIMENSIONS
from assistant.common.errors import BorgerrejseError
from assistant.domain.frame import is_overdue, parse_date
from assistant.domain.plan import PLAN_KIND_NAMES, PLAN_KINDS
from assistant.common.i18n import N_, Translator
from store import Store, clock
from store.schema import AREAS
from assistant.domain.vocabulary import YOUTH_AREA_LABELS

SMALL = 5
DUE_DAYS = 30
NO_AREA = "none"
NO_DIMENSION = "none"
HANDLEPLAN = "handleplan"
SUPPRESSED = "< 5"
FORMATS = ("table", "csv", "json")

LABELS = {
    "none_area": N_("no area recorded"),
    "none_dimension": N_("no dimension"),
    "none_youth_area": N_("no area"),
    "total": N_("all areas"),
    # sections
    "cases": N_("Cases and conversations"),
    "plans": N_("Plans and goals per area"),
    "follow_up": N_("Follow-up"),
    "renewal": N_("Follow-up conversations and new versions"),
    "dimensions": N_("Goals by WHO dimension (adults' action plans)"),
    "youth_areas": N_("Goals by Barnets lov area (young people's plans)"),
    "youth_law": N_("Barnets lov: young people's plans per element"),
    "involvement": N_("Involvement of the citizen"),
    "audit": N_("The Randers assessment: adults' action plans per rating"),
    "distress": N_("Signs of distress"),
    # rows and columns
    "count": N_("number"),
    "share": N_("share"),
    "cases_all": N_("cases"),
    "not_started": N_("conversation not started"),
    "in_progress": N_("conversation in progress or paused"),
    "declined": N_("said no to the offer"),
    "with_plan": N_("cases with a plan"),
    "unreadable": N_("case files that cannot be read"),
    "plans_n": N_("plans"),
    "goals_n": N_("goals"),
    "draft": N_("plans in draft"),
    "reviewed": N_("plans reviewed"),
    "final": N_("plans final"),
    "goals_follow_up": N_("goals with a follow-up date"),
    "goals_past": N_("goals past their follow-up date"),
    "goals_due": N_("goals due for follow-up in the next 30 days"),
    "plans_no_follow_up": N_("plans without a follow-up date"),
    "plans_past": N_("plans past their follow-up date"),
    "plans_due": N_("plans due for follow-up in the next 30 days"),
    "plans_followed_up": N_("plans followed up in a conversation with the citizen"),
    "plans_new_version": N_("plans in a later version than the first"),
    "plans_reopened": N_("plans reopened by the caseworker"),
    "goals_reached": N_("goals reached at a follow-up"),
    "goals_dropped": N_("goals dropped at a follow-up"),
    "provider_status": N_("plans with a status from a provider"),
    "present": N_("present"),
    "missing": N_("missing"),
    "answered": N_("plans where the citizen answered questions"),
    "reviewed_draft": N_("plans where the citizen reviewed the draft"),
    "remarks": N_("plans where the citizen left remarks"),
    "disagreed": N_("goals the citizen did not fully agree with"),
    "with_reasoning": N_("of those, goals with the caseworker's reasoning"),
    "duration": N_("plans that state the expected duration"),
    "distress_raised": N_("cases where a sign of distress was recorded"),
    "distress_handled": N_("of those, cases where it was followed up"),
    "distress_child": N_("cases where a child may be in danger"),
    "distress_open": N_("cases with a sign of distress not handled yet (⚑)"),
    "distress_open_week": N_("of those, open for more than 7 days"),
    "distress_open_month": N_("of those, open for more than 30 days"),
}
OPEN_WEEK, OPEN_MONTH = 7, 30  # how long a sign not handled yet has been open, in days (the report's bands)


class BadReportDate(BorgerrejseError):
    message = N_("{date} is not a date. Write it as YYYY-MM-DD, for example 2026-03-01.")


@dataclass(frozen=True)
class Cell:
    """One figure; ``basis`` is the number of plans (or cases) it is built on.

    A ``sensitive`` count (signs of distress) is also held back when it is itself 1 to 4:
    a handful of people in crisis in one area could be recognised from it.
    """

    value: float | int
    basis: int
    share: bool = False
    sensitive: bool = False
    held_back: bool = False  # shown, it would let a small cell be worked out (see _protect)

    @property
    def small(self) -> bool:
        return self.basis < SMALL or (self.sensitive and 0 < self.value < SMALL)

    @property
    def suppressed(self) -> bool:
        return self.small or self.held_back


@dataclass
class Table:
    key: str
    columns: list[str]
    rows: list[tuple[str, list[Cell]]] = field(default_factory=list)


@dataclass
class Report:
    tables: list[Table]
    start: dt.date | None
    end: dt.date | None
    area: str | None
    today: dt.date
    unreadable: int = 0  # case files that cannot be read: counted nowhere, said once


def parse_report_date(value: str | None) -> dt.date | None:
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise BadReportDate(date=value[:40]) from None


def build(frames: Iterable[dict[str, Any] | None], *, start: dt.date | None = None, end: dt.date | None = None,
          area: str | None = None, today: dt.date | None = None) -> Report:
    """The report's figures from the index's frames (None: a case file that cannot be read).

    One pass over the cases: each case's contributions to every figure (:func:`_tally`) are
    added up per area; the tables are then read off the sums.
    """
    today = today or clock.today()
    soon = today + dt.timedelta(days=DUE_DAYS)
    frames = list(frames)
    unreadable = sum(1 for f in frames if f is None)
    areas = [a for a in AREAS if area in (None, a)] + ([NO_AREA] if area is None else [])
    sums: dict[str, dict[str, int]] = {a: {} for a in areas}
    everything: dict[str, int] = {}
    for frame in frames:
        if frame is None or (area is not None and frame["area"] != area) or not _in_period(frame, start, end):
            continue
        totals = sums.get(frame["area"] or NO_AREA)
        if totals is None:
            continue
        for key, value in _tally(frame, today, soon).items():
            totals[key] = totals.get(key, 0) + value
            everything[key] = everything.get(key, 0) + value
    columns = areas + ["total"]
    per_column = [sums[a] for a in areas] + [everything]
    tables = []

    def row(key: str, part: str, basis: str, *, of: str | None = None, share: bool = False,
            sensitive: bool = False) -> tuple[str, list[Cell]]:
        """``part`` counted per column, built on ``basis``; a share is ``part`` / ``of``."""
        cells = []
        for sums_ in per_column:
            value: float | int = sums_.get(part, 0)
            if share:
                value = _share(value, sums_.get(of or basis, 0))
            cells.append(Cell(value, sums_.get(basis, 0), share=share, sensitive=sensitive))
        return key, cells

    # 1 cases and conversations: counted on cases (each case is one citizen)
    table = Table("cases", columns)
    for key in ("cases_all", "not_started", "in_progress", "declined", "with_plan"):
        table.rows.append(row(key, key, "cases_all"))
    tables.append(table)

    # 2 plans and goals per area (DOMAIN.md's table), by status and kind
    table = Table("plans", columns)
    for key in ("plans_n", "goals_n", "draft", "reviewed", "final", *(f"kind:{k}" for k in PLAN_KINDS)):
        table.rows.append(row(key, key, "plans_n"))
    tables.append(table)

    # 3 follow-up: the plan's date; past it by the case list's rule (assistant.domain.frame.is_overdue)
    table = Table("follow_up", columns)
    for key in ("goals_follow_up", "goals_past", "goals_due", "plans_past", "plans_due", "plans_no_follow_up"):
        table.rows.append(row(key, key, "plans_n"))
    tables.append(table)

    # 4 renewal: follow-up conversations (new versions), plans reopened, goals closed, providers' statuses
    table = Table("renewal", columns)
    for key in ("plans_followed_up", "plans_new_version", "plans_reopened", "goals_reached", "goals_dropped",
                "provider_status"):
        table.rows.append(row(key, key, "plans_n"))
    tables.append(table)

    # 5 goals by WHO dimension (adults' action plans) and by Barnets lov area (young people's plans), per area;
    # the basis of a figure is the number of plans of that kind
    table = Table("dimensions", columns)
    for dim in (*DIMENSIONS, NO_DIMENSION):
        table.rows.append(row(f"dimension:{dim}", f"dimension:{dim}", "adult_plans"))
    tables.append(table)
    table = Table("youth_areas", columns)
    for youth_area in (*YOUTH_AREAS, NO_AREA):
        table.rows.append(row(f"youth_area:{youth_area}", f"youth_area:{youth_area}", "youth_plans"))
    tables.append(table)

    # 6 involvement: shares of plans; disagreement on goals, with reasoning
    table = Table("involvement", columns)
    table.rows.append(row("answered", "answered", "plans_n", share=True))  # a plan from skipped questions only: no
    for key in ("reviewed_draft", "remarks", "duration"):
        table.rows.append(row(key, key, "plans_n", share=True))
    table.rows.append(row("disagreed", "disagreed", "plans_n", of="goals_n", share=True))
    table.rows.append(row("with_reasoning", "with_reasoning", "plans_disputed", of="disagreed", share=True))
    tables.append(table)

    # 7 the Randers assessment of adults' action plans: for each question, plans per rating (all areas together)
    table = Table("audit", [f"rating:{r}" for r in SCALE])
    for question in QUESTIONS:
        rated = sum(everything.get(f"audit:{question}:{r}", 0) for r in SCALE)
        table.rows.append((f"question:{question}", [Cell(everything.get(f"audit:{question}:{r}", 0), rated)
                                                    for r in SCALE]))
    tables.append(table)

    # 8 young people's plans: Barnets lov's elements, present or missing (all areas together)
    table = Table("youth_law", ["present", "missing"])
    for element in LEGAL_YOUTH:
        present, missing = (everything.get(f"legal:{element}:{x}", 0) for x in ("present", "missing"))
        table.rows.append((f"legal:{element}", [Cell(present, present + missing), Cell(missing, present + missing)]))
    tables.append(table)

    # 9 distress flags: raised and handled, about a child, not handled yet and for how long, on cases;
    # a count of 1 to 4 is held back too
    table = Table("distress", columns)
    for key in ("distress_raised", "distress_handled", "distress_child", "distress_open", "distress_open_week",
                "distress_open_month"):
        table.rows.append(row(key, key, "cases_all", sensitive=True))
    tables.append(table)

    for table in tables:
        _protect(table)
    return Report(tables, start, end, area, today, unreadable)


def _protect(table: Table) -> None:
    """Secondary suppression: a row whose areas add up to a shown total must not let one small
    cell be worked out as the total minus the other areas. Where exactly one area's cell is held
    back and stands for somebody (its basis is not 0; the empty areas hidden beside it hide
    nobody), the shown area cell with the smallest basis is held back too — or the total, if
    there is no other. The choice depends on the
    bases only, so rows on the same basis hide the same columns and cannot be played off against
    each other."""
    if not table.columns or table.columns[-1] != "total":
        return
    for index, (key, cells) in enumerate(table.rows):
        areas, total = cells[:-1], cells[-1]
        if total.suppressed:
            continue
        if len([c for c in areas if c.suppressed and c.basis > 0]) != 1:
            continue
        shown_ = [i for i, c in enumerate(areas) if not c.suppressed]
        if shown_:
            pick = min(shown_, key=lambda i: (areas[i].basis, i))
            cells = [*cells[:pick], replace(cells[pick], held_back=True), *cells[pick + 1:]]
        else:
            cells = [*areas, replace(total, held_back=True)]
        table.rows[index] = (key, cells)


def _tally(case: dict[str, Any], today: dt.date, soon: dt.date) -> dict[str, int]:
    """What one case adds to each figure (and to each figure's basis)."""
    conversation = case["conversation"]
    plan = case["plan"]
    raised = case.get("distress_raised", 0)
    out = {
        "cases_all": 1,
        "not_started": conversation == "new",
        "in_progress": conversation in ("in_progress", "paused"),
        "declined": conversation == "declined",
        "with_plan": bool(plan),
        "distress_raised": raised > 0,
        "distress_handled": raised > 0 and case.get("distress_handled", 0) >= raised,
        "distress_child": case.get("distress_child", 0) > 0,
    }
    if raised > case.get("distress_handled", 0):  # a sign not handled yet: the ⚑ in the case list
        since = parse_date(case.get("distress_open_since"))
        days = (today - since).days if since else 0
        out.update(distress_open=True, distress_open_week=days > OPEN_WEEK, distress_open_month=days > OPEN_MONTH)
    if not plan:
        return out
    goals = plan["goals"]
    n = len(goals)
    follow = parse_date(plan.get("follow_up"))
    past = is_overdue(follow, plan["status"], today)
    due = follow is not None and today <= follow <= soon
    kind = _kind(plan)
    youth = kind != HANDLEPLAN
    disputed = [g for g in goals if g["response"] in ("partly", "disagree")]
    out.update({
        "plans_n": 1, "goals_n": n, plan["status"]: 1, f"kind:{kind}": 1,
        "goals_follow_up": n if follow is not None else 0, "goals_past": n if past else 0,
        "goals_due": n if due else 0, "plans_past": past, "plans_due": due, "plans_no_follow_up": follow is None,
        "plans_followed_up": plan.get("followups", 0) > 0, "plans_new_version": plan.get("version", 1) > 1,
        "plans_reopened": plan.get("reopened", 0) > 0, "goals_reached": plan.get("goals_reached", 0),
        "goals_dropped": plan.get("goals_dropped", 0), "provider_status": bool(plan.get("provider_status")),
        "answered": bool(case["answered"]), "reviewed_draft": bool(plan["reviewed_by_citizen"]),
        "remarks": bool(plan["remarks"]), "duration": bool(plan["duration_stated"]),
        "disagreed": len(disputed), "with_reasoning": sum(1 for g in disputed if g["reasoning"]),
        "plans_disputed": bool(disputed),
    })
    if youth:
        out["youth_plans"] = 1
        for g in goals:
            key = f"youth_area:{g.get('area') or NO_AREA}"
            out[key] = out.get(key, 0) + 1
        for element, present in (plan.get("legal") or {}).items():
            if element in LEGAL_YOUTH:
                out[f"legal:{element}:{'present' if present else 'missing'}"] = 1
    else:
        out["adult_plans"] = 1
        for g in goals:
            key = f"dimension:{g['domain'] or NO_DIMENSION}"
            out[key] = out.get(key, 0) + 1
        for question, rating in (plan.get("audit") or {}).items():
            out[f"audit:{question}:{rating}"] = 1
    return {k: int(v) for k, v in out.items() if v}


def report_for(store: Store, **kwargs: Any) -> Report:
    """The report of a store, from its summary index."""
    return build(store.frames().values(), **kwargs)


def _in_period(frame: dict[str, Any], start: dt.date | None, end: dt.date | None) -> bool:
    """A case counts in the period its plan was made in (or, with no plan yet, its case was made)."""
    day = parse_date((frame.get("plan") or {}).get("made") or frame.get("created"))
    if day is None:
        return start is None and end is None
    return (start is None or day >= start) and (end is None or day <= end)


def _kind(plan: dict[str, Any]) -> str:
    return plan.get("kind") or HANDLEPLAN


def _share(part: int, whole: int) -> float:
    return round(part / whole, 3) if whole else 0.0


# -- labels and output ------------------------------------------------------------------

def label(key: str, t: Translator) -> str:
    if key.startswith("dimension:"):
        dim = key.split(":", 1)[1]
        return t.label(DOMAIN_LABELS, dim) if dim in DOMAIN_LABELS else t.label(LABELS, "none_dimension")
    if key.startswith("question:"):
        return t.label(QUESTIONS, key.split(":", 1)[1])
    if key.startswith("youth_area:"):
        youth_area = key.split(":", 1)[1]
        return t.label(YOUTH_AREA_LABELS, youth_area) if youth_area in YOUTH_AREA_LABELS \
            else t.label(LABELS, "none_youth_area")
    if key.startswith("kind:"):
        return t.label(PLAN_KIND_NAMES, key.split(":", 1)[1])
    if key.startswith("legal:"):
        return t.label(LEGAL_YOUTH, key.split(":", 1)[1])
    if key in AREA_LABELS:
        return t.label(AREA_LABELS, key)
    if key == NO_AREA:
        return t.label(LABELS, "none_area")
    if key.startswith("rating:"):
        return t.label(SCALE_LABELS, key.split(":", 1)[1])
    return t.label(LABELS, key)


def shown(cell: Cell) -> str:
    """A figure as the screen and the table show it."""
    if cell.suppressed:
        return SUPPRESSED
    if cell.share:
        return f"{cell.value * 100:.0f} %"
    return str(cell.value)


def _exported(cell: Cell) -> float | int | None:
    return None if cell.suppressed else cell.value


def as_rows(report: Report) -> list[dict[str, Any]]:
    """One dict per figure, with stable keys, for CSV and JSON; small cells carry no value."""
    out = []
    for table in report.tables:
        for row, cells in table.rows:
            for column, cell in zip(table.columns, cells):
                out.append({"section": table.key, "row": row, "column": column, "value": _exported(cell),
                            "kind": "share" if cell.share else "count", "suppressed": cell.suppressed})
    return out


def render(report: Report, fmt: str, t: Translator) -> str:
    if fmt == "json":
        return json.dumps({
            "period": {"from": report.start.isoformat() if report.start else None,
                       "to": report.end.isoformat() if report.end else None},
            "area": report.area, "made": report.today.isoformat(), "small_cell_limit": SMALL,
            "unreadable_case_files": report.unreadable,
            "figures": as_rows(report),
        }, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=["section", "row", "column", "value", "kind", "suppressed"],
                                lineterminator="\n")
        writer.writeheader()
        for row in as_rows(report):
            writer.writerow({**row, "value": "" if row["value"] is None else row["value"],
                             "suppressed": "yes" if row["suppressed"] else "no"})
        return buffer.getvalue()
    return text_table(report, t)


def text_table(report: Report, t: Translator) -> str:
    lines = []
    period = " – ".join(t.date(d) if d else "…" for d in (report.start, report.end))
    lines.append(t.gettext("Management report, made {today}. Period: {period}. "
                           "Figures built on fewer than 5 plans are shown as < 5, and so is a "
                           "figure that would give one of them away.")
                 .format(today=t.date(report.today), period=period))
    unreadable = report.unreadable
    if unreadable:
        lines.append(t.ngettext("{n} case file cannot be read and is not counted.",
                                "{n} case files cannot be read and are not counted.", unreadable).format(n=unreadable))
    for table in report.tables:
        lines.append("")
        lines.append(label(table.key, t))
        heads = [label(c, t) for c in table.columns]
        names = [label(r, t) for r, _cells in table.rows]
        first = max([len(n) for n in names] + [0])
        widths = [max(len(h), 6) for h in heads]
        lines.append(" " * first + "  " + "  ".join(h.rjust(w) for h, w in zip(heads, widths)))
        for name, (_row, cells) in zip(names, table.rows):
            lines.append(name.ljust(first) + "  " + "  ".join(shown(c).rjust(w) for c, w in zip(cells, widths)))
    return "\n".join(lines) + "\n"

"""Progress over time per goal: the citizen's, the caseworker's and the provider's side by side.

Three sources, all dated, all on the case file:

- the citizen, at each follow-up (assistant/services/followup.py): how it is going 0–10, and the
  0–4 indicator where the caseworker set one;
- the caseworker: every change of a goal's 0–4 indicator status (or, for a young
  person's goal, its area's indicator), from the audit trail;
- the provider (udfører): a status per goal — the 0–4 indicator and a short note —
  recorded by the caseworker or imported from a file (table ``provider_status``).

On the 0–4 scale, views 2 or more apart (each side's latest rating up to that day) are
pointed out as something to talk about. The 0–10 scale is the citizen's own and is not
compared with the others.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any

from assistant.common.errors import BorgerrejseError, CannotReadFile
from assistant.common.i18n import N_
from assistant.common.text import clean
from store import clock
from assistant.domain.plan_state import finished_rounds

PROVIDER_TABLE = "provider_status"
DIFFERENCE = 2  # views this far apart on the 0–4 scale are something to talk about
MAX_NOTE_CHARS = 1_000
SIDES = ("citizen", "caseworker", "provider")


class ProviderStatusError(BorgerrejseError):
    message = N_("The provider's status cannot be recorded: {reason}")


class UnknownGoal(BorgerrejseError):
    message = N_("The provider's status cannot be recorded: the plan has no goal {goal}. Its goals are {goals}.")


def check_status(plan: dict[str, Any], entry: dict[str, Any]) -> dict[str, Any]:
    """One provider status, checked: a goal of the plan (by id), a date, indicator 0–4 and/or a note."""
    known = {g["id"] for g in plan["goals"]} | {g["id"] for g in plan.get("closed_goals", [])}
    goal = str(entry.get("goal") or "").strip().lower()
    if goal.isdigit():
        goal = f"g{goal}"
    if goal not in known:
        raise UnknownGoal(goal=goal[:20] or "—", goals=", ".join(sorted(known, key=lambda g: (len(g), g))))
    try:
        day = dt.date.fromisoformat(str(entry.get("date") or "").strip())
    except ValueError:
        raise ProviderStatusError(reason=N_("write the date as YYYY-MM-DD.")) from None
    indicator = entry.get("indicator")
    if isinstance(indicator, str):
        indicator = int(indicator) if indicator.strip().isdigit() else (None if not indicator.strip() else -1)
    if indicator is not None and (isinstance(indicator, bool) or not isinstance(indicator, int) or not 0 <= indicator <= 4):
        raise ProviderStatusError(reason=N_("the indicator is a whole number from 0 to 4."))
    note = clean(str(entry.get("note") or "")).strip() or None
    if note and len(note) > MAX_NOTE_CHARS:
        raise ProviderStatusError(reason=N_("a note holds at most 1,000 characters."))
    if indicator is None and note is None:
        raise ProviderStatusError(reason=N_("give the indicator, a note, or both."))
    provider = clean(str(entry.get("provider") or "")).strip() or None
    return {"goal": goal, "date": day.isoformat(), "indicator": indicator, "note": note, "provider": provider}


def record_provider_status(work, entries: list[dict[str, Any]], *, source: str = "caseworker") -> int:
    """Record provider statuses (all or none, in one write, each with its trail entry)."""
    plan = work.plan()
    checked = [check_status(plan, e) for e in entries]
    with work.together():
        for entry in checked:
            work.handle.add_doc(PROVIDER_TABLE, {**entry, "source": source, "by": work.user, "at": clock.now()})
            work._record(f"goal.{entry['goal']}.provider_status", None,
                         {k: entry[k] for k in ("date", "indicator", "note")})
    return len(checked)


def read_status_file(source: str, text: str | None = None) -> list[dict[str, Any]]:
    """A provider's file: a JSON list of {goal, date, indicator, note[, provider]}, or CSV with that header."""
    if text is None:
        try:
            with open(source, encoding="utf-8-sig") as f:
                text = f.read()
        except (OSError, UnicodeDecodeError):
            raise CannotReadFile(path=source) from None
    stripped = text.lstrip()
    if stripped.startswith("[") or stripped.startswith("{"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError:
            raise ProviderStatusError(reason=N_("the file is not valid JSON.")) from None
        data = [data] if isinstance(data, dict) else data
        if not isinstance(data, list) or not all(isinstance(d, dict) for d in data):
            raise ProviderStatusError(reason=N_("the file is not valid JSON."))
        return data
    dialect = csv.Sniffer().sniff(text.splitlines()[0] if text.strip() else ",", delimiters=",;\t")
    rows = list(csv.DictReader(io.StringIO(text), dialect=dialect))
    if not rows or "goal" not in rows[0] or "date" not in rows[0]:
        raise ProviderStatusError(reason=N_("the file needs the columns goal, date, indicator and note."))
    return rows


def provider_statuses(handle) -> list[dict[str, Any]]:
    return sorted(handle.all_docs(PROVIDER_TABLE), key=lambda d: (d["date"], d.get("at", "")))


def goal_progress(plan: dict[str, Any], handle) -> list[dict[str, Any]]:
    """Per goal (current and closed), the dated ratings of every side, oldest first."""
    goals = [*plan["goals"], *plan.get("closed_goals", [])]
    points: dict[str, list[tuple[str, str, dict[str, Any]]]] = {g["id"]: [] for g in goals}
    for round_doc in finished_rounds(handle):
        result = round_doc["result"]
        for gid, said in result["goals"].items():
            if gid in points and (said.get("going") is not None or said.get("indicator") is not None):
                points[gid].append((result["date"], "citizen", {"going": said.get("going"),
                                                                "indicator": said.get("indicator")}))
            if gid in points and (said.get("helped") or said.get("hindered") or said.get("decided")):
                points[gid].append((result["date"], "said", {k: said.get(k) for k in
                                                             ("helped", "hindered", "decision", "new_step")}))
    area_of = {g["id"]: g.get("area") for g in goals}
    for entry in handle.all_docs("trail"):
        what, new, day = entry.get("what", ""), entry.get("new"), entry.get("at", "")[:10]
        parts = what.split(".")
        if len(parts) == 3 and parts[0] == "goal" and parts[2] == "indicator" and parts[1] in points:
            if isinstance(new, dict) and new.get("status") is not None:
                points[parts[1]].append((day, "caseworker", {"indicator": new["status"]}))
        elif what == "plan.area_indicators" and isinstance(new, dict):
            old = entry.get("old") if isinstance(entry.get("old"), dict) else {}
            for gid, area in area_of.items():
                value = (new.get(area) or {}).get("status") if area else None
                if value is not None and value != (old.get(area) or {}).get("status"):
                    points[gid].append((day, "caseworker", {"indicator": value}))
    for status in provider_statuses(handle):
        if status["goal"] in points:
            points[status["goal"]].append((status["date"], "provider", {"indicator": status.get("indicator"),
                                                                       "note": status.get("note")}))
    out = []
    for g in goals:
        rows: dict[str, dict[str, Any]] = {}
        for day, side, values in sorted(points[g["id"]], key=lambda p: p[0]):
            row = rows.setdefault(day, {"date": day, "citizen_going": None, "citizen": None, "caseworker": None,
                                        "provider": None, "provider_note": None, "citizen_said": None})
            if side == "said":  # the citizen's words at the follow-up: what helped, what got in the way, the decision
                row["citizen_said"] = values
            elif side == "citizen":
                row["citizen_going"], row["citizen"] = values["going"], values["indicator"]
            elif side == "caseworker":
                row["caseworker"] = values["indicator"]
            else:
                row["provider"] = values["indicator"] if values["indicator"] is not None else row["provider"]
                row["provider_note"] = values.get("note") or row["provider_note"]
        latest: dict[str, int] = {}
        for row in rows.values():
            for side in SIDES:
                if row[side] is not None:
                    latest[side] = row[side]
            spread = max(latest.values()) - min(latest.values()) if len(latest) > 1 else 0
            row["difference"] = spread
            row["talk_about"] = spread >= DIFFERENCE
        out.append({"goal": g["id"], "priority": g.get("priority"), "text": (g.get("citizen") or {}).get("text", g["text"]),
                    "closed": g.get("closed"), "rows": list(rows.values())})
    return out


def with_progress(plan: dict[str, Any], handle) -> dict[str, Any]:
    """The plan with its progress over time and the providers' statuses (for exports and the workspace)."""
    plan["progress"] = goal_progress(plan, handle)
    plan["provider_status"] = [{k: s.get(k) for k in ("goal", "date", "indicator", "note", "provider", "source")}
                               for s in provider_statuses(handle)]
    return plan

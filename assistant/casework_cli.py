"""``borgerrejse casework``: the workspace's operations from the command line."""

from __future__ import annotations

import argparse
import datetime as dt
import json

from assistant.casework import (
    PLAN_STATUS_LABELS,
    Casework,
    CaseworkError,
    describe_change,
    describe_problem,
    describe_value,
    goal_numbers,
)
from assistant.i18n import N_, translator
from assistant.text import clean, clean_all
from store import Store

PLAN_LIST_FIELDS = {"measures"}
INT_FIELDS = {"expected_duration_months", "priority"}
YES, NO = ("yes", "ja", "true", "1"), ("no", "nej", "false", "0")


def _parse(field: str, raw: str):
    if field in PLAN_LIST_FIELDS:
        return [part.strip() for part in raw.split(";")]
    if field in INT_FIELDS:
        if not raw.strip().isdigit():
            raise CaseworkError(reason=N_("write a whole number."))
        return int(raw)
    if field == "kept":
        answer = raw.strip().lower()
        if answer not in YES + NO:
            raise CaseworkError(reason=N_("kept is yes or no."))
        return answer in YES
    if field == "indicator":
        parts = [p.strip() for p in raw.split(";")]
        if len(parts) != 3 or not all(p.isdigit() for p in parts[1:]):
            raise CaseworkError(reason=N_("an indicator has a name, a status and a target."))
        return {"name": parts[0], "status": int(parts[1]), "target": int(parts[2])}
    return raw


def run_casework(store: Store, args: argparse.Namespace, lang: str) -> int:
    t = translator(lang)
    changes = bool(args.area or args.new_costly_complex or args.set or args.reopen or args.status)
    with Casework(store, args.case, user=args.user, write=changes) as work:
        if changes:
            _apply(work, args)
        if args.trail:
            _print_trail(work, t, as_json=args.json)
        else:
            status = t.label(PLAN_STATUS_LABELS, work.status)
            print(t.gettext("Status: {status}, version {version}.").format(status=status, version=work.version))
            for problem, params in work.problem_list():
                print("- " + describe_problem(problem, params, t))
    return 0


def _apply(work: Casework, args: argparse.Namespace) -> None:
    with work.together():  # one command, one write: a bad third --set leaves the first two unsaved too
        meta = {}
        if args.area:
            meta["area"] = args.area
        if args.new_costly_complex:
            meta["new_costly_complex"] = args.new_costly_complex == "yes"
        if meta:
            work.set_meta(**meta)
        for assignment in args.set:
            field, sep, raw = assignment.partition("=")
            if not sep:
                raise CaseworkError(reason=N_("write FIELD=VALUE."))
            if "." in field:
                goal_id, _, goal_field = field.partition(".")
                work.set_goal_field(goal_id, goal_field, _parse(goal_field, raw))
            else:
                work.set_plan_field(field, _parse(field, raw))
        if args.reopen:
            work.reopen()
        if args.status:
            work.set_status(args.status)


def _print_trail(work: Casework, t, *, as_json: bool) -> None:
    """Who changed what, when — in words (or JSON for programs)."""
    trail = work.trail()
    if as_json:
        print(json.dumps(clean_all(trail), ensure_ascii=False, indent=2))  # the file's words, never its codes
        return
    numbers = goal_numbers(work.plan())
    for entry in trail:
        what = entry.get("what", "")
        when = dt.datetime.fromisoformat(entry["at"]).astimezone().strftime("%Y-%m-%d %H:%M")
        print(f"{when}  {clean(str(entry.get('who', '')))}  {describe_change(what, t, numbers)}: "
              f"{describe_value(what, entry.get('old'), t)} → {describe_value(what, entry.get('new'), t)}")

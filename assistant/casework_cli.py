"""``borgerrejse casework``: the workspace's operations from the command line."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys

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
from assistant.text import clean
from store import Store

PLAN_LIST_FIELDS = {"measures"}
INT_FIELDS = {"expected_duration_months", "priority"}
YES, NO = ("yes", "ja", "true", "1"), ("no", "nej", "false", "0")


_WHOLE = re.compile(r"^\s*([0-9]{1,6})\s*$")  # ASCII digits only: "²" or 5,000 digits are not numbers here


def _number(raw: str) -> int:
    match = _WHOLE.match(raw)
    if not match:
        raise CaseworkError(reason=N_("write a whole number."))
    return int(match.group(1))


def _parse(field: str, raw):
    """A value from the command line or a --set-from file (where JSON may give lists and numbers)."""
    if isinstance(raw, list) and field in PLAN_LIST_FIELDS:
        return [str(part).strip() for part in raw]
    if isinstance(raw, int) and not isinstance(raw, bool) and field in INT_FIELDS:
        return raw
    if not isinstance(raw, str):
        raise CaseworkError(reason=N_("write the value as text."))
    if field in PLAN_LIST_FIELDS:
        return [part.strip() for part in raw.split(";")]
    if field in INT_FIELDS:
        return _number(raw)
    if field == "kept":
        answer = raw.strip().lower()
        if answer not in YES + NO:
            raise CaseworkError(reason=N_("kept is yes or no."))
        return answer in YES
    if field == "indicator":
        parts = [p.strip() for p in raw.split(";")]
        if len(parts) != 3 or not all(_WHOLE.match(p) for p in parts[1:]):
            raise CaseworkError(reason=N_("an indicator has a name, a status and a target."))
        return {"name": parts[0], "status": _number(parts[1]), "target": _number(parts[2])}
    return raw


def read_assignments(source: str) -> list[tuple[str, object]]:
    """``--set-from FILE`` (or ``-`` for standard input): one ``FIELD=VALUE`` per line, or a
    JSON object ``{"FIELD": VALUE}``. Personal text belongs here, not in arguments, which
    other users of the machine can read (``/proc/PID/cmdline``) and the shell keeps."""
    from assistant.errors import CannotReadFile

    try:
        if source == "-":
            text = sys.stdin.read()
        else:
            with open(source, encoding="utf-8") as f:
                text = f.read()
    except (OSError, UnicodeDecodeError):
        raise CannotReadFile(path=source) from None
    if text.lstrip().startswith("{"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError:
            raise CaseworkError(reason=N_("the file is not valid JSON.")) from None
        if not isinstance(data, dict):
            raise CaseworkError(reason=N_("the file is not valid JSON."))
        return list(data.items())
    pairs = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        field, sep, raw = line.partition("=")
        if not sep:
            raise CaseworkError(reason=N_("write FIELD=VALUE."))
        pairs.append((field.strip(), raw.strip()))
    return pairs


def run_casework(store: Store, args: argparse.Namespace, lang: str) -> int:
    t = translator(lang)
    assignments = []
    for assignment in args.set:
        field, sep, raw = assignment.partition("=")
        if not sep:
            raise CaseworkError(reason=N_("write FIELD=VALUE."))
        assignments.append((field, raw))
    for source in args.set_from:
        assignments += read_assignments(source)
    args.assignments = assignments
    args.ui_lang = lang
    changes = bool(args.area or args.new_costly_complex or assignments or args.reopen or args.status
                   or getattr(args, "plan_kind", None) or getattr(args, "provider_status_from", None))
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


def t_of(args: argparse.Namespace):
    return translator(getattr(args, "ui_lang", None))


def _apply(work: Casework, args: argparse.Namespace) -> None:
    with work.together():  # one command, one write: a bad third --set leaves the first two unsaved too
        meta = {}
        if args.area:
            meta["area"] = args.area
        if args.new_costly_complex:
            meta["new_costly_complex"] = args.new_costly_complex == "yes"
        if getattr(args, "plan_kind", None):
            meta["plan_kind"] = args.plan_kind
        if meta:
            work.set_meta(**meta)
        # "g2" is Goal 2 as every view shows it (priority order), fixed before this command's changes.
        numbers = {f"g{g['priority']}": g["id"] for g in work.plan()["goals"]}
        for field, raw in args.assignments:
            if field.strip().lower().startswith("area."):  # a young person's plan: area.school=STATUS;TARGET
                area = field.strip().lower()[len("area."):]
                parts = [p.strip() for p in str(raw).split(";")]
                if len(parts) != 2 or not all(_WHOLE.match(p) for p in parts):
                    raise CaseworkError(reason=N_("an area's indicator is STATUS;TARGET, two numbers from 0 to 4."))
                work.set_area_indicator(area, _number(parts[0]), _number(parts[1]))
            elif "." in field:
                goal, _, goal_field = field.partition(".")
                if goal.strip().lower() not in numbers:
                    raise CaseworkError(reason=N_("that goal does not exist."))
                work.set_goal_field(numbers[goal.strip().lower()], goal_field, _parse(goal_field, raw))
            else:
                work.set_plan_field(field, _parse(field, raw))
        if getattr(args, "provider_status_from", None):
            from assistant.progress import read_status_file, record_provider_status

            source = args.provider_status_from
            text = sys.stdin.read() if source == "-" else None
            entries = read_status_file(source, text)
            name = "-" if source == "-" else __import__("os").path.basename(source)
            count = record_provider_status(work, entries, source=f"file:{name}")
            print(t_of(args).ngettext("Recorded {n} status from the provider.",
                                      "Recorded {n} statuses from the provider.", count).format(n=count))
        if args.reopen:
            work.reopen()
        if args.status:
            work.set_status(args.status)


def _print_trail(work: Casework, t, *, as_json: bool) -> None:
    """Who changed what, when — in words (or JSON for programs)."""
    trail = work.trail()
    if as_json:
        print(json.dumps(trail, ensure_ascii=False, indent=2))
        return
    numbers = goal_numbers(work.plan())
    for entry in trail:
        what = entry.get("what", "")
        when = dt.datetime.fromisoformat(entry["at"]).astimezone().strftime("%Y-%m-%d %H:%M")
        print(f"{when}  {clean(str(entry.get('who', '')))}  {describe_change(what, t, numbers)}: "
              f"{describe_value(what, entry.get('old'), t)} → {describe_value(what, entry.get('new'), t)}")

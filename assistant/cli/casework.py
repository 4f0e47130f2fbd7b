"""``borgerrejse casework``: the workspace's operations from the command line."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys

from assistant.services.casework import Casework, describe_change, describe_problem, describe_value, goal_numbers
from assistant.common.errors import CaseworkError
from assistant.domain.vocabulary import PLAN_STATUS_LABELS
from assistant.domain import safety
from assistant.services.casework import current_user
from assistant.common.i18n import N_, local_time, translator
from assistant.domain.measures import parse_extent
from assistant.common.text import clean, clean_all
from store import clock
from store import Store

FLAG_LINE = N_("⚑ Sign of distress in the conversation: {kinds} ({when}). Not handled yet: "
               "talk with the citizen, then mark it with --flag-handled \"what was done\".")

PLAN_LIST_FIELDS = {"measures"}
INT_FIELDS = {"expected_duration_months", "priority"}
YES, NO = ("yes", "ja", "true", "1"), ("no", "nej", "false", "0")


_MEASURE = re.compile(r"^m([0-9]{1,3})\.(title|legal_basis|provider|start|end|review|extent|goals)$")
_WHOLE = re.compile(r"^\s*([0-9]{1,6})\s*$")  # ASCII digits only: "²" or 5,000 digits are not numbers here


def _number(raw: str) -> int:
    match = _WHOLE.match(raw)
    if not match:
        raise CaseworkError(reason=N_("write a whole number."))
    return int(match.group(1))


def _goal_ref(ref, numbers: dict[str, str]) -> str:
    """A goal as the views number it ("g2", "2" or 2) → its id."""
    key = str(ref).strip().lower()
    key = key if key.startswith("g") else f"g{key}"
    if key not in numbers:
        raise CaseworkError(reason=N_("that goal does not exist."))
    return numbers[key]


def _measure_value(field: str, raw, numbers: dict[str, str]):
    """One field of a measure from the command line (text) or JSON (text, list, object)."""
    if field == "extent":
        if isinstance(raw, dict) or raw is None:
            return raw
        if not isinstance(raw, str):
            raise CaseworkError(reason=N_("write the value as text."))
        return parse_extent(raw)
    if field == "goals":
        refs = raw if isinstance(raw, list) else [r for r in str(raw).replace(";", ",").split(",") if r.strip()]
        return [_goal_ref(r, numbers) for r in refs]
    if not isinstance(raw, str):
        raise CaseworkError(reason=N_("write the value as text."))
    return raw


def _measures(raw, numbers: dict[str, str]) -> list:
    """``measures``: "A;B" (titles), or from JSON a list of titles and/or objects whose goals are
    given as the views number them (1, "g2")."""
    if isinstance(raw, str):
        return [part.strip() for part in raw.split(";")]
    if not isinstance(raw, list):
        raise CaseworkError(reason=N_("write the value as text."))
    out = []
    for item in raw:
        if isinstance(item, dict):
            item = {k: _measure_value(k, v, numbers) if k in ("extent", "goals") else v for k, v in item.items()}
        elif not isinstance(item, str):
            raise CaseworkError(reason=N_("write the value as text."))
        out.append(item)
    return out


def _parse(field: str, raw):
    """A value from the command line or a --set-from file (where JSON may give lists and numbers)."""
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
    from assistant.common.errors import CannotReadFile

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
    # "reason=…" in a --set-from file is the reason for --reopen, not a plan field.
    args.reason = next((str(raw) for field, raw in assignments if field == "reason"), None) or getattr(args, "reason", None)
    assignments = [(field, raw) for field, raw in assignments if field != "reason"]
    args.assignments = assignments
    args.ui_lang = lang
    if getattr(args, "final_unseen", False) and args.status != "final":
        raise CaseworkError(reason=N_("--final-unseen goes with --status final."))
    changes = bool(args.area or args.new_costly_complex or assignments or args.reopen or args.status
                   or getattr(args, "changes_read_aloud", None) is not None
                   or getattr(args, "plan_kind", None) or getattr(args, "provider_status_from", None))
    # Signs of distress come first, and work on every case, with a plan or not (yet).
    if getattr(args, "flag_handled", None) is not None:
        with store.open_case(args.case, write=True) as handle:
            count = safety.mark_handled(handle, args.flag_handled, args.user or current_user(), at=clock.now())
        print(t.gettext("Signs of distress marked as handled: {n}.").format(n=count))
        if not (changes or args.trail):
            return 0
    else:
        with store.open_case(args.case, write=False) as handle:
            meta = handle.meta
        for flag in safety.open_flags(meta):
            print(t.gettext(FLAG_LINE).format(kinds=safety.kinds_text(flag["kinds"], t), when=safety.flag_when(flag, t)))
    with Casework(store, args.case, user=args.user, write=changes) as work:
        if changes:
            _apply(work, args)
        if args.trail:
            _print_trail(work, t, as_json=args.json)
        else:
            status = t.label(PLAN_STATUS_LABELS, work.status)
            print(t.gettext("Status: {status}, version {version}.").format(status=status, version=work.version))
            plan = work.plan()
            day = t.date(dt.date.fromisoformat(plan["follow_up"]))
            if plan.get("follow_up_proposed"):
                print(t.gettext("Follow-up date: {date}, proposed from the goals' dates "
                                "(--set follow_up=YYYY-MM-DD chooses another).").format(date=day))
            else:
                print(t.gettext("Follow-up date: {date}.").format(date=day))
            unseen = work.unseen_changes()
            if unseen:
                print(t.ngettext("The citizen has not seen version {v}: {n} change not seen.",
                                 "The citizen has not seen version {v}: {n} changes not seen.",
                                 len(unseen)).format(v=work.version, n=len(unseen)))
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
            field = field.strip()
            if field == "measures":
                work.set_plan_field("measures", _measures(raw, numbers))
            elif field == "add_goal":  # a goal of the caseworker's own: text, or an object of goal fields
                fields = dict(raw) if isinstance(raw, dict) else {"text": raw}
                text = fields.pop("text", None)
                if not isinstance(text, str):
                    raise CaseworkError(reason=N_("a goal's wording cannot be empty. Leave it out to keep the citizen's words."))
                goal_id = work.add_goal(text, **{k: _parse(k, v) for k, v in fields.items()})
                numbers[f"g{len(numbers) + 1}"] = goal_id
            elif field == "goal_order":  # "2,1,3": the goals in their new order, by today's numbers
                refs = raw if isinstance(raw, list) else [r for r in str(raw).replace(";", ",").split(",") if r.strip()]
                work.reorder_goals([_goal_ref(r, numbers) for r in refs])
            elif _MEASURE.match(field):  # m2.provider=…: measure 2 as the views list it; one more adds one
                number, measure_field = _MEASURE.match(field).groups()
                count = len(work.plan()["measures"])
                measure = None if int(number) == count + 1 else work.measure_id(int(number))
                work.set_measure_field(measure, measure_field, _measure_value(measure_field, raw, numbers))
            elif field.strip().lower().startswith("area."):  # a young person's plan: area.school=STATUS;TARGET
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
            from assistant.domain.progress import read_status_file, record_provider_status

            source = args.provider_status_from
            text = sys.stdin.read() if source == "-" else None
            entries = read_status_file(source, text)
            name = "-" if source == "-" else __import__("os").path.basename(source)
            count = record_provider_status(work, entries, source=f"file:{name}")
            print(t_of(args).ngettext("Recorded {n} status from the provider.",
                                      "Recorded {n} statuses from the provider.", count).format(n=count))
        if args.reopen:
            work.reopen(args.reason)
        if getattr(args, "changes_read_aloud", None) is not None:
            count = work.changes_read_aloud(args.changes_read_aloud)
            print(t_of(args).ngettext("Recorded: {n} change read aloud to the citizen and agreed.",
                                      "Recorded: {n} changes read aloud to the citizen and agreed.", count).format(n=count))
        if args.status:
            work.set_status(args.status, unseen_ok=bool(getattr(args, "final_unseen", False)))


def _print_trail(work: Casework, t, *, as_json: bool) -> None:
    """Who changed what, when — in words (or JSON for programs)."""
    trail = work.trail()
    if as_json:
        print(json.dumps(clean_all(trail), ensure_ascii=False, indent=2))  # the file's words, never its codes
        return
    numbers = goal_numbers(work.plan())
    for entry in trail:
        what = entry.get("what", "")
        when = local_time(entry["at"])
        print(f"{when}  {clean(str(entry.get('who', '')))}  {describe_change(what, t, numbers)}: "
              f"{describe_value(what, entry.get('old'), t)} → {describe_value(what, entry.get('new'), t)}")

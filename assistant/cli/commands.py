"""The ``borgerrejse`` command."""

from __future__ import annotations

import argparse
import json
import os
import sys

from assistant.common.errors import BorgerrejseError
from assistant.common.i18n import LANGUAGES, normalise_lang, translator
from assistant.common.text import clean, clean_all

EXIT_ERROR = 3


def _non_empty(_):
    """An argparse type: an empty value (``--case ''``) is a usage error, not "the default"."""

    def check(value: str) -> str:
        if not value.strip():
            raise argparse.ArgumentTypeError(_("must not be empty"))
        return value

    return check


def _count(_):
    """An argparse type: a whole number of cases, 1 to 1,000,000."""

    def check(value: str) -> int:
        if not (value.isascii() and value.isdigit()) or not 1 <= int(value) <= 1_000_000:
            raise argparse.ArgumentTypeError(_("a whole number from 1 to 1000000"))
        return int(value)

    return check


def title_default_groups(parser: argparse.ArgumentParser, *, positionals: str, options: str) -> None:
    """Give the two argument groups every parser starts with ("positional arguments" and
    "options" in ``--help``) the titles ``positionals`` and ``options`` (translated help).

    The one use of argparse's private API: ``ArgumentParser._positionals`` and ``._optionals``
    (the default groups; argparse has no public way to retitle them, and arguments added with
    ``parser.add_argument`` land in them). On a Python upgrade, check that both attributes
    still exist and that their ``title`` is what ``--help`` prints (the test
    ``tests/tui/test_argparse_compat.py`` does).
    """
    parser._positionals.title = positionals
    parser._optionals.title = options


def _add_common(parser: argparse.ArgumentParser, _, *, lang: bool = True) -> None:
    parser.add_argument("-h", "--help", action="help", help=_("show this help and exit"))
    title_default_groups(parser, positionals=_("positional arguments"), options=_("options"))
    parser.add_argument(
        "--store",
        metavar="DIR",
        type=_non_empty(_),
        default=argparse.SUPPRESS,
        help=_("data folder (default: $BORGERREJSE_STORE or the user data folder)"),
    )
    if lang:
        parser.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS, help=_("language (da or en)"))


class _Skipped:
    """Stands in for a sub-command's parser that this run does not need (see ``build_parser``)."""

    def __getattr__(self, name: str):
        return lambda *args, **kwargs: self


def build_parser(lang: str | None = None, only: str | None = None) -> argparse.ArgumentParser:
    """The command line, its help in ``lang`` (argparse's own error texts stay English).

    ``only``: the sub-command this run asked for; the others are not built (the chat starts
    sooner). Without it (``--help``, no or an unknown command) every sub-command is there."""
    _ = translator(normalise_lang(lang)).gettext

    class Formatter(argparse.HelpFormatter):
        def add_usage(self, usage, actions, groups, prefix=None):
            super().add_usage(usage, actions, groups, prefix=_("usage: ") if prefix is None else prefix)

    parser = argparse.ArgumentParser(
        prog="borgerrejse",
        add_help=False,
        formatter_class=Formatter,
        description=_("Make your own action plan (handleplan) in a guided conversation."),
    )
    _add_common(parser, _)
    sub = parser.add_subparsers(dest="command")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        """A sub-command with the common options, its help in the same language."""
        if only is not None and name != only:
            return _Skipped()
        sub_parser = sub.add_parser(name, add_help=False, formatter_class=Formatter, help=help_text)
        _add_common(sub_parser, _)
        return sub_parser

    run = command("run", _("the conversation without a screen (stdin/stdout)"))
    run.add_argument("--journey", default="adult", help=_("which dialogue (default: adult)"))
    run.add_argument("--case", type=_non_empty(_), help=_("continue this conversation"))
    run.add_argument("--jsonl", action="store_true", help=_("one answer per line in, one JSON object per line out (for programs and tests)"))

    chat = command("chat", _("the conversation in the terminal UI"))
    chat.add_argument("--journey", default="adult", help=_("which dialogue (default: adult)"))
    chat.add_argument("--case", type=_non_empty(_), help=_("continue this conversation"))

    export = command("export", _("print a case's plan"))
    export.add_argument("case", type=_non_empty(_), help=_("the case number"))
    export.add_argument("--format", choices=("json", "md", "html"), default="json", help=_("file format (default: json)"))
    export.add_argument("--view", choices=("citizen", "case"), default="citizen",
                        help=_("citizen: their own plan in plain words; case: everything (default: citizen)"))
    export.add_argument("--output", "-o", metavar="FILE", help=_("write to FILE (created private, 0600)"))
    export.add_argument("--part-plan", metavar="PROVIDER", type=_non_empty(_),
                        help=_("the part plan (delplan) for one provider: the purpose, that provider's measures and "
                               "goals, the citizen's words for them and the follow-up date, nothing else"))
    export.add_argument("--version", type=int, metavar="N", help=_("an earlier final version, exactly as it was made final"))

    audit = command("audit", _("check a plan against the Randers form and § 141"))
    audit.add_argument("case", type=_non_empty(_), help=_("the case number"))
    audit.add_argument("--json", action="store_true", help=_("as JSON"))

    casework = command("casework", _("complete a plan from the command line (the workspace does the same)"))
    casework.add_argument("case", type=_non_empty(_), help=_("the case number"))
    casework.add_argument("--set-from", action="append", default=[], metavar="FILE",
                          help=_("read FIELD=VALUE lines (or a JSON object) from FILE, or from standard input "
                                 "with -. Use this for names and professional reasoning: other users of the "
                                 "machine can read command-line arguments, and the shell keeps them"))
    casework.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE",
                          help=_("plan field (purpose, follow_up, expected_duration, expected_duration_months, "
                                 "measures, other_conditions) or goal field as gN.FIELD (text, success_criterion, "
                                 "horizon, due, domain, measure, provider, provider_suggestions, reasoning, kept, "
                                 "priority, indicator); measures take ';'-separated values, indicator takes NAME;STATUS;TARGET; "
                                 "a measure's field as mN.FIELD (title, legal_basis, provider, start, end, review, "
                                 "extent as AMOUNT;hours|minutes|times;day|week|month, goals as 1,2; one number past the "
                                 "last adds a measure); add_goal=TEXT adds a goal of your own; goal_order=2,1,3 reorders"))
    casework.add_argument("--area", help=_("disability, psychiatry, homelessness_addiction or children_young"))
    casework.add_argument("--new-costly-complex", choices=("yes", "no"), help=_("is the case new, costly or complex?"))
    casework.add_argument("--plan-kind", choices=("barnets_plan", "ungeplan"),
                          help=_("a young person's plan: barnets plan (Barnets lov §§ 91–92) or ungeplan (§§ 108–109)"))
    casework.add_argument("--status", choices=("draft", "reviewed", "final"), help=_("the plan's status"))
    casework.add_argument("--reopen", action="store_true", help=_("reopen a final plan as a new version (give the reason "
                                                                   "with --reason, or as reason=… in --set-from)"))
    casework.add_argument("--changes-read-aloud", metavar="NOTE",
                          help=_("record that you read your changes aloud to the citizen in a meeting and they agreed "
                                 "(a sentence of at least four words): this version counts as seen by the citizen"))
    casework.add_argument("--final-unseen", action="store_true",
                          help=_("with --status final: make the plan final although the citizen has not seen your "
                                 "changes (both views then say so)"))
    casework.add_argument("--reason", help=_("why the plan is reopened: a sentence of at least four words, kept in the audit trail"))
    casework.add_argument("--provider-status-from", metavar="FILE",
                          help=_("record the provider's status per goal from FILE (or - for standard input): a JSON "
                                 "list of {goal, date, indicator, note} or CSV with those columns; goal is its id (g1 …)"))
    casework.add_argument("--trail", action="store_true", help=_("print the audit trail"))
    casework.add_argument("--json", action="store_true", help=_("the audit trail as JSON"))
    casework.add_argument("--user", type=_non_empty(_), help=_("who makes the change (default: $BORGERREJSE_USER or the login name)"))
    casework.add_argument("--flag-handled", metavar="NOTE",
                          help=_("mark the case's signs of distress as handled, with a note on what was done"))

    command("caseworker", _("the caseworker's workspace (terminal UI)"))

    new_case = command("new-case", _("register a case before the conversation"))
    who = new_case.add_mutually_exclusive_group(required=True)
    who.add_argument("--name", type=_non_empty(_), help=_("the citizen's name (other users of the machine can "
                                                         "read arguments: prefer --name-from)"))
    who.add_argument("--name-from", metavar="FILE", type=_non_empty(_),
                     help=_("read the citizen's name from FILE, or from standard input with -"))
    new_case.add_argument("--area", choices=("disability", "psychiatry", "homelessness_addiction", "children_young"))
    new_case.add_argument("--new-costly-complex", action="store_true", help=_("the case is new, costly or complex"))
    new_case.add_argument("--journey", choices=("adult", "youth"), default=None,
                          help=_("which conversation: adult, or youth for a child or young person "
                                 "(default: youth in the area children_young, else adult)"))
    new_case.add_argument("--plan-kind", choices=("barnets_plan", "ungeplan"), default=None,
                          help=_("a young person's plan: barnets plan (Barnets lov §§ 91–92, the default) "
                                 "or ungeplan (§§ 108–109)"))

    mine = command("my-cases", _("the cases you registered or worked on, by next follow-up, overdue first"))
    mine.add_argument("--user", type=_non_empty(_), help=_("whose cases (default: $BORGERREJSE_USER or the login name)"))
    mine.add_argument("--json", action="store_true", help=_("as JSON"))

    settings = command("settings", _("the municipality, the contact person and the providers, once for the store"))
    settings.add_argument("--municipality", metavar="NAME", help=_("the municipality named in the citizen's plan"))
    settings.add_argument("--contact", metavar="TEXT", help=_("the contact person named in the citizen's plan "
                                                             "(e.g. a name and a phone number)"))
    settings.add_argument("--add-provider", action="append", default=[], metavar="NAME",
                          help=_("add a provider to the list measures choose from"))
    settings.add_argument("--remove-provider", action="append", default=[], metavar="NAME",
                          help=_("take a provider off the list"))
    settings.add_argument("--json", action="store_true", help=_("as JSON"))

    cases = command("cases", _("list the conversations in the store"))
    cases.add_argument("--json", action="store_true", help=_("as JSON"))

    trainer = command("trainer", _("trainer mode: play invented personas through a journey (DEMO, on a demo store)"))
    trainer.add_argument("--demo-store", metavar="DIR", type=_non_empty(_),
                         help=_("the demo folder (default: $BORGERREJSE_DEMO_STORE or 'demo' in the user data folder); "
                                "never the folder with the real cases"))
    trainer.add_argument("--dialogues", metavar="DIR", type=_non_empty(_),
                         help=_("your own dialogues (default: $BORGERREJSE_DIALOGUES or 'dialogues' in the user data folder)"))

    lint = command("lint", _("check dialogue files: each problem with file, line and how to fix it"))
    lint.add_argument("files", nargs="*", metavar="FILE", help=_("dialogue files (.toml)"))
    lint.add_argument("--list-conditions", action="store_true",
                      help=_("list the conditions and callbacks a dialogue may name"))

    diagram = command("diagram", _("print a journey as a Mermaid state diagram"))
    diagram.add_argument("journey", type=_non_empty(_), help=_("a journey's name (adult …) or a dialogue file"))
    diagram.add_argument("--dialogues", metavar="DIR", type=_non_empty(_),
                         help=_("your own dialogues (default: $BORGERREJSE_DIALOGUES or 'dialogues' in the user data folder)"))
    report = command("report", _("management information: counts on the frame of the plans, never their words"))
    report.add_argument("--from", dest="start", metavar="DATE", help=_("plans made on or after DATE (YYYY-MM-DD)"))
    report.add_argument("--to", dest="end", metavar="DATE", help=_("plans made on or before DATE (YYYY-MM-DD)"))
    report.add_argument("--area", choices=("disability", "psychiatry", "homelessness_addiction", "children_young"))
    report.add_argument("--format", choices=("table", "csv", "json"), default="table",
                        help=_("table for reading, csv or json for other programs (default: table)"))
    report.add_argument("--output", "-o", metavar="FILE", help=_("write to FILE (created private, 0600)"))

    sample = command("sample", _("fill the store with invented cases (demos, training, benchmarks)"))
    sample.add_argument("--cases", type=_count(_), required=True, metavar="N", help=_("how many cases to make"))
    sample.add_argument("--seed", type=int, default=1, metavar="S", help=_("the same seed makes the same cases (default 1)"))
    return parser


def main(argv: list[str] | None = None) -> int:
    given = sys.argv[1:] if argv is None else argv
    args = build_parser(_lang_asked(given), only=_command_asked(given)).parse_args(argv)
    lang = normalise_lang(getattr(args, "lang", None) or os.environ.get("BORGERREJSE_LANG"))
    try:
        return _dispatch(args, lang)
    except BorgerrejseError as exc:
        message = exc.translated(translator(lang).gettext)
        if getattr(args, "jsonl", False):
            print(json.dumps({"event": "error", "message": message}, ensure_ascii=False), flush=True)
        print(message, file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:  # before OSError, of which it is one
        # The reader went away (e.g. `| head`); every answer is already on disk.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except OSError as exc:
        # A write the core did not turn into a sentence itself: still one sentence, never a traceback.
        from assistant.common.errors import save_failed

        message = save_failed(exc, exc.filename or getattr(args, "store", "") or "").translated(translator(lang).gettext)
        if getattr(args, "jsonl", False):
            print(json.dumps({"event": "error", "message": message}, ensure_ascii=False), flush=True)
        print(message, file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130


COMMANDS = ("run", "chat", "export", "audit", "casework", "caseworker", "new-case", "my-cases", "settings", "cases",
            "trainer", "lint", "diagram", "report", "sample")


def _command_asked(argv: list[str]) -> str | None:
    """The sub-command named in ``argv`` (after the common options), None if none or not one of ours."""
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg in ("--store", "--lang"):
            i += 2
        elif arg.startswith(("--store=", "--lang=")):
            i += 1
        elif arg.startswith("-"):
            return None  # --help, or something argparse explains with the whole command line
        else:
            return arg if arg in COMMANDS else None
    return None


def _lang_asked(argv: list[str]) -> str | None:
    """The language for the help text, before the arguments are parsed."""
    for i, arg in enumerate(argv):
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
    return os.environ.get("BORGERREJSE_LANG")


def _store(args: argparse.Namespace):
    from assistant.services.stores import open_store

    return open_store(getattr(args, "store", None))


def _dispatch(args: argparse.Namespace, lang: str) -> int:
    explicit_lang = getattr(args, "lang", None)
    if args.command == "run":
        from assistant.cli.jsonl import run

        for stream in (sys.stdin, sys.stdout):
            stream.reconfigure(encoding="utf-8", errors="replace")
        return run(
            _store(args),
            sys.stdin,
            sys.stdout,
            journey=args.journey,
            lang=explicit_lang,
            case=args.case,
            jsonl=args.jsonl,
        )
    if args.command == "export":
        from assistant.render.export import export_plan

        text = export_plan(_store(args), args.case, fmt=args.format, view=args.view, lang=explicit_lang,
                           part_plan=args.part_plan, version=args.version)
        return _write(text, args.output)
    if args.command == "audit":
        from assistant.domain.audit import audit, audit_text
        from assistant.services.plans import load_full_plan

        plan = load_full_plan(_store(args), args.case)
        result = audit(plan, explicit_lang or plan["lang"])
        if args.json:
            return _write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n", None)
        return _write(audit_text(result, explicit_lang or plan["lang"]), None)
    if args.command == "casework":
        from assistant.cli.casework import run_casework

        return run_casework(_store(args), args, lang)
    if args.command == "new-case":
        name = args.name if args.name is not None else _read_name(args.name_from)
        store = _store(args)
        journey = args.journey or ("youth" if args.area == "children_young" else "adult")
        if args.plan_kind and journey != "youth":
            from assistant.common.errors import CaseworkError
            from assistant.common.i18n import N_

            raise CaseworkError(reason=N_("a child's plan or ungeplan is made in the youth conversation."))
        from assistant.services.casework import current_user
        from assistant.services.caselist import register_case

        print(register_case(store, name=name, lang=lang, area=args.area, registered_by=current_user(),
                                  new_costly_complex=args.new_costly_complex, journey=journey,
                                  plan_kind=args.plan_kind or ("barnets_plan" if journey == "youth" else None)))
        return 0
    if args.command == "settings":
        return _settings(_store(args), args, lang)
    if args.command == "my-cases":
        return _my_cases(_store(args), lang, user=args.user, as_json=args.json)
    if args.command == "cases":
        return _list_cases(_store(args), lang, as_json=args.json)
    if args.command == "trainer":
        from assistant.tui.trainer import run_trainer

        return run_trainer(args.demo_store, real_store=getattr(args, "store", None),
                           dialogues=args.dialogues, lang=explicit_lang)
    if args.command == "lint":
        return _lint(args, lang)
    if args.command == "diagram":
        from assistant.services.authoring import mermaid, resolve_journey

        return _write(mermaid(resolve_journey(args.journey, args.dialogues, lang)), None)
    if args.command == "report":
        from assistant.services.report import parse_report_date, render, report_for

        start, end = parse_report_date(args.start), parse_report_date(args.end)
        report = report_for(_store(args), start=start, end=end, area=args.area)
        return _write(render(report, args.format, translator(lang)), args.output)
    if args.command == "sample":
        from assistant.services.sample import progress_bar, sample

        store = _store(args)
        sample(store, args.cases, seed=args.seed, progress=progress_bar(sys.stderr))
        store.list_cases()  # the indexes are ready when the workspace or the report opens
        store.frames()
        print(translator(lang).ngettext("{n} invented case made in {store}", "{n} invented cases made in {store}",
                                        args.cases).format(n=args.cases, store=store.root))
        return 0
    if args.command == "caseworker":
        from assistant.tui.caseworker import run_caseworker

        return run_caseworker(store_path=getattr(args, "store", None), lang=explicit_lang)
    from assistant.tui import pause_gc

    pause_gc()  # until the first question is on screen (assistant/tui/__init__.py)
    session = None
    if args.command == "chat":
        from assistant.tui.citizen.session import Session, opening_lang

        # Begun before Textual is even imported: the conversation's files are read or made
        # while the screen is built, and the first question is shown as soon as it can be.
        session = Session(getattr(args, "store", None), getattr(args, "journey", "adult"))
        session.preview_or_open_ahead(getattr(args, "case", None), opening_lang(getattr(args, "case", None), explicit_lang))
    from assistant.tui.citizen.app import run_app

    return run_app(
        store_path=getattr(args, "store", None),
        lang=explicit_lang,
        case=getattr(args, "case", None),
        journey=getattr(args, "journey", "adult"),
        start_screen=args.command is None,
        session=session,
    )


def _lint(args: argparse.Namespace, lang: str) -> int:
    """Exit 0: clean (or only warnings); 1: at least one error; 2: nothing to check."""
    from assistant.services.authoring import lint_file, list_conditions

    t = translator(lang)
    if args.list_conditions:
        sys.stdout.write(list_conditions(lang))
        if not args.files:
            return 0
    if not args.files:
        print(t.gettext("Name the dialogue files to check, e.g. borgerrejse lint my-journey.toml"), file=sys.stderr)
        return 2
    errors = 0
    for name in args.files:
        problems = lint_file(name, lang)
        errors += sum(1 for p in problems if p.error)
        for problem in problems:
            print(clean(problem.format(t.gettext)))
        if not problems:
            print(t.gettext("{file}: no problems found.").format(file=clean(name)))
    return 1 if errors else 0


def _settings(store, args: argparse.Namespace, lang: str) -> int:
    from assistant.services.settings import SETTING_LABELS, read_settings, update

    changes = {k: getattr(args, k) for k in ("municipality", "contact") if getattr(args, k) is not None}
    if changes or args.add_provider or args.remove_provider:
        settings = update(store, **changes, add_providers=args.add_provider, remove_providers=args.remove_provider)
    else:
        settings = read_settings(store)
    if args.json:
        print(json.dumps(settings.to_dict(), ensure_ascii=False, indent=2))
        return 0
    t = translator(lang)
    for key in ("municipality", "contact"):
        print(f"{t.label(SETTING_LABELS, key)}: {clean(getattr(settings, key) or '—')}")
    print(t.label(SETTING_LABELS, "providers") + ":")
    for name in settings.providers:
        print(f"- {clean(name)}")
    return 0


def _read_name(source: str) -> str:
    from assistant.common.errors import CannotReadFile

    try:
        if source == "-":
            return sys.stdin.readline()
        with open(source, encoding="utf-8") as f:
            return f.readline()
    except (OSError, UnicodeDecodeError):
        raise CannotReadFile(path=source) from None


def _write(text: str, output: str | None) -> int:
    if output:
        import errno
        from pathlib import Path

        from assistant.common.errors import CannotWriteFile, save_failed
        from store.files import atomic_write

        try:
            atomic_write(Path(output).expanduser(), text.encode("utf-8"))
        except OSError as exc:
            if exc.errno in (errno.ENOENT, errno.ENOTDIR, errno.EISDIR):  # the folder is missing or in the way
                raise CannotWriteFile(path=output) from exc
            raise save_failed(exc, output) from exc  # a full disk is not a permission problem
        return 0
    sys.stdout.reconfigure(encoding="utf-8")
    sys.stdout.write(clean(text))  # whatever is on file, a terminal gets no control codes
    return 0


def _my_cases(store, lang: str, *, user: str | None, as_json: bool) -> int:
    from assistant.services.casework import current_user
    from assistant.services.case_rows import my_rows, open_flags_of, open_flags_text
    from store import clock

    t = translator(lang)
    day = clock.today()
    rows = my_rows(store, user or current_user())
    if as_json:
        print(json.dumps([{"case": r.id, "name": clean(r.name), "status": r.status, "area": r.area,
                           "follow_up": r.follow_up.isoformat() if r.follow_up else None, "overdue": r.overdue,
                           "flags": open_flags_of(r.flags, day)}
                          for r in rows], ensure_ascii=False, indent=2))
        return 0
    for r in rows:
        name, area, status, follow = r.texts(t)
        flagged = open_flags_text(r.flags, day, t, mark=False)  # the name carries the ⚑ already
        print(f"{'!' if r.overdue else ' '} {follow:28}  {r.id}  {status:18}  {name}" + (f"  {flagged}" if flagged else ""))
    if not rows:
        print(t.gettext("You have no cases yet."))
    return 0


def _list_cases(store, lang: str, *, as_json: bool) -> int:
    from assistant.services.caselist import shown_summaries

    from assistant.domain.safety import flags
    from assistant.services.case_rows import open_flags_of, open_flags_text
    from store import clock

    rows = shown_summaries(store)  # one odd value marks its case damaged, never breaks the list
    day = clock.today()
    if as_json:
        keep = ("id", "name", "status", "journey", "lang", "created", "updated", "casework", "list_status", "follow_up", "error")
        rows_out = [{**{k: getattr(r, k) for k in keep}, "flags": open_flags_of(flags(r.meta or {}), day)} for r in rows]
        print(json.dumps(clean_all(rows_out), ensure_ascii=False, indent=2))  # the file's words, never its codes
        return 0
    from assistant.domain.vocabulary import CONVERSATION_LABELS as STATUS_LABELS

    t = translator(lang)
    labels: dict[str, str] = {}
    lines = []
    for r in rows:
        name = r.name or "—"
        if r.error:
            status, name = t.gettext("cannot be read"), r.error  # the damaged file, by name
        else:
            status = labels.get(r.status)
            if status is None:
                status = labels[r.status] = t.label(STATUS_LABELS, r.status) if r.status in STATUS_LABELS else r.status
        flagged = "" if r.error else open_flags_text(flags(r.meta or {}), day, t)
        lines.append(f"{r.id}  {status:18}  {r.updated[:16].replace('T', ' ')}  {name}" + (f"  {flagged}" if flagged else "") + "\n")
    sys.stdout.write(clean("".join(lines)))  # one write for thousands of lines; never a control code
    return 0

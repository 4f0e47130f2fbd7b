"""The ``borgerrejse`` command."""

from __future__ import annotations

import argparse
import json
import os
import sys

from assistant.errors import BorgerrejseError
from assistant.i18n import LANGUAGES, normalise_lang, translator

EXIT_ERROR = 3


def _add_common(parser: argparse.ArgumentParser, *, lang: bool = True) -> None:
    parser.add_argument(
        "--store",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="data folder (default: $BORGERREJSE_STORE or the user data folder)",
    )
    if lang:
        parser.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS, help="language (da or en)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="borgerrejse",
        description="Make your own action plan (handleplan) in a guided conversation.",
    )
    _add_common(parser)
    sub = parser.add_subparsers(dest="command")

    run = sub.add_parser("run", help="the conversation without a screen (stdin/stdout)")
    _add_common(run)
    run.add_argument("--journey", default="adult", help="which dialogue (default: adult)")
    run.add_argument("--case", help="continue this conversation")
    run.add_argument("--jsonl", action="store_true", help="JSON lines in and out (for programs and tests)")

    chat = sub.add_parser("chat", help="the conversation in the terminal UI")
    _add_common(chat)
    chat.add_argument("--journey", default="adult", help="which dialogue (default: adult)")
    chat.add_argument("--case", help="continue this conversation")

    export = sub.add_parser("export", help="print a case's plan")
    _add_common(export)
    export.add_argument("case", help="the case number")
    export.add_argument("--format", choices=("json",), default="json")

    cases = sub.add_parser("cases", help="list the conversations in the store")
    _add_common(cases)
    cases.add_argument("--json", action="store_true", help="as JSON")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    lang = normalise_lang(getattr(args, "lang", None) or os.environ.get("BORGERREJSE_LANG"))
    try:
        return _dispatch(args, lang)
    except BorgerrejseError as exc:
        message = exc.translated(translator(lang).gettext)
        if getattr(args, "jsonl", False):
            print(json.dumps({"event": "error", "message": message}, ensure_ascii=False), flush=True)
        print(message, file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (e.g. `| head`); every answer is already on disk.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


def _store(args: argparse.Namespace):
    from store import Store

    return Store(getattr(args, "store", None))


def _dispatch(args: argparse.Namespace, lang: str) -> int:
    explicit_lang = getattr(args, "lang", None)
    if args.command == "run":
        from assistant.runner import run

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
        from assistant.export import export_plan

        sys.stdout.reconfigure(encoding="utf-8")
        sys.stdout.write(export_plan(_store(args), args.case, fmt=args.format))
        return 0
    if args.command == "cases":
        return _list_cases(_store(args), lang, as_json=args.json)
    from assistant.tui.app import run_app

    return run_app(
        store_path=getattr(args, "store", None),
        lang=explicit_lang,
        case=getattr(args, "case", None),
        journey=getattr(args, "journey", "adult"),
        start_screen=args.command is None,
    )


def _list_cases(store, lang: str, *, as_json: bool) -> int:
    rows = store.list_cases()
    if as_json:
        print(json.dumps([r.__dict__ | {"meta": None, "plan": None} for r in rows], ensure_ascii=False, indent=2))
        return 0
    t = translator(lang)
    for r in rows:
        name = r.name or "—"
        status = r.error and t.gettext("cannot be read") or r.status
        print(f"{r.id}  {status:12}  {r.updated[:16]}  {name}")
    return 0

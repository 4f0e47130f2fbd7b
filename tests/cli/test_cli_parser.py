"""The command line is built for the sub-command asked for only (the chat starts sooner):
every sub-command must parse and explain itself exactly as with the whole command line."""

from __future__ import annotations

import argparse

import pytest

from assistant.cli.commands import COMMANDS, _command_asked, build_parser


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_the_list_of_commands_is_the_whole_command_line():
    assert tuple(_subcommands(build_parser("en"))) == COMMANDS


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("name", COMMANDS)
def test_a_command_built_alone_is_the_same_command(name, lang):
    whole = _subcommands(build_parser(lang))[name]
    alone = _subcommands(build_parser(lang, only=name))
    assert list(alone) == [name]
    assert alone[name].format_help() == whole.format_help()


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["chat"], "chat"),
        (["--store", "/tmp/x", "--lang", "en", "chat", "--case", "ab"], "chat"),
        (["--store=/tmp/x", "report", "--format", "csv"], "report"),
        (["--help"], None),
        (["-h", "chat"], None),
        ([], None),
        (["nosuch"], None),
        (["--store", "chat"], None),  # "chat" is the folder here: no command given
    ],
)
def test_the_command_asked_for(argv, expected):
    assert _command_asked(argv) == expected


def test_parsing_with_one_command_built_gives_the_same_arguments(tmp_path):
    argv = ["--store", str(tmp_path), "casework", "abc", "--set", "purpose=x", "--status", "final", "--final-unseen"]
    assert vars(build_parser("en", only="casework").parse_args(argv)) == vars(build_parser("en").parse_args(argv))

"""The one use of argparse's private API (``assistant.cli.commands.title_default_groups``)."""

from __future__ import annotations

import argparse

from assistant.cli.commands import build_parser, title_default_groups
from assistant.common.i18n import translator


def test_title_default_groups_retitles_what_help_prints():
    parser = argparse.ArgumentParser(prog="x", add_help=False)
    parser.add_argument("thing", help="a positional")
    parser.add_argument("--flag", help="an option")
    title_default_groups(parser, positionals="POSITIONALS HERE", options="OPTIONS HERE")
    text = parser.format_help()
    assert "POSITIONALS HERE:" in text and "OPTIONS HERE:" in text
    assert "positional arguments:" not in text and "options:" not in text
    # the arguments are still under the retitled groups
    assert text.index("POSITIONALS HERE:") < text.index("a positional")
    assert text.index("OPTIONS HERE:") < text.index("an option")


def test_the_command_help_titles_its_groups_in_danish():
    _ = translator("da").gettext
    assert _("options") != "options" and _("positional arguments") != "positional arguments"
    text = build_parser("da").format_help()
    assert f"\n{_('positional arguments')}:\n" in text
    assert f"\n{_('options')}:\n" in text

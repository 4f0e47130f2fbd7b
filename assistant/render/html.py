"""One self-contained, printable HTML file from the plan's Markdown.

markdown-it-py renders with raw HTML off, and everything a person typed was
escaped before it reached the Markdown, so no typed text becomes a tag, a script,
an event handler or a link. A Content-Security-Policy forbids scripts and any
outside request as a second line of defence.
"""

from __future__ import annotations

from html import escape
from assistant.common.text import markdown_parser

CSS = """
@page { size: A4; margin: 20mm 18mm; }
:root { color-scheme: light; }
body { font-family: "Atkinson Hyperlegible", Verdana, "DejaVu Sans", sans-serif; font-size: 12pt;
       line-height: 1.5; color: #111; background: #fff; margin: 0; }
main { max-width: 42em; margin: 2em auto; padding: 0 1em; }
h1 { font-size: 1.8em; border-bottom: 3px solid #1f4e79; padding-bottom: .2em; }
h2 { font-size: 1.3em; color: #1f4e79; margin-top: 1.6em; break-after: avoid; }
h3 { font-size: 1.1em; margin-bottom: .3em; break-after: avoid; }
ul, ol { padding-left: 1.3em; } li { margin: .2em 0; }
table { border-collapse: collapse; width: 100%; margin: 1em 0; }
th, td { border: 1px solid #999; padding: .3em .5em; text-align: left; vertical-align: top; }
p, li { overflow-wrap: anywhere; white-space: pre-wrap; }
h3 + p, h3 + ul { break-before: avoid; }
@media print { main { margin: 0; max-width: none; } a { color: inherit; text-decoration: none; } }
"""


LARGE_PRINT = "body { font-size: 18pt; line-height: 1.6; } main { max-width: 34em; }"


def render_html(markdown: str, *, title: str, lang: str, large_print: bool = False) -> str:
    body = markdown_parser().render(markdown)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{CSS}{LARGE_PRINT if large_print else ''}</style>\n</head>\n"
        f"<body>\n<main>\n{body}</main>\n</body>\n</html>\n"
    )

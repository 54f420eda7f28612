"""Every command-line command and option is documented.

The parsers are introspected (``etl.cli.build_parser`` for ``python -m etl`` and
``dashboard.auth.cli.build_parser`` for ``python -m dashboard``), so a new subcommand
or option fails this test until README.md or a page in docs/ describes it. A command
counts as documented when its full invocation (``python -m etl report``) appears; an
option when it appears in a section (the text between two Markdown headings) that
also names its command, so a ``--db`` documented for one command does not count for
another.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOC_FILES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def _sections() -> list[tuple[str, str]]:
    """(file name, text) of every Markdown section of README.md and docs/*.md."""
    out = []
    for path in DOC_FILES:
        text = path.read_text(encoding="utf-8")
        in_code = False
        current: list[str] = []
        for line in text.splitlines():
            if line.lstrip().startswith("```"):
                in_code = not in_code
            if not in_code and re.match(r"#{1,6} ", line):
                out.append((path.name, "\n".join(current)))
                current = []
            current.append(line)
        out.append((path.name, "\n".join(current)))
    return out


SECTIONS = _sections()


def _commands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):
    """(command path, long options) of a parser and, recursively, its subcommands."""
    options = [s for a in parser._actions if not isinstance(a, argparse._HelpAction)
               for s in a.option_strings if s.startswith("--")]
    yield path, options
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _commands(sub, path + (name,))


def _cli_items():
    from dashboard.auth.cli import build_parser as dashboard_parser
    from etl.cli import build_parser as etl_parser

    items = []
    for prog, parser in (("python -m etl", etl_parser()), ("python -m dashboard", dashboard_parser())):
        commands = list(_commands(parser))
        for path, options in commands:
            has_children = any(p[:len(path)] == path and len(p) > len(path) for p, _ in commands)
            if path and not has_children:
                items.append((prog, path, None))
            for option in options:
                items.append((prog, path, option))
    return items


ITEMS = _cli_items()


def _mentions(text: str, command: str) -> bool:
    return re.search(re.escape(command) + r"(?![\w-])", text) is not None


def _option_in(text: str, option: str) -> bool:
    return re.search(r"(?<![\w-])" + re.escape(option) + r"(?![\w-])", text) is not None


def test_the_parsers_are_found():
    commands = {" ".join((prog, *path)) for prog, path, option in ITEMS if option is None}
    assert {"python -m etl generate", "python -m etl load", "python -m etl export",
            "python -m etl pseudonymise", "python -m dashboard users add",
            "python -m dashboard audit export", "python -m dashboard demo-users"} <= commands
    assert len(ITEMS) > 30


@pytest.mark.parametrize("prog, path, option", ITEMS,
                         ids=[" ".join((p, *c, o or "")).strip() for p, c, o in ITEMS])
def test_command_and_option_are_documented(prog, path, option):
    command = " ".join((prog, *path))
    if option is None:
        assert any(_mentions(text, command) for _, text in SECTIONS), (
            f"`{command}` is not in README.md or docs/*.md")
        return
    where = [name for name, text in SECTIONS if _mentions(text, command) and _option_in(text, option)]
    assert where, (f"option {option} of `{command}` is not documented: no section of README.md or "
                   f"docs/*.md names both `{command}` and {option}")


def test_relative_links_and_images_exist():
    """Links and embedded screenshots in README.md and docs/*.md point at files that exist."""
    missing = []
    for path in DOC_FILES:
        text = re.sub(r"```.*?```", "", path.read_text(encoding="utf-8"), flags=re.S)
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            if re.match(r"[a-z]+:", target) or target.startswith("#"):
                continue
            if not (path.parent / target.split("#")[0]).exists():
                missing.append(f"{path.name}: {target}")
    assert not missing, "broken links: " + ", ".join(missing)

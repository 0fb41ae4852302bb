"""argparse in French: usage errors, help titles and argparse's own strings follow ``--lang``."""

from __future__ import annotations

import argparse
import sys
from typing import NoReturn

from ..errors import get_language

__all__ = ["Parser", "fr_help", "localise_argparse"]


_ARGPARSE_FR = {
    "usage: ": "usage : ",
    "positional arguments": "arguments",
    "options": "options",
    "show this help message and exit": "afficher cette aide et quitter",
    "show program's version number and exit": "afficher la version et quitter",
    "the following arguments are required: %s": "arguments obligatoires manquants : %s",
    "unrecognized arguments: %s": "arguments non reconnus : %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "choix invalide : %(value)r (choisir parmi %(choices)s)",
    "expected one argument": "une valeur est attendue",
    "ambiguous option: %(option)s could match %(matches)s": "option ambiguë : %(option)s peut désigner %(matches)s",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s : %(message)s",
}


def localise_argparse() -> None:
    """argparse looks its messages up through ``argparse._`` at call time: give it French."""
    if get_language() == "fr":
        argparse._ = lambda text: _ARGPARSE_FR.get(text, text)  # type: ignore[attr-defined]
    else:
        from gettext import gettext

        argparse._ = gettext  # type: ignore[attr-defined]


class Parser(argparse.ArgumentParser):
    """argparse with French usage errors (exit status 2)."""

    def error(self, message: str) -> NoReturn:
        fr = get_language() == "fr"
        text = message
        if fr:
            for en, french in (
                ("the following arguments are required", "arguments obligatoires manquants"),
                ("unrecognized arguments", "arguments non reconnus"),
                ("invalid choice", "choix invalide"),
                ("expected one argument", "une valeur est attendue"),
                ("argument", "argument"),
                ("choose from", "choisir parmi"),
            ):
                text = text.replace(en, french)
        self.print_usage(sys.stderr)
        if fr:
            sys.stderr.write(f"{self.prog} : erreur : {text}\n")
        else:
            sys.stderr.write(f"{self.prog}: error: {text}\n")
        sys.exit(2)


def fr_help(parser: argparse.ArgumentParser) -> None:
    """Section titles, the help of ``-h`` and the metavars in the language in force, and (in
    English) every description, help and epilog translated from :data:`.messages.HELP`."""
    from .messages import METAVARS, english

    fr = get_language() == "fr"
    parser._positionals.title = "arguments" if fr else "positional arguments"
    parser._optionals.title = "options"
    if not fr:
        parser.description = english(parser.description) if parser.description else None
        parser.epilog = english(parser.epilog) if parser.epilog else None
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction):
            action.help = (
                "afficher cette aide et quitter" if fr else "show this help message and exit"
            )
        elif action.help and not fr:
            action.help = english(action.help)
        if isinstance(action, argparse._SubParsersAction):
            action.metavar = METAVARS["command"][0 if fr else 1]
            for choice in action._choices_actions:
                if choice.help and not fr:
                    choice.help = english(choice.help)
        elif action.dest in METAVARS and not action.choices and action.nargs != 0:
            action.metavar = METAVARS[action.dest][0 if fr else 1]

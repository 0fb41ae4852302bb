"""The ``nqe-events`` command line: a thin layer over the public API.

Exit status: 0 all fine, 1 findings (clashes, non-aligned events, unknown QPV codes…), 2 unusable
input or usage error. Bad input never shows a traceback: the message names the file, the line, the
field and the fix. Text is French by default; ``--lang en`` switches to English.

Each stage is a sub-command registered in :data:`COMMANDS`: ``add_parser(subparsers)`` defines it and
``run(args) -> int`` runs it. ``demo`` runs every stage listed in :data:`DEMO_STAGES` in order.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from . import _cli_calendar, _cli_footprint, _cli_ics, _cli_report, errors
from ._cli_check import add_check_parser, demo_check, run_check
from .errors import NqeError, get_language

__all__ = ["COMMANDS", "DEMO_STAGES", "main"]


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


def _localise_argparse() -> None:
    """argparse looks its messages up through ``argparse._`` at call time: give it French."""
    if get_language() == "fr":
        argparse._ = lambda text: _ARGPARSE_FR.get(text, text)  # type: ignore[attr-defined]
    else:
        from gettext import gettext

        argparse._ = gettext  # type: ignore[attr-defined]


class _Parser(argparse.ArgumentParser):
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
        prefix = "erreur" if fr else "error"
        sys.stderr.write(f"{self.prog} : {prefix} : {text}\n")
        sys.exit(2)


def _fr_help(parser: argparse.ArgumentParser) -> None:
    parser._positionals.title = "arguments"
    parser._optionals.title = "options"
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction):
            action.help = "afficher cette aide et quitter"


Command = tuple[str, Callable[[Any], argparse.ArgumentParser], Callable[[argparse.Namespace], int]]


def _out(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _load(path: str, base: str | None = None) -> Any:
    from .io import load_programme, read_events_csv

    if path.lower().endswith(".csv"):
        if not base:
            raise errors.ProgrammeFileError(
                "un CSV d'événements se lit avec un programme de base (--base programme.yaml) "
                "qui définit quartiers, porteurs et lieux",
                "a CSV of events needs a base programme (--base programme.yaml) defining "
                "quartiers, organisers and venues",
                source=path,
            )
        return read_events_csv(path, load_programme(base))
    return load_programme(path)


# --- validate ------------------------------------------------------------------------------------


def _add_validate(sub: Any) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = sub.add_parser(
        "validate",
        help="vérifier un fichier de programme (YAML, JSON ou CSV)",
        description="Vérifie un fichier de programme et résume son contenu.",
    )
    p.add_argument("file", help="fichier .yaml, .yml, .json ou .csv (avec --base)")
    p.add_argument("--base", help="programme de base pour un CSV d'événements")
    p.add_argument("--qpv", help="liste officielle des QPV (CSV ou GeoJSON de l'ANCT)")
    p.add_argument("--format", choices=["text", "json"], default="text", help="format de sortie")
    return p


def programme_summary(programme: Any, lang: str) -> dict[str, Any]:
    events = programme.events
    communes = sorted({c for q in programme.quartiers for c in q.communes})
    depts = sorted({q.departement for q in programme.quartiers})
    return {
        "season": programme.season,
        "name": programme.name,
        "events": len(events),
        "dated": sum(1 for e in events if e.dated),
        "to_plan": sum(1 for e in events if not e.dated),
        "quartiers": len(programme.quartiers),
        "communes": len(communes),
        "departements": depts,
        "organisers": len(programme.organisers),
        "venues": len(programme.venues),
        "resources": len(programme.resources),
        "expected_attendance": sum(e.expected_attendance or 0 for e in events),
    }


def _thousands(n: int, lang: str) -> str:
    """12345 → "12 345" in French (narrow no-break space), "12,345" in English."""
    return f"{n:,}".replace(",", "\u202f") if lang == "fr" else f"{n:,}"


def _summary_text(s: dict[str, Any], lang: str) -> str:
    if lang == "fr":
        return (
            f"{s['name']} (saison {s['season']})\n"
            f"  {s['events']} temps forts : {s['dated']} datés, {s['to_plan']} à planifier\n"
            f"  {s['quartiers']} quartiers, {s['communes']} communes, "
            f"départements {', '.join(s['departements'])}\n"
            f"  {s['organisers']} porteurs, {s['venues']} lieux, "
            f"{s['resources']} ressources partagées\n"
            f"  public attendu : {_thousands(s['expected_attendance'], lang)} personnes"
        )
    return (
        f"{s['name']} (season {s['season']})\n"
        f"  {s['events']} temps forts: {s['dated']} dated, {s['to_plan']} to plan\n"
        f"  {s['quartiers']} quartiers, {s['communes']} communes, "
        f"départements {', '.join(s['departements'])}\n"
        f"  {s['organisers']} organisers, {s['venues']} venues, {s['resources']} shared resources\n"
        f"  expected attendance: {_thousands(s['expected_attendance'], lang)} people"
    )


def _run_validate(args: argparse.Namespace) -> int:
    lang = get_language()
    programme = _load(args.file, args.base)
    findings = []
    if args.qpv:
        from .io import check_qpv_codes, load_qpv_list

        findings = check_qpv_codes(programme, load_qpv_list(args.qpv))
    summary = programme_summary(programme, lang)
    if args.format == "json":
        payload = {
            "valid": True,
            "summary": summary,
            "findings": [{"path": f.path, "message": f.render(lang)} for f in findings],
        }
        _out(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        _out(("Fichier valide : " if lang == "fr" else "Valid file: ") + args.file)
        _out(_summary_text(summary, lang))
        for f in findings:
            _out("  ! " + f.render(lang))
    return 1 if findings else 0


# --- schema --------------------------------------------------------------------------------------


def _add_schema(sub: Any) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = sub.add_parser(
        "schema",
        help="afficher le schéma JSON des fichiers de programme",
        description="Affiche le schéma JSON (draft 2020-12) des fichiers de programme.",
    )
    p.add_argument("-o", "--output", help="écrire le schéma dans ce fichier")
    return p


def _run_schema(args: argparse.Namespace) -> int:
    from .io import programme_json_schema

    text = json.dumps(programme_json_schema(), ensure_ascii=False, indent=2)
    if args.output:
        Path(args.output).write_text(text + "\n", encoding="utf-8")
    else:
        _out(text)
    return 0


# --- demo ----------------------------------------------------------------------------------------

#: Demo stages: (name, function(programme, out_dir, lang) -> None), run in order by ``demo``.
DemoStage = Callable[[Any, Path, str], None]


def _demo_summary(programme: Any, out: Path, lang: str) -> None:
    from .io import dump_programme

    _out(_summary_text(programme_summary(programme, lang), lang))
    dump_programme(programme, out / "programme.yaml")
    dump_programme(programme, out / "programme.json")
    _out(f"  → {out / 'programme.yaml'}, {out / 'programme.json'}")


DEMO_STAGES: list[tuple[str, DemoStage]] = [
    ("programme", _demo_summary),
    ("clashes", _cli_calendar.demo_clashes),
    ("plan", _cli_calendar.demo_plan),
    ("alignement", demo_check),
    ("footprint", _cli_footprint.demo_footprint),
    ("ics", _cli_ics.demo_ics),
    ("bilan", _cli_report.demo_bilan),
]


def _add_demo(sub: Any) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = sub.add_parser(
        "demo",
        help="tout exécuter sur le programme d'exemple",
        description="Exécute chaque étape de la bibliothèque sur le programme d'exemple et écrit "
        "les résultats dans un dossier.",
    )
    p.add_argument("-o", "--output", default="nqe-demo", help="dossier de sortie (nqe-demo/)")
    p.add_argument("--example", default="nqe-2024", help="nom du programme d'exemple")
    return p


def _run_demo(args: argparse.Namespace) -> int:
    from .io import load_example

    lang = get_language()
    out = Path(args.output)
    out.mkdir(parents=True, exist_ok=True)
    programme = load_example(args.example)
    for name, stage in DEMO_STAGES:
        _out(f"\n== {name} ==")
        stage(programme, out, lang)
    _out(
        f"\nDémo terminée : résultats dans {out}/"
        if lang == "fr"
        else f"\nDemo finished: outputs in {out}/"
    )
    return 0


COMMANDS: list[Command] = [
    ("validate", _add_validate, _run_validate),
    ("schema", _add_schema, _run_schema),
    ("clashes", _cli_calendar.add_clashes, _cli_calendar.run_clashes),
    ("plan", _cli_calendar.add_plan, _cli_calendar.run_plan),
    ("demo", _add_demo, _run_demo),
    ("check", add_check_parser, run_check),
    ("footprint", _cli_footprint.add_footprint_parser, _cli_footprint.run_footprint),
    ("ics", _cli_ics.add_ics, _cli_ics.run_ics),
    ("import-ics", _cli_ics.add_import_ics, _cli_ics.run_import_ics),
]


def build_parser() -> argparse.ArgumentParser:
    _localise_argparse()
    parser = _Parser(
        prog="nqe-events",
        description="Nos Quartiers d'Été : vérifier, planifier, publier et mesurer les temps forts "
        "d'une saison.",
        epilog="Statut de sortie : 0 tout va bien, 1 constats (conflits, non-alignements…), "
        "2 entrée inutilisable ou erreur d'usage.",
    )
    parser.add_argument("--lang", choices=["fr", "en"], help="langue des messages (fr par défaut)")
    from . import __version__

    parser.add_argument(
        "--version",
        action="version",
        version=f"nqe-events {__version__}",
        help="afficher la version",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMANDE", parser_class=_Parser)
    sub.required = True
    for _name, add, run in COMMANDS:
        p = add(sub)
        p.set_defaults(_run=run)
        _fr_help(p)
    _fr_help(parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``nqe-events``; returns the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if "--lang" in argv:
        i = argv.index("--lang")
        if i + 1 < len(argv) and argv[i + 1] in ("fr", "en"):
            errors.set_language(argv[i + 1])
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code) if isinstance(exc.code, int) else 2
    try:
        return int(args._run(args))
    except NqeError as exc:
        sys.stderr.write(exc.render() + "\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("interrompu\n" if get_language() == "fr" else "interrupted\n")
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:
        where = getattr(exc, "filename", None) or ""
        fr = f"{where} : impossible d'écrire ou de lire ({exc.strerror})"
        en = f"{where}: cannot read or write ({exc.strerror})"
        sys.stderr.write((fr if get_language() == "fr" else en) + "\n")
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

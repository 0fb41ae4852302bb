"""``nqe-events schema``: the JSON Schema of programme files."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from ._common import echo

__all__ = ["add_parser", "run"]


def add_parser(sub: Any) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = sub.add_parser(
        "schema",
        help="afficher le schéma JSON des fichiers de programme",
        description="Affiche le schéma JSON (draft 2020-12) des fichiers de programme.",
    )
    p.add_argument("-o", "--output", help="écrire le schéma dans ce fichier")
    return p


def run(args: argparse.Namespace) -> int:
    from ..io import programme_json_schema

    text = json.dumps(programme_json_schema(), ensure_ascii=False, indent=2)
    if args.output:
        Path(args.output).write_text(text + "\n", encoding="utf-8")
    else:
        echo(text)
    return 0

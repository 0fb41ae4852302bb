"""Reading and writing programme files (YAML and JSON, one schema) and the JSON Schema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import ValidationError

from ..errors import ErrorDetail, ProgrammeFileError
from ..model import Programme
from ..model.messages import validation_error
from .files import MAX_FILE_BYTES, read_text
from .yaml_lines import line_map, load_yaml

__all__ = [
    "MAX_FILE_BYTES",
    "dump_programme",
    "dumps_programme",
    "load_programme",
    "loads_programme",
    "programme_json_schema",
]

Format = Literal["yaml", "json"]


def _format_of(path: Path) -> Format:
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        return "yaml"
    if suffix == ".json":
        return "json"
    raise ProgrammeFileError(
        f"extension « {suffix or '(aucune)'} » non reconnue : attendu .yaml, .yml ou .json "
        "(pour un tableau CSV, utilisez read_events_csv ou « nqe-events validate --base »)",
        f"unrecognised extension '{suffix or '(none)'}': expected .yaml, .yml or .json",
        source=str(path),
    )


def load_programme(path: str | Path) -> Programme:
    """Read a programme from a ``.yaml``/``.yml`` or ``.json`` file.

    Raises :class:`~nqe_events.errors.ProgrammeFileError` when the file cannot be parsed and
    :class:`~nqe_events.errors.ProgrammeValidationError` (with file, line and field path for each
    problem) when its content breaks the model.
    """
    path = Path(path)
    fmt = _format_of(path)
    return loads_programme(read_text(path), fmt, source=str(path))


def loads_programme(text: str, format: Format = "yaml", *, source: str | None = None) -> Programme:
    """Read a programme from YAML or JSON text."""
    lines: dict[tuple[int | str, ...], int] = {}
    if format == "json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ProgrammeFileError(
                "JSON illisible",
                "unreadable JSON",
                details=[
                    ErrorDetail(
                        "",
                        f"{exc.msg} (colonne {exc.colno})",
                        f"{exc.msg} (column {exc.colno})",
                        line=exc.lineno,
                    )
                ],
                source=source,
            ) from None
        try:
            _, lines = load_yaml(text)
        except yaml.YAMLError:
            lines = {}
    else:
        try:
            data, lines = load_yaml(text)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            problem = getattr(exc, "problem", None) or str(exc)
            raise ProgrammeFileError(
                "YAML illisible : vérifiez l'indentation, les deux-points et les guillemets",
                "unreadable YAML: check indentation, colons and quotes",
                details=[
                    ErrorDetail(
                        "",
                        str(problem),
                        str(problem),
                        line=mark.line + 1 if mark is not None else None,
                    )
                ],
                source=source,
            ) from None
        except RecursionError:
            raise ProgrammeFileError(
                "YAML trop imbriqué", "YAML nested too deeply", source=source
            ) from None
    if not isinstance(data, dict):
        raise ProgrammeFileError(
            "le fichier doit contenir un objet (season, name, events…), pas "
            + ("rien" if data is None else type(data).__name__),
            "the file must hold a mapping (season, name, events…), not "
            + ("nothing" if data is None else type(data).__name__),
            source=source,
        )
    return programme_from_data(data, source=source, lines=lines)


def programme_from_data(
    data: dict[str, Any],
    *,
    source: str | None = None,
    lines: dict[tuple[int | str, ...], int] | None = None,
) -> Programme:
    """Validate already-parsed data into a Programme, with located errors."""
    try:
        return Programme.model_validate(data)
    except ValidationError as exc:
        raise validation_error(
            exc, model=Programme, source=source, line_of=line_map(lines or {})
        ) from None
    except RecursionError:
        raise ProgrammeFileError(
            "données trop imbriquées", "data nested too deeply", source=source
        ) from None


def _plain(programme: Programme) -> dict[str, Any]:
    data: dict[str, Any] = programme.model_dump(mode="json", exclude_defaults=True)
    # season and name are always written, format_version too, so a file says what it is.
    data = {"format_version": programme.format_version, **data}
    return data


class _Dumper(yaml.SafeDumper):
    """SafeDumper that double-quotes strings holding Unicode line breaks (NEL, LS, PS), which
    PyYAML would otherwise fold into spaces inside single quotes."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if any(ch in value for ch in "\x85\u2028\u2029"):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')
    return dumper.represent_str(value)


_Dumper.add_representer(str, _represent_str)


def dumps_programme(programme: Programme, format: Format = "yaml") -> str:
    """The file text of a programme (YAML or JSON); reading it back gives an equal Programme."""
    data = _plain(programme)
    if format == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=100,
    )


def dump_programme(programme: Programme, path: str | Path, format: Format | None = None) -> Path:
    """Write a programme to ``path`` (format from the extension unless given)."""
    path = Path(path)
    fmt = format or _format_of(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dumps_programme(programme, fmt), encoding="utf-8")
    return path


def programme_json_schema() -> dict[str, Any]:
    """The JSON Schema of programme files (draft 2020-12), for other tools to validate files."""
    schema = Programme.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://nqe-events.example/schema/programme-v1.json"
    schema["title"] = "Programme Nos Quartiers d'Été (nqe_events)"
    return schema

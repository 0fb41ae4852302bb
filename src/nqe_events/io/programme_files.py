"""Reading and writing programme files (YAML and JSON, one schema) and the JSON Schema."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import ValidationError

from .._gc import paused_gc
from ..errors import ErrorDetail, ProgrammeFileError
from ..model import Programme
from ..model.base import TEXTS_CHECKED
from ..model.messages import validation_error
from .files import MAX_FILE_BYTES, read_text
from .json_reader import JsonSyntaxError, load_json_checked
from .limits import DEFAULT_LIMITS, LimitError, Limits, check_rows, depth_error
from .yaml_lines import YamlSyntaxError, line_index, line_map, load_yaml, reads_as_text

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


def load_programme(path: str | Path, *, limits: Limits = DEFAULT_LIMITS) -> Programme:
    """Read a programme from a ``.yaml``/``.yml`` or ``.json`` file.

    Raises :class:`~nqe_events.errors.ProgrammeFileError` when the file cannot be parsed or passes
    one of the bounds of :mod:`nqe_events.io.limits` and
    :class:`~nqe_events.errors.ProgrammeValidationError` (with file, line and field path for each
    problem) when its content breaks the model.
    """
    path = Path(path)
    fmt = _format_of(path)
    # the text is read inside _loads (not passed in), so that it can be let go before validation
    return _loads(
        None,
        fmt,
        source=str(path),
        limits=limits,
        reread=lambda: read_text(path, max_bytes=limits.max_bytes),
    )


def _syntax_error(fmt: Format, fr: str, en: str, line: int | None, source: str | None) -> Exception:
    if fmt == "json":
        head_fr, head_en = "JSON illisible", "unreadable JSON"
    else:
        head_fr = "YAML illisible : vérifiez l'indentation, les deux-points et les guillemets"
        head_en = "unreadable YAML: check indentation, colons and quotes"
    return ProgrammeFileError(
        head_fr, head_en, details=[ErrorDetail("", fr, en, line=line)], source=source
    )


def loads_programme(
    text: str,
    format: Format = "yaml",
    *,
    source: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Programme:
    """Read a programme from YAML or JSON text (``format`` is ``"yaml"`` or ``"json"``)."""
    return _loads(text, format, source=source, limits=limits, reread=None)


def _loads(
    text: str | None,
    format: Format,
    *,
    source: str | None,
    limits: Limits,
    reread: Callable[[], str] | None,
) -> Programme:
    # reading builds hundreds of thousands of objects without cycles: the collector would walk
    # them again at each collection (two thirds of the time of a 10,000-event file)
    with paused_gc():
        return _loads_unpaused(text, format, source=source, limits=limits, reread=reread)


def _loads_unpaused(
    text: str | None,
    format: Format,
    *,
    source: str | None,
    limits: Limits,
    reread: Callable[[], str] | None,
) -> Programme:
    """``loads_programme``; with ``reread`` (a file read again when a message needs its lines),
    the text is let go before validation, so it does not add to the peak memory (``text`` is
    then ``None``: the first call of ``reread`` gives it)."""
    if text is None:
        if reread is None:
            raise ValueError("text or reread is needed")
        text = reread()
    if format not in ("yaml", "json"):
        raise ProgrammeFileError(
            f"format « {str(format)[:40]} » inconnu : attendu yaml ou json",
            f"unknown format '{str(format)[:40]}': expected yaml or json",
            source=source,
        )
    if not isinstance(text, str):
        raise ProgrammeFileError(
            "le texte d'un programme doit être une chaîne (str)",
            "the text of a programme must be a str",
            source=source,
        )
    if len(text) > limits.max_bytes:
        raise ProgrammeFileError(
            f"texte trop long ({len(text)} caractères, au plus {limits.max_bytes})",
            f"text too long ({len(text)} characters, at most {limits.max_bytes})",
            source=source,
        )
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        line = text.count("\n", 0, exc.start) + 1
        raise _syntax_error(
            format,
            f"caractère invalide U+{ord(text[exc.start]):04X} (demi-paire UTF-16 isolée)",
            f"invalid character U+{ord(text[exc.start]):04X} (lone UTF-16 surrogate)",
            line,
            source,
        ) from None
    try:
        # JSON's walk for the bounds also tells whether any text holds a character the model
        # refuses (a control character…): when none does, the model's own search is skipped
        data, texts_checked = (
            load_json_checked(text, limits)
            if format == "json"
            else (load_yaml(text, limits), False)
        )
    except (JsonSyntaxError, YamlSyntaxError) as exc:
        raise _syntax_error(format, exc.fr, exc.en, exc.line, source) from None
    except LimitError as exc:
        raise exc.to_input_error(source) from None
    except RecursionError:
        raise depth_error(limits).to_input_error(source) from None
    if not isinstance(data, dict):
        raise ProgrammeFileError(
            "le fichier doit contenir un objet (season, name, events…), pas "
            + ("rien" if data is None else _KINDS.get(type(data).__name__, "autre chose")),
            "the file must hold a mapping (season, name, events…), not "
            + ("nothing" if data is None else type(data).__name__),
            source=source,
        )
    events = data.get("events")
    if isinstance(events, list):
        try:
            check_rows(len(events), limits)
        except LimitError as exc:
            raise exc.to_input_error(source) from None
    if reread is None:
        line_text = text

        def lines_of() -> dict[tuple[int | str, ...], int]:
            return line_index(line_text)

        return _validate(data, source, lines_of, texts_checked)
    del text  # the file is read again only if a message needs its lines

    def lines_again() -> dict[tuple[int | str, ...], int]:
        try:
            return line_index(reread())
        except ProgrammeFileError:
            return {}

    return _validate(data, source, lines_again, texts_checked)


_KINDS = {"list": "une liste", "str": "un texte", "int": "un nombre", "float": "un nombre"}
_KINDS["bool"] = "un booléen"


def programme_from_data(
    data: dict[str, Any],
    *,
    source: str | None = None,
    lines: dict[tuple[int | str, ...], int] | None = None,
    line_text: str | None = None,
) -> Programme:
    """Validate already-parsed data into a Programme, with located errors.

    Lines come from ``lines`` (field path → line) or, only when a message needs them, from
    reading ``line_text`` (the YAML or JSON text the data came from) once more."""

    def lines_of() -> dict[tuple[int | str, ...], int]:
        if lines is not None:
            return lines
        return line_index(line_text) if line_text is not None else {}

    return _validate(data, source, lines_of)


def _validate(
    data: dict[str, Any],
    source: str | None,
    lines_of: Callable[[], dict[tuple[int | str, ...], int]],
    texts_checked: bool = False,
) -> Programme:
    context = {TEXTS_CHECKED: True} if texts_checked else None
    try:
        with paused_gc():
            return Programme.model_validate(data, context=context)
    except ValidationError as exc:
        raise validation_error(
            exc, model=Programme, source=source, line_of=line_map(lines_of())
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
    PyYAML would otherwise fold into spaces inside single quotes, and quotes the strings that the
    project's core-schema reader would take for numbers (``0E0``: a float in YAML 1.2, plain text
    to PyYAML's YAML 1.1 resolver)."""


def _represent_str(dumper: yaml.representer.SafeRepresenter, value: str) -> yaml.ScalarNode:
    if any(ch in value for ch in "\x85\u2028\u2029"):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')
    if not reads_as_text(value):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="'")
    return dumper.represent_str(value)


_Dumper.add_representer(str, _represent_str)

#: libyaml's emitter (when PyYAML was built with it), with the same representers: ten times faster
#: on a large programme, and byte-identical to the pure-Python emitter as long as no string needs
#: the double-quoted style (which the two fold differently at the line width) nor a complex key.
_CDumper: type[yaml.CSafeDumper] | None = None
if getattr(yaml, "__with_libyaml__", False):

    class _FastDumper(yaml.CSafeDumper):
        """libyaml's emitter with :class:`_Dumper`'s representers."""

    _FastDumper.add_representer(str, _represent_str)
    _CDumper = _FastDumper

#: Text both emitters write alike: no control or non-printable character, nothing outside the
#: Basic Multilingual Plane (libyaml escapes it), no Unicode line break, no byte-order mark. A line
#: feed is fine, but not next to a space (PyYAML then double-quotes the string).
_SAME_TEXT = re.compile("[\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]*")
_SPACE_BREAK = re.compile(" \n|\n ")


#: how a programme is written as YAML, with either writer (the fast-writer test uses them too)
YAML_OPTIONS: dict[str, Any] = {
    "allow_unicode": True,
    "sort_keys": False,
    "default_flow_style": False,
    "width": 100,
}


def _same_in_both(data: Any) -> bool:
    """Whether libyaml writes ``data`` (plain JSON-like data) exactly as PyYAML's emitter does."""
    texts: list[str] = []
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            texts.append(value)
        elif isinstance(value, dict):
            for key in value:
                # PyYAML writes an empty or multi-line key as a complex key (``? …``)
                if not isinstance(key, str) or not key or "\n" in key:
                    return False
            texts.extend(value)
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    joined = "\x20".join(texts)  # a space: never adds a character, nor a space beside a break
    return _SAME_TEXT.fullmatch(joined) is not None and _SPACE_BREAK.search(joined) is None


def dumps_programme(programme: Programme, format: Format = "yaml") -> str:
    """The file text of a programme (YAML or JSON); reading it back gives an equal Programme."""
    if format not in ("yaml", "json"):
        raise ProgrammeFileError(
            f"format « {str(format)[:40]} » inconnu : attendu yaml ou json",
            f"unknown format '{str(format)[:40]}': expected yaml or json",
        )
    with paused_gc():
        data = _plain(programme)
        if format == "json":
            return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        dumper = _CDumper if _CDumper is not None and _same_in_both(data) else _Dumper
        return str(yaml.dump(data, Dumper=dumper, **YAML_OPTIONS))


def dump_programme(programme: Programme, path: str | Path, format: Format | None = None) -> Path:
    """Write a programme to ``path`` (format from the extension unless given).

    A folder that cannot be created or a file that cannot be written raises
    :class:`~nqe_events.errors.ProgrammeFileError`."""
    path = Path(path)
    fmt = format or _format_of(path)
    if fmt not in ("yaml", "json"):
        raise ProgrammeFileError(
            f"format « {str(fmt)[:40]} » inconnu : attendu yaml ou json",
            f"unknown format '{str(fmt)[:40]}': expected yaml or json",
            source=str(path),
        )
    text = dumps_programme(programme, fmt)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or "chemin invalide"
        raise ProgrammeFileError(
            f"écriture impossible ({reason}) : vérifiez le dossier et les droits",
            f"cannot write the file ({reason}): check the folder and permissions",
            source=repr(str(path))[1:-1],
        ) from None
    return path


def programme_json_schema() -> dict[str, Any]:
    """The JSON Schema of programme files (draft 2020-12), for other tools to validate files."""
    schema = Programme.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://nqe-events.example/schema/programme-v1.json"
    schema["title"] = "Programme Nos Quartiers d'Été (nqe_events)"
    return schema

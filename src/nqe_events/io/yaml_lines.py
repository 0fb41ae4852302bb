"""YAML read in one pass over libyaml's events, with a YAML 1.2-style core schema and bounds.

The document is built straight from the parser's events (libyaml's C parser; PyYAML's pure-Python
one only where libyaml is missing), without PyYAML's node tree or its constructors:

* scalars follow a strict core schema: only ``true``/``false`` are booleans, ``null``/``~``/empty
  is null, a decimal integer without a leading zero is an integer, a number with a point or an
  exponent is a float; **everything else stays text** — ``062`` is « 062 », ``10:00`` is « 10:00 »,
  ``2024-06-31`` is « 2024-06-31 » and the model validates it (no YAML 1.1 octal, base 60,
  ``yes``/``no`` booleans or timestamps);
* mapping keys are text, a repeated key is refused, a complex key (a list or mapping used as a key)
  is refused;
* aliases are followed (the same value is shared, never copied) and each use counts the whole size
  of its anchored value, so a « billion laughs » is refused after a bounded amount of work;
* nesting depth, text length and integer digits are bounded (:mod:`nqe_events.io.limits`).

Line numbers cost nothing on the way in: the fast pass keeps none, and :func:`line_index` reads the
text a second time, only when a message needs one, mapping each field path to its line.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import yaml
from yaml import events as ev

from .limits import (
    DEFAULT_LIMITS,
    LimitError,
    Limits,
    depth_error,
    int_error,
    nodes_error,
    string_error,
)

__all__ = ["YamlSyntaxError", "line_index", "line_map", "load_yaml"]

Path = tuple[int | str, ...]

_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*|[0-9]+(?=[eE]))(?:[eE][-+]?[0-9]+)?\Z")
_SPECIAL: dict[str, Any] = {
    "": None,
    "~": None,
    "null": None,
    "Null": None,
    "NULL": None,
    "true": True,
    "True": True,
    "TRUE": True,
    "false": False,
    "False": False,
    "FALSE": False,
    ".inf": float("inf"),
    "+.inf": float("inf"),
    "-.inf": float("-inf"),
    ".Inf": float("inf"),
    "+.Inf": float("inf"),
    "-.Inf": float("-inf"),
    ".INF": float("inf"),
    ".nan": float("nan"),
    ".NaN": float("nan"),
    ".NAN": float("nan"),
}
_NUMBER_START = frozenset("0123456789+-.")
_TAG = "tag:yaml.org,2002:"

# libyaml's problems (English) → French, by their start.
_PROBLEMS_FR: tuple[tuple[str, str], ...] = (
    ("mapping values are not allowed", "deux-points inattendu (une valeur ne peut pas être ici)"),
    ("found character '\\t'", "tabulation interdite : indentez avec des espaces"),
    ("found a tab character", "tabulation interdite : indentez avec des espaces"),
    ("found character that cannot start any token", "caractère inattendu en début de valeur"),
    ("could not find expected ':'", "deux-points « : » attendu après la clé"),
    (
        "found unexpected end of stream",
        "fin du fichier inattendue (guillemet ou crochet non fermé ?)",
    ),
    ("found unexpected ':'", "deux-points inattendu"),
    ("did not find expected key", "clé attendue : vérifiez l'indentation"),
    ("did not find expected ',' or ']'", "virgule ou « ] » attendu"),
    ("did not find expected ',' or '}'", "virgule ou « } » attendu"),
    ("did not find expected node content", "valeur attendue"),
    ("did not find expected '-' indicator", "tiret « - » attendu : vérifiez l'indentation"),
    ("expected <block end>", "fin de bloc attendue : vérifiez l'indentation"),
    ("found undefined tag handle", "étiquette YAML inconnue"),
    ("found unknown escape character", "séquence d'échappement inconnue entre guillemets"),
    ("control characters are not allowed", "caractère de contrôle interdit"),
    ("unacceptable character", "caractère de contrôle interdit dans le fichier"),
    ("special characters are not allowed", "caractère de contrôle interdit dans le fichier"),
    ("found unexpected document", "un seul document par fichier"),
    ("expected a single document", "un seul document par fichier"),
    ("found duplicate anchor", "ancre répétée"),
    ("did not find expected alphabetic or numeric character", "nom d'ancre ou d'alias attendu"),
    ("found unknown escape character", "séquence d'échappement inconnue entre guillemets"),
    ("found incompatible YAML document", "version de YAML non reconnue"),
)


class YamlSyntaxError(Exception):
    """The text is not YAML, or not YAML a programme file may hold (message in French and English,
    1-based line)."""

    def __init__(self, fr: str, en: str, line: int | None) -> None:
        super().__init__(en)
        self.fr = fr
        self.en = en
        self.line = line


def _problem(exc: yaml.YAMLError, text: str) -> YamlSyntaxError:
    if isinstance(exc, yaml.reader.ReaderError):  # a character YAML refuses anywhere
        code = (
            exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or " ")
        )
        line = text.count("\n", 0, exc.position) + 1 if isinstance(exc.position, int) else None
        return YamlSyntaxError(
            f"caractère U+{code:04X} interdit dans un fichier YAML (caractère de contrôle) : "
            "retirez-le",
            f"character U+{code:04X} not allowed in a YAML file (control character): remove it",
            line,
        )
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = str(getattr(exc, "problem", None) or exc)
    fr = next((f for en, f in _PROBLEMS_FR if problem.startswith(en)), None)
    if fr is None:
        fr = "syntaxe YAML incorrecte à cet endroit"
    return YamlSyntaxError(fr, problem, mark.line + 1 if mark is not None else None)


def _events(text: str) -> Callable[[], Any]:
    """The parser's ``get_event`` (libyaml when available)."""
    if yaml.__with_libyaml__:
        from yaml._yaml import CParser

        return CParser(text).get_event
    return yaml.SafeLoader(text).get_event


def _scalar(event: Any, limits: Limits) -> Any:
    value: str = event.value
    if len(value) > limits.max_string:
        raise string_error(len(value), limits, event.start_mark.line + 1)
    tag = event.tag
    if event.style or tag == "!":
        if tag is None or tag == "!" or tag == _TAG + "str":
            return value
        return _tagged(value, tag, event)
    if tag is not None:
        if tag == _TAG + "str":
            return value
        return _tagged(value, tag, event)
    if value in _SPECIAL:
        return _SPECIAL[value]
    if value[0] in _NUMBER_START:
        if _INT.match(value):
            if len(value) - (value[0] in "+-") > limits.max_int_digits:
                raise int_error(len(value.lstrip("+-")), limits, event.start_mark.line + 1)
            return int(value)
        if _FLOAT.match(value):
            if len(value) > 400:
                raise int_error(len(value), limits, event.start_mark.line + 1)
            return float(value)
    return value


def _tagged(value: str, tag: str, event: Any) -> Any:
    """An explicit ``!!int``, ``!!float``, ``!!bool`` or ``!!null``; any other tag is refused."""
    kind = tag.removeprefix(_TAG)
    line = event.start_mark.line + 1
    if kind in ("int", "float", "bool", "null"):
        plain = _SPECIAL.get(value, value)
        if kind == "null" and plain is None:
            return None
        if kind == "bool" and isinstance(plain, bool):
            return plain
        if kind == "int" and _INT.match(value):
            return int(value)
        if kind == "float" and (_INT.match(value) or _FLOAT.match(value)):
            return float(value)
        if kind == "float" and isinstance(plain, float):
            return plain
        raise YamlSyntaxError(
            f"valeur « {value[:40]} » impossible avec l'étiquette !!{kind}",
            f"value '{value[:40]}' impossible with tag !!{kind}",
            line,
        )
    raise YamlSyntaxError(
        f"étiquette YAML « {tag[:60]} » non acceptée dans un programme : retirez-la",
        f"YAML tag '{tag[:60]}' not accepted in a programme file: remove it",
        line,
    )


def _build(text: str, limits: Limits, lines: dict[Path, int] | None) -> Any:
    get_event = _events(text)
    scalar_event, alias_event = ev.ScalarEvent, ev.AliasEvent
    map_start, seq_start = ev.MappingStartEvent, ev.SequenceStartEvent
    map_end, seq_end = ev.MappingEndEvent, ev.SequenceEndEvent
    max_depth, max_nodes, max_alias = limits.max_depth, limits.max_nodes, limits.max_alias_nodes
    anchors: dict[str, tuple[Any, int]] = {}
    # A frame: [container, is_mapping, pending key (or _NO_KEY), anchor, nodes at start, path]
    stack: list[list[Any]] = []
    nodes = 0
    alias_nodes = 0
    root: Any = None
    documents = 0
    no_key = _NO_KEY

    def attach(value: Any, event: Any) -> None:
        nonlocal root
        if not stack:
            root = value
            if lines is not None:
                lines[()] = event.start_mark.line + 1
            return
        frame = stack[-1]
        container = frame[0]
        if frame[1]:
            key = frame[2]
            if key is no_key:
                if not isinstance(value, str):
                    raise YamlSyntaxError(
                        "clé complexe (liste ou objet en guise de clé) refusée",
                        "complex key (a list or mapping as a key) refused",
                        event.start_mark.line + 1,
                    )
                if value in container:
                    raise YamlSyntaxError(
                        f"clé « {value[:80]} » répétée : chaque clé n'apparaît qu'une fois",
                        f"repeated key '{value[:80]}': each key appears once",
                        event.start_mark.line + 1,
                    )
                frame[2] = value
                if lines is not None:
                    lines[(*frame[5], value)] = event.start_mark.line + 1
            else:
                container[key] = value
                frame[2] = no_key
        else:
            if lines is not None:
                lines[(*frame[5], len(container))] = event.start_mark.line + 1
            container.append(value)

    while True:
        event = get_event()
        kind = type(event)
        if kind is scalar_event:
            nodes += 1
            if stack and stack[-1][1] and stack[-1][2] is no_key:
                # a mapping key: always text, whatever it looks like (``2024: …`` is « 2024 »)
                value = event.value
                if len(value) > limits.max_string:
                    raise string_error(len(value), limits, event.start_mark.line + 1)
            else:
                value = _scalar(event, limits)
            attach(value, event)
            if event.anchor is not None:
                anchors[event.anchor] = (value, 1)
        elif kind is map_start or kind is seq_start:
            nodes += 1
            is_map = kind is map_start
            if stack and stack[-1][1] and stack[-1][2] is no_key:
                raise YamlSyntaxError(
                    "clé complexe (liste ou objet en guise de clé) refusée",
                    "complex key (a list or mapping as a key) refused",
                    event.start_mark.line + 1,
                )
            if len(stack) >= max_depth:
                raise depth_error(limits, event.start_mark.line + 1)
            container: Any = {} if is_map else []
            path: Path = ()
            if lines is not None and stack:
                parent = stack[-1]
                path = (*parent[5], parent[2] if parent[1] else len(parent[0]))
            attach(container, event)
            stack.append([container, is_map, no_key, event.anchor, nodes, path])
        elif kind is map_end or kind is seq_end:
            frame = stack.pop()
            if frame[3] is not None:
                anchors[frame[3]] = (frame[0], nodes - frame[4] + 1)
        elif kind is alias_event:
            found = anchors.get(event.anchor)
            if found is None:
                raise YamlSyntaxError(
                    f"alias « *{event.anchor} » sans ancre « &{event.anchor} » définie avant lui",
                    f"alias '*{event.anchor}' without an anchor '&{event.anchor}' defined before it",
                    event.start_mark.line + 1,
                )
            value, size = found
            nodes += size
            alias_nodes += size
            if alias_nodes > max_alias or nodes > max_nodes:
                raise nodes_error(limits, event.start_mark.line + 1)
            if stack and stack[-1][1] and stack[-1][2] is no_key and not isinstance(value, str):
                raise YamlSyntaxError(
                    "clé complexe (liste ou objet en guise de clé) refusée",
                    "complex key (a list or mapping as a key) refused",
                    event.start_mark.line + 1,
                )
            attach(value, event)
        elif kind is ev.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise YamlSyntaxError(
                    "un seul document par fichier (retirez le second « --- »)",
                    "one document per file (remove the second '---')",
                    event.start_mark.line + 1,
                )
        elif kind is ev.StreamEndEvent:
            return root
        if nodes > max_nodes:
            raise nodes_error(limits, event.start_mark.line + 1)


class _NoKey:
    __slots__ = ()


_NO_KEY = _NoKey()


def load_yaml(text: str, limits: Limits = DEFAULT_LIMITS) -> Any:
    """The plain data (dicts, lists, text, numbers, booleans, ``None``) of one YAML document.

    Raises :class:`YamlSyntaxError` for text that is not YAML or breaks the programme-file rules
    (repeated key, complex key, unknown tag or alias) and :class:`~nqe_events.io.limits.LimitError`
    past a bound.
    """
    try:
        return _build(text, limits, None)
    except yaml.YAMLError as exc:
        raise _problem(exc, text) from None


def line_index(text: str, limits: Limits = DEFAULT_LIMITS) -> dict[Path, int]:
    """Each field path of the document → the 1-based line where it is written (a mapping entry:
    the line of its key; a list item: the line where it starts). Empty when the text does not
    parse. Read again only when a message needs a line."""
    lines: dict[Path, int] = {}
    try:
        _build(text, limits, lines)
    except (yaml.YAMLError, YamlSyntaxError, LimitError, RecursionError, UnicodeError):
        return lines
    return lines


def line_map(lines: dict[Path, int]) -> Callable[[Path], int | None]:
    """A function giving the line of the deepest known prefix of a path."""

    def line_of(loc: Path) -> int | None:
        for end in range(len(loc), -1, -1):
            found = lines.get(loc[:end])
            if found is not None:
                return found
        return None

    return line_of


def reads_as_text(value: str) -> bool:
    """Whether ``value`` written as a plain (unquoted) scalar is read back as this text by the
    core schema above; when not (``0E0``, ``1e3``, ``true``, ``null``…), a writer must quote it."""
    if value in _SPECIAL:
        return False
    return not (value[:1] in _NUMBER_START and (_INT.match(value) or _FLOAT.match(value)))

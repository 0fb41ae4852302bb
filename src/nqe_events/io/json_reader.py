"""JSON read with the standard library's C decoder, under the same bounds and rules as YAML.

A repeated key is refused (``object_pairs_hook``), ``NaN``/``Infinity`` are refused (they are not
JSON), an integer is bounded in digits, nesting past the decoder's depth gives a message instead of
``RecursionError``, and the decoder's English messages (« Expecting ',' delimiter ») are given in
French with their line and column.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..model.base import REFUSED_TEXT
from .limits import DEFAULT_LIMITS, Limits, depth_error, int_error, string_error

__all__ = ["JsonSyntaxError", "load_json"]

_MESSAGES_FR: tuple[tuple[str, str], ...] = (
    ("Expecting ',' delimiter", "virgule « , » attendue entre deux éléments"),
    ("Expecting ':' delimiter", "deux-points « : » attendu après la clé"),
    (
        "Expecting property name enclosed in double quotes",
        "nom de clé entre guillemets doubles attendu (pas de virgule finale, pas d'apostrophes)",
    ),
    ("Expecting value", "valeur attendue (texte entre guillemets, nombre, true, false, null…)"),
    ("Extra data", "texte en trop après la fin du document JSON"),
    ("Unterminated string starting at", "texte sans guillemet fermant"),
    ("Invalid control character at", "caractère de contrôle dans un texte : écrivez-le \\n ou \\t"),
    ("Invalid \\escape", "séquence d'échappement invalide (\\n, \\t, \\\", \\\\, \\uXXXX)"),
    ("Invalid \\uXXXX escape", "séquence \\uXXXX invalide"),
    ("Illegal trailing comma", "virgule en trop avant la fin de la liste ou de l'objet"),
)


class JsonSyntaxError(Exception):
    """Text that is not JSON (or repeats a key): message in French and English, line, column."""

    def __init__(self, fr: str, en: str, line: int | None = None, column: int | None = None):
        super().__init__(en)
        self.fr = fr
        self.en = en
        self.line = line
        self.column = column


class _Repeated(Exception):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _Repeated(key)
            seen.add(key)
    return out


def _constant(name: str) -> Any:
    raise JsonSyntaxError(
        f"« {name} » n'est pas une valeur JSON : écrivez un nombre fini",
        f"'{name}' is not a JSON value: write a finite number",
    )


def _line_of_key(text: str, key: str) -> int | None:
    needle = json.dumps(key, ensure_ascii=False)
    first = text.find(needle)
    second = text.find(needle, first + 1) if first >= 0 else -1
    at = second if second >= 0 else first
    return text.count("\n", 0, at) + 1 if at >= 0 else None


def load_json(text: str, limits: Limits = DEFAULT_LIMITS) -> Any:
    """The data of a JSON document; :class:`JsonSyntaxError` for text that is not JSON,
    :class:`~nqe_events.io.limits.LimitError` past a bound."""
    return load_json_checked(text, limits)[0]


def load_json_checked(text: str, limits: Limits = DEFAULT_LIMITS) -> tuple[Any, bool]:
    """:func:`load_json`, and whether no key or text of the document holds a character the model
    refuses (a control character, a bidirectional override…: then the model's own search, which
    would find nothing, is skipped)."""
    max_digits = limits.max_int_digits

    def bounded_int(digits: str) -> int:
        if len(digits) - (digits[0] == "-") > max_digits:
            raise int_error(len(digits.lstrip("-")), limits)
        return int(digits)

    try:
        data = json.loads(
            text,
            object_pairs_hook=_pairs,
            parse_constant=_constant,
            parse_int=bounded_int,
        )
    except json.JSONDecodeError as exc:
        fr = next((f for en, f in _MESSAGES_FR if exc.msg.startswith(en)), None)
        fr = fr or "syntaxe JSON incorrecte"
        raise JsonSyntaxError(
            f"{fr} (colonne {exc.colno})",
            f"{exc.msg} (column {exc.colno})",
            exc.lineno,
            exc.colno,
        ) from None
    except _Repeated as exc:
        raise JsonSyntaxError(
            f"clé « {exc.key[:80]} » répétée : chaque clé n'apparaît qu'une fois",
            f"repeated key '{exc.key[:80]}': each key appears once",
            _line_of_key(text, exc.key),
        ) from None
    except RecursionError:
        raise depth_error(limits) from None
    clean = _raw_clean(text, limits)
    if clean is None:
        return data, _check_strings(data, limits)
    _check_depth(data, limits)
    return data, clean


#: The characters of ``REFUSED_TEXT`` that a JSON text can hold raw in a string: the decoder refuses
#: raw C0 controls in strings (outside them, only spaces, tabs, newlines and carriage returns pass).
_RAW_REFUSED = re.compile("[\x7f-\x84\x86-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")
#: An escape that may decode to a refused character (anything but ``\"``, ``\\``, ``\/``,
#: ``\n``, ``\t``).
_OTHER_ESCAPE = re.compile(r'\\[^"\\/nt]')


def _raw_clean(text: str, limits: Limits) -> bool | None:
    """What :func:`_check_strings` would find about strings, read from the text without walking the
    data: ``None`` when the text alone cannot tell (then the data is walked), else whether no key or
    text holds a refused character. Every text is then within ``limits.max_string`` characters."""
    max_string = limits.max_string
    if len(text) > max_string:
        if '\\"' in text:
            return None  # an escaped quote: quotes in the text are not all string boundaries
        # a decoded string is never longer than its text between its two quotes: no run of more
        # than max_string characters without a quote means no string longer than max_string
        at, end = 0, len(text)
        while end - at > max_string:
            last = text.rfind('"', at, at + max_string + 1)
            if last < 0:
                return None
            at = last + 1
    if _OTHER_ESCAPE.search(text):
        return None
    # no escape but those decoding to printable characters, tab or newline: every character of
    # every decoded key and text is in the text as written
    return _RAW_REFUSED.search(text) is None


def _check_depth(data: Any, limits: Limits) -> None:
    """Refuse nesting past the depth bound (one walk over lists and mappings, no recursion)."""
    max_depth = limits.max_depth
    stack: list[tuple[Any, int]] = [(data, 1)]
    pop, push = stack.pop, stack.append
    while stack:
        node, depth = pop()
        kind = type(node)
        if kind is dict:
            items: Any = node.values()
        elif kind is list:
            items = node
        else:
            continue
        if depth > max_depth:
            raise depth_error(limits)
        for value in items:
            kind = type(value)
            if kind is dict or kind is list:
                push((value, depth + 1))


def _check_strings(data: Any, limits: Limits) -> bool:
    """Refuse text values over the bound and nesting past the depth bound (one walk, no
    recursion); whether no key or text holds a refused character (``model.base.text_problems``)."""
    max_string, max_depth = limits.max_string, limits.max_depth
    bad = REFUSED_TEXT.search
    clean = True
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        node, depth = stack.pop()
        if type(node) is dict:
            items: Any = node.values()
            if clean:
                clean = all(key.isprintable() or not bad(key) for key in node)
        elif type(node) is list:
            items = node
        else:
            continue
        if depth > max_depth:
            raise depth_error(limits)
        for value in items:
            kind = type(value)
            if kind is str:
                if len(value) > max_string:
                    raise string_error(len(value), limits)
                if clean and not value.isprintable() and bad(value):
                    clean = False
            elif kind is dict or kind is list:
                stack.append((value, depth + 1))
    return clean

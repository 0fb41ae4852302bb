"""A guarded first pass over ICS bytes, before any parser sees them (stdlib only).

The scan checks, in one linear pass and with bounded memory, that the input is an iCalendar stream
that can be read safely: its size, the length of every (unfolded) content line, the number of
components, their nesting depth, the number of properties per component, that every ``BEGIN`` has
its ``END`` and that each content line has a name and a value. Any problem is an
:class:`IcsError` that gives the line number. The scan also records, for each component, the
line where it begins and the line of each of its properties, so that later errors can be located.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ...errors import ErrorDetail, IcsError, short

__all__ = ["IcsLimits", "ScannedComponent", "ScannedProperty", "scan_ics", "split_params"]


@dataclass(frozen=True)
class IcsLimits:
    """What an ICS input may hold before it is refused as too large or too deep.

    The defaults hold a whole region's summer with a wide margin (a season has a few hundred
    events), while a hostile file is refused before it can use much memory or time.
    """

    max_bytes: int = 20 * 1024 * 1024
    max_line_chars: int = 100_000
    max_components: int = 50_000
    max_depth: int = 8
    max_properties: int = 5_000
    #: occurrences of one recurring series in the season (bounded before it is expanded)
    max_occurrences: int = 20_000
    #: occurrences of all the recurring series of a file in the season
    max_file_occurrences: int = 20_000

    def scaled(self, max_bytes: int) -> IcsLimits:
        """These limits for files up to ``max_bytes``: the counts that grow with a file's size
        (components, occurrences of the whole file) grow in proportion; the bounds of one line,
        one component or one series stay (a bigger file holds more events, not bigger ones)."""
        factor = max(1.0, max_bytes / self.max_bytes)
        return dataclasses.replace(
            self,
            max_bytes=max_bytes,
            max_components=math.ceil(self.max_components * factor),
            max_file_occurrences=math.ceil(self.max_file_occurrences * factor),
        )


DEFAULT_LIMITS = IcsLimits()

_NAME = re.compile(r"[A-Za-z0-9-]+")
_HEAD = re.compile(r"([A-Za-z0-9-]+)([:;])")


@dataclass(slots=True)
class ScannedProperty:
    """One content line: its name (upper case), raw parameters, raw value and 1-based line."""

    name: str
    params: str
    value: str
    line: int

    def param(self, key: str) -> str | None:
        """A parameter's value (unquoted), or ``None``."""
        for part in split_params(self.params):
            k, _, v = part.partition("=")
            if k.upper() == key.upper():
                return v[1:-1] if len(v) >= 2 and v[0] == v[-1] == '"' else v
        return None


@dataclass(slots=True)
class ScannedComponent:
    """A component with the line of its ``BEGIN``, its properties and its sub-components."""

    name: str
    line: int
    properties: list[ScannedProperty] = field(default_factory=list)
    children: list[ScannedComponent] = field(default_factory=list)
    end_line: int = 0
    #: the first unreadable content line inside this component (then it is left out)
    broken: ErrorDetail | None = None
    #: lines met after END:VCALENDAR that were ignored (on the root only)
    trailing: int = 0

    def first(self, name: str) -> ScannedProperty | None:
        for p in self.properties:
            if p.name == name:
                return p
        return None

    def walk(self, name: str | None = None) -> Iterator[ScannedComponent]:
        """This component and its descendants in document order (only ``name`` when given)."""
        if name is None or self.name == name:
            yield self
        for child in self.children:
            yield from child.walk(name)


def _n(value: int) -> str:
    """A number with thin spaces between thousands (French typography, readable in English)."""
    return f"{value:,}".replace(",", "\u202f")


def split_params(text: str) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    quoted = False
    for ch in text:
        if ch == '"':
            quoted = not quoted
        if ch == ";" and not quoted:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    if current:
        parts.append("".join(current))
    return [p for p in parts if p]


def _error(
    line: int | None, fr: str, en: str, found: str | None = None, source: str | None = None
) -> IcsError:
    detail = ErrorDetail(path="", message_fr=fr, message_en=en, found=found, line=line)
    return IcsError(
        "fichier ICS illisible" if line is not None else fr,
        "unreadable ICS file" if line is not None else en,
        details=[detail] if line is not None else (),
        source=source,
    )


def _decode(data: bytes, source: str | None) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise _error(
            line,
            "octets qui ne sont pas de l'UTF-8 : un fichier ICS doit être encodé en UTF-8",
            "bytes that are not UTF-8: an ICS file must be encoded in UTF-8",
            found="octets " + data[exc.start : exc.start + 8].hex(" ").upper(),
            source=source,
        ) from None
    return text[1:] if text.startswith("\ufeff") else text


#: Physical lines are split this many characters at a time: fast, with bounded extra memory.
_CHUNK = 1 << 20


def _physical_lines(text: str) -> Iterator[list[str]]:
    """The file's physical lines (without their LF), a chunk of about :data:`_CHUNK` characters at
    a time; the last list ends with "" when the text ends with a line feed."""
    pos = 0
    length = len(text)
    while pos < length:
        cut = text.find("\n", pos + _CHUNK) if pos + _CHUNK < length else -1
        if cut == -1:
            yield text[pos:].split("\n")
            return
        yield text[pos:cut].split("\n")
        pos = cut + 1


def _logical_lines(text: str, limits: IcsLimits, source: str | None) -> Iterator[tuple[int, str]]:
    """Unfolded content lines with the 1-based number of their first physical line."""
    max_chars = limits.max_line_chars
    number = 0
    current: str | None = None  # the logical line being read (unfolded so far)
    folds: list[str] | None = None  # its parts, once it is folded
    current_len = 0
    current_line = 0
    for chunk in _physical_lines(text):
        for raw in chunk:
            number += 1
            if raw[-1:] == "\r":
                raw = raw[:-1]
            if len(raw) > max_chars:
                raise _error(
                    number,
                    f"ligne de {_n(len(raw))} caractères, au-delà de la limite de "
                    f"{_n(max_chars)} : fichier refusé",
                    f"line of {_n(len(raw))} characters, above the limit of "
                    f"{_n(max_chars)}: file refused",
                    source=source,
                )
            first = raw[:1]
            if first == " " or first == "\t":
                if current is None:
                    raise _error(
                        number,
                        "ligne de continuation (commençant par une espace) sans ligne avant elle",
                        "continuation line (starting with a space) with no line before it",
                        found=short(raw, 40),
                        source=source,
                    )
                current_len += len(raw) - 1
                if current_len > max_chars:
                    raise _error(
                        current_line,
                        f"ligne dépliée de plus de {_n(max_chars)} caractères : fichier refusé",
                        f"unfolded line longer than {_n(max_chars)} characters: file refused",
                        source=source,
                    )
                if folds is None:
                    folds = [current]
                folds.append(raw[1:])
                continue
            if current is not None:
                yield current_line, current if folds is None else "".join(folds)
                folds = None
            if not raw:
                current = None
                current_len = 0
                continue
            current = raw
            current_len = len(raw)
            current_line = number
    if current is not None:
        yield current_line, current if folds is None else "".join(folds)


def _split_line(line_no: int, text: str, source: str | None) -> tuple[str, str, str]:
    m = _HEAD.match(text)
    if m is not None:
        name = m.group(1).upper()
        if m.group(2) == ":":
            return name, "", text[m.end() :]
        rest = text[m.end() :]
        if '"' not in rest:  # parameters without quotes: the value starts at the first colon
            i = rest.find(":")
            if i >= 0:
                return name, rest[:i], rest[i + 1 :]
    return _split_slow(line_no, text, source)


def _split_slow(line_no: int, text: str, source: str | None) -> tuple[str, str, str]:
    m = _NAME.match(text)
    if m is None or m.end() >= len(text) or text[m.end()] not in ":;":
        raise _error(
            line_no,
            "ligne de contenu illisible : attendu NOM:valeur ou NOM;PARAMÈTRE=…:valeur",
            "unreadable content line: expected NAME:value or NAME;PARAM=…:value",
            found=short(text, 50),
            source=source,
        )
    name = m.group(0).upper()
    rest = text[m.end() :]
    if rest[0] == ":":
        return name, "", rest[1:]
    quoted = False
    for i, ch in enumerate(rest):
        if ch == '"':
            quoted = not quoted
        elif ch == ":" and not quoted:
            return name, rest[1:i], rest[i + 1 :]
    raise _error(
        line_no,
        f"ligne {name} sans « : » avant sa valeur (ou guillemet non fermé dans un paramètre)",
        f"{name} line without ':' before its value (or an unclosed quote in a parameter)",
        found=short(text, 50),
        source=source,
    )


def _too_many_components(line: int, limits: IcsLimits, source: str | None) -> IcsError:
    return _error(
        line,
        f"plus de {_n(limits.max_components)} composants (événements, fuseaux…) : fichier refusé",
        f"more than {_n(limits.max_components)} components (events, time zones…): file refused",
        source=source,
    )


_BEGIN_END = re.compile(r"^(BEGIN|END):", re.MULTILINE)


def _begin_beyond(text: str, limits: IcsLimits) -> int | None:
    """The line of the first « BEGIN: » line beyond ``limits.max_components`` of them, or
    ``None``: a count in C first, then, only for a file that has that many, a walk over its BEGIN
    and END lines alone (``None`` as well when the nesting gets too deep before: the full scan
    then says so, with its line)."""
    limit = limits.max_components
    if text.count("\nBEGIN:") + text.startswith("BEGIN:") <= limit:
        return None
    depth = seen = 0
    for m in _BEGIN_END.finditer(text):
        if m.group(1) == "END":
            depth = max(depth - 1, 0)
            continue
        if depth >= limits.max_depth:
            return None
        seen += 1
        if seen > limit:
            return text.count("\n", 0, m.start()) + 1
        depth += 1
    return None


def scan_ics(
    data: bytes | str, *, limits: IcsLimits = DEFAULT_LIMITS, source: str | None = None
) -> ScannedComponent:
    """Check ``data`` against ``limits`` and the lexical rules of RFC 5545; return the VCALENDAR.

    Raises :class:`IcsError` (with the line number) for anything unreadable or too large.
    """
    size = len(data.encode("utf-8")) if isinstance(data, str) else len(data)
    if size > limits.max_bytes:
        raise _error(
            None,
            f"fichier ICS de {_n(size)} octets, au-delà de la limite de {_n(limits.max_bytes)} "
            "octets : refusé sans être lu",
            f"ICS file of {_n(size)} bytes, above the limit of {_n(limits.max_bytes)} bytes: "
            "refused without reading it",
            source=source,
        )
    text = data if isinstance(data, str) else _decode(data, source)
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise _error(
            line,
            "caractère nul dans le fichier : ce n'est pas un fichier texte iCalendar",
            "NUL character in the file: this is not an iCalendar text file",
            source=source,
        )
    # a file with far too many components is refused without being scanned line by line: the
    # lines starting with « BEGIN: » (upper case) are a lower bound of its components
    line_no = _begin_beyond(text, limits)
    if line_no is not None:
        raise _too_many_components(line_no, limits, source)
    stack: list[ScannedComponent] = []
    root: ScannedComponent | None = None
    components = 0
    last_line = 0
    max_properties = limits.max_properties
    head = _HEAD.match
    for line_no, text_line in _logical_lines(text, limits, source):
        last_line = line_no
        # fast path: an ordinary property inside a component, its value after the first colon
        m = head(text_line)
        if m is not None and stack:
            name = m.group(1).upper()
            if name != "BEGIN" and name != "END":
                top = stack[-1]
                if len(top.properties) < max_properties:
                    if m.group(2) == ":":
                        top.properties.append(
                            ScannedProperty(name, "", text_line[m.end() :], line_no)
                        )
                        continue
                    rest = text_line[m.end() :]
                    i = rest.find(":") if '"' not in rest else -1
                    if i >= 0:
                        top.properties.append(
                            ScannedProperty(name, rest[:i], rest[i + 1 :], line_no)
                        )
                        continue
        try:
            name, params, value = _split_line(line_no, text_line, source)
        except IcsError as exc:
            if len(stack) < 2:
                raise
            # a broken line inside a component: that component is left out (an event with a
            # warning), not the file; in the calendar's own lines, the file is malformed
            if stack[1].broken is None:
                stack[1].broken = exc.details[0]
            continue
        if root is not None and not stack:
            if name not in ("BEGIN", "END"):  # a stray line after the end (caching proxies)
                root.trailing += 1
                continue
            raise _error(
                line_no,
                "contenu après END:VCALENDAR : un fichier ne contient qu'un calendrier",
                "content after END:VCALENDAR: a file holds one calendar",
                found=short(text_line, 50),
                source=source,
            )
        if name == "BEGIN":
            comp_name = value.strip().upper()
            if not _NAME.fullmatch(comp_name):
                raise _error(
                    line_no,
                    "BEGIN sans nom de composant valide",
                    "BEGIN without a valid component name",
                    found=short(value, 40),
                    source=source,
                )
            if not stack and comp_name != "VCALENDAR":
                raise _error(
                    line_no,
                    "un fichier ICS commence par BEGIN:VCALENDAR",
                    "an ICS file starts with BEGIN:VCALENDAR",
                    found=short(text_line, 40),
                    source=source,
                )
            components += 1
            if components > limits.max_components:
                raise _too_many_components(line_no, limits, source)
            if len(stack) >= limits.max_depth:
                raise _error(
                    line_no,
                    f"composants imbriqués sur plus de {limits.max_depth} niveaux : fichier refusé",
                    f"components nested more than {limits.max_depth} levels deep: file refused",
                    source=source,
                )
            comp = ScannedComponent(comp_name, line_no)
            if stack:
                stack[-1].children.append(comp)
            else:
                root = comp
            stack.append(comp)
            continue
        if name == "END":
            comp_name = value.strip().upper()
            if not stack:
                raise _error(
                    line_no,
                    f"END:{comp_name} sans BEGIN correspondant",
                    f"END:{comp_name} without a matching BEGIN",
                    source=source,
                )
            top = stack[-1]
            if top.name != comp_name:
                raise _error(
                    line_no,
                    f"END:{comp_name} alors que BEGIN:{top.name} (ligne {top.line}) "
                    "n'est pas fermé",
                    f"END:{comp_name} while BEGIN:{top.name} (line {top.line}) is still open",
                    source=source,
                )
            top.end_line = line_no
            stack.pop()
            continue
        if not stack:
            raise _error(
                line_no,
                "un fichier ICS commence par BEGIN:VCALENDAR",
                "an ICS file starts with BEGIN:VCALENDAR",
                found=short(text_line, 40),
                source=source,
            )
        top = stack[-1]
        if len(top.properties) >= limits.max_properties:
            raise _error(
                line_no,
                f"plus de {_n(limits.max_properties)} propriétés dans {top.name} "
                f"(ligne {top.line}) : fichier refusé",
                f"more than {_n(limits.max_properties)} properties in {top.name} "
                f"(line {top.line}): file refused",
                source=source,
            )
        top.properties.append(ScannedProperty(name, params, value, line_no))
    if root is None:
        raise _error(
            None,
            "fichier vide ou sans BEGIN:VCALENDAR : ce n'est pas un fichier ICS",
            "empty file or no BEGIN:VCALENDAR: this is not an ICS file",
            source=source,
        )
    if stack:
        top = stack[-1]
        raise _error(
            top.line,
            f"BEGIN:{top.name} jamais fermé (END:{top.name} manquant avant la fin, "
            f"ligne {last_line})",
            f"BEGIN:{top.name} never closed (END:{top.name} missing before the end, "
            f"line {last_line})",
            source=source,
        )
    return root

"""One normaliser of values for every route: YAML, JSON, CSV, XLSX, ODS and the Python API.

People write « Centre social », « confirmé », « oui », « 1 jour », « 20/07/2024 14h » or « 9 000 € »;
the model's fields read all of these through the functions below, wired as pydantic
``BeforeValidator``s, so a programme file, a spreadsheet cell and a Python call are understood the
same way. The accepted values of the enumerations and their synonyms are data
(``data/vocabulary.toml``), also used by the spreadsheet template's dropdowns and listed in
docs/file-format.md (a test keeps the page in step with the tables).

A refused value raises a ``PydanticCustomError`` of type ``nqe_value`` whose context carries the
French and English messages (rendered by :mod:`nqe_events.model.messages`), with the closest
accepted values.
"""

from __future__ import annotations

import functools
import math
import re
import tomllib
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from importlib import resources
from typing import Annotated, Any

from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

from ..errors import closest

__all__ = [
    "Count",
    "Flag",
    "LocalDate",
    "LocalTime",
    "Vocabulary",
    "choice",
    "normalise_token",
    "parse_amount",
    "parse_bool",
    "parse_count",
    "parse_date",
    "parse_date_or_datetime",
    "parse_hours",
    "parse_time",
    "refuse",
    "vocabulary",
]


def refuse(fr: str, en: str) -> PydanticCustomError:
    """The error of a refused value, with its message in both languages."""
    return PydanticCustomError("nqe_value", "{fr}", {"fr": fr, "en": en})


def key(text: str) -> str:
    """The comparison key of a spelling: lower case, no accents, no spaces, hyphens, underscores,
    apostrophes or dots ("Centre-Social" and "centre social" → "centresocial")."""
    if len(text) > 200:  # no spelling of a table is that long: not worth a cache entry
        return _key(text)
    return _cached_key(text)


def _key(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.strip().lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[\s\-_'’.]+", "", text)


#: the same few spellings (statuses, themes, audiences) come back in every event of a season
_cached_key = functools.lru_cache(maxsize=4096)(_key)


def normalise_token(value: Any) -> Any:
    """Lower-case, strip accents, spaces and underscores to ``-``: "Développement durable" →
    "developpement-durable". Leaves non-strings alone."""
    if not isinstance(value, str):
        return value
    if len(value) > 200:  # no token is that long: not worth a cache entry
        return _token(value)
    return _cached_token(value)


def _token(value: str) -> str:
    text = unicodedata.normalize("NFKD", value.strip().lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return "-".join(text.replace("_", " ").replace("'", " ").split())


#: the same few tokens (themes, audiences, modes…) come back in every event of a season
_cached_token = functools.lru_cache(maxsize=4096)(_token)


# --- the tables -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Vocabulary:
    """One enumeration's accepted values: canonical value → French label, and every spelling."""

    name: str
    what_fr: str
    what_en: str
    labels: dict[str, str]
    synonyms: dict[str, tuple[str, ...]]
    lookup: dict[str, str]

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(self.labels)

    def read(self, text: str) -> str | None:
        """The canonical value written ``text``, or ``None``."""
        return self.lookup.get(key(text))

    def suggestions(self, text: str, n: int = 3) -> list[str]:
        """The canonical values closest to ``text`` (via any of their spellings)."""
        found: list[str] = []
        for spelling in closest(key(text), list(self.lookup), n=10):
            value = self.lookup[spelling]
            if value not in found:
                found.append(value)
        return found[:n]


@functools.cache
def _tables() -> dict[str, Any]:
    raw = resources.files("nqe_events").joinpath("data/vocabulary.toml").read_text("utf-8")
    return tomllib.loads(raw)


@functools.cache
def vocabulary(name: str) -> Vocabulary:
    """The table ``name`` of data/vocabulary.toml (``organiser_kind``, ``theme``, ``audience``…)."""
    table = _tables()[name]
    labels: dict[str, str] = {}
    synonyms: dict[str, tuple[str, ...]] = {}
    lookup: dict[str, str] = {}
    for value, entry in table["values"].items():
        labels[value] = entry["label"]
        synonyms[value] = tuple(entry.get("synonyms", ()))
        for spelling in (value, entry["label"], *synonyms[value]):
            k = key(spelling)
            if lookup.get(k, value) != value:
                raise ValueError(f"vocabulary.toml [{name}]: '{spelling}' means two values")
            lookup[k] = value
    return Vocabulary(name, table["what_fr"], table["what_en"], labels, synonyms, lookup)


ENUMERATIONS = (
    "organiser_kind",
    "resource_kind",
    "event_status",
    "theme",
    "audience",
    "weekday",
    "wish",
)


@functools.cache
def _bool_lookup() -> dict[str, bool]:
    table = _tables()["boolean"]
    return {key(s): flag for flag, name in ((True, "true"), (False, "false")) for s in table[name]}


@functools.cache
def _month_lookup() -> dict[str, int]:
    return {key(s): int(n) for n, words in _tables()["months"].items() for s in words}


# --- enumerations ---------------------------------------------------------------------------------


def _quote_list(values: list[str] | tuple[str, ...], fr: bool) -> str:
    return ", ".join(f"« {v} »" if fr else f"'{v}'" for v in values)


def choice(name: str) -> Callable[[Any], Any]:
    """A before-validator reading an enumeration value through the table ``name``."""

    # the few spellings of a season (« Sport », « sport ») come back in every event: each text's
    # reading is kept (a refused text raises, and is not kept)
    seen: dict[str, str] = {}

    def read(value: Any) -> Any:
        if not isinstance(value, str):
            return value
        found = seen.get(value) if type(value) is str else None
        if found is not None:
            return found
        table = vocabulary(name)
        found = table.read(value)
        if found is not None:
            if type(value) is str and len(seen) < 4096 and len(value) <= 200:
                seen[value] = found
            return found
        guesses = table.suggestions(value)
        accepted = list(table.values)
        fr = f"{table.what_fr} inconnu « {value} »"
        en = f"unknown {table.what_en} '{value}'"
        if guesses:
            fr += f" — vouliez-vous dire {' ou '.join(f'« {g} »' for g in guesses)} ?"
            en += f" — did you mean {' or '.join(repr(g) for g in guesses)}?"
        fr += f" Valeurs acceptées : {_quote_list(accepted, True)}"
        en += f"; accepted values: {_quote_list(accepted, False)}"
        raise refuse(fr, en)

    read.__name__ = f"choice_{name}"
    return read


# --- booleans, counts and amounts -----------------------------------------------------------------


def parse_bool(value: Any) -> Any:
    """« oui », « non », « x », « vrai », « faux », yes/no, 1/0 → ``True``/``False``."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        found = _bool_lookup().get(key(value))
        if found is not None:
            return found
    raise refuse(
        f"« {value} » n'est pas un oui/non : écrivez oui ou non (ou x pour oui)",
        f"'{value}' is not a yes/no: write yes or no (true/false)",
    )


_SPACES = re.compile(r"[\s\u00a0\u202f\u2009\u2007']+")


def _number_text(value: str, *, currency: bool) -> str | None:
    """The decimal text of « 9 000 € », « 2 500,50 », « 1.234,5 », « 1,234.5 » (``None`` if none)."""
    text = value.strip()
    if currency:
        text = re.sub(r"(?i)(€|eur(os?)?)$", "", text.strip()).strip()
        text = re.sub(r"^€", "", text).strip()
    text = _SPACES.sub("", text)
    if not text:
        return None
    if "," in text and "." in text:
        decimal_mark = "," if text.rfind(",") > text.rfind(".") else "."
        thousands = "." if decimal_mark == "," else ","
        text = text.replace(thousands, "").replace(decimal_mark, ".")
    elif "," in text:
        if text.count(",") > 1:
            if not re.fullmatch(r"\d{1,3}(,\d{3})+", text):
                return None
            text = text.replace(",", "")
        else:
            text = text.replace(",", ".")
    elif text.count(".") > 1 or re.fullmatch(r"\d{1,3}\.\d{3}", text):
        if not re.fullmatch(r"\d{1,3}(\.\d{3})+", text):
            return None
        text = text.replace(".", "")
    return text if re.fullmatch(r"[+-]?\d+(\.\d+)?", text) else None


def parse_amount(value: Any) -> Any:
    """« 9 000 € », « 2 500,50 € », ``9000``, ``2500.5`` → ``Decimal``; other types are left to
    the field (which reports them)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise refuse("un montant doit être un nombre fini", "an amount must be a finite number")
        return Decimal(repr(value))
    if not isinstance(value, str):
        return value
    text = _number_text(value, currency=True)
    if text is None:
        raise refuse(
            f"montant illisible « {value} » : écrivez par exemple 9000, « 9 000 € » ou « 2 500,50 € »",
            f"unreadable amount '{value}': write for example 9000, '9 000 €' or '2 500.50'",
        )
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern above only lets numbers through
        raise refuse(f"montant illisible « {value} »", f"unreadable amount '{value}'") from None


def parse_count(value: Any) -> Any:
    """« 1 200 », ``1200.0``, « 300 personnes » → ``1200``/``300`` (a whole number)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if not isinstance(value, str):
        return value
    text = re.sub(r"(?i)\s*(personnes?|pers\.?|participants?|habitants?|places?)$", "", value)
    number = _number_text(text, currency=False)
    if number is None or not re.fullmatch(r"\+?\d+(\.0+)?", number):
        raise refuse(
            f"nombre entier illisible « {value} » : écrivez par exemple 300 ou « 1 200 »",
            f"unreadable whole number '{value}': write for example 300 or '1 200'",
        )
    return int(Decimal(number))


# --- dates and times ------------------------------------------------------------------------------

_DMY = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4}|\d{2})")
_YMD = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_WORDS = re.compile(r"(?:[^\W\d]+\.?\s+)?(\d{1,2})(?:er)?\s+([^\W\d]+)\.?\s+(\d{4})", re.UNICODE)
_TIME = re.compile(r"(\d{1,2})\s*(?:[h:]\s*(\d{2})?(?::(\d{2}))?|\s*heures?)\s*(?:min)?")


def _date_part(text: str) -> tuple[date, str] | None:
    """A date at the start of ``text`` and what follows it."""
    for pattern, order in ((_YMD, "ymd"), (_DMY, "dmy")):
        match = pattern.match(text)
        if match:
            a, b, c = (int(g) for g in match.groups())
            y, m, d = (a, b, c) if order == "ymd" else (c if c >= 100 else 2000 + c, b, a)
            try:
                return date(y, m, d), text[match.end() :]
            except ValueError:
                return None
    match = _WORDS.match(text)
    if match:
        month = _month_lookup().get(key(match[2]))
        if month is not None:
            try:
                return date(int(match[3]), month, int(match[1])), text[match.end() :]
            except ValueError:
                return None
    return None


def _time_text(text: str) -> time | None:
    text = text.strip().lower()
    if key(text) == "midi":
        return time(12, 0)
    if key(text) == "minuit":
        return time(0, 0)
    match = _TIME.fullmatch(text)
    if not match:
        return None
    hour, minute, second = int(match[1]), int(match[2] or 0), int(match[3] or 0)
    if hour == 24 and minute == 0:
        hour = 0
    if hour > 23 or minute > 59 or second > 59:
        return None
    return time(hour, minute, second)


def _date_error(value: Any) -> PydanticCustomError:
    return refuse(
        f"date illisible « {value} » : écrivez par exemple 20/07/2024 ou 2024-07-20",
        f"unreadable date '{value}': write for example 2024-07-20 or 20/07/2024",
    )


def parse_date(value: Any) -> Any:
    """« 20/07/2024 », « 20-07-24 », « 20 juillet 2024 », « 2024-07-20 » → ``date``; a
    spreadsheet's datetime at midnight → its date."""
    if isinstance(value, datetime):
        if value.time() == time(0) and value.tzinfo is None:
            return value.date()
        return value
    if not isinstance(value, str):
        return value
    found = _date_part(value.strip().lower())
    if found is None or found[1].strip():
        raise _date_error(value)
    return found[0]


def parse_date_or_datetime(value: Any) -> Any:
    """A date (« 20/07/2024 ») or a date and time (« 20/07/2024 14:00 », « 20/07/2024 14h »,
    « 2024-07-20T14:00+02:00 »): a ``date`` when there is no time, a ``datetime`` otherwise
    (naive unless an offset is written). Other types are left to the field."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        pass
    else:
        return parsed.date() if len(text) == 10 else parsed
    found = _date_part(text.lower())
    if found is None:
        raise refuse(
            f"date et heure illisibles « {value} » : écrivez par exemple « 20/07/2024 14:00 », "
            "« 20/07/2024 14h » ou « 2024-07-20T14:00 »",
            f"unreadable date and time '{value}': write for example '2024-07-20T14:00' or "
            "'20/07/2024 14:00'",
        )
    day, rest = found
    rest = re.sub(r"^\s*(?:[tT]|à|a|,)?\s*", "", rest)
    if not rest:
        return day
    moment = _time_text(rest)
    if moment is None:
        raise refuse(
            f"heure illisible dans « {value} » : écrivez par exemple 14:00, 14h ou 14h30",
            f"unreadable time in '{value}': write for example 14:00 or 14h30",
        )
    return datetime.combine(day, moment)


def parse_time(value: Any) -> Any:
    """« 14h30 », « 14h », « 14:30 », « 14 h 30 », « midi », ``14`` → ``time``; a spreadsheet's
    time-only datetime → its time."""
    if isinstance(value, datetime):
        return value.time() if value.date() in (date(1899, 12, 30), date(1899, 12, 31)) else value
    if isinstance(value, time):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        if 0 <= value <= 24:
            return time(value % 24)
        # YAML 1.1 reads an unquoted 10:00 as the number 600: refuse it rather than misread it
        raise refuse(
            f"heure illisible ({value}) : écrivez l'heure entre guillemets, par exemple « 10:00 »",
            f"unreadable time ({value}): quote the time, for example '10:00'",
        )
    if isinstance(value, float) and 0 <= value < 1:  # a spreadsheet's fraction of a day
        seconds = round(value * 86400)
        return (datetime.min + timedelta(seconds=seconds)).time()
    if not isinstance(value, str):
        return value
    found = _time_text(value)
    if found is None:
        raise refuse(
            f"heure illisible « {value} » : écrivez par exemple 14:00, 14h ou 14h30",
            f"unreadable time '{value}': write for example 14:00 or 14h30",
        )
    return found


def parse_hours(value: Any) -> tuple[time, time]:
    """« 14h-19h », « 14h à 19h », « de 10:00 à 12:30 » → (start, end)."""
    text = str(value).strip().lower()
    text = re.sub(r"^de\s+", "", text)
    parts = re.split(r"\s*(?:-|–|—|à|a|>|/)\s*", text, maxsplit=1)
    if len(parts) == 2:
        start, end = _time_text(parts[0]), _time_text(parts[1])
        if start is not None and end is not None:
            return start, end
    raise refuse(
        f"horaires illisibles « {value} » : écrivez par exemple « 14h-19h » ou « 10:00 - 12:30 »",
        f"unreadable hours '{value}': write for example '14:00-19:00'",
    )


#: A date read with :func:`parse_date`.
LocalDate = Annotated[date, BeforeValidator(parse_date)]
#: A time of day read with :func:`parse_time`.
LocalTime = Annotated[time, BeforeValidator(parse_time)]
#: A yes/no read with :func:`parse_bool`.
Flag = Annotated[bool, BeforeValidator(parse_bool)]
#: A whole number read with :func:`parse_count` (« 1 200 »).
Count = Annotated[int, BeforeValidator(parse_count)]


# --- documentation ------------------------------------------------------------------------------


def vocabulary_markdown() -> str:
    """The accepted values and synonyms as Markdown, for docs/file-format.md (a test checks the
    page holds exactly this text; ``python -m nqe_events.model.values`` prints it)."""
    lines: list[str] = []
    for name in ENUMERATIONS:
        table = vocabulary(name)
        lines += [f"**{table.what_fr.capitalize()}** (`{name}`)", ""]
        lines += ["| valeur | libellé | aussi compris |", "|---|---|---|"]
        for value in table.values:
            synonyms = ", ".join(f"« {s} »" for s in table.synonyms[value]) or "—"
            lines.append(f"| `{value}` | {table.labels[value]} | {synonyms} |")
        lines.append("")
    raw = _tables()
    lines += ["**Oui / non**", ""]
    lines.append("- oui : " + ", ".join(f"« {s} »" for s in raw["boolean"]["true"]))
    lines.append("- non : " + ", ".join(f"« {s} »" for s in raw["boolean"]["false"]))
    lines += ["", "**Mois** (dates en toutes lettres, « 20 juillet 2024 »)", ""]
    lines.append(
        ", ".join(" / ".join(f"« {w} »" for w in words) for words in raw["months"].values())
    )
    lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover - prints the block of docs/file-format.md
    print(vocabulary_markdown(), end="")

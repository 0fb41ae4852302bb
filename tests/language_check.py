"""The language checker behind ``test_language.py``: finds English in French text and French in
English text, plus what never reaches a user in either language (regexes, Python reprs, unfilled
placeholders, agreement left to the reader as « (s) », numbers in the other language's format).

A text is first cleaned of what it legitimately quotes: the names and titles of the programme's
data (``data_strings``), URLs and e-mail addresses. It is then cut into words (a hyphenated token
is an id or a compound such as « week-end », a token with « _ » a key of the file format such as
``to_plan``, and both are left alone) and each word is looked up in the
stop-list of the other language: short, common words that are not also words of the language
checked (« on », « a », « date », « minute », « message », « type », « sport » are in both, so in
neither list).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

ENGLISH_WORDS = frozenset(
    """
    the and of is are was were be been being must should cannot could would will shall not
    found expected invalid required missing unknown with without from which this that these those
    there their its error errors field fields value values string integer none true false null
    or to for by at into per event events venues clash clashes organiser organisers
    resource resources day days hour hours line file files please using did you your mean choose
    among between least most more than other problem problems got input allowed only also any
    each every yes no when where what how why than then but if else has have had can may
    checked placed unplaced moved booked closed blocked slot slots summary total budget
    attendance expected volunteers inhabitants share aligned partly met tell hint advice
    show help exit optional positional
    """.split()  # noqa: SIM905 (a word list reads better as text)
) - {"total", "budget"}  # « total », « budget » are French words too

FRENCH_WORDS = frozenset(
    """
    le la les des du de une et est sont pas avec sans pour dans sur aucun aucune trouvé trouvée
    attendu attendue doit être vouliez dire ou au aux ce cette ces qui que leur leurs lieu lieux
    événement événements conflit conflits jour jours heure heures oui non entre parmi moins très
    déjà encore dont selon vers chaque tout tous toute toutes lors fichier ligne valeur valeurs
    champ inconnu inconnue manquant manquante porteur porteurs ressource ressources bénévoles
    habitants créneau créneaux saison thème thèmes aide afficher quitter obligatoire obligatoires
    nombre sortie dossier écrire lire vérifier planifier conseil critère critères principe
    principes rempli remplis partiellement aligné alignés alignée alignées provisoire annulé
    """.split()  # noqa: SIM905 (a word list reads better as text)
)

#: What never reaches a user, in either language: a regex, a Python repr, a placeholder left
#: unfilled, agreement left to the reader.
_INTERNALS: list[tuple[str, re.Pattern[str]]] = [
    ("regex", re.compile(r"\(\?[:=!P<]|\^\[|\[a-z|\\[dswDSW]|\[\^|\]\{\d|\$'")),
    ("python-repr", re.compile(r"datetime\.(date|datetime|time)\(|Decimal\(|<[\w.]+ object at ")),
    ("python-repr", re.compile(r"\{'|'\}|\['|'\]|Traceback")),
    ("placeholder", re.compile(r"\{[a-z_]+(:[^}]*)?\}|%\([a-z_]+\)[sdr]|%s\b")),
    ("plural-left-to-reader", re.compile(r"\w\((s|x|es)\)")),
    ("field-path", re.compile(r"\b[a-z_]+\[\d+\]")),
]
#: Python's None, True and False in French text (in English, « None of… » is a word).
_FR_REPR = ("python-repr", re.compile(r"\b(None|True|False)\b"))
_NUMBER = {
    # a decimal point, or a comma between thousands before a decimal point, in French text
    "fr": (
        "english-number",
        re.compile(r"(?<![\w.])(?<!version )\d+\.\d+(?![\w.])|\b[1-9]\d{0,2}(,\d{3})+\.\d"),
    ),
    # a decimal comma in English text
    "en": ("french-number", re.compile(r"(?<![\w,])\d+,\d{1,2}(?![\d,])")),
}
_URL = re.compile(r"https?://\S+|[\w.+-]+@[\w-]+\.[\w.-]+")
_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿœŒ_][\wÀ-ÖØ-öø-ÿœŒ'’-]*")


@dataclass(frozen=True)
class Leak:
    """One word or internal met in a text: where (a label), what kind, and the text around it."""

    where: str
    kind: str
    found: str
    context: str

    def __str__(self) -> str:
        return f"{self.where}: {self.kind} « {self.found} » in …{self.context}…"


class _Text(HTMLParser):
    """The visible text of an HTML fragment (style and script left out)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "script"):
            self._skip += 1
        for name, value in attrs:  # what a reader sees of attributes: alt and title
            if name in ("alt", "title") and value:
                self.parts.append(f" {value} ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script"):
            self._skip -= 1
        self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_text(page: str) -> str:
    parser = _Text()
    parser.feed(page)
    parser.close()
    return html.unescape("".join(parser.parts))


#: Columns of ids (machine keys of the rows), whose cells are data rather than words.
ID_COLUMNS = frozenset({"id", "event", "events", "indicator", "uid", "code", "category", "factor"})


def dataframe_text(frame: Any) -> str:
    """The column labels and the text cells of a DataFrame (numbers, dates and booleans are data,
    shown by the reader's spreadsheet in its own locale; the cells of id columns are data too)."""
    keys = frame.attrs.get("nqe_keys", {})
    parts = [str(c) for c in frame.columns]
    for column in frame.columns:
        if keys.get(column, column) in ID_COLUMNS:
            continue
        for value in frame[column]:
            if isinstance(value, str):
                parts.append(value)
    return "\n".join(parts)


def data_strings(value: Any) -> set[str]:
    """Every string in a (dumped) programme: names, titles, notes, ids — quoted, not written."""
    found: set[str] = set()

    def walk(v: Any) -> None:
        if isinstance(v, str):
            if len(v) >= 3:
                found.add(v)
        elif isinstance(v, dict):
            for item in v.values():
                walk(item)
        elif isinstance(v, list | tuple | set | frozenset):
            for item in v:
                walk(item)

    walk(value)
    return found


#: One token in quotes is a literal the reader types (« by », « events », 'quartier').
_LITERAL = re.compile(
    r"«\s?[\w.:=/-]+(?::\s[\w.-]+)?\s?»|'[\w.:=/-]+'|`[^`]+`|§\s?[\d.]+|(?<![\w-])--[\w-]+"
)


#: Proper names quoted in both languages.
PROPER_NAMES = (
    "Nos Quartiers d'Été",
    "Terre de Jeux",
    "Génération 2024",
    "Code du sport",
    "nqe_events",
)


def _strip(text: str, quoted: Iterable[str]) -> str:
    items = sorted({*quoted, *PROPER_NAMES}, key=len, reverse=True)
    for start in range(0, len(items), 500):  # whole words only: « ter » is not in « catering »
        chunk = "|".join(re.escape(i) for i in items[start : start + 500])
        text = re.sub(rf"(?<!\w)(?:{chunk})(?!\w)", " ¤ ", text)
    return _LITERAL.sub(" ¤ ", _URL.sub(" ¤ ", text))


def leaks(
    text: str, lang: str, where: str, quoted: Iterable[str] = (), *, internals: bool = True
) -> Iterator[Leak]:
    """The leaks of ``text`` written in ``lang`` ("fr": English words; "en": French words)."""
    clean = _strip(text, quoted)
    stop = ENGLISH_WORDS if lang == "fr" else FRENCH_WORDS
    kind = "english-word" if lang == "fr" else "french-word"

    def around(start: int, end: int) -> str:
        return clean[max(0, start - 40) : end + 40].replace("\n", " ")

    for match in _WORD.finditer(clean):
        token = match.group()
        if "-" in token or "_" in token or any(c.isdigit() for c in token):
            continue  # an id (fil-rouge), a key of the file format (to_plan), a compound (week-end)
        for word in re.split(r"['’]", token):
            if word.lower() in stop:
                yield Leak(where, kind, word, around(match.start(), match.end()))
    patterns = [*_INTERNALS, _NUMBER[lang]] if internals else [_NUMBER[lang]]
    if internals and lang == "fr":
        patterns.append(_FR_REPR)
    for name, pattern in patterns:
        for match in pattern.finditer(clean):
            yield Leak(where, name, match.group(), around(match.start(), match.end()))

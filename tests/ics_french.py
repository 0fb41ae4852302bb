"""Is a message French? The check used by the ICS corpus and hostile-file tests.

A message passes when, once the parts that quote the input are set aside (« … », "…", the value
after « trouvé : », file paths, ICS names in capitals such as DURATION), it has no English word of the kind libraries put in their errors,
no Python exception name or repr, and no traceback.
"""

from __future__ import annotations

import re

# Words that icalendar, dateutil, zoneinfo, pydantic and Python itself use in their messages and
# that are not French words (« date », « zone », « format », « long » are both, so they are not here).
ENGLISH = re.compile(
    r"\b(the|is|was|were|must|should|be|been|expected|invalid|error|found|line|cannot|can't|"
    r"could|not|with|without|and|of|for|value|values|input|out|range|missing|unknown|wrong|"
    r"offset|duration|year|years|less|greater|than|failed|unsupported|parse|parsing|property|"
    r"parameter|component|datetime|time|timezone|string|bytes|field|required|"
    r"allowed|too|many|limit|exceeded|got|has|have|no|only|this|that|which|empty)\b",
    re.IGNORECASE,
)
PYTHON = re.compile(r"\b\w*(Error|Exception|Warning)\b|\bNone\b|\bTrue\b|\bFalse\b")
# Python reprs are looked for everywhere, quotes included: b'…', \xNN escapes, object addresses
REPR = re.compile(
    r"Traceback \(most recent call last\)|<[A-Za-z_.]+ object at 0x|\bb'|\bb\"|\\x[0-9a-f]{2}"
)
_QUOTED = re.compile(r"«[^»]*»|\"[^\"]*\"|“[^”]*”|\(trouvé : [^)]*\)|\S*[/\\]\S*|\S+\.ics\b")
_FRENCH_HINT = re.compile(
    r"[éèêàùçôî]|\b(le|la|les|un|une|des|du|de|est|sont|ligne|fichier|événement|saison|"
    r"pas|sans|avec|ou|et|trop)\b",
    re.IGNORECASE,
)


def english_words(message: str) -> list[str]:
    """The English words and Python fragments left in ``message`` outside what it quotes."""
    bare = _QUOTED.sub(" ", message)
    words = [m.group(0) for m in ENGLISH.finditer(bare)]
    # ICS names (DURATION, VALUE=PERIOD, RANGE, TZID) are written in capitals: they are not prose
    words = [w for w in words if not w.isupper()]
    return (
        words
        + [m.group(0) for m in PYTHON.finditer(bare)]
        + [m.group(0) for m in REPR.finditer(message)]
    )


def assert_french(message: str) -> None:
    """Fail unless ``message`` is a non-empty French message (see the module doc)."""
    assert message.strip(), "message vide"
    assert "Traceback" not in message, message
    leftovers = english_words(message)
    assert not leftovers, f"English or Python in a French message: {leftovers} in {message!r}"
    assert _FRENCH_HINT.search(_QUOTED.sub(" ", message)), f"not French: {message!r}"

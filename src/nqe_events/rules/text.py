"""Text normalisation and keyword matching for the alignment checks.

Matching works on *tokens*, never on raw substrings, so that a keyword only matches whole words
("tir" never matches inside "tirelire"). A text is normalised before it is cut into tokens:

1. lower case, accents removed ("Athlétisme" → "athletisme"), ``œ``/``æ`` expanded;
2. every character that is not a letter or a digit becomes a space (hyphens, apostrophes,
   punctuation: "tir à l'arc" → "tir a l arc", "para-athlétisme" → "para athletisme");
3. each token loses a plural ending: a final ``s`` or ``x`` when the token has more than three
   characters and does not end in ``ss`` ("jeux" → "jeu", "olympiades" → "olympiade");
4. a token glued to the prefix ``para`` or ``handi`` is split when the rest starts a sport pattern
   ("handibasket" → "para basket", "paratriathlon" → "para triathlon"); ``handi`` as a separate
   token also reads as ``para``.

Patterns go through the same steps, so a pattern and a text that differ only by accents, case,
plural, hyphens or these prefixes match. Among patterns that match at the same position, the
longest wins ("tennis de table" beats "tennis"); matching then resumes after it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import NamedTuple

__all__ = ["Match", "Matcher", "normalise", "token_spans", "tokens"]

_WORD = re.compile(r"[0-9a-z]+")
_PREFIXES = ("handi", "para")


def _plain_char(c: str) -> str:
    decomposed = unicodedata.normalize("NFKD", c)
    base = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return base.replace("œ", "oe").replace("æ", "ae").replace("ß", "ss")


#: Accented Latin letters to their plain form when that is one ASCII character ("é" → "e"), so
#: that most texts normalise with one ``str.translate`` and keep their character positions.
_ONE_TO_ONE = {
    cp: _plain_char(chr(cp))
    for cp in range(0xC0, 0x250)
    if len(_plain_char(chr(cp))) == 1 and _plain_char(chr(cp)).isascii()
}


def _plain(text: str) -> tuple[str, list[int] | None]:
    """Lower case without accents, and the position in ``text`` of each character (None when the
    positions are unchanged)."""
    low = text.lower()
    if len(low) == len(text):
        fast = low.translate(_ONE_TO_ONE)
        if fast.isascii():
            return fast, None
    chars: list[str] = []
    where: list[int] = []
    for i, c in enumerate(text):
        plain = _plain_char(c.lower()) if not c.isascii() else c.lower()
        chars.append(plain)
        where.extend([i] * len(plain))
    return "".join(chars), where


def normalise(text: str) -> str:
    """Lower case, no accents, only letters, digits and single spaces."""
    plain, _ = _plain(text)
    return " ".join(_WORD.findall(plain))


def _stem(token: str) -> str:
    if len(token) > 3 and token[-1] in "sx" and not token.endswith("ss"):
        return token[:-1]
    return token


def token_spans(
    text: str, split_starts: frozenset[str] = frozenset()
) -> list[tuple[str, int, int]]:
    """The normalised, singular tokens of ``text`` with their ``[start, end)`` in ``text``.

    ``split_starts`` holds the first tokens of the patterns that a ``para``/``handi`` prefix may be
    glued to ("basket" lets "handibasket" become "para basket"; both share the word's span).
    """
    plain, where = _plain(text)
    out: list[tuple[str, int, int]] = []
    for m in _WORD.finditer(plain):
        raw = m.group()
        if where is None:
            a, b = m.start(), m.end()
        else:
            a, b = where[m.start()], where[m.end() - 1] + 1
        if raw == "handi":
            out.append(("para", a, b))
            continue
        split = False
        for prefix in _PREFIXES:
            rest = raw[len(prefix) :]
            if raw.startswith(prefix) and len(rest) >= 3 and _stem(rest) in split_starts:
                out.append(("para", a, b))
                out.append((_stem(rest), a, b))
                split = True
                break
        if not split:
            out.append((_stem(raw), a, b))
    return out


def tokens(text: str, split_starts: frozenset[str] = frozenset()) -> list[str]:
    """The normalised, singular tokens of ``text`` (see :func:`token_spans`)."""
    return [t for t, _, _ in token_spans(text, split_starts)]


class Match(NamedTuple):
    """A pattern found in a text: its group ("sport", "value"…), the target id, the pattern as
    written in the rule file and the words of the text it matched."""

    group: str
    target: str
    pattern: str
    found: str


class Matcher:
    """Finds many multi-word patterns in texts, whole words only, longest match first.

    ``patterns`` are ``(group, target, pattern)`` triples. Each group is searched on its own, so a
    value keyword never hides a sport in the same words. ``split_groups`` names the groups whose
    patterns may carry a glued ``para``/``handi`` prefix. Lookup is a dictionary on the first token,
    so the cost grows with the length of the text, not with the number of patterns.
    """

    def __init__(
        self,
        patterns: Iterable[tuple[str, str, str]],
        split_groups: Sequence[str] = ("sport",),
    ) -> None:
        triples = [(g, t, p) for g, t, p in patterns if normalise(p)]
        starts: set[str] = set()
        for group, _target, pattern in triples:
            if group in split_groups:
                first = tokens(pattern)
                starts.add(first[1] if first[0] == "para" and len(first) > 1 else first[0])
        self.split_starts = frozenset(starts)
        self._index: dict[str, dict[str, list[tuple[tuple[str, ...], str, str]]]] = {}
        for group, target, pattern in triples:
            toks = tuple(tokens(pattern, self.split_starts))
            by_first = self._index.setdefault(group, {})
            by_first.setdefault(toks[0], []).append((toks, target, pattern))
        for by_first in self._index.values():
            for entries in by_first.values():
                entries.sort(key=lambda e: -len(e[0]))
        # first token -> [(group, entries)], to find every group in one pass over a text
        self._by_token: dict[str, list[tuple[str, list[tuple[tuple[str, ...], str, str]]]]] = {}
        for group, by_first in self._index.items():
            for head, entries in by_first.items():
                self._by_token.setdefault(head, []).append((group, entries))

    @property
    def groups(self) -> tuple[str, ...]:
        return tuple(self._index)

    def tokens(self, text: str) -> list[str]:
        """``text`` cut into tokens the way patterns were."""
        return tokens(text, self.split_starts)

    def find_all(self, text: str | Sequence[str]) -> dict[str, list[Match]]:
        """Every group's matches in ``text``, in one pass; same result as :meth:`find` per group.

        For a string, ``Match.found`` is the matched words as written in ``text``."""
        if isinstance(text, str):
            spans = token_spans(text, self.split_starts)
            toks = [t for t, _, _ in spans]
        else:
            spans = None
            toks = list(text)
        found: dict[str, list[Match]] = {}
        free: dict[str, int] = {}
        n = len(toks)
        for i in range(n):
            candidates = self._by_token.get(toks[i])
            if not candidates:
                continue
            for group, entries in candidates:
                if i < free.get(group, 0):
                    continue
                for seq, target, pattern in entries:
                    size = len(seq)
                    if size == 1 or tuple(toks[i : i + size]) == seq:
                        if spans is not None and isinstance(text, str):
                            words = text[spans[i][1] : spans[i + size - 1][2]]
                        else:
                            words = " ".join(toks[i : i + size])
                        found.setdefault(group, []).append(Match(group, target, pattern, words))
                        free[group] = i + size
                        break
        return found

    def find(self, text: str | Sequence[str], group: str) -> list[Match]:
        """Every pattern of ``group`` found in ``text`` (a string or its tokens), in text order.

        A plain second implementation of the search (one group, one pass), kept as the reference
        that :meth:`find_all` is tested against."""
        if isinstance(text, str):
            spans: list[tuple[str, int, int]] | None = token_spans(text, self.split_starts)
            toks = [t for t, _, _ in spans or ()]
        else:
            spans = None
            toks = list(text)
        index = self._index.get(group)
        found: list[Match] = []
        if not index:
            return found
        i, n = 0, len(toks)
        while i < n:
            best: tuple[tuple[str, ...], str, str] | None = None
            for entry in index.get(toks[i], ()):
                seq = entry[0]
                if len(seq) == 1 or tuple(toks[i : i + len(seq)]) == seq:
                    best = entry
                    break  # entries are sorted longest first
            if best is None:
                i += 1
                continue
            seq, target, pattern = best
            if spans is not None and isinstance(text, str):
                words = text[spans[i][1] : spans[i + len(seq) - 1][2]]
            else:
                words = " ".join(toks[i : i + len(seq)])
            found.append(Match(group, target, pattern, words))
            i += len(seq)
        return found

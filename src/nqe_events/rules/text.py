"""Reading French event texts: normalisation and keyword matching for the alignment checks.

Matching works on *tokens*, never on raw substrings, so that a keyword only matches whole words
("tir" never matches inside "tirelire"). A text is cut into tokens this way:

1. lower case, accents removed ("Athlétisme" → "athletisme"), ``œ``/``æ`` expanded;
2. every character that is not a letter or a digit separates tokens (hyphens, apostrophes,
   punctuation: "para-athlétisme" → "para athletisme");
3. an elided article or pronoun before an apostrophe is dropped: "l'arc" → "arc", "d'écriture"
   → "ecriture", "qu'il" → "il" (``l' d' j' m' n' s' t' c' qu' jusqu' lorsqu' puisqu'``);
4. a token glued to the prefix ``para`` or ``handi`` is split when the rest is a pattern's first
   word ("handibasket" → "para basket"); ``handi`` as a separate token also reads as ``para``.

Text tokens are otherwise kept as written. *Patterns* instead accept the inflected forms of each
of their words (see :func:`forms`): plural (``-s``, ``-x`` after ``-eau/-eu/-au``, ``-al`` →
``-aux``), feminine (``-e``, ``-if`` → ``-ive``, ``-ien`` → ``-ienne``, ``-el`` → ``-elle``,
``-on`` → ``-onne``, ``-er`` → ``-ère``) and the singular of a plural pattern. Short words (three
letters or fewer) only take ``-s``/``-x``, so that "tir" does not read the verb "tire". Generating
forms from the pattern rather than stemming the text keeps apart words a stemmer would merge
("danse" and "dans", "soirée" and "soir").

Among patterns that match at the same position, the longest wins ("tennis de table" beats
"tennis"); matching then resumes after it. A pattern with an empty target is an *exclusion*: it
wins like any other pattern but reports nothing, so "mini-golf" hides "golf" and "terrain de
foot" hides "foot".
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from itertools import accumulate
from typing import NamedTuple

__all__ = ["Match", "Matcher", "forms", "normalise", "token_spans", "tokens"]

_WORD = re.compile(r"[0-9a-z]+")
#: ``split`` of a plain text: separators and tokens in turn
_SPLIT = re.compile(r"([0-9a-z]+)")
#: an elided word (a whole token) and its apostrophe
_ELISION = re.compile(r"(?<![0-9a-z])(?:jusqu|lorsqu|puisqu|qu|[cdjlmnst])'")


def _blank(m: re.Match[str]) -> str:
    return " " * (m.end() - m.start())


#: texts up to this length have their matches kept (``Matcher.find_all``), up to _CACHE_SIZE
_CACHED_LEN = 80
_CACHE_SIZE = 20_000
_PREFIXES = ("handi", "para")
#: Elided words, dropped when an apostrophe follows them.
_ELIDED = frozenset({"l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu"})
_APOSTROPHES = frozenset("'’ʼ`´")
#: Function words that never inflect.
_FIXED = frozenset(
    {"a", "au", "aux", "de", "des", "du", "en", "et", "la", "le", "les", "sur", "un", "une", "ou"}
)


def _plain_char(c: str) -> str:
    decomposed = unicodedata.normalize("NFKD", c)
    base = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return base.replace("œ", "oe").replace("æ", "ae").replace("ß", "ss")


class _Fold(dict[int, str]):
    """Table from a lower-case character to its plain form when that keeps
    character positions: "é" → "e", and a character with no letter or digit in its plain form
    (« » — … non-breaking spaces) → " ", since it only separates tokens either way. A character
    whose plain form has another length and holds a letter or digit ("œ" → "oe"), or is empty
    (a combining accent), maps to itself:
    the text then takes the slow path of :func:`_plain`, which keeps a position map. Entries
    are computed on first use."""

    def __missing__(self, cp: int) -> str:
        c = chr(cp)
        if c in _APOSTROPHES:
            out = "'"
        else:
            plain = _plain_char(c)
            if len(plain) == 1 and plain.isascii():
                out = plain
            elif plain and "'" not in plain and not _WORD.search(plain):
                out = " "
            else:
                out = c
        self[cp] = out
        return out


_FOLD = _Fold()
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _plain(text: str) -> tuple[str, list[int] | None]:
    """Lower case without accents, and the position in ``text`` of each character (None when the
    positions are unchanged)."""
    low = text.lower()
    if len(low) == len(text):
        fast = low.replace("`", "'") if "`" in low else low
        if not fast.isascii():
            # each distinct non-ASCII character once (a text has few), as ``translate(_FOLD)``
            for c in set(_NON_ASCII.findall(fast)):
                fast = fast.replace(c, _FOLD[ord(c)])
        if fast.isascii():
            return fast, None
    chars: list[str] = []
    where: list[int] = []
    for i, c in enumerate(text):
        if c in _APOSTROPHES:
            plain = "'"
        else:
            plain = _plain_char(c.lower()) if not c.isascii() else c.lower()
        chars.append(plain)
        where.extend([i] * len(plain))
    return "".join(chars), where


def normalise(text: str) -> str:
    """Lower case, no accents, only letters, digits and single spaces."""
    plain, _ = _plain(text)
    return " ".join(_WORD.findall(plain))


def forms(token: str) -> frozenset[str]:
    """The inflected forms a pattern word accepts (see the module docstring).

    >>> sorted(forms("sportif"))
    ['sportif', 'sportifs', 'sportive', 'sportives']
    >>> sorted(forms("jeux"))
    ['jeu', 'jeux']
    """
    if token in _FIXED or token.isdigit() or len(token) < 2:
        return frozenset({token})
    bases = {token}
    if len(token) > 3 and token[-1] in "sx" and not token.endswith("ss"):
        bases.add(token[:-1])
    if token.endswith("aux") and len(token) > 4:
        bases.add(token[:-3] + "al")
    out: set[str] = set()
    for b in bases:
        out.add(b)
        if b[-1] in "sx":
            continue
        if b.endswith(("eau", "eu", "au")):
            out.add(b + "x")
        else:
            out.add(b + "s")
        if b.endswith("al") and len(b) > 3:
            out.add(b[:-2] + "aux")
        if len(b) <= 3:
            continue
        if b.endswith("if"):
            fem = b[:-2] + "ive"
        elif b.endswith(("ien", "el", "on")):
            fem = b + b[-1] + "e"
        elif b.endswith("er"):
            fem = b[:-2] + "ere"
        else:
            fem = b + "e"  # also "médaillé" → "médaillée" (accents are gone)
        out.update({fem, fem + "s"})
    return frozenset(out)


def token_spans(
    text: str, split_starts: frozenset[str] = frozenset()
) -> list[tuple[str, int, int]]:
    """The normalised tokens of ``text`` with their ``[start, end)`` in ``text``.

    ``split_starts`` holds the words that a ``para``/``handi`` prefix may be glued to ("basket"
    lets "handibasket" become "para basket"; both share the word's span).
    """
    plain, where = _plain(text)
    out: list[tuple[str, int, int]] = []
    n = len(plain)
    for m in _WORD.finditer(plain):
        raw = m.group()
        end = m.end()
        if raw in _ELIDED and end < n and plain[end] == "'":
            continue
        if where is None:
            a, b = m.start(), end
        else:
            a, b = where[m.start()], where[end - 1] + 1
        if raw == "handi":
            out.append(("para", a, b))
            continue
        split = False
        for prefix in _PREFIXES:
            rest = raw[len(prefix) :]
            if raw.startswith(prefix) and len(rest) >= 3 and rest in split_starts:
                out.append(("para", a, b))
                out.append((rest, a, b))
                split = True
                break
        if not split:
            out.append((raw, a, b))
    return out


def tokens(text: str, split_starts: frozenset[str] = frozenset()) -> list[str]:
    """The normalised tokens of ``text`` (see :func:`token_spans`)."""
    return [t for t, _, _ in token_spans(text, split_starts)]


class Match(NamedTuple):
    """A pattern found in a text: its group ("sport", "value"…), the target id, the pattern as
    written in the rule file and the words of the text it matched."""

    group: str
    target: str
    pattern: str
    found: str


_new_match = tuple.__new__

#: one pattern: the accepted forms of each of its words, its target ("" for an exclusion) and
#: the pattern as written.
_Entry = tuple[tuple[frozenset[str], ...], str, str]


def _fits(toks: Sequence[str], i: int, seq: tuple[frozenset[str], ...]) -> bool:
    if i + len(seq) > len(toks):
        return False
    return all(toks[i + k] in seq[k] for k in range(1, len(seq)))


#: tokens, their starts and their ends in a text
_Spans = tuple[list[str], list[int], list[int]]

#: a pattern ending at a trie node: its length in tokens, group, target and pattern as written
_End = tuple[int, str, str, str]
#: a trie node: the next token's nodes, and the patterns ending here, at most one per group, in
#: the index's group order
_Node = tuple[dict[str, "_Node"], tuple[_End, ...]]


def _build_trie(entries: Sequence[tuple[str, _Entry]], rank: dict[str, int]) -> dict[str, _Node]:
    """Every pattern of every group as the token paths of its forms.

    ``entries`` are ``(group, entry)`` in the order of the rule files. At one path, a group
    keeps the pattern :meth:`Matcher.find` picks among those of that length: an exclusion
    first, else the first written. The forms of one word lead to one shared (immutable) node
    when the same patterns go on from them, so the trie does not grow with the product of the
    words' forms."""
    ordered = sorted(entries, key=lambda ge: ge[1][1] != "")  # stable: exclusions first
    made: dict[tuple[int, tuple[int, ...]], dict[str, _Node]] = {}

    def level(items: tuple[int, ...], depth: int) -> dict[str, _Node]:
        # ``items``: the patterns (indices in ``ordered``) that go on past ``depth`` words
        done = made.get((depth, items))
        if done is not None:
            return done
        by_form: dict[str, list[int]] = {}
        for k in items:
            for form in ordered[k][1][0][depth]:
                by_form.setdefault(form, []).append(k)
        out: dict[str, _Node] = {}
        nodes: dict[tuple[int, ...], _Node] = {}
        for form, ks in by_form.items():
            key = tuple(ks)
            node = nodes.get(key)
            if node is None:
                ends: dict[str, _End] = {}
                deeper: list[int] = []
                for k in key:
                    group, (seq, target, pattern) = ordered[k]
                    if len(seq) == depth + 1:
                        ends.setdefault(group, (len(seq), group, target, pattern))
                    else:
                        deeper.append(k)
                here = tuple(sorted(ends.values(), key=lambda e: rank[e[1]]))
                children = level(tuple(deeper), depth + 1) if deeper else _LEAF
                node = nodes[key] = (children, here)
            out[form] = node
        made[(depth, items)] = out
        return out

    return level(tuple(range(len(ordered))), 0)


_LEAF: dict[str, _Node] = {}


class Matcher:
    """Finds many multi-word patterns in texts, whole words only, longest match first.

    ``patterns`` are ``(group, target, pattern)`` triples; an empty target makes the pattern an
    exclusion (matched, never reported). Each group is searched on its own, so a value keyword
    never hides a sport in the same words. ``split_groups`` names the groups whose patterns may
    carry a glued ``para``/``handi`` prefix.

    :meth:`find_all` walks one trie of every group's patterns, keyed by the accepted forms of
    each word, once per token: the cost grows with the length of the text, not with the number of
    patterns or groups. :meth:`find` is a second, plain implementation (an index on the first
    word's forms, one group at a time), kept as the reference the trie is tested against.
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
                if not first:
                    continue
                head = first[1] if first[0] == "para" and len(first) > 1 else first[0]
                starts.update(forms(head))
        self.split_starts = frozenset(starts)
        self._index: dict[str, dict[str, list[_Entry]]] = {}
        written: list[tuple[str, _Entry]] = []
        for group, target, pattern in triples:
            toks = tokens(pattern, self.split_starts)
            if not toks:
                continue
            seq = tuple(forms(t) for t in toks)
            written.append((group, (seq, target, pattern)))
            by_first = self._index.setdefault(group, {})
            for form in seq[0]:
                by_first.setdefault(form, []).append((seq, target, pattern))
        for by_first in self._index.values():
            for entries in by_first.values():
                # longest first; at equal length an exclusion wins
                entries.sort(key=lambda e: (-len(e[0]), e[1] != ""))
        self._cache: dict[str, dict[str, list[Match]]] = {}
        #: the group order of ``find_all``'s result (that of the index)
        self._rank = {group: k for k, group in enumerate(self._index)}
        self._written = written
        self._trie = _build_trie(written, self._rank)
        #: tries of some groups only (:meth:`find_all_parts`), by groups
        self._subtries: dict[frozenset[str], dict[str, _Node]] = {}
        #: glued tokens read as two ("handibasket" → "para", "basket"), and "handi" as "para"
        self._glued: dict[str, tuple[str, ...]] = {"handi": ("para",)}
        for rest in self.split_starts:
            if len(rest) >= 3:
                for prefix in _PREFIXES:
                    self._glued.setdefault(prefix + rest, ("para", rest))
        self._spans_kept: dict[str, _Spans] = {}

    @property
    def groups(self) -> tuple[str, ...]:
        return tuple(self._index)

    def tokens(self, text: str) -> list[str]:
        """``text`` cut into tokens the way patterns were."""
        return tokens(text, self.split_starts)

    def _prepare(
        self, text: str | Sequence[str]
    ) -> tuple[list[str], list[tuple[str, int, int]] | None]:
        if isinstance(text, str):
            spans = token_spans(text, self.split_starts)
            return [t for t, _, _ in spans], spans
        return list(text), None

    @staticmethod
    def _words(
        text: str | Sequence[str],
        toks: list[str],
        spans: list[tuple[str, int, int]] | None,
        i: int,
        size: int,
    ) -> str:
        if spans is not None and isinstance(text, str):
            words = text[spans[i][1] : spans[i + size - 1][2]]
            return " ".join(words.split()) if "\n" in words or "  " in words else words
        return " ".join(toks[i : i + size])

    def find_all(self, text: str | Sequence[str]) -> dict[str, list[Match]]:
        """Every group's matches in ``text``, in one pass; same result as :meth:`find` per group.

        For a string, ``Match.found`` is the matched words as written in ``text``. Results for
        short strings (activities, labels, venue names repeat across a programme) are kept;
        treat the returned dict as read-only."""
        if isinstance(text, str) and len(text) <= _CACHED_LEN:
            hit = self._cache.get(text)
            if hit is None:
                hit = self._find_all(text)
                if len(self._cache) < _CACHE_SIZE:
                    self._cache[text] = hit
            return hit
        return self._find_all(text)

    def _spans(self, text: str) -> _Spans:
        """Tokens of ``text`` with their starts and ends: :func:`token_spans` with this
        matcher's ``split_starts``, as three lists (the last few texts' are kept)."""
        kept = self._spans_kept.get(text)
        if kept is not None:
            return kept
        plain, where = _plain(text)
        if "'" in plain:
            # an elided article or pronoun is no token: blanked, positions kept
            plain = _ELISION.sub(_blank, plain)
        # [separator, token, separator, token, …, separator]: the positions add up
        parts = _SPLIT.split(plain)
        toks = parts[1::2]
        pos = list(accumulate(map(len, parts), initial=0))
        starts = pos[1:-1:2]
        ends = pos[2::2]
        if "handi" in plain or "para" in plain:
            glued = self._glued
            for k in reversed([k for k, t in enumerate(toks) if t in glued]):
                read = glued[toks[k]]
                toks[k : k + 1] = read
                starts[k : k + 1] = [starts[k]] * len(read)
                ends[k : k + 1] = [ends[k]] * len(read)
        if where is not None:
            starts = [where[a] for a in starts]
            ends = [where[b - 1] + 1 for b in ends]
        out = toks, starts, ends
        if len(self._spans_kept) >= 8:
            self._spans_kept.clear()
        self._spans_kept[text] = out
        return out

    def _find_all(self, text: str | Sequence[str]) -> dict[str, list[Match]]:
        if isinstance(text, str):
            toks, starts, ends = self._spans(text)
            return self._match(text, toks, starts, ends, 0, len(toks))
        toks = list(text)
        return self._match(None, toks, [], [], 0, len(toks))

    def find_all_parts(
        self,
        text: str,
        parts: Sequence[tuple[int, int]],
        groups: Iterable[str] | None = None,
    ) -> list[dict[str, list[Match]]]:
        """:meth:`find_all` of each ``text[start:end]`` for ``(start, end)`` in ``parts``, the
        text cut into tokens once. Each part must begin and end between tokens (sentences cut
        at punctuation do). With ``groups``, only those groups are searched (each group is
        searched on its own, so their matches are the same)."""
        if len(text) <= _CACHED_LEN:
            # short parts' matches are kept
            found = [self.find_all(text[a:b]) for a, b in parts]
            if groups is None:
                return found
            keep = frozenset(groups)
            return [{g: ms for g, ms in f.items() if g in keep} for f in found]
        trie = self._trie
        if groups is not None:
            wanted = frozenset(groups)
            sub = self._subtries.get(wanted)
            trie = self._subtrie(wanted) if sub is None else sub
        toks, starts, ends = self._spans(text)
        out = []
        for a, b in parts:
            lo = bisect_left(starts, a)
            hi = bisect_left(starts, b, lo)
            out.append(self._match(text, toks, starts, ends, lo, hi, trie))
        return out

    def _subtrie(self, groups: frozenset[str]) -> dict[str, _Node]:
        trie = _build_trie([(g, e) for g, e in self._written if g in groups], self._rank)
        self._subtries[groups] = trie
        return trie

    def _match(
        self,
        text: str | None,
        toks: list[str],
        starts: list[int],
        ends: list[int],
        lo: int,
        hi: int,
        trie: dict[str, _Node] | None = None,
    ) -> dict[str, list[Match]]:
        """The matches of every group of ``trie`` (by default all) among ``toks[lo:hi]``
        (``text`` quotes them)."""
        found: dict[str, list[Match]] = {}
        free: dict[str, int] = {}
        get = (self._trie if trie is None else trie).get
        for i, node in enumerate(map(get, toks[lo:hi]), lo):
            if node is None:
                continue
            children, here = node
            nxt = children.get(toks[i + 1]) if children and i + 1 < hi else None
            if nxt is not None:
                # the text follows the trie further: each depth's patterns, then per group the
                # longest that fits
                levels = [here] if here else []
                j = i + 1
                while nxt is not None:
                    children, deeper = nxt
                    if deeper:
                        levels.append(deeper)
                    j += 1
                    nxt = children.get(toks[j]) if children and j < hi else None
                if len(levels) > 1:
                    best: dict[str, _End] = {}
                    for ends_k in reversed(levels):
                        for end in ends_k:
                            best.setdefault(end[1], end)
                    here = tuple(sorted(best.values(), key=lambda e: self._rank[e[1]]))
                elif levels:
                    here = levels[0]
            for size, group, target, pattern in here:
                if i < free.get(group, 0):
                    continue
                free[group] = i + size
                if target:
                    if text is not None:
                        words = text[starts[i] : ends[i + size - 1]]
                        if "\n" in words or "  " in words:
                            words = " ".join(words.split())
                    else:
                        words = " ".join(toks[i : i + size])
                    match = _new_match(Match, (group, target, pattern, words))
                    got = found.get(group)
                    if got is None:
                        found[group] = [match]
                    else:
                        got.append(match)
        return found

    def find(self, text: str | Sequence[str], group: str) -> list[Match]:
        """Every pattern of ``group`` found in ``text`` (a string or its tokens), in text order.

        A plain second implementation of the search (one group, one pass), kept as the reference
        that :meth:`find_all` is tested against."""
        toks, spans = self._prepare(text)
        index = self._index.get(group)
        found: list[Match] = []
        if not index:
            return found
        i, n = 0, len(toks)
        while i < n:
            best: _Entry | None = None
            for entry in index.get(toks[i], ()):
                seq = entry[0]
                if len(seq) == 1 or _fits(toks, i, seq):
                    best = entry
                    break  # entries are sorted longest first
            if best is None:
                i += 1
                continue
            seq, target, pattern = best
            if target:
                words = self._words(text, toks, spans, i, len(seq))
                found.append(Match(group, target, pattern, words))
            i += len(seq)
        return found

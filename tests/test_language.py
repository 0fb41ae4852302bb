"""French everywhere in French mode, English everywhere in English mode.

Every message of every message catalogue (each ``*messages`` module, the report and page texts,
the column labels, the ICS texts) is rendered in both languages with its placeholders filled; every
report of the sample programme is rendered as text, HTML and DataFrame in both languages; the
command line's help too. :mod:`language_check` then looks for English words in the French and
French words in the English, and for what never reaches a user (regexes, Python reprs, unfilled
placeholders, « (s) » left to the reader, numbers in the other language's format).

No leak is accepted: a text that leaks is fixed where it is written, never here nor in the checker.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import pkgutil
import string
from collections import defaultdict
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

import pytest

import nqe_events as nqe
from language_check import Leak, data_strings, dataframe_text, html_text, leaks
from nqe_events import errors

LANGS = ("fr", "en")

# --- catalogues --------------------------------------------------------------------------------


def _catalogue_modules() -> list[str]:
    """Every ``*messages`` module of the package, plus the other tables of user texts."""
    names = {
        m.name
        for m in pkgutil.walk_packages(nqe.__path__, prefix="nqe_events.")
        if m.name.rsplit(".", 1)[-1].endswith("messages") or m.name.endswith(("ics_text", ".text"))
    }
    names |= {"nqe_events.report._texts", "nqe_events.report.page", "nqe_events._render"}
    return sorted(names)


def _catalogues() -> Iterator[tuple[str, dict[str, tuple[str, str]]]]:
    """The module-level tables ``key -> (French, English)`` of the catalogue modules."""
    for name in _catalogue_modules():
        module = importlib.import_module(name)
        for attr, table in vars(module).items():
            if not isinstance(table, dict) or not table:
                continue
            if all(
                isinstance(v, tuple) and len(v) == 2 and all(isinstance(s, str) for s in v)
                for v in table.values()
            ):
                yield f"{name}.{attr}", table


class _Filler(string.Formatter):
    """Fills every placeholder with 3 (a number fits ``{n}``, ``{x:.1f}`` and ``{n:~a|b}``)."""

    def __init__(self, lang: str) -> None:
        from nqe_events._render import plural_format

        self.lang = lang
        self._plural = plural_format

    def fill(self, template: str) -> str:
        values: defaultdict[str, int] = defaultdict(lambda: 3)
        for _, field, _, _ in self.parse(template):
            if field:
                values[field.split(".")[0].split("[")[0]] = 3
        return self._plural(template, self.lang, **values)


def catalogue_texts() -> list[tuple[str, str, str]]:
    """(where, lang, text) for every message of every catalogue."""
    out = []
    for where, table in _catalogues():
        for key, pair in table.items():
            for lang, template in zip(LANGS, pair, strict=True):
                out.append((f"{where}[{key}]", lang, _Filler(lang).fill(template)))
    return out


# --- reports of the sample ---------------------------------------------------------------------


@cache
def _sample() -> Any:
    return nqe.load_example()


@cache
def _reports(lang: str = "fr") -> dict[str, Any]:
    """Every report of the sample, built with ``lang`` in force (as ``--lang`` does)."""
    return _with_language(lang, _build_reports)


def _build_reports() -> dict[str, Any]:
    from nqe_events.calendar.ics import export_ics, import_ics

    sample = _sample()
    planned = nqe.plan(sample)
    alignment = nqe.check_programme(planned.programme)
    footprint = nqe.estimate_programme(planned.programme)
    undated = sorted(e.id for e in sample.events if not e.occurrences)
    return {
        "AlignmentReport": alignment.events[0],
        "ProgrammeReport": alignment,
        "ClashReport": nqe.find_clashes(sample),
        "Plan": planned,
        "SlotProposals": nqe.propose_slots(sample, undated[0], k=5),
        "FootprintReport": footprint.events[0],
        "SeasonFootprint": footprint,
        "SeasonSummary": nqe.season_summary(
            planned.programme, alignment=alignment, footprint=footprint
        ),
        "IcsExport": export_ics(planned.programme),
        "IcsImport": import_ics(nqe.to_ics(planned.programme)),
        "Programme": sample,
        "Event": sample.events[0],
    }


@cache
def _quoted() -> frozenset[str]:
    """The programme's own strings (names, titles, notes, ids) and the rule labels: quoted text."""
    sample = _sample()
    quoted = data_strings(sample.model_dump(mode="json"))
    report = _reports()["ProgrammeReport"]
    for fr, en in report.principle_labels.values():
        quoted |= {fr, en}
    # evidence quotes the event's own words (« remise de médailles » in its description): a
    # fragment of the programme's text is quoted data too, as long as it really is one
    fragments = {
        e.found
        for r in report.events
        for c in r.criteria
        for e in c.evidence
        if e.found_en is None and len(e.found) >= 3
    }
    lowered = [q.lower() for q in quoted]
    quoted |= {f for f in fragments if any(f.lower() in q for q in lowered)}
    return frozenset(quoted)


def _with_language(lang: str, render: Callable[[], Any]) -> Any:
    previous = errors.get_language()
    errors.set_language(lang)
    try:
        return render()
    finally:
        errors.set_language(previous)


def report_texts() -> list[tuple[str, str, str]]:
    """(where, lang, text) for the text, HTML and DataFrame of every report of the sample."""
    out = []
    for lang in LANGS:
        for name, report in _reports(lang).items():
            if hasattr(report, "to_text"):
                text = _with_language(lang, lambda r=report, lg=lang: r.to_text(lg))
                out.append((f"{name}.to_text", lang, text))
            if hasattr(report, "_repr_html_"):
                page = _with_language(lang, report._repr_html_)
                out.append((f"{name}._repr_html_", lang, html_text(page)))
            if hasattr(report, "to_dataframe"):
                frame = _with_language(lang, report.to_dataframe)
                out.append((f"{name}.to_dataframe", lang, dataframe_text(frame)))
            if hasattr(report, "to_html"):
                page = report.to_html(lang=lang)
                out.append((f"{name}.to_html", lang, html_text(page)))
    return out


# --- the command line's help -------------------------------------------------------------------


def cli_help_texts() -> list[tuple[str, str, str]]:
    """The help of the program and of each sub-command, without what one types: the option
    names (--base), the choices ({text,json}), the metavars and the sub-command names."""
    import re

    from nqe_events.cli import COMMANDS, main

    typed = re.compile(
        r"(?<![\w-])--?[\w-]+|\{[\w,-]+\}|\b[A-ZÉÈ]{2,}\b|\b("
        + "|".join(re.escape(name) for name, _, _ in COMMANDS)
        + r")\b(?![-\w])"
    )
    out = []
    for lang in LANGS:
        for command in [None, *(name for name, _, _ in COMMANDS)]:
            argv = ["--lang", lang, *([command] if command else []), "--help"]
            buffer = io.StringIO()
            with contextlib.redirect_stdout(buffer):
                previous = errors.get_language()
                try:
                    assert main(argv) == 0
                finally:
                    errors.set_language(previous)
            text = typed.sub(" ", buffer.getvalue())
            out.append((f"nqe-events {command or ''} --help", lang, text))
    return out


# --- the tests ---------------------------------------------------------------------------------


def _found(items: list[tuple[str, str, str]], quoted: frozenset[str] = frozenset()) -> list[Leak]:
    return [leak for where, lang, text in items for leak in leaks(text, lang, where, quoted)]


def _assert_no_leak(found: list[Leak], scope: str) -> None:
    assert not found, f"{len(found)} leaks in the {scope}:\n" + "\n".join(map(str, found[:60]))


def test_catalogues_are_found_and_rendered() -> None:
    where = {w.rsplit("[", 1)[0] for w, _, _ in catalogue_texts()}
    for table in (
        "nqe_events.model.messages._TEXTS",
        "nqe_events.rules.messages.ADVICE",
        "nqe_events.calendar.messages.T",
        "nqe_events.footprint.messages.NOTES",
        "nqe_events.report._texts._TEXTS",
        "nqe_events._render.COLUMN_LABELS",
    ):
        assert table in where, table
    texts = catalogue_texts()
    assert len(texts) > 400
    assert not any("{" in text and "}" in text for _, _, text in texts if "{3}" in text)


def test_catalogue_messages_speak_one_language() -> None:
    _assert_no_leak(_found(catalogue_texts()), "catalogues")


def test_reports_of_the_sample_speak_one_language() -> None:
    assert set(_reports()) >= _protocol_cases()
    _assert_no_leak(_found(report_texts(), _quoted()), "reports")


def test_cli_help_speaks_one_language() -> None:
    _assert_no_leak(_found(cli_help_texts()), "command-line help")


def _protocol_cases() -> set[str]:
    from test_report_protocol import CASES

    return set(CASES)


# --- the checker itself ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "kinds"),
    [
        ("Le lieu est occupé.", "fr", set()),
        ("lieu 'parc' or 'autre' expected", "fr", {"english-word"}),
        ("attendu le motif ^[a-z0-9](?:-?[a-z0-9])*$", "fr", {"regex"}),
        ("{'start': datetime.date(2024, 8, 1)}", "fr", {"python-repr"}),
        ("valeur None", "fr", {"python-repr", "english-word"}),
        ("events[3].occurrences[0].end : fin avant le début", "fr", {"field-path", "english-word"}),
        ("3 temps fort(s)", "fr", {"plural-left-to-reader"}),
        ("{count} temps forts", "fr", {"placeholder"}),
        ("public attendu : 12,345.5 personnes", "fr", {"english-number"}),
        ("public attendu : 12 345,5 personnes, 90 %", "fr", set()),
        ("le week-end, fil-rouge, tournoi-foot-cite-12", "fr", set()),
        ("No clash: 12 events checked.", "en", set()),
        ("No clash: 12 événements vérifiés.", "en", {"french-word"}),
        ("Total budget: 4,800.50", "en", set()),
        ("Total budget: 4800,50", "en", {"french-number"}),
        ("nqe_events 0.1.0", "fr", set()),
    ],
)
def test_checker_finds_what_it_should(text: str, lang: str, kinds: set[str]) -> None:
    assert {leak.kind for leak in leaks(text, lang, "t")} == kinds


def test_checker_leaves_quoted_data_alone() -> None:
    text = "Temps forts aligned — « Fête de la musique du quartier »"
    assert [leak.found for leak in leaks(text, "en", "t")] == ["de", "la", "du"]
    assert not list(leaks(text, "en", "t", {"Fête de la musique du quartier"}))


def test_checker_reads_html_and_dataframes() -> None:
    import pandas as pd

    page = "<style>.x{color:red}</style><p title='the title'>Bonjour &amp; merci</p>"
    assert html_text(page).split() == ["the", "title", "Bonjour", "&", "merci"]
    frame = pd.DataFrame({"début": [1.5], "statut": ["not found"], "ok": [True]})
    assert dataframe_text(frame).split("\n") == ["début", "statut", "ok", "not found"]

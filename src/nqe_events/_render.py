"""Small rendering helpers shared by every report (stdlib only, importable from any layer).

Reports are frozen models with ``.ok``, findings as data and renderings. These helpers give them a
consistent HTML table for Jupyter (``_repr_html_``) and a lazy pandas conversion (``to_dataframe``)
that says which extra to install when pandas is missing.
"""

from __future__ import annotations

import html
import re
import string
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from .errors import MissingExtraError, get_language

__all__ = [
    "COLUMN_LABELS",
    "DEFAULT_MAX_ITEMS",
    "column_label",
    "dataframe",
    "decimal",
    "fmt_int",
    "html_table",
    "json_text",
    "more_line",
    "percent",
    "plural",
    "plural_format",
    "require_extra",
    "styled",
    "terminal_safe",
]

#: Items a text report prints by default (``--max``); JSON outputs are always complete.
DEFAULT_MAX_ITEMS = 50

# ``table.nqe-table.nqe-table td`` (0,2,2) outweighs JupyterLab's right-aligning
# ``:not(.jp-RenderedMarkdown).jp-RenderedHTMLCommon td`` (0,2,1)
_T = "table.nqe-table.nqe-table"
_STYLE = (
    f"<style>{_T}{{border-collapse:collapse;font-family:sans-serif;font-size:13px}}"
    f"{_T} th,{_T} td{{border:1px solid #ccc;padding:3px 8px;text-align:left;"
    f"vertical-align:top}}{_T} th{{background:#f0f3f8}}"
    f"{_T} td.nqe-num,{_T} th.nqe-num{{text-align:right;white-space:nowrap;"
    f"font-variant-numeric:tabular-nums}}{_T} tr.nqe-warn td.nqe-num{{text-align:left;"
    f"white-space:normal}}{_T} caption{{font-weight:bold;"
    "text-align:left;padding:4px 0}.nqe-ok{color:#1a7f37}.nqe-bad{color:#c62828}"
    ".nqe-warn{color:#b26a00}.nqe-na{color:#666}</style>"
)


def json_text(data: Any, indent: int | None = 2) -> str:
    """``data`` as JSON that every parser reads: a NaN or an infinity (not JSON) becomes ``null``."""
    import json

    try:
        return json.dumps(data, ensure_ascii=False, indent=indent, allow_nan=False)
    except ValueError:
        return json.dumps(_finite(data), ensure_ascii=False, indent=indent, allow_nan=False)


def _finite(data: Any) -> Any:
    import math

    if isinstance(data, float):
        return data if math.isfinite(data) else None
    if isinstance(data, Mapping):
        return {k: _finite(v) for k, v in data.items()}
    if isinstance(data, list | tuple):
        return [_finite(v) for v in data]
    return data


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    """``text`` with control characters other than tab and newline, lone surrogates and
    bidirectional overrides shown as ``\\x1b``/``\\u202e`` escapes: nothing written to a terminal can
    move the cursor, clear the screen or reorder a line."""
    global _CONTROL
    if text.isprintable():
        return text
    import re

    if _CONTROL is None:
        _CONTROL = re.compile(
            "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]"
        )
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def more_line(hidden: int, lang: str, indent: str = "  ") -> str:
    """« … et 46 761 autres (--max 0 pour tout afficher) »: what a bounded text report left out."""
    if lang == "fr":
        n = f"{hidden:,}".replace(",", "\u202f")
        return f"{indent}… et {n} autre{'s' if hidden > 1 else ''} (--max 0 pour tout afficher)"
    return f"{indent}… and {hidden:,} more (--max 0 to show all)"


def listed(items: Sequence[str], lang: str, max_items: int | None = None) -> str:
    """``items`` joined by commas, at most ``max_items`` of them (``None`` or 0: all), then
    « … et 46 761 autres (--max 0 pour tout afficher) »."""
    if not max_items or len(items) <= max_items:
        return ", ".join(items)
    hidden = more_line(len(items) - max_items, lang, indent="")
    return ", ".join([*items[:max_items], hidden])


def decimal(value: float, lang: str, digits: int = 1) -> str:
    """A number for a reader: ``51.4`` → ``"51,4"`` in French, ``"51.4"`` in English."""
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if lang == "fr" else text


def fmt_int(value: int, lang: str | None = None) -> str:
    """``12345`` → ``"12 345"`` in French (narrow no-break space), ``"12,345"`` in English."""
    body = f"{value:,}"
    return body.replace(",", "\u202f") if get_language(lang) == "fr" else body


def percent(share: float, lang: str | None = None) -> str:
    """``0.9`` → ``"90 %"`` in French (no-break space before %), ``"90%"`` in English."""
    number = f"{round(share * 100)}"
    return f"{number}\u00a0%" if get_language(lang) == "fr" else f"{number}%"


def plural(count: int, one: str, many: str | None = None, lang: str | None = None) -> str:
    """``count`` and the noun (or adjective) agreeing with it: ``"1 daté"``, ``"13 datés"``.

    French takes the singular for 0 and 1 (« 0 conflit », « 1 temps fort »), English only for 1
    (« 0 clashes », « 1 clash »). ``many`` defaults to ``one + "s"``; the number is formatted for the
    reader (« 12 345 »).
    """
    lang = get_language(lang)
    single = abs(count) < 2 if lang == "fr" else abs(count) == 1
    word = one if single else (many if many is not None else one + "s")
    return f"{fmt_int(count, lang)} {word}"


class _PluralFormatter(string.Formatter):
    """``str.format`` plus ``{n:~one|many}`` for a number with its agreeing word."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec.startswith("~"):
            one, _, many = format_spec[1:].partition("|")
            try:
                count = int(value)
            except (TypeError, ValueError):  # not a count: the plural form after the value
                return f"{value} {many or one + 's'}"
            return plural(count, one, many or None, self.lang)
        return str(super().format_field(value, format_spec))


def plural_format(template: str, lang: str | None = None, /, **values: Any) -> str:
    """``template.format(**values)`` where ``{count:~temps fort|temps forts}`` agrees with count.

    >>> plural_format("{n:~conflit} parmi {k:~événement}", "fr", n=1, k=12)
    '1 conflit parmi 12 événements'
    >>> plural_format("{n:~clash|clashes}", "en", n=0)
    '0 clashes'
    """
    return _PluralFormatter(get_language(lang)).format(template, **values)


def html_table(
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    caption: str | None = None,
    classes: Sequence[str | None] | None = None,
    numeric: Iterable[int] = (),
) -> str:
    """An escaped HTML table; ``classes`` gives an optional CSS class per row (nqe-ok, nqe-bad…),
    ``numeric`` the indexes of the columns of numbers and dates (right-aligned, not wrapped)."""
    right = set(numeric)

    def cell(tag: str, j: int, value: Any) -> str:
        attr = ' class="nqe-num"' if j in right else ""
        return f"<{tag}{attr}>{html.escape('' if value is None else str(value))}</{tag}>"

    parts = [_STYLE, '<table class="nqe-table">']
    if caption:
        parts.append(f"<caption>{html.escape(caption)}</caption>")
    parts.append(
        "<thead><tr>" + "".join(cell("th", j, h) for j, h in enumerate(headers)) + "</tr></thead>"
    )
    parts.append("<tbody>")
    for i, row in enumerate(rows):
        cls = classes[i] if classes is not None and i < len(classes) else None
        attr = f' class="{html.escape(cls)}"' if cls else ""
        cells = "".join(cell("td", j, c) for j, c in enumerate(row))
        parts.append(f"<tr{attr}>{cells}</tr>")
    parts.append("</tbody></table>")
    return "".join(parts)


def require_extra(module: str, extra: str = "notebook") -> Any:
    """Import an optional dependency, or raise ``MissingExtraError`` naming the extra to install."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingExtraError(
            f"le module {module} n'est pas installé : installez l'option « {extra} » avec "
            f"pip install 'nqe-events[{extra}]'",
            f"{module} is not installed: install the '{extra}' extra with "
            f"pip install 'nqe-events[{extra}]'",
        ) from None


#: Column labels of every report's DataFrame: machine key → (French, English). A key that is not
#: here (a principle or a category id) is its own label.
COLUMN_LABELS: dict[str, tuple[str, str]] = {
    "id": ("identifiant", "id"),
    "event": ("temps fort", "event"),
    "events": ("temps forts", "events"),
    "title": ("titre", "title"),
    "summary": ("titre", "title"),
    "organiser": ("porteur", "organiser"),
    "venue": ("lieu", "venue"),
    "commune": ("commune", "town"),
    "quartiers": ("quartiers", "quartiers"),
    "departements": ("départements", "départements"),
    "themes": ("thèmes", "themes"),
    "status": ("statut", "status"),
    "start": ("début", "start"),
    "end": ("fin", "end"),
    "days": ("jours", "days"),
    "slots": ("créneaux", "slots"),
    "all_day": ("journée entière", "all day"),
    "slot_label": ("intitulé du créneau", "slot label"),
    "expected_attendance": ("public attendu", "expected attendance"),
    "attendance": ("public", "attendance"),
    "budget_eur": ("budget (€)", "budget (€)"),
    "region_eur": ("subvention régionale (€)", "regional subsidy (€)"),
    "volunteer_inhabitants": ("habitants bénévoles", "volunteer inhabitants"),
    "rule": ("règle", "rule"),
    "resource": ("ressource", "resource"),
    "overlap_minutes": ("chevauchement (min)", "overlap (min)"),
    "message": ("message", "message"),
    "moved": ("déplacé", "moved"),
    "placed": ("placé", "placed"),
    "reasons": ("raisons", "reasons"),
    "ok": ("possible", "possible"),
    "score": ("score", "score"),
    "verdict": ("verdict", "verdict"),
    "principle": ("principe", "principle"),
    "criterion": ("critère", "criterion"),
    "evidence": ("éléments trouvés", "evidence"),
    "advice": ("conseil", "advice"),
    "total_kgco2e": ("total (kg CO₂e)", "total (kg CO₂e)"),
    "p5": ("bas, p5 (kg CO₂e)", "low, p5 (kg CO₂e)"),
    "p95": ("haut, p95 (kg CO₂e)", "high, p95 (kg CO₂e)"),
    "per_attendee_kgco2e": ("par participant (kg CO₂e)", "per attendee (kg CO₂e)"),
    "defaults_share": ("part des valeurs par défaut", "share of default values"),
    "category": ("poste", "category"),
    "factor": ("facteur", "factor"),
    "quantity": ("quantité", "quantity"),
    "unit": ("unité", "unit"),
    "kgco2e": ("kg CO₂e", "kg CO₂e"),
    "tier": ("niveau", "tier"),
    "default": ("par défaut", "default"),
    "path": ("champ", "field"),
    "source": ("origine", "source"),
    "category_p5": ("poste, bas p5 (kg CO₂e)", "category, low p5 (kg CO₂e)"),
    "category_p95": ("poste, haut p95 (kg CO₂e)", "category, high p95 (kg CO₂e)"),
    "indicator": ("clé", "key"),
    "label": ("indicateur", "indicator"),
    "value": ("valeur", "value"),
    "uid": ("UID", "UID"),
    "tzid": ("fuseau horaire", "time zone"),
    "sequence": ("version", "sequence"),
    "line": ("ligne", "line"),
    "code": ("code", "code"),
}

LABEL_CHOICES = ("fr", "en", "keys")


def _wall_clock(value: Any) -> Any:
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)
    return value


def column_label(key: str, labels: str | None = None) -> str:
    """The label of column ``key``: French, English (``labels="fr"``/``"en"``, default: the
    language in force) or the key itself (``labels="keys"``)."""
    if labels == "keys":
        return key
    pair = COLUMN_LABELS.get(key)
    if pair is None:
        return key
    return pair[0] if get_language(labels) == "fr" else pair[1]


def dataframe(
    records: Sequence[Mapping[str, Any]],
    columns: Sequence[str] | None = None,
    *,
    labels: str | None = None,
) -> Any:
    """A ``pandas.DataFrame`` of ``records`` (pandas imported only now).

    Columns carry readers' labels, French by default (« public attendu »), English with
    ``labels="en"`` (or ``--lang en``), the machine keys with ``labels="keys"``; the keys stay in
    ``frame.attrs["nqe_keys"]`` (label → key), so ``frame.rename(columns=frame.attrs["nqe_keys"])``
    gives them back. Values stay numbers, dates and booleans (Excel formats them for its locale);
    date-times are the wall-clock times of their zone (the programme's), without the zone, which
    Excel refuses: ``nqe_events.to_excel(frame, "rapport.xlsx")`` writes it as is, with no text
    cell that a spreadsheet would run as a formula (``to_csv`` likewise).
    """
    if labels is not None and labels not in LABEL_CHOICES:
        from .errors import UnknownItemError, did_you_mean

        fr, en = did_you_mean(str(labels), LABEL_CHOICES)
        raise UnknownItemError(
            f"labels « {labels} » inconnu : choisir parmi fr, en, keys{fr}",
            f"unknown labels '{labels}': choose among fr, en, keys{en}",
        )
    pd = require_extra("pandas")
    rows = [{k: _wall_clock(v) for k, v in r.items()} for r in records]
    frame = pd.DataFrame(rows, columns=list(columns) if columns is not None else None)
    keys = [str(c) for c in frame.columns]
    shown = [column_label(k, labels) for k in keys]
    frame.columns = shown
    frame.attrs["nqe_keys"] = dict(zip(shown, keys, strict=True))
    return frame


def styled(frame: Any, lang: str | None = None) -> Any:
    """A DataFrame displayed the way its reader writes numbers and dates (a pandas ``Styler``):
    « 12 345 », « 51,4 », « 20/07/2024 14:00 » in French; the frame itself keeps its values.

    >>> import nqe_events as nqe
    >>> from nqe_events.report import styled
    >>> styled(nqe.load_example().to_dataframe())              # doctest: +SKIP
    """
    pd = require_extra("pandas")
    lang = get_language(lang)
    fr = lang == "fr"

    def number(value: Any, digits: int) -> str:
        if value is None or pd.isna(value):
            return ""
        text = f"{value:,.{digits}f}"
        return text.replace(",", "\u202f").replace(".", ",") if fr else text

    def when(value: Any) -> str:
        if value is None or pd.isna(value):
            return ""
        return str(value.strftime("%d/%m/%Y %H:%M" if fr else "%Y-%m-%d %H:%M"))

    formats: dict[Any, Any] = {}
    for column in frame.columns:
        series = frame[column]
        if pd.api.types.is_datetime64_any_dtype(series):
            formats[column] = when
        elif pd.api.types.is_bool_dtype(series):
            formats[column] = (lambda v: "oui" if v else "non") if fr else (lambda v: str(v))
        elif pd.api.types.is_numeric_dtype(series):
            values = series.dropna()
            integral = bool(((values % 1) == 0).all()) if len(values) else True
            digits = 0 if integral else 2
            formats[column] = lambda v, d=digits: number(v, d)
    return frame.style.format(formats, na_rep="")

"""Small rendering helpers shared by every report (stdlib only, importable from any layer).

Reports are frozen models with ``.ok``, findings as data and renderings. These helpers give them a
consistent HTML table for Jupyter (``_repr_html_``) and a lazy pandas conversion (``to_dataframe``)
that says which extra to install when pandas is missing.
"""

from __future__ import annotations

import html
import string
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from .errors import MissingExtraError, get_language

__all__ = [
    "dataframe",
    "decimal",
    "fmt_int",
    "html_table",
    "plural",
    "plural_format",
    "require_extra",
]

_STYLE = (
    "<style>.nqe-table{border-collapse:collapse;font-family:sans-serif;font-size:13px}"
    ".nqe-table th,.nqe-table td{border:1px solid #ccc;padding:3px 8px;text-align:left;"
    "vertical-align:top}.nqe-table th{background:#f0f3f8}.nqe-table caption{font-weight:bold;"
    "text-align:left;padding:4px 0}.nqe-ok{color:#1a7f37}.nqe-bad{color:#c62828}"
    ".nqe-warn{color:#b26a00}.nqe-na{color:#666}</style>"
)


def decimal(value: float, lang: str, digits: int = 1) -> str:
    """A number for a reader: ``51.4`` → ``"51,4"`` in French, ``"51.4"`` in English."""
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if lang == "fr" else text


def fmt_int(value: int, lang: str | None = None) -> str:
    """``12345`` → ``"12 345"`` in French (narrow no-break space), ``"12,345"`` in English."""
    body = f"{value:,}"
    return body.replace(",", "\u202f") if get_language(lang) == "fr" else body


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
        if format_spec.startswith("~") and isinstance(value, int):
            one, _, many = format_spec[1:].partition("|")
            return plural(value, one, many or None, self.lang)
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
) -> str:
    """An escaped HTML table; ``classes`` gives an optional CSS class per row (nqe-ok, nqe-bad…)."""
    parts = [_STYLE, '<table class="nqe-table">']
    if caption:
        parts.append(f"<caption>{html.escape(caption)}</caption>")
    parts.append(
        "<thead><tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in headers) + "</tr></thead>"
    )
    parts.append("<tbody>")
    for i, row in enumerate(rows):
        cls = classes[i] if classes is not None and i < len(classes) else None
        attr = f' class="{html.escape(cls)}"' if cls else ""
        cells = "".join(f"<td>{html.escape('' if c is None else str(c))}</td>" for c in row)
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


def dataframe(records: Sequence[Mapping[str, Any]], columns: Sequence[str] | None = None) -> Any:
    """A ``pandas.DataFrame`` of ``records`` (pandas imported only now)."""
    pd = require_extra("pandas")
    return pd.DataFrame(list(records), columns=list(columns) if columns is not None else None)

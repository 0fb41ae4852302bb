"""Small rendering helpers shared by every report (stdlib only, importable from any layer).

Reports are frozen models with ``.ok``, findings as data and renderings. These helpers give them a
consistent HTML table for Jupyter (``_repr_html_``) and a lazy pandas conversion (``to_dataframe``)
that says which extra to install when pandas is missing.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from .errors import MissingExtraError

__all__ = [
    "DEFAULT_MAX_ITEMS",
    "dataframe",
    "decimal",
    "html_table",
    "json_text",
    "more_line",
    "require_extra",
    "terminal_safe",
]

#: Items a text report prints by default (``--max``); JSON outputs are always complete.
DEFAULT_MAX_ITEMS = 50

_STYLE = (
    "<style>.nqe-table{border-collapse:collapse;font-family:sans-serif;font-size:13px}"
    ".nqe-table th,.nqe-table td{border:1px solid #ccc;padding:3px 8px;text-align:left;"
    "vertical-align:top}.nqe-table th{background:#f0f3f8}.nqe-table caption{font-weight:bold;"
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


def decimal(value: float, lang: str, digits: int = 1) -> str:
    """A number for a reader: ``51.4`` → ``"51,4"`` in French, ``"51.4"`` in English."""
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if lang == "fr" else text


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

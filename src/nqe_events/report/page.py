"""The bilan as one printable HTML page: something one can send to an elected official.

:func:`bilan_html` turns a :class:`~nqe_events.report.SeasonSummary` (and, optionally, the PNG
images of its plots) into a self-contained document: an A4 ``@page`` for printing, a sans-serif
font stack, the key figures as large numbers, every indicator in a table with right-aligned
numbers in the reader's formatting (« 12 345 », « 51,4 », « 90 % » in French), the points to check,
and the plots embedded as ``data:`` URIs so that the one file travels alone by e-mail.

>>> import nqe_events as nqe
>>> from nqe_events.report import bilan_html
>>> page = bilan_html(nqe.season_summary(nqe.load_example()))
>>> page.startswith("<!DOCTYPE html>") and "@page" in page
True
"""

from __future__ import annotations

import base64
import html
from collections.abc import Sequence
from typing import Any

from ..errors import get_language
from ._texts import text

__all__ = ["STYLESHEET", "bilan_html"]

#: The page's stylesheet: short on purpose (A4, sans-serif, right-aligned numbers, print-friendly).
STYLESHEET = """
@page { size: A4; margin: 18mm 16mm; }
:root { --ink: #1d2733; --muted: #5b6775; --line: #d5dbe3; --band: #f2f5f9; --accent: #00629b; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 180mm; padding: 12mm 0; color: var(--ink);
  font: 10.5pt/1.45 "Marianne", "Source Sans 3", "Source Sans Pro", "Segoe UI", Roboto,
  "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif; }
header { border-bottom: 3px solid var(--accent); margin-bottom: 6mm; padding-bottom: 3mm; }
h1 { font-size: 19pt; margin: 0; line-height: 1.2; }
header p { margin: 1mm 0 0; color: var(--muted); }
h2 { font-size: 12.5pt; color: var(--accent); margin: 7mm 0 2mm; break-after: avoid; }
.keys { display: grid; grid-template-columns: repeat(3, 1fr); gap: 3mm; margin: 0; padding: 0; }
.keys div { background: var(--band); border-radius: 2mm; padding: 3mm 4mm; }
.keys dt { color: var(--muted); font-size: 9pt; }
.keys dd { margin: 0; font-size: 17pt; font-weight: 600; font-variant-numeric: tabular-nums; }
table { border-collapse: collapse; width: 100%; break-inside: auto; }
th, td { border-bottom: 1px solid var(--line); padding: 1.4mm 2mm; text-align: left;
  vertical-align: top; }
th { background: var(--band); font-weight: 600; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr { break-inside: avoid; }
ul.attention { margin: 0; padding-left: 5mm; color: #8a4b00; }
figure { margin: 5mm 0; break-inside: avoid; text-align: center; }
figure img { max-width: 100%; height: auto; }
figcaption { color: var(--muted); font-size: 9pt; }
footer { margin-top: 8mm; border-top: 1px solid var(--line); padding-top: 2mm; color: var(--muted);
  font-size: 8.5pt; }
@media print { body { padding: 0; max-width: none; } h2 { margin-top: 5mm; }
  figure img { max-height: 112mm; width: auto; } }
""".strip()

#: The headline figures shown as large numbers, in this order.
_KEYS = (
    "temps_forts",
    "quartiers",
    "towns",
    "expected_attendance",
    "volunteer_inhabitants",
    "budget_eur",
)

_PAGE_TEXTS = {
    "heading": ("Bilan de la saison {season}", "Season {season} summary"),
    "keys": ("L'essentiel", "Key figures"),
    "table": ("Tous les indicateurs", "All the indicators"),
    "attention": ("Points d'attention", "Points to check"),
    "plots": ("En images", "In pictures"),
    "towns": ("Villes concernées", "Towns involved"),
    "footer": (
        "Établi avec nqe_events {version}. Les temps forts annulés ne sont pas comptés ; "
        "l'empreinte carbone est une estimation (intervalle à 90 %), voir la méthode dans la "
        "documentation.",
        "Produced with nqe_events {version}. Cancelled events are not counted; the carbon "
        "footprint is an estimate (90% interval), see the method in the documentation.",
    ),
    "plot.calendrier.png": ("Le calendrier de l'été, par lieu", "The summer calendar, by venue"),
    "plot.empreinte.png": ("L'empreinte carbone par poste", "The carbon footprint by category"),
    "plot.leviers.png": ("Les leviers de réduction", "The reduction levers"),
    "plot.alignement.png": ("L'alignement par principe", "Alignment by principle"),
}


def _t(key: str, lang: str, **values: object) -> str:
    fr, en = _PAGE_TEXTS[key]
    template = fr if lang == "fr" else en
    # French typography: a no-break space before « % »
    template = template.replace(" %", "\u00a0%")
    return template.format(**values) if values else template


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def bilan_html(
    summary: Any,
    images: Sequence[tuple[str, bytes]] = (),
    *,
    lang: str | None = None,
) -> str:
    """The bilan as a self-contained, printable HTML document (French by default).

    ``summary`` is a :class:`~nqe_events.report.SeasonSummary` (not imported here: the summary
    imports this module for its ``to_html``).

    ``images`` are ``(file name, PNG bytes)`` pairs, embedded as ``data:`` URIs in this order; a
    caption is given to the names the bilan writes (``calendrier.png``, ``empreinte.png``,
    ``leviers.png``, ``alignement.png``), and any other image is captioned with its name.
    """
    from importlib.metadata import PackageNotFoundError, version

    try:
        __version__ = version("nqe-events")
    except PackageNotFoundError:  # a source tree that is not installed
        __version__ = "0.0.0+unknown"
    lang = get_language(lang)
    rows = summary.indicators(lang)
    shown = {key: value for key, _, _, value, _ in rows}
    labels = {key: label for key, label, _, _, _ in rows}
    title = text("summary.title", lang, season=summary.season, name=summary.name)
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}">',
        '<head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title>",
        f"<style>\n{STYLESHEET}\n</style></head>",
        "<body>",
        f"<header><h1>{_e(_t('heading', lang, season=summary.season))}</h1>"
        f"<p>{_e(summary.name)}</p></header>",
        f"<h2>{_e(_t('keys', lang))}</h2>",
        '<dl class="keys">',
    ]
    for key in _KEYS:
        parts.append(f"<div><dt>{_e(labels[key])}</dt><dd>{_e(shown[key])}</dd></div>")
    parts.append("</dl>")
    if summary.findings:
        parts.append(f"<h2>{_e(_t('attention', lang))}</h2>")
        parts.append('<ul class="attention">')
        parts += [f"<li>{_e(f.message(lang))}</li>" for f in summary.findings]
        parts.append("</ul>")
    parts.append(f"<h2>{_e(_t('table', lang))}</h2>")
    parts.append(
        f'<table class="indicators"><thead><tr><th>{_e(text("summary.indicator", lang))}</th>'
        f'<th class="num">{_e(text("summary.value", lang))}</th></tr></thead><tbody>'
    )
    for _key, label, _value, value_shown, _unit in rows:
        parts.append(f'<tr><td>{_e(label)}</td><td class="num">{_e(value_shown)}</td></tr>')
    parts.append("</tbody></table>")
    if summary.town_names:
        parts.append(f"<h2>{_e(_t('towns', lang))}</h2>")
        parts.append(f"<p>{_e(', '.join(summary.town_names))}</p>")
    if images:
        parts.append(f"<h2>{_e(_t('plots', lang))}</h2>")
        for name, png in images:
            key = f"plot.{name}"
            caption = _t(key, lang) if key in _PAGE_TEXTS else name
            parts.append(
                f'<figure><img src="{_data_uri(png)}" alt="{_e(caption)}">'
                f"<figcaption>{_e(caption)}</figcaption></figure>"
            )
    parts.append(f"<footer>{_e(_t('footer', lang, version=__version__))}</footer>")
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)

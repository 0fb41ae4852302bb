"""The official QPV list (ANCT files on data.gouv.fr), read from CSV or GeoJSON.

Columns vary between files: ``code_qp``/``Code_QP``/``code_quartier`` for the code, ``lib_qp``/
``nom_qp``/``Lib_QP`` for the name, ``commune_qp``/``noms_des_communes_concernees`` for the communes
(domain.md §2.3). Geometry is ignored. Nothing is downloaded: the user supplies the file.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ErrorDetail, ReferenceListError
from ..model import Programme
from ..model.places import QPV_CODE_PATTERN, qpv_generation
from .files import read_text

__all__ = ["QpvList", "QpvRecord", "check_qpv_codes", "load_qpv_list", "parse_qpv_list"]

_CODE = ("code_qp", "code_quartier", "codeqp", "code_qpv", "qp", "code")
_NAME = ("lib_qp", "nom_qp", "libelle_qp", "nom", "quartier_prioritaire", "lib_qpv", "nom_qpv")
_COMMUNES = (
    "commune_qp",
    "noms_des_communes_concernees",
    "communes",
    "lib_com",
    "commune",
    "nom_com",
)
_CODE_RE = re.compile(QPV_CODE_PATTERN)


@dataclass(frozen=True)
class QpvRecord:
    code: str
    name: str
    communes: tuple[str, ...] = ()

    @property
    def generation(self) -> int:
        return qpv_generation(self.code)


@dataclass(frozen=True)
class QpvList:
    """The official QPV codes, with names and communes."""

    records: dict[str, QpvRecord] = field(default_factory=dict)
    source: str | None = None

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code.upper() in self.records

    def __len__(self) -> int:
        return len(self.records)

    def get(self, code: str) -> QpvRecord | None:
        return self.records.get(code.upper())


def _pick(keys: dict[str, str], names: tuple[str, ...]) -> str | None:
    for name in names:
        if name in keys:
            return keys[name]
    return None


def _rows_to_list(rows: list[dict[str, Any]], source: str) -> QpvList:
    if not rows:
        raise ReferenceListError("liste QPV vide", "empty QPV list", source=source)
    keys = {str(k).strip().lower(): str(k) for k in rows[0]}
    code_key = _pick(keys, _CODE)
    if code_key is None:
        raise ReferenceListError(
            "colonne du code QPV introuvable : attendu code_qp (ou Code_QP, code_quartier)",
            "QPV code column not found: expected code_qp (or Code_QP, code_quartier)",
            details=[
                ErrorDetail("en-têtes", "colonnes trouvées", "columns found", found=", ".join(keys))
            ],
            source=source,
        )
    name_key = _pick(keys, _NAME)
    communes_key = _pick(keys, _COMMUNES)
    records: dict[str, QpvRecord] = {}
    problems: list[ErrorDetail] = []
    for i, row in enumerate(rows):
        code = str(row.get(code_key) or "").strip().upper()
        if not _CODE_RE.match(code):
            problems.append(
                ErrorDetail(
                    f"ligne {i + 2}" if source.endswith(".csv") else f"features[{i}]",
                    "code QPV de forme invalide (attendu QP… ou QN… sur 8 caractères)",
                    "malformed QPV code (expected QP… or QN…, 8 characters)",
                    found=code or "(vide)",
                )
            )
            continue
        communes_raw = str(row.get(communes_key) or "") if communes_key else ""
        communes = tuple(c.strip() for c in re.split(r"[;,|/]", communes_raw) if c.strip())
        records[code] = QpvRecord(
            code, str(row.get(name_key) or "").strip() if name_key else "", communes
        )
    if problems and not records:
        raise ReferenceListError(
            "aucun code QPV valide dans le fichier",
            "no valid QPV code in the file",
            details=problems,
            source=source,
        )
    return QpvList(records, source)


def parse_qpv_list(text: str, *, source: str = "<qpv>", format: str | None = None) -> QpvList:
    """Parse the text of an ANCT QPV file (``format`` "csv" or "geojson"; guessed otherwise)."""
    stripped = text.lstrip()
    fmt = format or ("geojson" if stripped.startswith("{") else "csv")
    if fmt == "geojson":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ReferenceListError(
                f"GeoJSON illisible : {exc.msg} (ligne {exc.lineno})",
                f"unreadable GeoJSON: {exc.msg} (line {exc.lineno})",
                source=source,
            ) from None
        features = data.get("features") if isinstance(data, dict) else None
        if not isinstance(features, list):
            raise ReferenceListError(
                "GeoJSON sans liste « features »",
                "GeoJSON without a 'features' list",
                source=source,
            )
        rows = [f.get("properties") or {} for f in features if isinstance(f, dict)]
        return _rows_to_list(rows, source)
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    try:
        rows = list(csv.DictReader(io.StringIO(text), delimiter=delimiter))
    except csv.Error as exc:
        raise ReferenceListError(
            f"CSV illisible : {exc}", f"unreadable CSV: {exc}", source=source
        ) from None
    return _rows_to_list(rows, source)


def load_qpv_list(path: str | Path) -> QpvList:
    """Read the official QPV list from an ANCT CSV or GeoJSON file."""
    path = Path(path)
    text = read_text(path, error=ReferenceListError)
    fmt = "geojson" if path.suffix.lower() in (".geojson", ".json") else "csv"
    return parse_qpv_list(text, source=str(path), format=fmt)


def check_qpv_codes(programme: Programme, qpv: QpvList) -> list[ErrorDetail]:
    """Quartiers whose QPV code is not in the official list, or of the wrong generation for the
    season (a 2015 ``QP`` code for a 2024+ season). Returns findings, raises nothing."""
    out: list[ErrorDetail] = []
    for i, q in enumerate(programme.quartiers):
        if q.qpv_code is None:
            continue
        path = f"quartiers[{i}].qpv_code"
        if q.qpv_code not in qpv:
            out.append(
                ErrorDetail(
                    path,
                    f"le code {q.qpv_code} n'est pas dans la liste officielle chargée",
                    f"code {q.qpv_code} is not in the loaded official list",
                    hint_fr="vérifiez le code sur sig.ville.gouv.fr",
                    hint_en="check the code on sig.ville.gouv.fr",
                )
            )
        elif programme.season >= 2024 and qpv_generation(q.qpv_code) == 2015:
            out.append(
                ErrorDetail(
                    path,
                    f"{q.qpv_code} est un code de la géographie 2015 ; la saison {programme.season} "
                    "relève de la géographie 2024 (codes QN…)",
                    f"{q.qpv_code} is a 2015-geography code; season {programme.season} uses the 2024 "
                    "geography (QN… codes)",
                )
            )
    return out

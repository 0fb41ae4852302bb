"""French and English texts of the footprint module: the one file to translate."""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["category_label", "lever_label", "note_text", "text"]

CATEGORY_LABELS: dict[str, tuple[str, str]] = {
    "mobilite-publics": ("mobilité des publics", "audience travel"),
    "mobilite-organisee": ("mobilité organisée", "organised transport"),
    "intervenants": ("intervenants", "crew and artists"),
    "energie": ("énergie", "energy"),
    "restauration": ("restauration", "catering"),
    "achats-materiel": ("achats et matériel", "goods and materials"),
    "dechets": ("déchets", "waste"),
    "eau": ("eau", "water"),
}

LEVER_LABELS: dict[str, tuple[str, str]] = {
    "car-to-transit": (
        "reporter la moitié des trajets en voiture vers le bus",
        "move half of the car trips to the bus",
    ),
    "carpooling": ("covoiturage (2,5 personnes par voiture)", "carpooling (2.5 people per car)"),
    "fuller-coaches": (
        "remplir les cars loués (90 % des places)",
        "fill the hired coaches (90 % of seats)",
    ),
    "vegetarian-menu": ("menu végétarien par défaut", "vegetarian menu by default"),
    "tap-water": (
        "eau du robinet / fontaines au lieu de bouteilles",
        "tap water instead of bottles",
    ),
    "grid-instead-of-generator": (
        "raccordement au réseau au lieu du groupe électrogène",
        "grid connection instead of the generator",
    ),
    "right-size-generators": (
        "groupes électrogènes bien dimensionnés (−25 % de carburant)",
        "right-sized generators (−25 % fuel)",
    ),
    "fewer-goodies": ("moitié moins de t-shirts et goodies", "half as many t-shirts and goodies"),
    "fewer-flyers": ("moitié moins d'imprimés", "half as much printed matter"),
    "reusable-cups": ("gobelets réutilisables consignés", "reusable cups with a deposit"),
    "waste-prevention": ("prévention des déchets (−25 %)", "waste prevention (−25 %)"),
    "train-instead-of-plane": ("train au lieu de l'avion", "train instead of the plane"),
}

DIFFICULTY: dict[str, tuple[str, str]] = {
    "facile": ("facile", "easy"),
    "moyen": ("moyen", "medium"),
    "difficile": ("difficile", "hard"),
}

NOTES: dict[str, tuple[str, str]] = {
    "no_section": (
        "pas de section footprint : valeurs par défaut documentées (footprint.md §4.4)",
        "no footprint section: documented defaults (footprint.md §4.4)",
    ),
    "attendance_default": (
        "fréquentation inconnue : {n} personnes par défaut",
        "attendance unknown: {n} people by default",
    ),
    "default_audience": (
        "venue du public non renseignée : profil local par défaut (70 % à pied 3 km, 10 % vélo "
        "4 km, 15 % bus 8 km, 5 % voiture 10 km à 2)",
        "audience travel not given: default local profile (70 % walk 3 km, 10 % bike 4 km, "
        "15 % bus 8 km, 5 % car 10 km with 2 people)",
    ),
    "default_energy": (
        "énergie non renseignée : 0,2 kWh réseau par personne (ratio ADEME)",
        "energy not given: 0.2 grid kWh per attendee (ADEME ratio)",
    ),
    "default_waste": (
        "déchets non renseignés : 0,5 kg d'ordures résiduelles par personne (ratio ADEME)",
        "waste not given: 0.5 kg of residual waste per attendee (ADEME ratio)",
    ),
    "default_water": (
        "eau non renseignée : 30 L par personne (ratio ADEME)",
        "water not given: 30 L per attendee (ADEME ratio)",
    ),
    "default_paper": (
        "achats non renseignés : 0,1 kg de papier par personne (ratio ADEME, ancien et élevé : "
        "donnez plutôt le nombre d'imprimés)",
        "goods not given: 0.1 kg of paper per attendee (ADEME ratio, old and high: give the "
        "printed copies instead)",
    ),
    "not_declared": (
        "{part_fr} non déclaré : compté comme nul (déclarez-le vide si c'est bien zéro)",
        "{part_en} not declared: counted as none (declare it empty if it really is zero)",
    ),
    "occupancy_default": (
        "taux de remplissage des voitures inconnu : valeur par défaut, {occ} par voiture",
        "car occupancy unknown: default value, {occ} per car",
    ),
    "generator_load_default": (
        "charge du groupe inconnue : {load} par défaut (niveau « default »)",
        "generator load unknown: {load} by default (tier 'default')",
    ),
    "bins_density": (
        "masse estimée depuis les bacs (densité {density} t/m³ pour {stream})",
        "mass estimated from bins (density {density} t/m3 for {stream})",
    ),
}

PARTS: dict[str, tuple[str, str]] = {
    "organised": ("transport organisé", "organised transport"),
    "crew": ("déplacement des intervenants", "crew travel"),
    "catering": ("restauration", "catering"),
}

TEXTS: dict[str, tuple[str, str]] = {
    "event_head": ("Empreinte de {title} ({id})", "Footprint of {title} ({id})"),
    "total": (
        "total : {total} kgCO2e (intervalle à 90 % : {lo} – {hi})",
        "total: {total} kgCO2e (90 % interval: {lo} – {hi})",
    ),
    "per_attendee": (
        "par personne : {pa} kgCO2e ({n} personnes) ; par personne-heure : {pah} kgCO2e",
        "per attendee: {pa} kgCO2e ({n} people); per attendee-hour: {pah} kgCO2e",
    ),
    "defaults_share": (
        "part issue de valeurs par défaut : {share}",
        "share from defaults: {share}",
    ),
    "levers": ("leviers principaux :", "main levers:"),
    "notes": ("à savoir :", "notes:"),
    "factors": ("facteurs : {id}, version {version}", "factors: {id}, version {version}"),
    "season_head": (
        "Saison : {n} temps forts, {total} kgCO2e (intervalle à 90 % : {lo} – {hi})",
        "Season: {n} temps forts, {total} kgCO2e (90 % interval: {lo} – {hi})",
    ),
    "by_category": ("par poste :", "by category:"),
    "by_quartier": ("par quartier :", "by quartier:"),
    "by_theme": ("par thème :", "by theme:"),
    "lever_line": (
        "{label} : {delta} kgCO2e (90 % : {lo} – {hi}), {difficulty}",
        "{label}: {delta} kgCO2e (90 %: {lo} – {hi}), {difficulty}",
    ),
    "no_lever": ("aucun levier applicable aux données déclarées", "no lever applies to the data"),
}


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[0] if lang == "fr" else pair[1]


def category_label(category: str, lang: str) -> str:
    return _pick(CATEGORY_LABELS.get(category, (category, category)), lang)


def lever_label(lever: str, lang: str) -> str:
    return _pick(LEVER_LABELS.get(lever, (lever, lever)), lang)


def difficulty_label(value: str, lang: str) -> str:
    return _pick(DIFFICULTY.get(value, (value, value)), lang)


def note_text(code: str, args: Iterable[tuple[str, str]], lang: str) -> str:
    values = dict(args)
    if lang == "fr":  # numbers were written with a decimal point: « 0.1 » → « 0,1 »
        values = {
            k: v.replace(".", ",") if v.replace(".", "", 1).isdigit() else v
            for k, v in values.items()
        }
    if "part" in values:
        values["part_fr"], values["part_en"] = PARTS.get(values["part"], (values["part"],) * 2)
    template = _pick(NOTES.get(code, (code, code)), lang)
    try:
        return template.format(**values)
    except (KeyError, IndexError):
        return template


def text(key: str, lang: str, **values: object) -> str:
    return _pick(TEXTS[key], lang).format(**values)


def number(value: float, lang: str, digits: int = 1) -> str:
    """``12345.6`` → ``12 345,6`` (fr) or ``12,345.6`` (en)."""
    out = f"{value:,.{digits}f}"
    if lang == "fr":
        out = out.replace(",", "\u202f").replace(".", ",")
    return out

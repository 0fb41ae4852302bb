"""French and English texts of the footprint module: the one file to translate."""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["category_label", "lever_label", "note_text", "source_label", "text"]

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
        "venue du public non renseignée : profil local par défaut ({profile_fr}) ; écrivez "
        "« audience: none » s'il n'y a aucune venue du public",
        "audience travel not given: default local profile ({profile_en}); write 'audience: none' "
        "when there is no audience travel",
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
        "{part_fr} : 0 kgCO2e compté, faute de valeur par défaut documentée (écrivez « {key}: "
        "none » si c'est bien zéro)",
        "{part_en} not declared: counted as none, there is no documented default (write "
        "'{key}: none' if it really is zero)",
    ),
    "occupancy_default": (
        "nombre de personnes par voiture non renseigné : {occ_fr} par défaut (Nos Gestes Climat), "
        "compté dans la part issue de valeurs par défaut",
        "car occupancy not given: {occ} people per car by default (Nos Gestes Climat), counted in "
        "the share from defaults",
    ),
    "legacy_coach_mode": (
        "« coach » lu comme un autocar de ligne (par passager-km) : écrivez « scheduled-coach » "
        "(ou « autocar-de-ligne ») ; un autocar loué va dans organised avec « hired-coach »",
        "'coach' read as a scheduled coach (per passenger-km): write 'scheduled-coach'; a hired "
        "coach goes in organised as 'hired-coach'",
    ),
    "legacy_coach_vehicle": (
        "« coach » lu comme un autocar loué (par véhicule-km) : écrivez « hired-coach » (ou "
        "« autocar-loue »)",
        "'coach' read as a hired coach (per vehicle-km): write 'hired-coach'",
    ),
    "serving_factor": (
        "{drink_fr} : facteur publié par {serving} (jeu de facteurs)",
        "{drink_en}: the factor set's published factor per {serving_en}",
    ),
    "serving_volume": (
        "{drink_fr} : portion « {serving} » comptée {cl_fr} cL (volumes des portions : "
        "docs/footprint-methodology.md)",
        "{drink_en}: serving '{serving_en}' counted as {cl} cL (serving volumes: "
        "docs/footprint-methodology.md)",
    ),
    "gsm_default": (
        "grammage non renseigné : {gsm} g/m² par défaut pour ce format, compté dans la part issue "
        "de valeurs par défaut",
        "paper weight not given: {gsm} g/m2 by default for this format, counted in the share from "
        "defaults",
    ),
    "bin_fill_default": (
        "remplissage des bacs non renseigné : {fill} par défaut, compté dans la part issue de "
        "valeurs par défaut",
        "bin fill not given: {fill} by default, counted in the share from defaults",
    ),
    "generator_load_default": (
        "charge du groupe inconnue : {load} par défaut (niveau « default »)",
        "generator load unknown: {load} by default (tier 'default')",
    ),
    "bins_density": (
        "masse estimée depuis les bacs (densité {density_fr} t/m³ pour {stream_fr})",
        "mass estimated from bins (density {density} t/m3 for {stream})",
    ),
}

PARTS: dict[str, tuple[str, str]] = {
    "organised": ("transport organisé non déclaré", "organised transport"),
    "crew": ("déplacements des intervenants non déclarés", "crew travel"),
    "catering": ("restauration non déclarée", "catering"),
}

MODE_LABELS: dict[str, tuple[str, str]] = {
    "walk": ("à pied", "on foot"),
    "bike": ("à vélo", "by bike"),
    "e-bike": ("à vélo électrique", "by e-bike"),
    "e-scooter": ("en trottinette électrique", "by e-scooter"),
    "scooter": ("en scooter", "by scooter"),
    "motorbike": ("à moto", "by motorbike"),
    "tram": ("en tramway", "by tram"),
    "metro": ("en métro", "by metro"),
    "rer": ("en RER", "by RER"),
    "bus-thermal": ("en bus", "by bus"),
    "bus-electric": ("en bus électrique", "by electric bus"),
    "bus-cng": ("en bus au gaz", "by CNG bus"),
    "scheduled-coach": ("en autocar de ligne", "by scheduled coach"),
    "coach": ("en autocar de ligne", "by scheduled coach"),
    "car-thermal": ("en voiture", "by car"),
    "car-electric": ("en voiture électrique", "by electric car"),
    "ter": ("en TER", "by regional train"),
    "intercites": ("en Intercités", "by Intercités"),
    "tgv": ("en TGV", "by TGV"),
    "plane": ("en avion", "by plane"),
    "plane-short": ("en avion", "by plane"),
    "plane-medium": ("en avion", "by plane"),
}

STREAM_LABELS: dict[str, str] = {
    "residual": "les ordures résiduelles",
    "biowaste": "les biodéchets",
    "cardboard": "le carton",
    "plastic": "le plastique",
    "glass": "le verre",
    "metal": "le métal",
    "paper": "le papier",
    "mixed": "les déchets en mélange",
}

DRINK_LABELS: dict[str, tuple[str, str]] = {
    "bottled-water": ("eau en bouteille", "bottled water"),
    "tap-water": ("eau du robinet", "tap water"),
    "soda": ("soda", "soda"),
    "beer": ("bière", "beer"),
    "wine": ("vin", "wine"),
    "coffee": ("café", "coffee"),
    "tea": ("thé", "tea"),
    "milk": ("lait", "milk"),
}

SERVING_LABELS: dict[str, str] = {
    "tasse": "cup",
    "verre": "glass",
    "gobelet": "event cup",
    "canette": "can",
    "bouteille": "bottle",
}


def _profile_text(encoded: str, lang: str) -> str:
    """``walk:70:3:;car-thermal:5:10:1.6`` → « 70 % à pied 3 km, 5 % en voiture 10 km (1,6 par
    voiture) »."""
    parts = []
    for row in encoded.split(";"):
        if not row:
            continue
        mode, share, km, people = [*row.split(":"), "", "", ""][:4]
        label = _pick(MODE_LABELS.get(mode, (mode, mode)), lang)
        text = f"{share} % {label} {km} km"
        if people:
            text += f" ({people} par voiture)" if lang == "fr" else f" ({people} per car)"
        parts.append(text.replace(".", ",") if lang == "fr" else text)
    return ", ".join(parts)


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
    "equivalents": (
        "soit {text} (équivalents ADEME)",
        "that is {text} (ADEME equivalents)",
    ),
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


#: What a line of a footprint comes from, for readers: the section of the event's ``footprint``
#: (``audience.survey[2]`` reads « déplacements du public, ligne 3 de l'enquête »). A key ending in
#: ``[]`` is the section's n-th entry ({n}, from 1); {item} is the entry's name.
SOURCE_LABELS: dict[str, tuple[str, str]] = {
    "audience": ("déplacements du public", "audience travel"),
    "audience.survey[]": (
        "déplacements du public, ligne {n} de l'enquête",
        "audience travel, survey row {n}",
    ),
    "audience.modes[]": ("déplacements du public, mode n° {n}", "audience travel, mode no. {n}"),
    "organised[]": ("transport organisé n° {n}", "organised transport no. {n}"),
    "crew": ("intervenants", "crew"),
    "crew.travel[]": ("trajet d'intervenants n° {n}", "crew trip no. {n}"),
    "crew.hotel_nights": ("nuits d'hôtel des intervenants", "crew hotel nights"),
    "catering": ("restauration", "catering"),
    "catering.drinks": ("boissons : {item}", "drinks: {item}"),
    "catering.meals": ("repas : {item}", "meals: {item}"),
    "catering.snacks": ("restauration rapide : {item}", "snacks: {item}"),
    "energy": ("énergie", "energy"),
    "energy.grid": ("électricité du réseau", "grid electricity"),
    "energy.gas": ("gaz naturel", "natural gas"),
    "energy.propane": ("propane", "propane"),
    "energy.generators[]": ("groupe électrogène n° {n}", "generator no. {n}"),
    "goods": ("achats", "goods"),
    "goods.items": ("achats : {item}", "goods: {item}"),
    "goods.printed[]": ("imprimés n° {n}", "printed matter no. {n}"),
    "waste": ("déchets", "waste"),
    "waste[]": ("déchets n° {n}", "waste no. {n}"),
    "water": ("eau", "water"),
}

#: The names of the entries of ``catering.meals``, ``catering.snacks`` and ``goods.items``.
ITEM_LABELS: dict[str, tuple[str, str]] = {
    "vegetarian": ("végétarien", "vegetarian"),
    "vegan": ("végétalien", "vegan"),
    "chicken": ("poulet", "chicken"),
    "beef": ("bœuf", "beef"),
    "pork": ("porc", "pork"),
    "fish-white": ("poisson blanc", "white fish"),
    "fish-oily": ("poisson gras", "oily fish"),
    "unknown": ("non précisé", "not given"),
    "cheeseburger": ("cheeseburger", "cheeseburger"),
    "kebab": ("kebab", "kebab"),
    "pizza": ("pizza", "pizza"),
    "fries": ("frites", "fries"),
    "veggie-burger": ("burger végétarien", "veggie burger"),
    "baguette": ("sandwich baguette", "baguette sandwich"),
    "tshirt-cotton": ("t-shirt en coton", "cotton T-shirt"),
    "tshirt-polyester": ("t-shirt en polyester", "polyester T-shirt"),
    "sweat-cotton": ("sweat en coton", "cotton sweatshirt"),
    "cup-disposable": ("gobelet jetable", "disposable cup"),
    "plate-disposable": ("assiette jetable", "disposable plate"),
    "cutlery-disposable": ("couverts jetables", "disposable cutlery"),
    "cup-reusable": ("gobelet réutilisable", "reusable cup"),
}

#: How each quantity was known (the ``tier`` of a line).
TIER_LABELS: dict[str, tuple[str, str]] = {
    "measured": ("mesuré", "measured"),
    "invoice": ("sur facture", "invoice"),
    "estimate": ("estimé", "estimate"),
    "default": ("par défaut", "default"),
}

_INDEX = re.compile(r"\[(\d+)\]")


def source_label(path: str, lang: str, fallback: str = "") -> str:
    """What a footprint line comes from, in words: ``events[0].footprint.catering.drinks.beer``
    → « boissons : bière », ``…audience.survey[2]`` → « déplacements du public, ligne 3 de
    l'enquête »; ``fallback`` (or the path) for a path outside the table."""
    rest = re.sub(r"^(events\[\d+\]\.)?(footprint\.)?", "", path)
    index = _INDEX.search(rest)
    n = int(index.group(1)) + 1 if index else None
    parts = _INDEX.sub("", rest).split(".")
    for k in range(len(parts), 0, -1):
        key = ".".join(parts[:k])
        pair = SOURCE_LABELS.get(key + "[]") if n is not None else None
        pair = pair or SOURCE_LABELS.get(key)
        if pair is None:
            continue
        item = parts[k] if k < len(parts) else ""
        names = DRINK_LABELS.get(item) or ITEM_LABELS.get(item) or (item, item)
        template = _pick(pair, lang)
        if "{item}" in template and not item:
            return fallback or path
        return template.format(n=n, item=_pick(names, lang))
    return fallback or path


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
        values["key"] = values["part"]
    if "profile" in values:
        values["profile_fr"] = _profile_text(values["profile"], "fr")
        values["profile_en"] = _profile_text(values["profile"], "en")
    if "serving" in values:
        values["serving_en"] = SERVING_LABELS.get(values["serving"], values["serving"])
    if "cl" in values:
        values["cl_fr"] = values["cl"].replace(".", ",")
    if "density" in values:
        values["density_fr"] = values["density"].replace(".", ",")
    if "stream" in values:
        values["stream_fr"] = STREAM_LABELS.get(values["stream"], values["stream"])
    if "occ" in values:
        values["occ_fr"] = values["occ"].replace(".", ",")
    if "drink" in values:
        pair = DRINK_LABELS.get(values["drink"], (values["drink"],) * 2)
        values["drink_fr"], values["drink_en"] = pair[0].capitalize(), pair[1].capitalize()
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

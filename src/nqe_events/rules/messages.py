"""Every user-facing text of the rules package, French first, English second (one file to
translate).

Advice templates are keyed ``"<check id>.<status>"`` and formatted with the parameters the check
gives (``{missing}``, ``{threshold}``…). A criterion of a rule pack may replace them with its own
``advice_fr``/``advice_en``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from .._render import plural, plural_format

__all__ = [
    "ADVICE",
    "PARTS",
    "STATUS_LABELS",
    "TEXT",
    "VERDICT_LABELS",
    "advice",
    "localise",
    "part",
    "status_label",
    "text",
    "verdict_label",
]

STATUS_LABELS: dict[str, tuple[str, str]] = {
    "met": ("respecté", "met"),
    "partly-met": ("en partie", "partly met"),
    "not-met": ("non respecté", "not met"),
    "cannot-tell": ("impossible à dire", "cannot tell"),
}

STATUS_MARKS: dict[str, str] = {"met": "✔", "partly-met": "◐", "not-met": "✘", "cannot-tell": "?"}

VERDICT_LABELS: dict[str, tuple[str, str]] = {
    "aligned": ("aligné", "aligned"),
    "partly-aligned": ("partiellement aligné", "partly aligned"),
    "not-aligned": ("non aligné", "not aligned"),
    "cannot-tell": ("données insuffisantes", "not enough data"),
}

TEXT: dict[str, tuple[str, str]] = {
    "event": ("Événement", "Event"),
    "verdict": ("verdict", "verdict"),
    "score": ("score", "score"),
    "criterion": ("Critère", "Criterion"),
    "principle": ("Principe", "Principle"),
    "status": ("Statut", "Status"),
    "evidence": ("Éléments", "Evidence"),
    "advice": ("Conseil", "Advice"),
    "warnings": ("Avertissements", "Warnings"),
    "rules": ("règles", "rules"),
    "fil_rouge": ("fil rouge", "fil rouge"),
    "summary": ("Synthèse", "Summary"),
    "events_n": ("{n:~événement}", "{n:~event}"),
    "verdicts": ("verdicts", "verdicts"),
    "principles_met": (
        "événements qui respectent chaque principe",
        "events meeting each principle",
    ),
    "most_failed": ("critères les plus souvent non respectés", "criteria failed most often"),
    "by_quartier": ("par quartier", "by quartier"),
    "by_departement": ("par département", "by département"),
    "mean_score": ("score moyen", "mean score"),
    "not_confirmed": (
        "valeur par défaut, non confirmée",
        "default value, not confirmed",
    ),
    "advice_line": ("Conseil : ", "Advice: "),
    "note_line": ("Attention : ", "Note: "),
    "missing_data": (
        "données manquantes (ce qui déciderait)",
        "missing data (what would decide)",
    ),
    "none": ("aucun", "none"),
    "aligned_n": ("{n:~aligné}", "{n:~aligned|aligned}"),
}


#: The French plural of each status and verdict label, said after a count of events or criteria
#: (« 47 alignés », « 3 non respectés »); English labels do not vary.
PLURAL_LABELS: dict[str, str] = {
    "respecté": "respectés",
    "non respecté": "non respectés",
    "aligné": "alignés",
    "partiellement aligné": "partiellement alignés",
    "non aligné": "non alignés",
}


def _format(template: str, lang: str, params: Mapping[str, Any]) -> str:
    """``template.format(**params)``, with ``{n:~one|many}`` agreeing with its count."""
    if "~" in template:
        return plural_format(template, lang, **params)
    return template.format(**params)


def text(key: str, lang: str, **params: Any) -> str:
    fr, en = TEXT[key]
    return _format(fr if lang == "fr" else en, lang, params)


def status_label(status: str, lang: str) -> str:
    fr, en = STATUS_LABELS[status]
    return fr if lang == "fr" else en


def verdict_label(verdict: str, lang: str) -> str:
    fr, en = VERDICT_LABELS[verdict]
    return fr if lang == "fr" else en


def counted(n: int, label: str, lang: str) -> str:
    """A count and a status or verdict label agreeing with it: « 1 aligné », « 47 alignés »,
    « 6 partiellement alignés », « 2 en partie »."""
    return plural(n, label, PLURAL_LABELS.get(label, label) if lang == "fr" else label, lang)


#: Advice per check and status: what would satisfy the criterion. ``met`` has no advice.
ADVICE: dict[str, tuple[str, str]] = {
    # --- fil rouge
    "games-sport.partly-met": (
        "Nommez la discipline pratiquée, si c'est un sport des Jeux de Paris 2024 (par ex. "
        "basket 3x3, breaking, escalade, para athlétisme).",
        "Name the sport practised if it is one of the Paris 2024 Games (e.g. 3x3 basketball, "
        "breaking, sport climbing, para athletics).",
    ),
    "games-sport.not-met": (
        "Aucune discipline olympique ou paralympique n'est citée : une initiation à l'une "
        "d'elles serait un lien clair avec les Jeux.",
        "No Olympic or Paralympic sport is named: a taster of one would be a clear link to the "
        "Games.",
    ),
    "games-sport.cannot-tell": (
        "Décrivez les activités : sans elles, le lien avec une discipline des Jeux ne peut pas "
        "être vérifié.",
        "Describe the activities: without them the link to a Games discipline cannot be checked.",
    ),
    "para-inclusion.partly-met": (
        "Pour la dimension para-sport, une discipline paralympique (boccia, cécifoot, basket "
        "fauteuil…) pourrait compléter l'accueil des personnes en situation de handicap.",
        "For the para-sport side, a Paralympic sport (boccia, blind football, wheelchair "
        "basketball…) could complete the welcome of people with disabilities.",
    ),
    "para-inclusion.not-met": (
        "Pour une dimension para-sport et inclusion : une initiation paralympique (goalball, "
        "volley assis…) ouverte aux personnes en situation de handicap.",
        "For a para-sport and inclusion side: a Paralympic taster (goalball, sitting "
        "volleyball…) open to people with disabilities.",
    ),
    "para-inclusion.cannot-tell": (
        "Décrivez les activités et les publics visés pour juger de la dimension para-sport et "
        "inclusion.",
        "Describe the activities and the audiences to judge the para-sport and inclusion side.",
    ),
    "values-education.partly-met": (
        "Une valeur est citée ({found}) : un temps d'échange sur les valeurs olympiques et "
        "paralympiques la relierait aux Jeux.",
        "One value is named ({found}): a discussion of the Olympic and Paralympic values would "
        "link it to the Games.",
    ),
    "values-education.not-met": (
        "Un temps d'éducation aux valeurs olympiques et paralympiques (excellence, amitié, "
        "respect, courage, détermination, inspiration, égalité) serait un autre lien aux Jeux.",
        "A time of education to the Olympic and Paralympic values (excellence, friendship, "
        "respect, courage, determination, inspiration, equality) would be another link.",
    ),
    "values-education.cannot-tell": (
        "Décrivez le contenu de l'événement pour montrer quelles valeurs des Jeux il transmet.",
        "Describe the event's content to show which values of the Games it passes on.",
    ),
    "celebration.partly-met": (
        "Les Jeux sont cités : {missing}.",
        "The Games are mentioned: {missing}.",
    ),
    "celebration.not-met": (
        "Pas de célébration des Jeux : {where}.",
        "No celebration of the Games: {where}.",
    ),
    "celebration.cannot-tell": (
        "Datez et décrivez l'événement pour juger de la célébration des Jeux.",
        "Date and describe the event to judge the celebration of the Games.",
    ),
    "culture-sport.partly-met": (
        "Pour croiser culture et sport au sens de l'Olympiade culturelle : prendre le sport ou "
        "les Jeux comme sujet, investir un lieu sportif ou mettre en avant des valeurs communes.",
        "To cross culture and sport as the Cultural Olympiad does: take sport or the Games as a "
        "subject, use a sports venue or bring out shared values.",
    ),
    "culture-sport.not-met": (
        "Pas de croisement culture × sport (critères de l'Olympiade culturelle : le sport comme "
        "sujet artistique, un lieu sportif, des valeurs communes).",
        "No culture × sport link (Cultural Olympiad criteria: sport as an artistic subject, a "
        "sports venue, shared values).",
    ),
    "culture-sport.cannot-tell": (
        "Décrivez l'événement pour juger du croisement culture × sport.",
        "Describe the event to judge the culture × sport link.",
    ),
    "games-network.partly-met": (
        "Un lien avec le réseau des Jeux est cité ; un ou une athlète, une collectivité Terre "
        "de Jeux 2024 ou le CDOS le renforcerait.",
        "One link with the Games network is named; an athlete, a Terre de Jeux 2024 body or the "
        "CDOS would strengthen it.",
    ),
    "games-network.not-met": (
        "Pas de partenaire du réseau des Jeux cité (athlète, collectivité Terre de Jeux 2024, "
        "établissement Génération 2024, CDOS ou CROS).",
        "No partner of the Games network named (athlete, Terre de Jeux 2024 body, Génération "
        "2024 school, CDOS or CROS).",
    ),
    "games-network.cannot-tell": (
        "Décrivez les intervenants et partenaires pour juger du lien avec le réseau des Jeux.",
        "Describe the speakers and partners to judge the link with the Games network.",
    ),
    # --- temps fort
    "temps-fort-days.partly-met": (
        "L'événement s'étale sur {days} jours ; un temps fort en compte {met_max_days} au plus.",
        "The event spreads over {days} days; a temps fort has at most {met_max_days}.",
    ),
    "temps-fort-days.not-met": (
        "{days} jours, ce n'est plus un temps fort : choisissez un ou quelques jours marquants "
        "(au plus {met_max_days}).",
        "{days} days is no longer a temps fort: choose one or a few memorable days (at most "
        "{met_max_days}).",
    ),
    "temps-fort-days.cannot-tell": (
        "Donnez les dates de l'événement.",
        "Give the event's dates.",
    ),
    "weekly-routine.partly-met": (
        "Deux séances à une semaine d'intervalle ressemblent à une activité régulière ; un temps "
        "fort est un événement marquant.",
        "Two sessions a week apart look like a regular activity; a temps fort is a memorable "
        "event.",
    ),
    "weekly-routine.not-met": (
        "{weeks} séances hebdomadaires d'affilée : c'est une activité régulière, pas un temps "
        "fort. Elles pourraient aboutir à une journée festive (tournoi final, fête de clôture).",
        "{weeks} weekly sessions in a row: a routine activity, not a temps fort. They could lead "
        "to one festive day (final tournament, closing party).",
    ),
    "weekly-routine.cannot-tell": (
        "Donnez les dates de l'événement pour vérifier qu'il ne s'agit pas d'une activité "
        "hebdomadaire.",
        "Give the event's dates to check it is not a weekly activity.",
    ),
    "festive.partly-met": (
        "Le caractère festif n'apparaît que dans la description ; le titre peut l'annoncer.",
        "The festive nature only shows in the description; the title can announce it.",
    ),
    "festive.not-met": (
        "Rien n'annonce un moment festif (fête, spectacle, tournoi, remise de médailles).",
        "Nothing announces a festive moment (party, show, tournament, medal ceremony).",
    ),
    "festive.cannot-tell": (
        "Décrivez le déroulé de l'événement pour montrer son caractère festif.",
        "Describe how the event unfolds to show its festive nature.",
    ),
    "attendance.partly-met": (
        "Public attendu : {found} personnes ; un temps fort en vise au moins {met_at} : {widen}.",
        "Expected attendance: {found} people; a temps fort aims at {met_at} at least: {widen}.",
    ),
    "attendance.not-met": (
        "Public attendu : {found} personnes, moins de {partly_at} : c'est une activité de petit "
        "groupe plutôt qu'un temps fort.",
        "Expected attendance: {found} people, under {partly_at}: a small-group activity rather "
        "than a temps fort.",
    ),
    "attendance.cannot-tell": (
        "Indiquez le public attendu.",
        "Give the expected attendance.",
    ),
    # --- participation
    "participation-phases.partly-met": (
        "Les habitants ne sont pas associés, d'après le dossier, à : {missing} (conception, "
        "réalisation et évaluation sont attendues).",
        "According to the file, inhabitants are not involved in: {missing} (conception, "
        "delivery and evaluation are expected).",
    ),
    "participation-phases.not-met": (
        "Les habitants doivent être associés à la conception, la réalisation et l'évaluation : "
        "par exemple une réunion de préparation, des habitants bénévoles le jour J et un bilan "
        "partagé.",
        "Inhabitants must take part in conception, delivery and evaluation: e.g. a preparation "
        "meeting, inhabitant volunteers on the day and a shared review.",
    ),
    "participation-phases.cannot-tell": (
        "Dites comment les habitants participent (conception, réalisation, évaluation).",
        "Say how inhabitants take part (conception, delivery, evaluation).",
    ),
    "volunteers.partly-met": (
        "{found} : une démarche collective en mobilise au moins {met_at}.",
        "{found}: a collective approach involves at least {met_at}.",
    ),
    "volunteers.not-met": (
        "Aucun habitant bénévole : une démarche collective en mobilise au moins {met_at}.",
        "No inhabitant volunteers: a collective approach involves at least {met_at}.",
    ),
    "volunteers.cannot-tell": (
        "Nombre d'habitants bénévoles non indiqué : il décide ce critère.",
        "Number of inhabitant volunteers not given: it decides this criterion.",
    ),
    # --- rev3
    "rev3-measures.partly-met": (
        "{found:~mesure écoresponsable|mesures écoresponsables} ; la liste Rev3 en propose "
        "d'autres, par ex. {suggest}.",
        "{found:~eco-responsible measure}; the Rev3 checklist offers others, e.g. {suggest}.",
    ),
    "rev3-measures.not-met": (
        "Trop peu de mesures écoresponsables ({found}) : par ex. {suggest}.",
        "Too few eco-responsible measures ({found}): e.g. {suggest}.",
    ),
    "rev3-measures.cannot-tell": (
        "Aucune mesure écoresponsable déclarée ni décrite (par ex. {suggest}).",
        "No eco-responsible measure declared or described (e.g. {suggest}).",
    ),
    "rev3-categories.partly-met": (
        "D'autres domaines Rev3 restent à couvrir, par exemple : {missing}.",
        "Other Rev3 areas remain, for example: {missing}.",
    ),
    "rev3-categories.not-met": (
        "La démarche Rev3 couvre trop peu de domaines ; par exemple : {missing}.",
        "The Rev3 approach covers too few areas; for example: {missing}.",
    ),
    "rev3-categories.cannot-tell": (
        "Sans mesure écoresponsable déclarée ni décrite, les domaines couverts ne peuvent pas "
        "être jugés.",
        "Without an eco-responsible measure declared or described, the areas cannot be judged.",
    ),
    # --- eligibility
    "period.partly-met": (
        "Certains jours ({outside}) sont {where} {window}{unconfirmed}.",
        "Some days ({outside}) are {where} {window}{unconfirmed}.",
    ),
    "period.not-met": (
        "L'événement a lieu {outside}, {where} {window}{unconfirmed}.",
        "The event takes place {outside}, {where} {window}{unconfirmed}.",
    ),
    "period.cannot-tell": (
        "Donnez les dates de l'événement pour vérifier la période éligible ({window}).",
        "Give the event's dates to check the eligible period ({window}).",
    ),
    "qpv.partly-met": (
        "Quartiers non vérifiés dans la liste officielle des QPV : {missing}.",
        "Quartiers not verified in the official QPV list: {missing}.",
    ),
    "qpv.not-met": (
        "Aucun quartier de l'événement n'est dans la liste officielle des QPV chargée "
        "({missing}) : vérifiez les codes.",
        "None of the event's quartiers is in the loaded official QPV list ({missing}): check the "
        "codes.",
    ),
    "qpv.cannot-tell": ("{why}", "{why}"),
    "organiser-kind.partly-met": (
        "Un porteur de type « {kind} » s'appuie sur un porteur administratif éligible "
        "({eligible}) : ajoutez-le comme partenaire.",
        "A '{kind}' organiser needs an eligible administrative holder ({eligible}): add it as a "
        "partner.",
    ),
    "organiser-kind.not-met": (
        "Un porteur de type « {kind} » n'est pas éligible cette saison ; porteurs éligibles : "
        "{eligible}.",
        "A '{kind}' organiser is not eligible this season; eligible organisers: {eligible}.",
    ),
    "organiser-kind.cannot-tell": ("{why}", "{why}"),
    "inter-quartier.partly-met": (
        "Pour une action mutualisée : {missing}.",
        "For a pooled action: {missing}.",
    ),
    "inter-quartier.not-met": (
        "Action d'un seul quartier, sans partenaire : la règle de 2017 demande une action "
        "mutualisée entre au moins {min_quartiers} quartiers (sauf EPCI à un seul QPV).",
        "One quartier, no partner: the 2017 rule asks for an action pooled across at least "
        "{min_quartiers} quartiers (except an EPCI with a single QPV).",
    ),
    "inter-quartier.cannot-tell": (
        "Un seul quartier : l'intercommunalité du quartier dirait si l'exception « EPCI avec un "
        "seul QPV » s'applique.",
        "One quartier only: the quartier's EPCI would tell whether the 'EPCI with one QPV' "
        "exception applies.",
    ),
    # --- warnings
    "protected-terms.partly-met": (
        "Dans la description, {n:~terme protégé|termes protégés} : {found}. Le Code du sport "
        "(art. L141-5 et L141-7) réserve ces termes ; reformulez (« jeux du quartier », « fête "
        "du sport »).",
        "In the description, {n:~protected term}: {found}. The Code du sport (art. L141-5 and "
        "L141-7) reserves these terms; rephrase ('neighbourhood games', 'sports day').",
    ),
    "protected-terms.not-met": (
        "Terme protégé dans le titre : {found}. Le Code du sport (art. L141-5 et L141-7) "
        "l'interdit sans autorisation : renommez (par ex. « Jeux du quartier » au lieu "
        "d'« Olympiades »).",
        "Protected term in the title: {found}. The Code du sport (art. L141-5 and L141-7) forbids "
        "it without permission: rename (e.g. 'Neighbourhood Games' instead of 'Olympiades').",
    ),
    "protected-terms.cannot-tell": (
        "Seul le titre a pu être vérifié : la description (texte de communication) serait à "
        "contrôler aussi.",
        "Only the title could be checked: the description (communication text) should be "
        "checked too.",
    ),
    "public-holiday.partly-met": (
        "Certains jours sont fériés ({found}) : prévoyez autorisations et personnel en "
        "conséquence.",
        "Some days are public holidays ({found}): plan permits and staff accordingly.",
    ),
    "public-holiday.not-met": (
        "L'événement tombe un jour férié ({found}) : vérifiez autorisations, personnel et "
        "concurrence avec les festivités officielles.",
        "The event falls on a public holiday ({found}): check permits, staff and competition "
        "with official festivities.",
    ),
    "public-holiday.cannot-tell": (
        "Donnez les dates de l'événement pour vérifier les jours fériés.",
        "Give the event's dates to check public holidays.",
    ),
}

#: Texts that checks put inside advice parameters (``{why}``, ``{missing}``).
PARTS: dict[str, tuple[str, str]] = {
    "no-programme": (
        "Vérifiez l'événement avec son programme (quartiers, porteur) pour juger ce critère.",
        "Check the event with its programme (quartiers, organiser) to judge this criterion.",
    ),
    "no-qpv-list": (
        "Liste officielle des QPV non chargée : éligibilité des quartiers non vérifiée (option "
        "--qpv, fichier de l'ANCT).",
        "Official QPV list not loaded: the quartiers' eligibility is not checked (--qpv option, "
        "ANCT file).",
    ),
    "no-qpv-code": (
        "Code QPV officiel des quartiers non renseigné : éligibilité non vérifiée.",
        "Official QPV code of the quartiers not given: eligibility not checked.",
    ),
    "qpv-other-generation": (
        "{found} : code de la géographie prioritaire d'une autre génération que celle de ces "
        "règles ({generations}) ; le quartier est prioritaire, mais son code pour cette saison "
        "reste à vérifier.",
        "{found}: a code of another generation of the priority geography than these rules' "
        "({generations}); the quartier is a priority one, but its code for this season remains "
        "to check.",
    ),
    "kind-unknown": (
        "Type de porteur non précisé (association, centre social, commune…).",
        "Organiser kind not given (association, social centre, town…).",
    ),
    "add-quartiers": (
        "associer au moins {n} quartiers",
        "involve at least {n} quartiers",
    ),
    "add-partners": ("associer des partenaires", "involve partners"),
    "add-keyword": (
        "un moment de célébration (fête, retransmission, village) en ferait une célébration",
        "a celebration moment (party, screening, village) would make it a celebration",
    ),
    "celebration-dated": (
        "une fête ou une retransmission le jour du relais de la flamme dans votre département "
        "({torch}) ou pendant les Jeux ({games}) en serait une",
        "a party or a screening on the torch relay day in your département ({torch}) or during "
        "the Games ({games}) would be one",
    ),
    "celebration-undated": (
        "des olympiades, une fête autour des Jeux ou une cérémonie d'ouverture en serait une",
        "olympiads, a party around the Games or an opening ceremony would be one",
    ),
    "period-default": (
        " (période par défaut, non confirmée pour cette saison : à vérifier auprès de la "
        "Région, sans effet sur le verdict)",
        " (default period, not confirmed for this season: to check with the Region, no effect "
        "on the verdict)",
    ),
    "before-period": ("avant la période éligible", "before the eligible period"),
    "after-period": ("après la période éligible", "after the eligible period"),
    "outside-period": ("hors de la période éligible", "outside the eligible period"),
    "widen-quartiers": (
        "l'ouvrir à d'autres quartiers l'élargirait",
        "opening it to other quartiers would widen it",
    ),
    "widen-families": (
        "l'ouvrir aux familles ou à d'autres quartiers l'élargirait",
        "opening it to families or other quartiers would widen it",
    ),
    "and": (" et ", " and "),
}


MONTHS_FR = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
WEEKDAYS_FR = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def day_text(d: date, lang: str = "fr", *, weekday: bool = True, year: bool = True) -> str:
    """« samedi 28 juin 2025 » / "Saturday 28 June 2025"."""
    if lang == "fr":
        n = "1er" if d.day == 1 else str(d.day)
        out = f"{n} {MONTHS_FR[d.month - 1]}" + (f" {d.year}" if year else "")
        return f"{WEEKDAYS_FR[d.weekday()]} {out}" if weekday else out
    out = f"{d.day} {MONTHS_EN[d.month - 1]}" + (f" {d.year}" if year else "")
    return f"{WEEKDAYS_EN[d.weekday()]} {out}" if weekday else out


def period_text(start: date, end: date, lang: str = "fr") -> str:
    """« du 1er juillet au 31 août 2024 » / "from 1 July to 31 August 2024"."""
    same_year = start.year == end.year
    a = day_text(start, lang, weekday=False, year=not same_year)
    b = day_text(end, lang, weekday=False)
    return f"du {a} au {b}" if lang == "fr" else f"from {a} to {b}"


def days_text(days: Sequence[date], lang: str = "fr", limit: int = 4) -> str:
    """A few days in words; a long run of consecutive days as a period."""
    if not days:
        return ""
    ordered = sorted(days)
    if len(ordered) > 2 and (ordered[-1] - ordered[0]).days == len(ordered) - 1:
        return period_text(ordered[0], ordered[-1], lang)
    shown = [day_text(d, lang) for d in ordered[:limit]]
    rest = len(ordered) - limit
    if rest > 0:
        more = (
            "et " + plural(rest, "autre jour", "autres jours", lang)
            if lang == "fr"
            else "and " + plural(rest, "more day", "more days", lang)
        )
        return ", ".join(shown) + " " + more
    joiner = " et " if lang == "fr" else " and "
    return ", ".join(shown[:-1]) + (joiner if len(shown) > 1 else "") + shown[-1]


#: What each event field is called for readers (``activities[2]`` reads as the activities).
FIELD_LABELS: dict[str, tuple[str, str]] = {
    "title": ("titre", "title"),
    "description": ("description", "description"),
    "activities": ("activités", "activities"),
    "labels": ("labels", "labels"),
    "themes": ("thèmes", "themes"),
    "audiences": ("publics", "audiences"),
    "occurrences": ("dates", "dates"),
    "expected_attendance": ("public attendu", "expected attendance"),
    "participation": ("participation des habitants", "inhabitants' participation"),
    "rev3": ("mesures Rev3 déclarées", "declared Rev3 measures"),
    "venue": ("lieu", "venue"),
    "quartiers": ("quartiers", "quartiers"),
    "organisers": ("porteur", "organiser"),
    "partners": ("partenaires", "partners"),
}


def field_label(path: str, lang: str) -> str:
    head = path.split(".", 1)[0].split("[", 1)[0]
    fr, en = FIELD_LABELS.get(head, (head, head))
    return fr if lang == "fr" else en


def yes_no(value: bool, lang: str) -> str:
    if lang == "fr":
        return "oui" if value else "non"
    return "yes" if value else "no"


def part(key: str, lang: str, **params: Any) -> str:
    fr, en = PARTS[key]
    return (fr if lang == "fr" else en).format(**params)


def localise(value: Any, lang: str) -> Any:
    """A ``(fr, en)`` pair becomes the text in ``lang`` (a function giving one is called first);
    other values are left alone."""
    if callable(value):
        value = value()
    if isinstance(value, tuple) and len(value) == 2 and all(isinstance(v, str) for v in value):
        return value[0] if lang == "fr" else value[1]
    return value


def advice(key: str, lang: str, params: Mapping[str, Any]) -> str | None:
    """The advice for ``"<check>.<status>"`` in ``lang``, or None when there is none."""
    pair = ADVICE.get(key)
    if pair is None:
        return None
    template = pair[0] if lang == "fr" else pair[1]
    values = {k: localise(v, lang) for k, v in params.items()}
    try:
        return _format(template, lang, values)
    except (KeyError, IndexError, ValueError):
        return template

"""Every user-facing text of the rules package, French first, English second (one file to
translate).

Advice templates are keyed ``"<check id>.<status>"`` and formatted with the parameters the check
gives (``{missing}``, ``{threshold}``…). A criterion of a rule pack may replace them with its own
``advice_fr``/``advice_en``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

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
    "events_n": ("{n} événement(s)", "{n} event(s)"),
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
        "valeur par défaut, non confirmée pour cette saison",
        "default value, not confirmed for this season",
    ),
    "none": ("aucun", "none"),
    "aligned_n": ("{n} aligné(s)", "{n} aligned"),
}


def text(key: str, lang: str, **params: Any) -> str:
    fr, en = TEXT[key]
    return (fr if lang == "fr" else en).format(**params)


def status_label(status: str, lang: str) -> str:
    fr, en = STATUS_LABELS[status]
    return fr if lang == "fr" else en


def verdict_label(verdict: str, lang: str) -> str:
    fr, en = VERDICT_LABELS[verdict]
    return fr if lang == "fr" else en


#: Advice per check and status: what would satisfy the criterion. ``met`` has no advice.
ADVICE: dict[str, tuple[str, str]] = {
    # --- fil rouge
    "games-sport.partly-met": (
        "Précisez la discipline : nommez un sport du programme de Paris 2024 (par ex. basket 3x3, "
        "breaking, escalade, para athlétisme) dans le titre ou les activités.",
        "Name the discipline: a sport of the Paris 2024 programme (e.g. 3x3 basketball, breaking, "
        "sport climbing, para athletics) in the title or the activities.",
    ),
    "games-sport.not-met": (
        "Reliez l'événement aux Jeux : proposez une initiation à une discipline olympique ou "
        "paralympique de Paris 2024 et nommez-la dans les activités.",
        "Link the event to the Games: offer a taster of an Olympic or Paralympic sport of "
        "Paris 2024 and name it in the activities.",
    ),
    "games-sport.cannot-tell": (
        "Décrivez les activités (champ « activities » ou « description ») : sans elles, le lien "
        "avec une discipline des Jeux ne peut pas être vérifié.",
        "Describe the activities ('activities' or 'description'): without them the link to a "
        "Games discipline cannot be checked.",
    ),
    "para-inclusion.partly-met": (
        "Allez plus loin : ajoutez une discipline paralympique (boccia, cécifoot, basket "
        "fauteuil…) ou une activité de sensibilisation au handicap, et indiquez le public "
        "« handicap ».",
        "Go further: add a Paralympic sport (boccia, blind football, wheelchair basketball…) or a "
        "disability-awareness activity, and list the 'handicap' audience.",
    ),
    "para-inclusion.not-met": (
        "Ajoutez une dimension para-sport et inclusion : une initiation paralympique (goalball, "
        "volley assis…) ouverte aux personnes en situation de handicap.",
        "Add a para-sport and inclusion dimension: a Paralympic taster (goalball, sitting "
        "volleyball…) open to people with disabilities.",
    ),
    "para-inclusion.cannot-tell": (
        "Décrivez les activités et les publics visés (champ « audiences ») pour juger de la "
        "dimension para-sport et inclusion.",
        "Describe the activities and the audiences ('audiences') to judge the para-sport and "
        "inclusion dimension.",
    ),
    "values-education.partly-met": (
        "Une seule valeur est citée ({found}) : faites vivre au moins {met_at} valeurs olympiques "
        "ou paralympiques (excellence, amitié, respect, courage, détermination, inspiration, "
        "égalité), par exemple par un atelier ou un débat.",
        "Only one value is named ({found}): bring at least {met_at} Olympic or Paralympic values "
        "to life (excellence, friendship, respect, courage, determination, inspiration, "
        "equality), e.g. through a workshop or a debate.",
    ),
    "values-education.not-met": (
        "Ajoutez un temps d'éducation aux valeurs olympiques et paralympiques (excellence, amitié, "
        "respect, courage, détermination, inspiration, égalité) et décrivez-le.",
        "Add a time of education to the Olympic and Paralympic values (excellence, friendship, "
        "respect, courage, determination, inspiration, equality) and describe it.",
    ),
    "values-education.cannot-tell": (
        "Décrivez le contenu de l'événement pour montrer quelles valeurs des Jeux il transmet.",
        "Describe the event's content to show which values of the Games it passes on.",
    ),
    "celebration.partly-met": (
        "Pour une célébration complète : {missing}.",
        "For a full celebration: {missing}.",
    ),
    "celebration.not-met": (
        "Prévoyez une célébration des Jeux : une fête ou une retransmission sur écran géant le "
        "jour du relais de la flamme dans votre département ({torch}) ou pendant les Jeux "
        "({games}).",
        "Plan a celebration of the Games: a party or a big-screen viewing on the torch relay day "
        "in your département ({torch}) or during the Games ({games}).",
    ),
    "celebration.cannot-tell": (
        "Datez l'événement : la célébration se juge sur les dates (jour du relais de la flamme, "
        "période des Jeux).",
        "Date the event: the celebration is judged on its dates (torch relay day, Games period).",
    ),
    "culture-sport.partly-met": (
        "Croisez culture et sport : prenez le sport comme sujet artistique, investissez un lieu "
        "sportif ou mettez en avant des valeurs communes (critères de l'Olympiade culturelle).",
        "Cross culture and sport: take sport as an artistic subject, use a sports venue or bring "
        "out shared values (Olympiade culturelle criteria).",
    ),
    "culture-sport.not-met": (
        "Ajoutez une dimension culturelle liée au sport (spectacle, exposition, atelier "
        "d'écriture ou de danse sur le thème des Jeux) : c'est le critère de l'Olympiade "
        "culturelle.",
        "Add a cultural dimension linked to sport (show, exhibition, writing or dance workshop "
        "on the Games): the Olympiade culturelle criterion.",
    ),
    "culture-sport.cannot-tell": (
        "Indiquez les thèmes (sport, culture) et décrivez l'événement pour juger du croisement "
        "culture × sport.",
        "Give the themes (sport, culture) and describe the event to judge the culture × sport "
        "link.",
    ),
    "games-network.partly-met": (
        "Renforcez le lien avec le réseau des Jeux : invitez un ou une athlète ambassadeur, ou "
        "associez une collectivité Terre de Jeux 2024 ou un établissement Génération 2024 "
        "(champ « labels »).",
        "Strengthen the link with the Games network: invite an ambassador athlete, or involve a "
        "Terre de Jeux 2024 body or a Génération 2024 school ('labels').",
    ),
    "games-network.not-met": (
        "Organisez une rencontre avec des athlètes et associez les partenaires Terre de Jeux 2024 "
        "ou Génération 2024 de votre territoire (champ « labels »).",
        "Organise a meeting with athletes and involve the Terre de Jeux 2024 or Génération 2024 "
        "partners of your area ('labels').",
    ),
    "games-network.cannot-tell": (
        "Décrivez les intervenants et partenaires (champ « labels ») pour juger du lien avec le "
        "réseau des Jeux.",
        "Describe the speakers and partners ('labels') to judge the link with the Games network.",
    ),
    # --- temps fort
    "temps-fort-days.partly-met": (
        "L'événement s'étale sur {days} jours : resserrez-le en un temps fort de {met_max_days} "
        "jours au plus.",
        "The event spreads over {days} days: tighten it into a temps fort of at most "
        "{met_max_days} days.",
    ),
    "temps-fort-days.not-met": (
        "{days} jours, ce n'est plus un temps fort : choisissez un ou quelques jours marquants "
        "(au plus {met_max_days}).",
        "{days} days is no longer a temps fort: choose one or a few memorable days (at most "
        "{met_max_days}).",
    ),
    "temps-fort-days.cannot-tell": (
        "Donnez les dates de l'événement (champ « occurrences ») ou planifiez-le.",
        "Give the event's dates ('occurrences') or plan it.",
    ),
    "weekly-routine.partly-met": (
        "Deux séances à une semaine d'intervalle ressemblent à une activité régulière : un temps "
        "fort est un événement marquant, pas une séance hebdomadaire.",
        "Two sessions a week apart look like a regular activity: a temps fort is a memorable "
        "event, not a weekly session.",
    ),
    "weekly-routine.not-met": (
        "{weeks} séances hebdomadaires d'affilée : c'est une activité régulière, pas un temps "
        "fort. Regroupez-les en une journée festive (tournoi final, fête de clôture).",
        "{weeks} weekly sessions in a row: a routine activity, not a temps fort. Gather them into "
        "one festive day (final tournament, closing party).",
    ),
    "weekly-routine.cannot-tell": (
        "Donnez les dates de l'événement pour vérifier qu'il ne s'agit pas d'une activité "
        "hebdomadaire.",
        "Give the event's dates to check it is not a weekly activity.",
    ),
    "festive.partly-met": (
        "Affichez le caractère festif dès le titre (fête, festival, tournoi, village, spectacle…).",
        "Show the festive nature in the title (party, festival, tournament, village, show…).",
    ),
    "festive.not-met": (
        "Un temps fort est « marquant et festif » : prévoyez un moment fort (fête, spectacle, "
        "tournoi, concert, remise de médailles) et annoncez-le.",
        "A temps fort is 'memorable and festive': plan a highlight (party, show, tournament, "
        "concert, medal ceremony) and announce it.",
    ),
    "festive.cannot-tell": (
        "Décrivez le déroulé de l'événement pour montrer son caractère festif.",
        "Describe how the event unfolds to show its festive nature.",
    ),
    "attendance.partly-met": (
        "Public attendu : {found} personnes. Un temps fort vise au moins {met_at} personnes : "
        "ouvrez-le à d'autres quartiers ou aux familles.",
        "Expected attendance: {found} people. A temps fort aims at {met_at} people at least: open "
        "it to other quartiers or to families.",
    ),
    "attendance.not-met": (
        "Public attendu : {found} personnes, moins de {partly_at} : élargissez l'événement pour "
        "en faire un temps fort (au moins {met_at} personnes).",
        "Expected attendance: {found} people, under {partly_at}: widen the event to make it a "
        "temps fort (at least {met_at} people).",
    ),
    "attendance.cannot-tell": (
        "Indiquez le public attendu (champ « expected_attendance »).",
        "Give the expected attendance ('expected_attendance').",
    ),
    # --- participation
    "participation-phases.partly-met": (
        "Associez aussi les habitants à : {missing} (conception, réalisation et évaluation sont "
        "attendues).",
        "Also involve inhabitants in: {missing} (conception, delivery and evaluation are "
        "expected).",
    ),
    "participation-phases.not-met": (
        "Les habitants doivent être associés à la conception, la réalisation et l'évaluation : "
        "prévoyez par exemple une réunion de préparation, des habitants bénévoles le jour J et "
        "un bilan partagé.",
        "Inhabitants must take part in conception, delivery and evaluation: plan e.g. a "
        "preparation meeting, inhabitant volunteers on the day and a shared review.",
    ),
    "participation-phases.cannot-tell": (
        "Renseignez la participation des habitants (champ « participation » : conception, "
        "realisation, evaluation).",
        "Fill in inhabitants' participation ('participation': conception, realisation, "
        "evaluation).",
    ),
    "volunteers.partly-met": (
        "{found} habitant(s) bénévole(s) : visez au moins {met_at} pour une démarche collective.",
        "{found} inhabitant volunteer(s): aim at {met_at} at least for a collective approach.",
    ),
    "volunteers.not-met": (
        "Aucun habitant bénévole : mobilisez au moins {met_at} habitants pour porter l'événement "
        "avec vous.",
        "No inhabitant volunteers: involve at least {met_at} inhabitants to run the event with "
        "you.",
    ),
    "volunteers.cannot-tell": (
        "Indiquez le nombre d'habitants bénévoles (participation.volunteer_inhabitants).",
        "Give the number of inhabitant volunteers (participation.volunteer_inhabitants).",
    ),
    # --- rev3
    "rev3-measures.partly-met": (
        "{found} mesure(s) écoresponsable(s) déclarée(s) : visez-en au moins {met_at} (par ex. "
        "{suggest}).",
        "{found} eco-responsible measure(s) declared: aim at {met_at} at least (e.g. {suggest}).",
    ),
    "rev3-measures.not-met": (
        "Trop peu de mesures écoresponsables ({found}) : ajoutez-en au moins {partly_at} de la "
        "liste Rev3 (par ex. {suggest}).",
        "Too few eco-responsible measures ({found}): add at least {partly_at} from the Rev3 "
        "checklist (e.g. {suggest}).",
    ),
    "rev3-measures.cannot-tell": (
        "Déclarez les mesures écoresponsables (champ « rev3 », identifiants de la liste Rev3, "
        "par ex. {suggest}).",
        "Declare the eco-responsible measures ('rev3', ids of the Rev3 checklist, e.g. {suggest}).",
    ),
    "rev3-categories.partly-met": (
        "Couvrez d'autres domaines Rev3, par exemple : {missing}.",
        "Cover other Rev3 areas, for example: {missing}.",
    ),
    "rev3-categories.not-met": (
        "La démarche Rev3 couvre trop peu de domaines ; ajoutez des mesures, par exemple : "
        "{missing}.",
        "The Rev3 approach covers too few areas; add measures, for example: {missing}.",
    ),
    "rev3-categories.cannot-tell": (
        "Déclarez les mesures écoresponsables (champ « rev3 ») pour juger des domaines couverts.",
        "Declare the eco-responsible measures ('rev3') to judge the areas covered.",
    ),
    # --- eligibility
    "period.partly-met": (
        "Certains jours sont hors de la période éligible ({start} – {end}) : {outside}.",
        "Some days are outside the eligible period ({start} – {end}): {outside}.",
    ),
    "period.not-met": (
        "L'événement est hors de la période éligible ({start} – {end}) : déplacez-le dans l'été.",
        "The event is outside the eligible period ({start} – {end}): move it into the summer.",
    ),
    "period.cannot-tell": (
        "Donnez les dates de l'événement pour vérifier la période éligible ({start} – {end}).",
        "Give the event's dates to check the eligible period ({start} – {end}).",
    ),
    "qpv.partly-met": (
        "Quartiers non vérifiés dans la liste officielle des QPV : {missing}.",
        "Quartiers not verified in the official QPV list: {missing}.",
    ),
    "qpv.not-met": (
        "Aucun quartier de l'événement n'est dans la liste officielle des QPV chargée "
        "({missing}) : vérifiez les codes sur sig.ville.gouv.fr.",
        "None of the event's quartiers is in the loaded official QPV list ({missing}): check the "
        "codes on sig.ville.gouv.fr.",
    ),
    "qpv.cannot-tell": ("{why}", "{why}"),
    "organiser-kind.partly-met": (
        "Un porteur de type « {kind} » doit s'appuyer sur un porteur administratif éligible "
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
        "Mutualisez l'action : {missing}.",
        "Pool the action: {missing}.",
    ),
    "inter-quartier.not-met": (
        "L'action doit être mutualisée entre plusieurs quartiers (au moins {min_quartiers}) avec "
        "des partenaires, sauf pour un EPCI qui n'a qu'un QPV.",
        "The action must be pooled across several quartiers (at least {min_quartiers}) with "
        "partners, except for an EPCI with a single QPV.",
    ),
    "inter-quartier.cannot-tell": (
        "Un seul quartier : indiquez l'EPCI du quartier pour vérifier l'exception « EPCI avec un "
        "seul QPV », ou associez d'autres quartiers.",
        "One quartier only: give the quartier's EPCI to check the 'EPCI with one QPV' "
        "exception, or involve other quartiers.",
    ),
    # --- warnings
    "protected-terms.partly-met": (
        "Terme(s) protégé(s) dans la description : {found}. Le Code du sport (art. L141-5 et "
        "L141-7) réserve ces termes ; reformulez (« jeux du quartier », « fête du sport »).",
        "Protected terms in the description: {found}. The Code du sport (art. L141-5 and L141-7) "
        "reserves these terms; rephrase ('neighbourhood games', 'sports day').",
    ),
    "protected-terms.not-met": (
        "Terme protégé dans le titre : {found}. Le Code du sport (art. L141-5 et L141-7) "
        "l'interdit sans autorisation : renommez (par ex. « Jeux du quartier » au lieu "
        "d'« Olympiades »).",
        "Protected term in the title: {found}. The Code du sport (art. L141-5 and L141-7) forbids "
        "it without permission: rename (e.g. 'Neighbourhood Games' instead of 'Olympiades').",
    ),
    "protected-terms.cannot-tell": (
        "Seul le titre a pu être vérifié : ajoutez la description (texte de communication) "
        "pour la contrôler aussi.",
        "Only the title could be checked: add the description (communication text) to check it "
        "too.",
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
        "Chargez la liste officielle des QPV (option --qpv, fichier de l'ANCT) pour vérifier "
        "les quartiers.",
        "Load the official QPV list (--qpv option, ANCT file) to verify the quartiers.",
    ),
    "no-qpv-code": (
        "Ajoutez le code QPV officiel de chaque quartier (champ « qpv_code »).",
        "Add the official QPV code of each quartier ('qpv_code').",
    ),
    "kind-unknown": (
        "Précisez le type de porteur (champ « kind » : association, centre-social, commune…).",
        "Give the organiser's kind ('kind': association, centre-social, commune…).",
    ),
    "add-quartiers": (
        "associez au moins {n} quartiers",
        "involve at least {n} quartiers",
    ),
    "add-partners": ("ajoutez des partenaires (champ « partners »)", "add partners ('partners')"),
    "add-keyword": (
        "annoncez un moment de célébration (fête, retransmission sur écran géant, village)",
        "announce a celebration (party, big-screen viewing, village)",
    ),
    "add-date": (
        "placez-le le jour du relais de la flamme ({torch}) ou pendant les Jeux ({games})",
        "hold it on the torch relay day ({torch}) or during the Games ({games})",
    ),
    "and": (" et ", " and "),
}


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
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        return template

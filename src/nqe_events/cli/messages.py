"""The command line's help in French and English: one catalogue, looked up by the French text.

Each sub-command module writes its help in French (the default language); with ``--lang en``,
:func:`nqe_events.cli._parser.localise_help` replaces every description, help and epilog by its
English text from :data:`HELP`. A French help without an English entry stays French, and the
language test (``tests/test_language.py``) fails on it: add the pair here.
"""

from __future__ import annotations

__all__ = ["HELP", "METAVARS", "english"]

HELP: dict[str, tuple[str, str]] = {
    # --- spreadsheets, import, template, detailed check (added with the spreadsheet routes) ----
    "import.tz": (
        "ICS : fuseau des heures flottantes",
        "ICS: time zone of floating times",
    ),
    "import.name": (
        "ICS : nom du programme",
        "ICS: name of the programme",
    ),
    "import.strict": (
        "ICS : refuser tout le fichier dès qu'un événement est inutilisable",
        "ICS: refuse the whole file as soon as one event is unusable",
    ),
    "import.season": (
        "ICS : saison (année) où développer les récurrences",
        "ICS: season (year) over which to expand recurrences",
    ),
    "import.max_size": (
        "taille maximale du fichier lu, en Mo (ICS : 20 ; tableur : 50 ; au plus 1024) : au-delà, il est refusé sans être lu",
        "largest file read, in MiB (ICS: 20; spreadsheet: 50; at most 1024): a larger file is refused without being read",
    ),
    "check.details": (
        "JSON détaillé : chaque critère avec ses éléments trouvés et son conseil (par défaut : statuts et conseils principaux, moins de 2 Ko par événement)",
        "detailed JSON: each criterion with its evidence and advice (by default: statuses and main advice, under 2 KB per event)",
    ),
    "import.description": (
        "Lit un tableur de temps forts (CSV, Excel, LibreOffice ; une ligne par créneau) avec son programme de base, ou un fichier ICS, et écrit un programme valide. Les colonnes inconnues sont gardées dans les notes des temps forts (avertissement). Modèle de tableur : nqe-events modele.",
        "Reads a spreadsheet of temps forts (CSV, Excel, LibreOffice; one row per slot) with its base programme, or an ICS file, and writes a valid programme. Unknown columns are kept in the events' notes (with a warning). Spreadsheet template: nqe-events modele.",
    ),
    "import.help": (
        "faire un programme d'un tableur (.csv, .xlsx, .ods) ou d'un agenda ICS",
        "make a programme from a spreadsheet (.csv, .xlsx, .ods) or an ICS calendar",
    ),
    "modele.output": (
        "fichier .xlsx ou .csv",
        ".xlsx or .csv file",
    ),
    "common.file": (
        "programme (.yaml, .yml, .json ; - pour l'entrée standard) ou tableur de temps forts (.csv, .xlsx, .ods, avec --base)",
        "programme (.yaml, .yml, .json; - for standard input) or spreadsheet of temps forts (.csv, .xlsx, .ods, with --base)",
    ),
    "common.base": (
        "programme de base (quartiers, porteurs, lieux) pour lire un tableur de temps forts",
        "base programme (quartiers, organisers, venues) to read a spreadsheet of temps forts",
    ),
    "common.max_size": (
        "taille maximale d'un fichier lu, en Mo (50 ; au plus 1024) : au-delà, le fichier est "
        "refusé sans être lu",
        "largest file read, in MiB (50; at most 1024): a larger file is refused without being read",
    ),
    "import.base": (
        "programme de base (quartiers, porteurs, lieux) pour un tableur",
        "base programme (quartiers, organisers, venues) for a spreadsheet",
    ),
    "modele.base": (
        "programme de base dont les noms alimentent les listes",
        "base programme whose names feed the drop-down lists",
    ),
    "import.file": (
        "tableur .csv, .xlsx, .ods ou agenda .ics",
        ".csv, .xlsx, .ods spreadsheet or .ics calendar",
    ),
    "modele.description": (
        "Écrit un tableur prêt à remplir : les colonnes que lit « nqe-events import », une ligne d'exemple et, en .xlsx, des listes déroulantes (thèmes, publics, statut, oui/non ; porteurs, lieux et quartiers de la base avec --base).",
        "Writes a spreadsheet ready to fill in: the columns « nqe-events import » reads, an example row and, in .xlsx, drop-down lists (themes, audiences, status, yes/no; organisers, venues and quartiers of the base with --base).",
    ),
    "modele.help": (
        "écrire le modèle de tableur des temps forts (.xlsx ou .csv)",
        "write the spreadsheet template of temps forts (.xlsx or .csv)",
    ),
    # --- the program -------------------------------------------------------------------------
    "prog.description": (
        "Nos Quartiers d'Été : vérifier, planifier, publier et mesurer les temps forts d'une "
        "saison.",
        "Nos Quartiers d'Été: check, plan, publish and measure the temps forts (events) of a "
        "season.",
    ),
    "prog.epilog": (
        "Statut de sortie : 0 tout va bien, 1 constats (conflits, non-alignements…), 2 entrée "
        "inutilisable ou erreur d'usage.",
        "Exit status: 0 all fine, 1 findings (clashes, non-aligned events…), 2 unusable input "
        "or usage error.",
    ),
    "prog.help": ("afficher cette aide et quitter", "show this help message and exit"),
    "prog.lang": (
        "langue des messages (fr par défaut)",
        "language of the messages (fr by default)",
    ),
    "prog.version": ("afficher la version", "show the version and exit"),
    # --- one line per sub-command ------------------------------------------------------------
    "validate": (
        "vérifier un fichier de programme (YAML, JSON ou CSV)",
        "check a programme file (YAML, JSON or CSV)",
    ),
    "schema": (
        "afficher le schéma JSON des fichiers de programme",
        "print the JSON schema of programme files",
    ),
    "clashes": (
        "trouver les conflits de calendrier (lieux, ressources, quartiers, dates)",
        "find the calendar clashes (venues, resources, quartiers, dates)",
    ),
    "plan": (
        "dater les événements à planifier, sans conflit",
        "give dates to the events still to plan, without clashes",
    ),
    "demo": (
        "tout exécuter sur le programme d'exemple",
        "run everything on the sample programme",
    ),
    "check": (
        "vérifier l'alignement des événements avec le fil rouge et les principes NQE",
        "check the events' alignment with the fil rouge and the NQE principles",
    ),
    "footprint": (
        "empreinte carbone (kgCO2e) des temps forts et de la saison",
        "carbon footprint (kgCO2e) of the events and of the season",
    ),
    "ics": (
        "publier le programme en flux ICS (agendas Google, Outlook, Apple, Thunderbird)",
        "publish the programme as an ICS feed (Google, Outlook, Apple, Thunderbird calendars)",
    ),
    "import-ics": (
        "lire un fichier ICS et en faire un programme",
        "read an ICS file and make a programme of it",
    ),
    "bilan": (
        "écrire le bilan de la saison (texte, JSON, page HTML imprimable, graphiques)",
        "write the season summary (text, JSON, printable HTML page, plots)",
    ),
    # --- descriptions ------------------------------------------------------------------------
    "validate.description": (
        "Vérifie un fichier de programme et résume son contenu.",
        "Checks a programme file and summarises its content.",
    ),
    "schema.description": (
        "Affiche le schéma JSON (draft 2020-12) des fichiers de programme.",
        "Prints the JSON schema (draft 2020-12) of programme files.",
    ),
    "clashes.description": (
        "Liste chaque règle de calendrier enfreinte par les événements datés : lieu occupé, "
        "ressource partagée au-delà de sa capacité, porteur à deux endroits, deux temps forts le "
        "même jour pour un quartier, hors saison ou dates interdites. Statut 1 s'il y a des "
        "conflits.",
        "Lists every calendar rule broken by the dated events: a venue already taken, a shared "
        "resource beyond its capacity, an organiser in two places, two temps forts on the same "
        "day for a quartier, outside the season or on blackout dates. Status 1 when there are "
        "clashes.",
    ),
    "plan.description": (
        "Donne une date et des heures aux événements qui n'en ont pas (to_plan), sans enfreindre "
        "les règles de calendrier, et écrit le programme planifié. Les événements déjà datés et "
        "épinglés ne bougent jamais. Statut 1 si des événements restent non placés (avec la "
        "raison).",
        "Gives a date and hours to the events that have none (to_plan), without breaking the "
        "calendar rules, and writes the planned programme. Events already dated and pinned never "
        "move. Status 1 when some events stay unplaced (with the reason).",
    ),
    "demo.description": (
        "Exécute chaque étape de la bibliothèque sur le programme d'exemple et écrit les "
        "résultats dans un dossier.",
        "Runs every stage of the library on the sample programme and writes the results into a "
        "folder.",
    ),
    "check.description": (
        "Juge chaque événement selon les règles de la saison : fil rouge, temps fort, "
        "participation, Rev3, éligibilité. Pour chaque critère : statut, éléments trouvés et "
        "conseil. Statut de sortie 1 si un événement n'est pas aligné.",
        "Judges each event against the season's rules: fil rouge, temps fort, participation, "
        "Rev3, eligibility. For each criterion: status, evidence and advice. Exit status 1 when "
        "an event is not aligned.",
    ),
    "footprint.description": (
        "Estime l'empreinte carbone de chaque temps fort et de la saison, avec un intervalle à "
        "90 %, la part issue de valeurs par défaut et les leviers principaux.",
        "Estimates the carbon footprint of each event and of the season, with a 90% interval, "
        "the share coming from default values and the main levers.",
    ),
    "ics.description": (
        "Écrit le flux ICS de la saison, ou un flux par quartier, commune ou porteur (--by, la "
        "sortie est alors un dossier). Un fichier de sortie existant est lu comme export "
        "précédent : SEQUENCE augmente pour chaque événement dont l'heure, le lieu ou le statut "
        "a changé.",
        "Writes the season's ICS feed, or one feed per quartier, commune or organiser (--by, the "
        "output is then a folder). An existing output file is read as the previous export: "
        "SEQUENCE goes up for each event whose time, venue or status changed.",
    ),
    "import-ics.description": (
        "Lit un fichier ICS (Google, Outlook, Apple, Thunderbird, nqe-events) et écrit un "
        "programme valide ; les lieux, porteurs et quartiers inconnus sont créés « à préciser ».",
        "Reads an ICS file (Google, Outlook, Apple, Thunderbird, nqe-events) and writes a valid "
        "programme; unknown venues, organisers and quartiers are created 'to be specified'.",
    ),
    "bilan.description": (
        "Planifie le programme, vérifie l'alignement, cherche les conflits et estime "
        "l'empreinte, puis écrit dans un dossier bilan.txt, bilan.json, bilan.html (une page A4 "
        "imprimable, graphiques compris) et les graphiques en PNG.",
        "Plans the programme, checks the alignment, looks for clashes and estimates the "
        "footprint, then writes into a folder bilan.txt, bilan.json, bilan.html (a printable A4 "
        "page, plots included) and the plots as PNG.",
    ),
    # --- arguments and options ---------------------------------------------------------------
    "arg.qpv": (
        "liste officielle des QPV (CSV ou GeoJSON de l'ANCT)",
        "official list of the QPV (ANCT's CSV or GeoJSON)",
    ),
    "arg.format": ("format de sortie", "output format"),
    "arg.schema_out": ("écrire le schéma dans ce fichier", "write the schema into this file"),
    "arg.plan_out": (
        "programme planifié à écrire (.yaml/.json)",
        "planned programme to write (.yaml/.json)",
    ),
    "arg.previous": (
        "plan publié précédemment, pour déplacer le moins possible",
        "previously published plan, to move as little as possible",
    ),
    "arg.method": (
        "méthode : greedy (par défaut, rapide) ou exact (OR-Tools, option « exact »)",
        "method: greedy (default, fast) or exact (OR-Tools, 'exact' extra)",
    ),
    "arg.time_limit": (
        "secondes accordées à la méthode exacte",
        "seconds given to the exact method",
    ),
    "arg.demo_out": ("dossier de sortie (nqe-demo/)", "output folder (nqe-demo/)"),
    "arg.example": ("nom du programme d'exemple", "name of the sample programme"),
    "arg.rules": (
        "saison (2024), identifiant (nqe-2024) ou chemin d'un fichier de règles TOML (par "
        "défaut : le champ « rules » du programme, sinon sa saison)",
        "season (2024), id (nqe-2024) or path of a TOML rule file (default: the programme's "
        "'rules' field, else its season)",
    ),
    "arg.event_check": (
        "ne vérifier que cet événement (répétable)",
        "check only this event (repeatable)",
    ),
    "arg.all": (
        "afficher aussi les critères respectés (texte)",
        "also show the criteria met (text)",
    ),
    "arg.event_footprint": ("un seul temps fort (son identifiant)", "one event only (its id)"),
    "arg.factors": (
        "jeu de facteurs : fichier TOML ou nom (ademe-2025)",
        "factor set: TOML file or name (ademe-2025)",
    ),
    "arg.draws": ("tirages Monte Carlo (10000)", "Monte Carlo draws (10000)"),
    "arg.seed": ("graine du tirage (2024)", "random seed (2024)"),
    "arg.ics_out": ("fichier .ics (ou dossier avec --by)", ".ics file (or folder with --by)"),
    "arg.by": (
        "un flux par quartier, par commune ou par porteur",
        "one feed per quartier, per commune or per organiser",
    ),
    "arg.calendar_name": (
        "nom du calendrier (par défaut : celui du programme)",
        "calendar name (default: the programme's)",
    ),
    "arg.no_footprint": (
        "ne pas ajouter l'empreinte carbone estimée à la description des événements",
        "do not add the estimated carbon footprint to the events' descriptions",
    ),
    "arg.ics_file": ("fichier .ics", ".ics file"),
    "arg.import_out": (
        "programme à écrire (.yaml ou .json)",
        "programme to write (.yaml or .json)",
    ),
    "arg.season": (
        "saison (année) où développer les récurrences",
        "season (year) in which to expand recurrences",
    ),
    "arg.tz": ("fuseau des heures flottantes", "time zone of floating times"),
    "arg.name": ("nom du programme", "name of the programme"),
    "arg.bilan_out": ("dossier de sortie (bilan/)", "output folder (bilan/)"),
    "arg.max": (
        "afficher au plus N éléments en texte (défaut 50, 0 : tout ; le JSON est toujours complet)",
        "show at most N items in text (default 50, 0: all; the JSON is always complete)",
    ),
    "arg.ics_stdin": (
        "fichier .ics (« - » : l'entrée standard)",
        ".ics file ('-': standard input)",
    ),
    "arg.strict": (
        "refuser tout le fichier dès qu'un événement est inutilisable (par défaut : l'événement "
        "est écarté avec un avertissement)",
        "refuse the whole file as soon as one event is unusable (by default the event is left "
        "out with a warning)",
    ),
    "arg.no_plots": (
        "sans graphiques (plus rapide, sans matplotlib)",
        "without plots (faster, no matplotlib needed)",
    ),
}

#: Metavars (the placeholders in « usage : ») by argument destination: (French, English).
METAVARS: dict[str, tuple[str, str]] = {
    "file": ("FICHIER", "FILE"),
    "output": ("SORTIE", "OUTPUT"),
    "base": ("BASE", "BASE"),
    "max_size": ("MO", "MIB"),
    "qpv": ("QPV", "QPV"),
    "rules": ("RÈGLES", "RULES"),
    "event": ("ID", "ID"),
    "factors": ("FACTEURS", "FACTORS"),
    "draws": ("N", "N"),
    "seed": ("GRAINE", "SEED"),
    "name": ("NOM", "NAME"),
    "previous": ("PRÉCÉDENT", "PREVIOUS"),
    "time_limit": ("SECONDES", "SECONDS"),
    "example": ("EXEMPLE", "EXAMPLE"),
    "season": ("ANNÉE", "YEAR"),
    "tz": ("FUSEAU", "TZ"),
    "command": ("COMMANDE", "COMMAND"),
}

_ENGLISH = dict(HELP.values())


def english(text: str) -> str:
    """The English text of a French help (the French itself when none is known)."""
    return _ENGLISH.get(text, text)

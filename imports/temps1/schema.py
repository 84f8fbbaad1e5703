"""The Temps 1 workbook layout (docs/temps1.md, « Le format »): its sheets and their columns.
The shape of a column is in `colonnes.py`, the closed lists in `listes.py`.

One description serves every step: reading (header matching, required columns), checking (which
parser per column), writing the template and the export (order, widths, notes, drop-downs, text
format of code columns) and the guide tab.
"""

from .colonnes import Colonne, Feuille
from .valeurs import cle

ENTITES = "Entités"
DISPOSITIFS = "Dispositifs"
FINANCEMENTS = "Financements"
GUIDE = "Annexes et guide"
LISTES = "Listes"
ERREURS = "Erreurs"  # summary sheet of the annotated copy

FEUILLES_DONNEES = (ENTITES, DISPOSITIFS, FINANCEMENTS)


FEUILLE_ENTITES = Feuille(
    ENTITES,
    alias=("Entités gestionnaires", "Entité", "Entites gestionnaire"),
    description="Une ligne par entité gestionnaire (personne morale), identifiée par son SIREN.",
    colonnes=(
        Colonne(
            "siren",
            "SIREN",
            "siren",
            obligatoire=True,
            largeur=14,
            format_texte=True,
            aide="9 chiffres, clé de contrôle valide. Les espaces sont retirés ; un numéro qui a "
            "perdu ses zéros de tête (saisi comme nombre) est complété.",
            exemple="775 672 272",
        ),
        Colonne(
            "raison_sociale",
            "Raison sociale",
            "texte",
            obligatoire=True,
            largeur=36,
            aide="Nom officiel de la personne morale.",
            exemple="Association Accueil et Solidarité",
        ),
        Colonne(
            "statut_juridique",
            "Statut juridique",
            "liste",
            liste="statuts",
            largeur=22,
            aide="Forme juridique de l'entité.",
            exemple="Association",
        ),
        Colonne("adresse", "Adresse du siège", "texte", largeur=32, exemple="12 rue de la Paix"),
        Colonne(
            "code_postal",
            "Code postal",
            "code_postal",
            largeur=11,
            format_texte=True,
            aide="5 chiffres. Le département du siège en est déduit.",
            exemple="44000",
        ),
        Colonne("commune", "Commune", "texte", largeur=20, exemple="Nantes"),
        Colonne(
            "telephone",
            "Téléphone",
            "telephone",
            largeur=16,
            format_texte=True,
            aide="Chiffres, espaces, points, tirets, « + ».",
            exemple="02 40 00 00 00",
        ),
        Colonne("courriel", "Courriel", "courriel", largeur=28, exemple="contact@asso.fr"),
        Colonne(
            "contact_nom",
            "Contact référent – nom",
            "texte",
            largeur=24,
            aide="Contact référent (gestionnaire) de l'entité.",
            exemple="Camille Martin",
            alias=("Contact référent", "Nom du contact référent"),
        ),
        Colonne(
            "contact_courriel",
            "Contact référent – courriel",
            "courriel",
            largeur=28,
            exemple="c.martin@asso.fr",
            alias=("Courriel du contact référent",),
        ),
    ),
)

FEUILLE_DISPOSITIFS = Feuille(
    DISPOSITIFS,
    alias=("Dispositif",),
    description="Une ligne par dispositif, rattaché à une entité de l'onglet Entités ou déjà "
    "connue. Clé : le code dispositif s'il est rempli, sinon la référence locale dans le "
    "département.",
    colonnes=(
        Colonne(
            "code",
            "Code dispositif",
            "texte",
            largeur=14,
            format_texte=True,
            aide="Code national attribué par le back office (rempli par l'export). Vide pour un "
            "nouveau dispositif ; s'il est rempli, il doit exister et être dans votre périmètre.",
            exemple="44-00012",
            alias=("Code",),
        ),
        Colonne(
            "reference_locale",
            "Référence locale",
            "texte",
            largeur=16,
            format_texte=True,
            marque_obligatoire=True,
            aide="Identifiant libre, unique dans le département, choisi par qui remplit le "
            "fichier. Obligatoire quand le code dispositif est vide.",
            exemple="CADA-NANTES-1",
        ),
        Colonne(
            "siren",
            "SIREN de l'entité",
            "siren",
            obligatoire=True,
            largeur=14,
            format_texte=True,
            aide="SIREN d'une entité de l'onglet Entités ou déjà connue du back office.",
            exemple="775672272",
            alias=("SIREN", "SIREN entité", "SIREN de l'entité gestionnaire"),
        ),
        Colonne(
            "raison_sociale",
            "Raison sociale de l'entité",
            "info",
            largeur=30,
            aide="Information (remplie par l'export), ignorée à l'import.",
        ),
        Colonne(
            "nom",
            "Nom du dispositif",
            "texte",
            obligatoire=True,
            largeur=34,
            exemple="CADA Les Tilleuls",
        ),
        Colonne(
            "nature",
            "Nature",
            "liste",
            obligatoire=True,
            liste="natures",
            largeur=26,
            aide="Nature de la nomenclature.",
            exemple="Hébergement asile (DNA)",
        ),
        Colonne(
            "type",
            "Type",
            "liste",
            obligatoire=True,
            liste="types",
            largeur=30,
            aide="Type de la nomenclature, appartenant à la nature.",
            exemple="CADA",
            alias=("Type de dispositif",),
        ),
        Colonne(
            "departement",
            "Département",
            "departement",
            obligatoire=True,
            liste="departements",
            largeur=12,
            format_texte=True,
            aide="Code officiel (COG) : 01…95, 2A, 2B, 971…976. « 1 » est lu « 01 », « 2a » "
            "« 2A ». Doit être dans votre périmètre.",
            exemple="44",
        ),
        Colonne("adresse", "Adresse", "texte", largeur=30, exemple="3 allée des Tilleuls"),
        Colonne(
            "code_postal",
            "Code postal",
            "code_postal",
            largeur=11,
            format_texte=True,
            exemple="44100",
        ),
        Colonne("commune", "Commune", "texte", largeur=20, exemple="Nantes"),
        Colonne(
            "siret",
            "SIRET",
            "siret",
            largeur=18,
            format_texte=True,
            aide="14 chiffres, clé de contrôle valide. Des 9 premiers chiffres différents du "
            "SIREN de l'entité donnent un avertissement.",
            exemple="77567227200014",
        ),
        Colonne(
            "finess",
            "FINESS",
            "finess",
            largeur=12,
            format_texte=True,
            aide="9 caractères : département (2 chiffres, 2A ou 2B) puis 7 chiffres.",
            exemple="440012345",
        ),
        Colonne(
            "code_dna",
            "Code DNA",
            "texte",
            largeur=14,
            format_texte=True,
            aide="Code du référentiel de l'OFII (dispositifs asile).",
            exemple="CADA044012",
        ),
        Colonne("public", "Public", "liste", liste="publics", largeur=18, exemple="Familles"),
        Colonne(
            "mode_hebergement",
            "Mode d'hébergement",
            "liste",
            liste="modes_hebergement",
            largeur=16,
            exemple="Diffus",
        ),
        Colonne(
            "places_autorisees",
            "Places autorisées",
            "entier",
            largeur=11,
            aide="Nombre entier ≥ 0 ; obligatoire pour les types autorisés (CADA, CPH).",
            exemple="80",
        ),
        Colonne(
            "places_pmr",
            "Dont places PMR",
            "entier",
            largeur=11,
            aide="Nombre entier ≥ 0, au plus les places autorisées.",
            exemple="4",
        ),
        Colonne(
            "date_ouverture",
            "Date d'ouverture",
            "date",
            largeur=13,
            aide="Une date : 31/12/2025, 31/12/25 ou 2025-12-31.",
            exemple="01/09/2015",
        ),
        Colonne(
            "telephone",
            "Téléphone",
            "telephone",
            largeur=16,
            format_texte=True,
            exemple="02 40 00 00 01",
        ),
        Colonne("courriel", "Courriel", "courriel", largeur=28, exemple="cada@asso.fr"),
    ),
)

FEUILLE_FINANCEMENTS = Feuille(
    FINANCEMENTS,
    alias=("Financement",),
    description="Une ligne par ligne de financement d'un dispositif. Clé : dispositif, "
    "exercice, programme, action, mode de financement.",
    colonnes=(
        Colonne(
            "dispositif",
            "Dispositif",
            "texte",
            obligatoire=True,
            largeur=16,
            format_texte=True,
            aide="Code dispositif ou référence locale d'un dispositif de l'onglet Dispositifs ou "
            "du back office.",
            exemple="CADA-NANTES-1",
            alias=("Code dispositif", "Référence du dispositif"),
        ),
        Colonne(
            "nom_dispositif",
            "Nom du dispositif",
            "info",
            largeur=30,
            aide="Information (remplie par l'export), ignorée à l'import.",
        ),
        Colonne(
            "exercice",
            "Exercice",
            "annee",
            obligatoire=True,
            largeur=10,
            aide="Année entre 2000 et 2100.",
            exemple="2025",
        ),
        Colonne(
            "programme",
            "Programme",
            "liste",
            obligatoire=True,
            liste="programmes",
            largeur=12,
            exemple="P303",
        ),
        Colonne(
            "action",
            "Action",
            "action",
            largeur=9,
            format_texte=True,
            aide="Action du programme, par exemple 02.",
            exemple="02",
        ),
        Colonne(
            "service_financeur",
            "Service financeur",
            "liste",
            liste="services",
            largeur=12,
            exemple="DDETS",
        ),
        Colonne(
            "mode",
            "Mode de financement",
            "liste",
            liste="modes_financement",
            largeur=16,
            aide="Vide : subvention.",
            exemple="DGF",
        ),
        Colonne(
            "places_financees",
            "Places financées",
            "entier",
            obligatoire=True,
            largeur=11,
            aide="Nombre entier ≥ 0.",
            exemple="80",
        ),
        Colonne(
            "montant_annuel",
            "Montant annuel (€)",
            "montant",
            largeur=15,
            aide="Nombre ≥ 0 : « 12 345,50 », « 12345.5 » ou une cellule nombre.",
            exemple="569 400,00",
            alias=("Montant annuel", "Montant"),
        ),
        Colonne("date_debut", "Date de début", "date", largeur=13, exemple="01/01/2025"),
        Colonne(
            "date_fin",
            "Date de fin",
            "date",
            largeur=13,
            aide="Début ≤ fin ; la période doit recouvrir l'exercice.",
            exemple="31/12/2025",
        ),
        Colonne(
            "orientation",
            "Orientation",
            "liste",
            liste="orientations",
            largeur=16,
            exemple="OFII (DN@)",
        ),
    ),
)

FEUILLES = {f.nom: f for f in (FEUILLE_ENTITES, FEUILLE_DISPOSITIFS, FEUILLE_FINANCEMENTS)}

# Required columns besides those marked `obligatoire`: a Dispositifs sheet needs a key column.
COLONNES_CLE_DISPOSITIF = ("code", "reference_locale")

# Sheets that are part of the format but carry no data to import.
FEUILLES_IGNOREES = {cle(GUIDE), cle("Annexes"), cle("Guide"), cle(LISTES), cle(ERREURS)}

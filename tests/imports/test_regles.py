"""Each rule of docs/temps1.md gives its error at the right sheet, Excel row and column — and
nothing else (no confusing second error). Rows: 2 and 3 hold a valid base; a case adds row 4 or
changes a row."""

import copy
import datetime

import pytest

from backoffice.offre.models import Dispositif, EntiteGestionnaire, Financement
from tests.factories import DispositifFactory, siren_valide, siret_valide
from tests.imports.outils import analyse, dispositif, entite, financement, simple

pytestmark = pytest.mark.django_db

E, D, F = "Entités", "Dispositifs", "Financements"


def base():
    return {
        E: [entite(1), entite(2)],
        D: [
            dispositif(1, entite_n=1),
            dispositif(
                2,
                entite_n=2,
                nature="Hébergement",
                type="CHRS",
                places_autorisees=None,
                places_pmr=None,
            ),
        ],
        F: [
            financement(1),
            financement(2, programme="P177", action="", mode="Subvention", orientation="SIAO 115"),
        ],
    }


def ajout(feuille, ligne):
    def modifier(donnees):
        donnees[feuille].append(ligne)

    return modifier


def changement(feuille, indice, **valeurs):
    def modifier(donnees):
        donnees[feuille][indice].update(valeurs)

    return modifier


CAS = [
    # -- Entités --------------------------------------------------------------------------
    ("siren_cle", ajout(E, entite(3, siren="123456789")), [(E, 4, "SIREN", "clé de contrôle")]),
    ("siren_longueur", ajout(E, entite(3, siren="1234567890")), [(E, 4, "SIREN", "9 chiffres")]),
    ("siren_lettres", ajout(E, entite(3, siren="12345678A")), [(E, 4, "SIREN", "chiffres")]),
    (
        "siren_double",
        ajout(E, entite(1, raison_sociale="Doublon")),
        [(E, 4, "SIREN", "SIREN déjà présent ligne 2 de l'onglet Entités")],
    ),
    (
        "raison_sociale_vide_et_cascade",
        changement(E, 0, raison_sociale=None),
        [
            (E, 2, "Raison sociale", "obligatoire"),
            (D, 2, "SIREN de l'entité", "Entité en erreur ligne 2 de l'onglet Entités."),
            (F, 2, "Dispositif", "Dispositif en erreur ligne 2 de l'onglet Dispositifs."),
        ],
    ),
    (
        "statut_hors_liste",
        ajout(E, entite(3, statut_juridique="Coopérative")),
        [(E, 4, "Statut juridique", "Valeur hors liste")],
    ),
    ("code_postal", ajout(E, entite(3, code_postal="4400")), [(E, 4, "Code postal", "5 chiffres")]),
    (
        "telephone",
        ajout(E, entite(3, telephone="appeler Paul")),
        [(E, 4, "Téléphone", "téléphone")],
    ),
    (
        "courriel",
        ajout(E, entite(3, courriel="pas-une-adresse")),
        [(E, 4, "Courriel", "Adresse électronique invalide")],
    ),
    (
        "contact_courriel",
        ajout(E, entite(3, contact_nom="Paul", contact_courriel="paul@")),
        [(E, 4, "Contact référent – courriel", "invalide")],
    ),
    (
        "contact_sans_nom",
        ajout(E, entite(3, contact_courriel="paul@asso.fr")),
        [(E, 4, "Contact référent – nom", "obligatoire")],
    ),
    ("texte_trop_long", ajout(E, entite(3, commune="x" * 151)), [(E, 4, "Commune", "trop long")]),
    # -- Dispositifs ----------------------------------------------------------------------
    (
        "code_inconnu",
        ajout(D, dispositif(3, code="44-99999")),
        [(D, 4, "Code dispositif", "inconnu ou hors de votre périmètre")],
    ),
    (
        "reference_manquante",
        ajout(D, dispositif(3, reference_locale=None)),
        [(D, 4, "Référence locale", "obligatoire")],
    ),
    (
        "reference_double",
        ajout(D, dispositif(3, reference_locale="REF-1")),
        [(D, 4, "Référence locale", "déjà présent ligne 2")],
    ),
    (
        "siren_entite_inconnu",
        ajout(D, dispositif(3, siren=siren_valide(9999))),
        [(D, 4, "SIREN de l'entité", "ni dans l'onglet Entités ni dans le back office")],
    ),
    (
        "siren_entite_invalide",
        ajout(D, dispositif(3, siren="123")),
        [(D, 4, "SIREN de l'entité", "clé de contrôle")],
    ),
    ("nom_vide", ajout(D, dispositif(3, nom="  ")), [(D, 4, "Nom du dispositif", "obligatoire")]),
    (
        "nature_inconnue",
        ajout(D, dispositif(3, nature="Logement très social")),
        [(D, 4, "Nature", "Valeur hors liste")],
    ),
    ("type_inconnu", ajout(D, dispositif(3, type="Foyer")), [(D, 4, "Type", "Valeur hors liste")]),
    (
        "type_hors_nature",
        ajout(D, dispositif(3, nature="Hébergement", type="CADA")),
        [(D, 4, "Type", "n'appartient pas à la nature « Hébergement »")],
    ),
    (
        "departement_inconnu",
        ajout(D, dispositif(3, departement="99")),
        [(D, 4, "Département", "Département inconnu")],
    ),
    (
        "departement_vide",
        ajout(D, dispositif(3, departement=None)),
        [(D, 4, "Département", "obligatoire")],
    ),
    ("siret_invalide", ajout(D, dispositif(3, siret="12345678901234")), [(D, 4, "SIRET", "clé")]),
    ("finess", ajout(D, dispositif(3, finess="ABC123")), [(D, 4, "FINESS", "9 caractères")]),
    ("public", ajout(D, dispositif(3, public="Seniors")), [(D, 4, "Public", "hors liste")]),
    (
        "mode_hebergement",
        ajout(D, dispositif(3, mode_hebergement="En tente")),
        [(D, 4, "Mode d'hébergement", "hors liste")],
    ),
    (
        "places_negatives",
        ajout(D, dispositif(3, places_autorisees=-1, places_pmr=None)),
        [(D, 4, "Places autorisées", "supérieur ou égal à 0")],
    ),
    (
        "places_decimales",
        ajout(D, dispositif(3, places_autorisees="12,5", places_pmr=None)),
        [(D, 4, "Places autorisées", "entier")],
    ),
    (
        "places_autorisees_cada",
        ajout(D, dispositif(3, places_autorisees=None, places_pmr=None)),
        [(D, 4, "Places autorisées", "obligatoires pour un CADA")],
    ),
    (
        "pmr_superieures",
        ajout(D, dispositif(3, places_pmr=60)),
        [(D, 4, "Dont places PMR", "ne peuvent dépasser")],
    ),
    (
        "date_ouverture",
        ajout(D, dispositif(3, date_ouverture="31/02/2025")),
        [(D, 4, "Date d'ouverture", "Date inexistante")],
    ),
    ("telephone_dispositif", ajout(D, dispositif(3, telephone="?")), [(D, 4, "Téléphone", "")]),
    ("courriel_dispositif", ajout(D, dispositif(3, courriel="a@b")), [(D, 4, "Courriel", "")]),
    # -- Financements ---------------------------------------------------------------------
    ("dispositif_inconnu", ajout(F, financement(9)), [(F, 4, "Dispositif", "Dispositif inconnu")]),
    (
        "dispositif_en_erreur",
        lambda d: (d[D].append(dispositif(3, finess="X")), d[F].append(financement(3))),
        [(D, 4, "FINESS", ""), (F, 4, "Dispositif", "Dispositif en erreur ligne 4")],
    ),
    (
        "reference_ambigue",
        ajout(D, dispositif(3, reference_locale="REF-1", departement="85")),
        [(F, 2, "Dispositif", "plusieurs départements")],
    ),
    (
        "exercice",
        ajout(F, financement(1, exercice=1999)),
        [(F, 4, "Exercice", "entre 2000 et 2100")],
    ),
    (
        "exercice_texte",
        ajout(F, financement(1, exercice="l'an dernier")),
        [(F, 4, "Exercice", "Année attendue")],
    ),
    (
        "programme",
        ajout(F, financement(1, exercice=2024, programme="P999")),
        [(F, 4, "Programme", "hors liste")],
    ),
    (
        "service",
        ajout(F, financement(1, exercice=2024, service_financeur="Mairie")),
        [(F, 4, "Service financeur", "hors liste")],
    ),
    (
        "mode_financement",
        ajout(F, financement(1, exercice=2024, mode="Crédit-bail")),
        [(F, 4, "Mode de financement", "hors liste")],
    ),
    (
        "places_financees_vides",
        ajout(F, financement(1, exercice=2024, places_financees=None)),
        [(F, 4, "Places financées", "obligatoire")],
    ),
    (
        "places_financees_negatives",
        ajout(F, financement(1, exercice=2024, places_financees=-5)),
        [(F, 4, "Places financées", "supérieur ou égal à 0")],
    ),
    (
        "montant_texte",
        ajout(F, financement(1, exercice=2024, montant_annuel="beaucoup")),
        [(F, 4, "Montant annuel (€)", "Montant attendu")],
    ),
    (
        "montant_negatif",
        ajout(F, financement(1, exercice=2024, montant_annuel="-10,5")),
        [(F, 4, "Montant annuel (€)", "négatif")],
    ),
    (
        "debut_apres_fin",
        ajout(
            F,
            financement(
                1, exercice=2024, date_debut=datetime.date(2024, 12, 31), date_fin="01/01/2024"
            ),
        ),
        [(F, 4, "Date de fin", "précède")],
    ),
    (
        "hors_exercice",
        ajout(F, financement(1, exercice=2024, date_debut="01/01/2025", date_fin="31/12/2025")),
        [(F, 4, "Date de début", "recouvrir l'exercice 2024")],
    ),
    (
        "orientation",
        ajout(F, financement(1, exercice=2024, orientation="Bouche à oreille")),
        [(F, 4, "Orientation", "hors liste")],
    ),
    (
        "ligne_double",
        ajout(F, financement(1, montant_annuel=1)),
        [(F, 4, "Dispositif", "déjà présente ligne 2")],
    ),
]


def test_la_base_est_valide(tmp_path):
    donnees = base()
    rapport = analyse(simple(tmp_path / "base.xlsx", donnees[E], donnees[D], donnees[F]))
    assert rapport.errors == []
    assert rapport.warnings == []


@pytest.mark.parametrize(("cas", "modifier", "attendues"), CAS, ids=[c[0] for c in CAS])
def test_regle(tmp_path, cas, modifier, attendues):
    donnees = copy.deepcopy(base())
    modifier(donnees)
    rapport = analyse(simple(tmp_path / f"{cas}.xlsx", donnees[E], donnees[D], donnees[F]))
    obtenues = [(e.sheet, e.row, e.column) for e in rapport.errors]
    assert obtenues == [a[:3] for a in attendues], [str(e) for e in rapport.errors]
    for erreur, (*_, fragment) in zip(rapport.errors, attendues, strict=True):
        assert fragment in erreur.message
    assert rapport.plan is None  # nothing to apply


def test_valeur_et_message_francais_dans_le_rapport(tmp_path):
    donnees = base()
    donnees[D].append(dispositif(3, siret="123"))
    rapport = analyse(simple(tmp_path / "siret.xlsx", donnees[E], donnees[D], donnees[F]))
    assert rapport.to_json()["errors"] == [
        {
            "sheet": "Dispositifs",
            "row": 4,
            "column": "SIRET",
            "value": "123",
            "message": "Le SIRET doit comporter 14 chiffres.",
        }
    ]


def test_reference_locale_deja_prise_en_base(tmp_path):
    titulaire = DispositifFactory(departement_id="44", reference_locale="REF-DB")
    autre = DispositifFactory(departement_id="44", reference_locale="AUTRE")
    donnees = base()
    donnees[D].append(
        dispositif(3, code=autre.code, reference_locale="REF-DB", siren=autre.entite.siren)
    )
    rapport = analyse(simple(tmp_path / "ref.xlsx", donnees[E], donnees[D], donnees[F]))
    assert [(e.sheet, e.row, e.column) for e in rapport.errors] == [(D, 4, "Référence locale")]
    assert titulaire.code in rapport.errors[0].message


def test_siret_d_un_autre_siren_est_un_avertissement(tmp_path):
    donnees = base()
    donnees[D].append(dispositif(3, siret=siret_valide(siren_valide(1002))))
    rapport = analyse(simple(tmp_path / "siret.xlsx", donnees[E], donnees[D], donnees[F]))
    assert rapport.ok
    assert [(w.sheet, w.row, w.column) for w in rapport.warnings] == [(D, 4, "SIRET")]
    assert rapport.plan is not None


def test_toutes_les_erreurs_a_la_fois_dans_l_ordre(tmp_path):
    donnees = base()
    donnees[F].append(financement(1, exercice=1999, orientation="?"))
    donnees[E].append(entite(3, siren="123456789", courriel="x"))
    donnees[D].append(dispositif(3, finess="X", public="?"))
    rapport = analyse(simple(tmp_path / "tout.xlsx", donnees[E], donnees[D], donnees[F]))
    assert [(e.sheet, e.row, e.column) for e in rapport.errors] == [
        (E, 4, "SIREN"),
        (E, 4, "Courriel"),
        (D, 4, "FINESS"),
        (D, 4, "Public"),
        (F, 4, "Exercice"),
        (F, 4, "Orientation"),
    ]
    # Nothing written by an analysis.
    assert not EntiteGestionnaire.objects.exists()
    assert not Dispositif.objects.exists() and not Financement.objects.exists()


def test_financement_par_code_d_un_dispositif_existant(tmp_path):
    existant = DispositifFactory(departement_id="44")
    rapport = analyse(
        simple(
            tmp_path / "code.xlsx",
            financements=[financement(1, dispositif=existant.code.lower(), exercice=2024)],
        )
    )
    assert rapport.ok, [str(e) for e in rapport.errors]
    assert rapport.to_json()["sheets"]["Financements"]["created"] == 1


def test_reference_locale_revendiquee_par_deux_lignes_existantes(tmp_path):
    """Two dispositifs found by their code both take the same new référence locale: the
    second row is refused (the référence locale is unique within the département)."""
    premier = DispositifFactory(departement_id="44", reference_locale="ANCIENNE-1")
    second = DispositifFactory(departement_id="44", reference_locale="ANCIENNE-2")
    donnees = base()
    for n, existant in ((3, premier), (4, second)):
        donnees[D].append(
            dispositif(n, code=existant.code, reference_locale="NEUVE", siren=existant.entite.siren)
        )
    rapport = analyse(simple(tmp_path / "ref.xlsx", donnees[E], donnees[D], donnees[F]))
    assert [(e.sheet, e.row, e.column) for e in rapport.errors] == [(D, 5, "Référence locale")]
    assert rapport.errors[0].message == (
        "Référence locale déjà utilisée ligne 4 pour le département 44."
    )
    assert rapport.plan is None


def test_reference_locale_d_une_nouvelle_ligne_reprise_par_un_code(tmp_path):
    """A new dispositif claims REF-1 (row 2), and an existing one found by its code takes the
    same référence locale further down: refused, the first claim stands."""
    existant = DispositifFactory(departement_id="44", reference_locale="ANCIENNE")
    donnees = base()
    donnees[D].append(
        dispositif(3, code=existant.code, reference_locale="REF-1", siren=existant.entite.siren)
    )
    rapport = analyse(simple(tmp_path / "ref.xlsx", donnees[E], donnees[D], donnees[F]))
    erreurs = [e for e in rapport.errors if e.sheet == D]
    assert [(e.row, e.column) for e in erreurs] == [(4, "Référence locale")]
    assert erreurs[0].message == "Référence locale déjà utilisée ligne 2 pour le département 44."
    assert rapport.plan is None


def test_bornes_des_champs_comme_dans_les_formulaires(tmp_path):
    """The bounds the web forms apply (the fields' validators, backoffice/bornes.py) refuse a
    Temps 1 cell too, with the same French message at the analysis, rather than a failed
    application when the database constraint refuses it."""
    donnees = base()
    donnees[D].append(dispositif(3, places_autorisees=150_000, places_pmr=0))
    donnees[F].append(financement(1, exercice=2024, montant_annuel=2_000_000_000))
    rapport = analyse(simple(tmp_path / "bornes.xlsx", donnees[E], donnees[D], donnees[F]))
    assert [(e.sheet, e.row, e.column) for e in rapport.errors] == [
        (D, 4, "Places autorisées"),
        (F, 4, "Montant annuel (€)"),
    ], [str(e) for e in rapport.errors]
    assert rapport.errors[0].message == "Plus de 100\u202f000 places : vérifiez la saisie."
    assert rapport.errors[1].message == "Plus d'un milliard d'euros par an : vérifiez la saisie."
    assert rapport.plan is None

"""A workbook filled the way people really fill one imports correctly, and a second time changes
nothing."""

import datetime
from decimal import Decimal

import openpyxl
import pytest

from backoffice.offre.models import ContactReferent, Dispositif, EntiteGestionnaire, Financement
from imports.temps1 import analyser, appliquer, lire_classeur
from tests.factories import siren_valide, siret_valide
from tests.imports.outils import lignes_vides_formatees, mettre_en_cache
from tests.imports.test_valeurs import siren_a_zero

pytestmark = pytest.mark.django_db

SIREN_A = siren_a_zero()  # typed as a number: Excel dropped its leading zero
SIREN_B = siren_valide(4242)
SIREN_C = siren_valide(4343)


def classeur_en_desordre(chemin):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "ENTITES"  # no accent, capitals
    ws.append(["Temps 1 — DDETS de la Loire-Atlantique"])  # a title above the headers
    ws.append(
        [
            "Raison  sociale",
            "siren*",
            "Observations",
            "STATUT JURIDIQUE",
            "Code Postal",
            "commune",
            "Adresse du siege",
            "telephone",
            "Courriel",
            "Contact referent - nom",
            "contact référent – courriel",
        ]
    )
    ws.append(
        [
            "Association Accueil Loire",
            int(SIREN_A),
            "client historique",
            "association",
            44000,
            "Nantes",
            "1 rue de la Loire",
            240000000,
            "contact@accueil.fr",
            "Camille Martin",
            "c.martin@accueil.fr",
        ]
    )
    ws.append(
        [
            "Fondation Abri",
            f"{SIREN_B[:3]} {SIREN_B[3:6]} {SIREN_B[6:]}",
            None,
            "Etablissement public",
            "75011",
            "Paris",
            None,
            None,
            None,
            None,
            None,
        ]
    )
    ws.append(["Habitat Solidaire", SIREN_C, None, "SA d’HLM", 1000, "Bourg-en-Bresse"])
    ws.row_dimensions[5].hidden = True  # hidden rows are read

    ws = wb.create_sheet("dispositifs")
    ws.append(
        [
            "Référence locale *",
            "Nom du dispositif *",
            "SIREN de l'entité",
            "Type",
            "Nature",
            "Département",
            "Places autorisées",
            "Dont places PMR",
            "Date d'ouverture",
            "Public",
            "Mode d'hébergement",
            "SIRET",
            "FINESS",
            "Code postal",
            "Commune",
            "Colonne perso",
        ]
    )
    ws.append(
        [
            "CADA-1",
            '="CADA "&"Les Tilleuls"',
            int(SIREN_A),
            "cada",
            "hebergement asile (dna)",
            44,
            "80",
            4.0,
            datetime.date(2015, 9, 1),
            "Personnes isolees ",
            "DIFFUS",
            int(siret_valide(SIREN_A, 1)),
            "440012345",
            "44100",
            "Nantes",
            "x",
        ]
    )
    ws.append(
        [
            "CHRS-1",
            "CHRS Le Phare",
            f"{SIREN_B[:3]} {SIREN_B[3:]}",
            "CHRS",
            "Hébergement",
            "75",
            None,
            None,
            "31/12/25",
            "familles",
            "collectif",
            None,
            10001234,
            "75011",
            "Paris",
        ]
    )
    ws.append(
        [
            "HUDA-1",
            "HUDA de l'Ain",
            SIREN_C,
            "huda",
            "Hébergement asile (DNA)",
            1,
            "",
            "",
            "2025-12-31",
            "",
            "",
            siret_valide(SIREN_A, 9),
            "",
            1000,
            "Bourg",
        ]
    )
    lignes_vides_formatees(ws, 5, 3000, colonnes=16)  # formatted, empty: skipped

    ws = wb.create_sheet("Financements")
    ws.append(
        [
            "Dispositif",
            "Exercice",
            "Programme",
            "Action",
            "Service financeur",
            "Mode de financement",
            "Places financees",
            "Montant annuel",
            "Date de debut",
            "Date de fin",
            "Orientation",
        ]
    )
    ws.append(
        [
            "CADA-1",
            "2025",
            "p303",
            2,
            "ddets",
            "dotation globale de financement",
            "=40+40",
            "569\u00a0400,00",
            datetime.date(2025, 1, 1),
            "31/12/2025",
            "ofii",
        ]
    )
    ws.append(
        [
            "CHRS-1",
            2025.0,
            "P177",
            None,
            "DDETS",
            "Subvention",
            30,
            12345.5,
            "01/01/25",
            "2025-12-31",
            "SIAO 115",
        ]
    )
    ws.append(["HUDA-1", 2024, "P303", "02", "DREETS", None, 20, "1.234,56"])
    wb.save(chemin)
    # Excel saves each formula's value: so does this file.
    return mettre_en_cache(chemin, {(2, "B2"): "CADA Les Tilleuls", (3, "G2"): 80})


def test_classeur_en_desordre_importe_correctement(tmp_path):
    chemin = classeur_en_desordre(tmp_path / "offre 44.xlsx")
    rapport = analyser(lire_classeur(chemin))
    assert rapport.errors == []
    assert rapport.to_json()["sheets"] == {
        "Entités": {"created": 3, "updated": 0, "unchanged": 0},
        "Dispositifs": {"created": 3, "updated": 0, "unchanged": 0},
        "Financements": {"created": 3, "updated": 0, "unchanged": 0},
    }
    avertissements = {(w.sheet, w.row, w.column) for w in rapport.warnings}
    assert ("Entités", 2, "Observations") in avertissements
    assert ("Dispositifs", 1, "Colonne perso") in avertissements
    assert ("Dispositifs", 4, "SIRET") in avertissements  # HUDA-1: SIRET of another SIREN

    appliquer(rapport, libelle="Import de test")

    a = EntiteGestionnaire.objects.get(siren=SIREN_A)
    assert (a.raison_sociale, a.statut_juridique, a.code_postal, a.telephone, a.departement_id) == (
        "Association Accueil Loire",
        "association",
        "44000",
        "0240000000",
        "44",
    )
    contact = ContactReferent.objects.get(entite=a)
    assert (contact.role, contact.nom, contact.courriel) == (
        "gestionnaire",
        "Camille Martin",
        "c.martin@accueil.fr",
    )
    b = EntiteGestionnaire.objects.get(siren=SIREN_B)
    assert (b.statut_juridique, b.departement_id) == ("etablissement_public", "75")
    c = EntiteGestionnaire.objects.get(siren=SIREN_C)  # the hidden row
    assert (c.statut_juridique, c.code_postal, c.departement_id) == ("sa_hlm", "01000", "01")

    cada = Dispositif.objects.get(reference_locale="CADA-1")
    assert cada.code.startswith("44-")
    assert (cada.nom, cada.type_id, cada.entite, cada.departement_id) == (
        "CADA Les Tilleuls",
        "CADA",
        a,
        "44",
    )
    assert (cada.places_autorisees, cada.places_pmr, cada.date_ouverture) == (
        80,
        4,
        datetime.date(2015, 9, 1),
    )
    assert (cada.public, cada.mode_hebergement, cada.siret, cada.finess) == (
        "isoles",
        "diffus",
        siret_valide(SIREN_A, 1),
        "440012345",
    )
    chrs = Dispositif.objects.get(reference_locale="CHRS-1")
    assert (
        chrs.type_id,
        chrs.entite,
        chrs.departement_id,
        chrs.date_ouverture,
        chrs.finess,
        chrs.public,
    ) == ("HEB_CHRS", b, "75", datetime.date(2025, 12, 31), "010001234", "familles")
    huda = Dispositif.objects.get(reference_locale="HUDA-1")
    assert (huda.departement_id, huda.code_postal, huda.public, huda.code[:3]) == (
        "01",
        "01000",
        "tout_public",
        "01-",
    )

    f_cada = Financement.objects.get(dispositif=cada)
    assert (
        f_cada.exercice,
        f_cada.programme_id,
        f_cada.action,
        f_cada.service_financeur,
        f_cada.mode,
        f_cada.places_financees,
        f_cada.montant_annuel,
        f_cada.date_debut,
        f_cada.date_fin,
        f_cada.orientation,
    ) == (
        2025,
        "P303",
        "02",
        "DDETS",
        "dgf",
        80,
        Decimal("569400.00"),
        datetime.date(2025, 1, 1),
        datetime.date(2025, 12, 31),
        "ofii",
    )
    f_chrs = Financement.objects.get(dispositif=chrs)
    assert (
        f_chrs.programme_id,
        f_chrs.action,
        f_chrs.mode,
        f_chrs.montant_annuel,
        f_chrs.date_debut,
        f_chrs.orientation,
    ) == ("P177", "", "subvention", Decimal("12345.50"), datetime.date(2025, 1, 1), "siao_115")
    f_huda = Financement.objects.get(dispositif=huda)
    assert (f_huda.exercice, f_huda.mode, f_huda.montant_annuel) == (
        2024,
        "subvention",
        Decimal("1234.56"),
    )

    # The same messy file again: nothing to do.
    deuxieme = analyser(lire_classeur(chemin))
    assert deuxieme.ok
    assert all(
        c == {"created": 0, "updated": 0, "unchanged": 3}
        for c in deuxieme.to_json()["sheets"].values()
    )

"""Applying: all or nothing, history naming the import, idempotence, round trip, perimeter."""

import datetime
from decimal import Decimal

import openpyxl
import pytest

from backoffice.offre.models import (
    CompteurCode,
    ContactReferent,
    Dispositif,
    EntiteGestionnaire,
    Financement,
)
from imports import services
from imports.temps1 import ImportImpossible, analyser, appliquer, exporter, lire_classeur
from imports.temps1 import application as module_application
from tests.factories import (
    DispositifFactory,
    EntiteFactory,
    FinancementFactory,
    UserFactory,
    affecter,
)
from tests.imports.outils import analyse, dispositif, entite, financement, simple

pytestmark = pytest.mark.django_db


def etat_de_la_base():
    """Everything an import may write, history included."""
    modeles = (EntiteGestionnaire, Dispositif, Financement)
    return (
        tuple(m.objects.count() for m in modeles),
        tuple(m.history.count() for m in modeles),
        ContactReferent.objects.count(),
        list(CompteurCode.objects.values_list("departement_id", "dernier").order_by("pk")),
    )


def fichier_complet(chemin, **surcharges):
    return simple(
        chemin,
        [entite(1, contact_nom="Camille Martin", contact_courriel="c@a.fr"), entite(2)],
        [
            dispositif(1),
            dispositif(2, entite_n=2),
            dispositif(
                3, nature="Hébergement", type="CHRS", places_autorisees=None, places_pmr=None
            ),
        ],
        [
            financement(1),
            financement(2),
            financement(3, programme="P177"),
            financement(1, exercice=2024, **surcharges),
        ],
    )


def test_application_et_historique(tmp_path, national):
    rapport = analyse(fichier_complet(tmp_path / "offre.xlsx"), national)
    appliquer(rapport, national, libelle="Import Temps 1 n° 7 (offre.xlsx)")
    assert rapport.applied and rapport.to_json()["applied"] is True
    assert Dispositif.objects.count() == 3 and Financement.objects.count() == 4
    codes = sorted(Dispositif.objects.values_list("code", flat=True))
    assert codes == ["44-00001", "44-00002", "44-00003"]
    assert CompteurCode.objects.get(departement_id="44").dernier == 3
    for modele in (EntiteGestionnaire, Dispositif, Financement):
        historiques = modele.history.all()
        assert historiques.count() == modele.objects.count()
        assert {
            (h.history_type, h.history_change_reason, h.history_user_id) for h in historiques
        } == {("+", "Import Temps 1 n° 7 (offre.xlsx)", national.pk)}
    # A later creation through the model draws the next code.
    assert DispositifFactory(departement_id="44").code == "44-00004"


def test_idempotent(tmp_path):
    chemin = fichier_complet(tmp_path / "offre.xlsx")
    appliquer(analyse(chemin), libelle="premier")
    avant = etat_de_la_base()
    second = analyse(chemin)
    assert second.to_json()["sheets"] == {
        "Entités": {"created": 0, "updated": 0, "unchanged": 2},
        "Dispositifs": {"created": 0, "updated": 0, "unchanged": 3},
        "Financements": {"created": 0, "updated": 0, "unchanged": 4},
    }
    appliquer(second, libelle="second")
    assert etat_de_la_base() == avant  # no history row either
    assert second.plan.vide


def test_modification_et_contact(tmp_path):
    chemin = fichier_complet(tmp_path / "offre.xlsx")
    appliquer(analyse(chemin), libelle="premier")
    modifie = simple(
        tmp_path / "modifie.xlsx",
        [
            entite(1, contact_nom="Camille Martin", contact_courriel="camille@a.fr"),
            entite(2, contact_nom="Nouveau Contact"),
        ],
        [dispositif(2, entite_n=2, places_autorisees=55)],
        [financement(2, montant_annuel="400 000")],
    )
    rapport = analyse(modifie)
    assert rapport.to_json()["sheets"] == {
        "Entités": {"created": 0, "updated": 2, "unchanged": 0},
        "Dispositifs": {"created": 0, "updated": 1, "unchanged": 0},
        "Financements": {"created": 0, "updated": 1, "unchanged": 0},
    }
    appliquer(rapport, libelle="second")
    assert Dispositif.objects.get(reference_locale="REF-2").places_autorisees == 55
    assert Financement.objects.get(dispositif__reference_locale="REF-2").montant_annuel == 400000
    assert set(ContactReferent.objects.values_list("nom", "courriel")) == {
        ("Camille Martin", "camille@a.fr"),
        ("Nouveau Contact", ""),
    }
    # Only what changed got a history row, with the reason.
    assert Dispositif.history.filter(history_change_reason="second").count() == 1
    assert EntiteGestionnaire.history.filter(history_change_reason="second").count() == 2


def test_aller_retour_export_deux_cellules(tmp_path, national):
    """Export → edit 2 cells → import: exactly those 2 objects are updated, and their history
    names the import."""
    entite_a = EntiteFactory()
    ContactReferent.objects.create(
        entite=entite_a, role="gestionnaire", nom="Lou", courriel="l@a.fr"
    )
    d1 = DispositifFactory(entite=entite_a, reference_locale="A-1", siret="", finess="440000001")
    d2 = DispositifFactory(entite=entite_a, departement_id="75", code_postal="75011")
    d3 = DispositifFactory(
        type_id="HEB_CHRS", places_autorisees=None, public="tout_public", mode_hebergement=""
    )
    for d in (d1, d2, d3):
        FinancementFactory(dispositif=d)
    f_modifie = FinancementFactory(
        dispositif=d1,
        exercice=2024,
        programme_id="P177",
        action="",
        mode="subvention",
        montant_annuel=Decimal("1234.56"),
        date_debut=datetime.date(2024, 1, 1),
        date_fin=datetime.date(2024, 12, 31),
        orientation="siao_115",
    )
    chemin = tmp_path / "export.xlsx"
    # d3 brings its own entité (factory): 2 entités.
    assert exporter(chemin) == {"Entités": 2, "Dispositifs": 3, "Financements": 4}

    sans_changement = analyser(lire_classeur(chemin), national)
    assert sans_changement.ok, [str(e) for e in sans_changement.errors]
    assert sans_changement.warnings == []
    assert {n: c["unchanged"] for n, c in sans_changement.to_json()["sheets"].items()} == {
        "Entités": 2,
        "Dispositifs": 3,
        "Financements": 4,
    }
    assert sans_changement.plan.vide

    wb = openpyxl.load_workbook(chemin)
    ws = wb["Dispositifs"]
    entetes = [c.value for c in ws[1]]
    ligne_d2 = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == d2.code)
    ws.cell(ligne_d2, entetes.index("Nom du dispositif *") + 1).value = "Nouveau nom"
    ws = wb["Financements"]
    entetes = [c.value for c in ws[1]]
    ligne_f = next(
        r
        for r in range(2, ws.max_row + 1)
        if ws.cell(r, 1).value == d1.code and ws.cell(r, 3).value == 2024
    )
    ws.cell(ligne_f, entetes.index("Montant annuel (€)") + 1).value = "2 000,10"
    wb.save(chemin)

    historiques_avant = {
        m: m.history.count() for m in (EntiteGestionnaire, Dispositif, Financement)
    }
    import_ = services.deposer(chemin, national)
    rapport = services.analyser_import(import_)
    assert rapport.to_json()["sheets"] == {
        "Entités": {"created": 0, "updated": 0, "unchanged": 2},
        "Dispositifs": {"created": 0, "updated": 1, "unchanged": 2},
        "Financements": {"created": 0, "updated": 1, "unchanged": 3},
    }
    services.appliquer_import(import_)
    import_.refresh_from_db()
    assert import_.etat == "appliquee"
    d2.refresh_from_db()
    f_modifie.refresh_from_db()
    assert d2.nom == "Nouveau nom"
    assert f_modifie.montant_annuel == Decimal("2000.10")
    motif = f"Import Temps 1 n° {import_.pk} (export.xlsx)"
    assert d2.history.first().history_change_reason == motif
    assert f_modifie.history.first().history_change_reason == motif
    assert d2.history.first().history_user == national
    assert {m: m.history.count() - n for m, n in historiques_avant.items()} == {
        EntiteGestionnaire: 0,
        Dispositif: 1,
        Financement: 1,
    }


def test_erreur_en_derniere_ligne_rien_n_est_ecrit(tmp_path):
    chemin = fichier_complet(tmp_path / "offre.xlsx", orientation="Pigeon voyageur")
    avant = etat_de_la_base()
    rapport = analyse(chemin)
    assert [(e.sheet, e.row, e.column) for e in rapport.errors] == [
        ("Financements", 5, "Orientation")
    ]
    with pytest.raises(ImportImpossible):
        appliquer(rapport)
    assert etat_de_la_base() == avant


def test_exception_pendant_l_application_rien_n_est_ecrit(tmp_path, monkeypatch):
    EntiteFactory()  # something already there, which must stay as it is
    avant = etat_de_la_base()
    rapport = analyse(fichier_complet(tmp_path / "offre.xlsx"))
    vrai = module_application.ecrire_historique

    def en_panne(objets, modele, *args):
        if modele is Financement:  # the very last write: entités and dispositifs are in
            raise RuntimeError("disque plein")
        return vrai(objets, modele, *args)

    monkeypatch.setattr(module_application, "ecrire_historique", en_panne)
    with pytest.raises(RuntimeError, match="disque plein"):
        appliquer(rapport, libelle="panne")
    assert etat_de_la_base() == avant
    assert not rapport.applied
    with pytest.raises(ImportImpossible, match="analysez à nouveau"):
        appliquer(rapport)  # a failed plan is spent: analyse the file again


def test_un_rapport_ne_s_applique_qu_une_fois(tmp_path):
    rapport = analyse(fichier_complet(tmp_path / "offre.xlsx"))
    appliquer(rapport)
    with pytest.raises(ImportImpossible):
        appliquer(rapport)


# -- Perimeter ----------------------------------------------------------------------------


def test_ddets44_ne_peut_rien_ecrire_hors_du_44(tmp_path, ddets44):
    avant = etat_de_la_base()
    chemin = simple(
        tmp_path / "offre.xlsx",
        [entite(1), entite(2, code_postal="75011")],
        [dispositif(1), dispositif(2, entite_n=2, departement="75")],
        [financement(1), financement(2)],
    )
    rapport = analyse(chemin, ddets44)
    assert [(e.sheet, e.row, e.column, e.message) for e in rapport.errors] == [
        (
            "Entités",
            3,
            "SIREN",
            "Entité hors de votre périmètre : ni son siège ni aucun de ses "
            "dispositifs n'est dans vos départements (44).",
        ),
        ("Dispositifs", 3, "SIREN de l'entité", "Entité en erreur ligne 3 de l'onglet Entités."),
        ("Dispositifs", 3, "Département", "Hors de votre périmètre (départements : 44)."),
        ("Financements", 3, "Dispositif", "Dispositif en erreur ligne 3 de l'onglet Dispositifs."),
    ]
    with pytest.raises(ImportImpossible):
        appliquer(rapport, ddets44)
    assert etat_de_la_base() == avant


def test_ddets44_entite_du_75_avec_un_dispositif_dans_le_44(tmp_path, ddets44):
    """An entité whose siège is elsewhere is reachable through its dispositif in the 44."""
    chemin = simple(
        tmp_path / "offre.xlsx", [entite(1, code_postal="75011")], [dispositif(1)], [financement(1)]
    )
    rapport = analyse(chemin, ddets44)
    assert rapport.ok, [str(e) for e in rapport.errors]
    appliquer(rapport, ddets44)
    assert EntiteGestionnaire.objects.get().departement_id == "75"


def test_ddets44_codes_hors_perimetre(tmp_path, ddets44, dispositif75):
    chemin = simple(
        tmp_path / "offre.xlsx",
        dispositifs=[
            dispositif(1, code=dispositif75.code, siren=dispositif75.entite.siren, departement="44")
        ],
        financements=[financement(1, dispositif=dispositif75.code)],
    )
    rapport = analyse(chemin, ddets44)
    assert [(e.sheet, e.row, e.column) for e in rapport.errors] == [
        ("Dispositifs", 2, "Code dispositif"),
        ("Financements", 2, "Dispositif"),
    ]
    # Out of perimeter is answered as unknown: the file learns nothing about the 75.
    assert "inconnu" in rapport.errors[0].message


def test_ddets44_modifier_une_entite_hors_perimetre(tmp_path, ddets44):
    ailleurs = EntiteFactory(departement_id="75", code_postal="75011", commune="Paris")
    chemin = simple(tmp_path / "offre.xlsx", [entite(1, siren=ailleurs.siren, raison_sociale="X")])
    rapport = analyse(chemin, ddets44)
    assert [(e.sheet, e.row, e.column) for e in rapport.errors] == [("Entités", 2, "SIREN")]


def test_siao44_importe_dans_le_44(tmp_path, siao44):
    rapport = analyse(fichier_complet(tmp_path / "offre.xlsx"), siao44)
    assert rapport.ok
    appliquer(rapport, siao44)
    assert Dispositif.objects.count() == 3


def test_compte_sans_droit_d_import(tmp_path, lecteur44):
    rapport = analyse(fichier_complet(tmp_path / "offre.xlsx"), lecteur44)
    assert [e.message for e in rapport.errors] == [
        "Votre compte ne permet pas d'importer un fichier Temps 1."
    ]


def test_export_limite_au_perimetre(tmp_path, ddets44, dispositif44, dispositif75):
    chemin = tmp_path / "export44.xlsx"
    # The 75 dispositif's entité has its siège in the 44 (factory): it is exported, not the
    # dispositif.
    assert exporter(chemin, user=ddets44) == {"Entités": 2, "Dispositifs": 1, "Financements": 0}
    wb = openpyxl.load_workbook(chemin)
    assert wb["Dispositifs"]["A2"].value == dispositif44.code
    assert exporter(tmp_path / "d75.xlsx", departements=["75"]) == {
        "Entités": 1,
        "Dispositifs": 1,
        "Financements": 0,
    }


def test_regional_sans_droit(tmp_path):
    user = UserFactory()
    affecter(user, "regional", region="52")
    rapport = analyse(fichier_complet(tmp_path / "offre.xlsx"), user)
    assert not rapport.ok and rapport.errors[0].sheet is None


def test_historique_copie_exacte_des_lignes_ecrites(tmp_path, national):
    """The history rows written in bulk (INSERT … SELECT) hold the same values as the objects,
    as simple-history's own records would."""
    rapport = analyse(fichier_complet(tmp_path / "offre.xlsx"), national)
    appliquer(rapport, national, libelle="Import Temps 1 n° 3 (offre.xlsx)")
    for modele in (EntiteGestionnaire, Dispositif, Financement):
        champs = [f.attname for f in modele.history.model.tracked_fields]
        for objet in modele.objects.all():
            enregistrement = objet.history.get()
            assert {c: getattr(enregistrement, c) for c in champs} == {
                c: getattr(objet, c) for c in champs
            }
            assert enregistrement.history_type == "+"
            assert enregistrement.history_user == national
            assert enregistrement.instance == objet
    # as_of works on them (piloting at a past date).
    assert Dispositif.history.as_of(datetime.datetime.now(datetime.UTC)).count() == 3


def test_historique_par_simple_history_si_le_modele_historique_a_d_autres_colonnes(
    tmp_path, monkeypatch
):
    monkeypatch.setattr(
        module_application, "COLONNES_HISTORIQUE",
        module_application.COLONNES_HISTORIQUE - {"history_change_reason"},
    )  # fmt: skip
    rapport = analyse(fichier_complet(tmp_path / "offre.xlsx"))
    appliquer(rapport, libelle="repli")
    assert Dispositif.history.filter(history_change_reason="repli").count() == 3


def test_dispositif_rattache_a_une_nouvelle_entite(tmp_path):
    existant = DispositifFactory(reference_locale="R-1")
    chemin = simple(
        tmp_path / "reprise.xlsx",
        [entite(7, raison_sociale="Repreneur")],
        [
            dispositif(
                1,
                entite_n=7,
                code=existant.code,
                reference_locale="R-1",
                nom=existant.nom,
                places_autorisees=80,
                places_pmr=None,
                siret=None,
                public="Familles",
                date_ouverture=existant.date_ouverture,
                code_postal="44000",
            )
        ],
    )
    rapport = analyse(chemin)
    assert rapport.to_json()["sheets"]["Dispositifs"] == {
        "created": 0,
        "updated": 1,
        "unchanged": 0,
    }
    appliquer(rapport, libelle="reprise")
    existant.refresh_from_db()
    assert existant.entite.raison_sociale == "Repreneur"
    assert existant.history.first().entite_id == existant.entite_id


def test_objet_inchange_non_reverifie(tmp_path):
    """An import checks what it writes: an existing CADA recorded without places autorisées
    (legacy data) repeated unchanged is no error; changing it requires them."""
    ancien = DispositifFactory(places_autorisees=None, reference_locale="V-1")
    valeurs = {
        "code": ancien.code,
        "reference_locale": "V-1",
        "siren": ancien.entite.siren,
        "nom": ancien.nom,
        "places_autorisees": None,
        "places_pmr": None,
        "siret": None,
        "public": "Familles",
        "date_ouverture": ancien.date_ouverture,
        "code_postal": "44000",
    }
    rapport = analyse(simple(tmp_path / "a.xlsx", dispositifs=[dispositif(1, **valeurs)]))
    assert rapport.ok and rapport.to_json()["sheets"]["Dispositifs"]["unchanged"] == 1
    valeurs["nom"] = "Nouveau nom"
    rapport = analyse(simple(tmp_path / "b.xlsx", dispositifs=[dispositif(1, **valeurs)]))
    assert [(e.column, e.message) for e in rapport.errors] == [
        ("Places autorisées", "Les places autorisées sont obligatoires pour un CADA.")
    ]

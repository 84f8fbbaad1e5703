"""The DN@ occupancy import: django-import-export's Resource inside the one import job
(deposit → analysis → preview of every error → confirmation → all-or-nothing application)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from backoffice.occupation.models import Occupation
from imports import services
from imports.models import ImportTemps1, NatureImport
from imports.occupation import analyser, lire_extrait
from imports.temps1 import FichierIllisible
from tests.factories import DispositifFactory, departement
from tests.occupation.outils import ENTETES, extrait, ligne, mois_passe

pytestmark = pytest.mark.django_db

MOIS = mois_passe(1)
TEXTE_MOIS = f"{MOIS:%m/%Y}"


@pytest.fixture
def dispositifs(db):
    return [
        DispositifFactory(code_dna=f"CADA-44-{n:05d}", places_autorisees=90) for n in range(1, 4)
    ]


def deposer(chemin, user):
    import_ = services.deposer(chemin, user, nature=NatureImport.OCCUPATION)
    services.analyser_import(import_)
    import_.refresh_from_db()
    return import_


def erreurs(import_):
    return [(e["row"], e["column"], e["value"], e["message"]) for e in import_.rapport["errors"]]


def test_depot_analyse_puis_application(tmp_path, dispositifs, ddets44):
    chemin = extrait(
        tmp_path / "dna.xlsx",
        [ligne(d.code_dna, TEXTE_MOIS) for d in dispositifs],
        titre="Extrait DN@ – Loire-Atlantique",
    )
    import_ = deposer(chemin, ddets44)
    assert import_.etat == "analysee", import_.rapport
    assert import_.rapport["sheets"] == {"Occupation": {"created": 3, "updated": 0, "unchanged": 0}}
    assert not Occupation.objects.exists()  # the analysis keeps nothing

    services.appliquer_import(import_)
    import_.refresh_from_db()
    assert import_.etat == "appliquee"
    lignes = Occupation.objects.order_by("dispositif__code_dna")
    assert [(o.dispositif_id, o.mois, o.places_occupees) for o in lignes] == [
        (d.pk, MOIS, 87) for d in dispositifs
    ]
    assert {o.import_source_id for o in lignes} == {import_.pk}


def test_reimporter_un_mois_le_remplace(tmp_path, dispositifs, ddets44):
    premier = deposer(
        extrait(tmp_path / "a.xlsx", [ligne(d.code_dna, TEXTE_MOIS) for d in dispositifs]),
        ddets44,
    )
    services.appliquer_import(premier)
    # The new extract of the same month: one changed, one the same, one gone.
    second = deposer(
        extrait(
            tmp_path / "b.xlsx",
            [
                ligne(dispositifs[0].code_dna, TEXTE_MOIS, occupees=80),
                ligne(dispositifs[1].code_dna, TEXTE_MOIS),
            ],
        ),
        ddets44,
    )
    assert second.rapport["sheets"]["Occupation"] == {"created": 0, "updated": 1, "unchanged": 1}
    [avertissement] = second.rapport["warnings"]
    assert avertissement["message"].startswith(f"1 ligne déjà importée pour {TEXTE_MOIS}")
    services.appliquer_import(second)
    assert sorted(Occupation.objects.values_list("dispositif_id", "places_occupees")) == [
        (dispositifs[0].pk, 80),
        (dispositifs[1].pk, 87),
    ]
    # The row that did not change keeps the import that brought it.
    assert Occupation.objects.get(dispositif=dispositifs[1]).import_source_id == premier.pk


def test_un_autre_departement_du_meme_mois_n_est_pas_touche(tmp_path, dispositifs, national):
    ailleurs = DispositifFactory(code_dna="CADA-75-00001", departement=departement("75"))
    Occupation.objects.create(
        dispositif=ailleurs, mois=MOIS, places_en_service=50, places_occupees=50
    )
    import_ = deposer(
        extrait(tmp_path / "dna.xlsx", [ligne(dispositifs[0].code_dna, TEXTE_MOIS)]), national
    )
    assert import_.rapport["warnings"] == []
    services.appliquer_import(import_)
    assert Occupation.objects.filter(dispositif=ailleurs).exists()


def test_toutes_les_erreurs_d_un_coup(tmp_path, dispositifs, ddets44):
    hors_perimetre = DispositifFactory(code_dna="CADA-75-00009", departement=departement("75"))
    autre, dernier = (DispositifFactory(code_dna=f"CADA-44-0010{n}") for n in (1, 2))
    a_venir = mois_passe(-2)
    lignes = [
        ligne(dispositifs[0].code_dna, "13/2026"),  # row 2: no such month
        ligne(dispositifs[0].code_dna, f"{a_venir:%m/%Y}"),  # 3: not begun
        ligne("CADA-99-99999", TEXTE_MOIS),  # 4: unknown DNA code
        ligne(dispositifs[1].code_dna, TEXTE_MOIS, en_service=10, occupees=12),  # 5
        ligne(dispositifs[2].code_dna, TEXTE_MOIS, vacantes=-1),  # 6: negative
        ligne(autre.code_dna, TEXTE_MOIS, occupees="beaucoup"),  # 7: text
        ligne(dispositifs[0].code_dna, TEXTE_MOIS),  # 8: first of a duplicate, fine
        ligne(dispositifs[0].code_dna, TEXTE_MOIS),  # 9: duplicate of row 8
        ligne(hors_perimetre.code_dna, TEXTE_MOIS),  # 10: out of the DDETS 44's perimeter
        ligne(dernier.code_dna, TEXTE_MOIS, occupees=4, refugies=3, deboutes=3),  # 11
    ]
    import_ = deposer(extrait(tmp_path / "faux.xlsx", lignes), ddets44)
    assert import_.etat == "en_erreur"
    trouvees = erreurs(import_)
    par_ligne = {}
    for rang, colonne, valeur, message in trouvees:
        par_ligne.setdefault(rang, []).append((colonne, valeur, message))
    assert sorted(par_ligne) == [2, 3, 4, 5, 6, 7, 9, 10, 11]
    assert par_ligne[2] == [("Mois", "13/2026", "Le mois 13 n'existe pas : écrivez MM/AAAA.")]
    assert par_ligne[3][0][0] == "Mois" and "pas encore commencé" in par_ligne[3][0][2]
    assert par_ligne[4][0][:2] == ("Code DNA", "CADA-99-99999")
    assert "Code DNA inconnu" in par_ligne[4][0][2]
    assert par_ligne[5] == [
        ("Places occupées", "12", "Plus de places occupées (12) que de places en service (10).")
    ]
    assert par_ligne[6][0][:2] == ("Places vacantes", "-1") and "négatif" in par_ligne[6][0][2]
    assert par_ligne[7] == [
        ("Places occupées", "beaucoup", "« beaucoup » n'est pas un nombre entier.")
    ]
    assert par_ligne[9][0][0] == "Code DNA" and "(ligne 8)" in par_ligne[9][0][2]
    assert "pas dans votre périmètre" in par_ligne[10][0][2]
    assert par_ligne[11][0][0] == "Dont présence indue déboutés"
    assert not Occupation.objects.exists()


@pytest.mark.parametrize(
    ("contenu", "attendu"),
    [
        (b"", "Le fichier est vide."),
        (b"Mois;Code DNA;Places\n03/2026;X;1\n", "n'est pas un classeur"),
    ],
)
def test_fichier_vide_ou_pas_un_classeur(tmp_path, contenu, attendu, ddets44):
    chemin = tmp_path / "extrait.xlsx"
    chemin.write_bytes(contenu)
    import_ = deposer(chemin, ddets44)
    assert import_.etat == "en_erreur"
    assert attendu in import_.message_echec


def test_colonnes_manquantes_toutes_nommees(tmp_path, dispositifs):
    chemin = extrait(tmp_path / "x.xlsx", [["03/2026", "A"]], entetes=["Mois", "Code DNA"])
    with pytest.raises(FichierIllisible) as erreur:
        lire_extrait(chemin)
    assert erreur.value.details == [
        "Colonne manquante : « Places en service »",
        "Colonne manquante : « Places occupées »",
    ]


def test_onglet_sans_ligne(tmp_path):
    with pytest.raises(FichierIllisible, match="aucune ligne"):
        lire_extrait(extrait(tmp_path / "x.xlsx", []))


def test_mois_en_date_et_en_texte(tmp_path, dispositifs):
    chemin = extrait(
        tmp_path / "x.xlsx",
        [
            ligne(dispositifs[0].code_dna, datetime.datetime(MOIS.year, MOIS.month, 15)),
            ligne(dispositifs[1].code_dna, f"{MOIS:%Y-%m}"),
            ligne(dispositifs[2].code_dna.lower(), f"01/{MOIS:%m/%Y}"),
        ],
    )
    rapport = analyser(lire_extrait(chemin))
    assert rapport.ok, rapport.errors
    assert rapport.sheets["Occupation"]["created"] == 3


def test_requetes_constantes_de_n_a_4n(tmp_path, national):
    """The analysis reads what it needs once for the file, not once per row."""

    def requetes(n, debut):
        lignes = []
        for i in range(debut, debut + n):
            DispositifFactory(code_dna=f"HUDA-44-{i:05d}")
            lignes.append(ligne(f"HUDA-44-{i:05d}", TEXTE_MOIS))
        lu = lire_extrait(extrait(tmp_path / f"n{n}.xlsx", lignes))
        with CaptureQueriesContext(connection) as contexte:
            assert analyser(lu, national).ok
        return len(contexte.captured_queries)

    requetes(1, 500)  # the user's perimeter, read once and kept for the request
    assert requetes(5, 0) == requetes(20, 100)


def test_le_depot_d_occupation_ne_remplace_pas_un_temps1_en_erreur(ddets44, tmp_path):
    from imports.models import imports_a_reprendre

    temps1 = ImportTemps1.objects.create(nom_fichier="t1.xlsx", etat="en_erreur")
    occupation = ImportTemps1.objects.create(
        nom_fichier="dna.xlsx", etat="appliquee", nature=NatureImport.OCCUPATION
    )
    assert occupation.libelle.startswith("Import d'occupation DN@ n° ")
    assert imports_a_reprendre(ImportTemps1.objects.all()) == [temps1]


def test_entetes_du_modele(client, ddets44):
    from io import BytesIO

    from python_calamine import CalamineWorkbook

    client.force_login(ddets44)
    reponse = client.get("/admin/imports-temps1/modele-occupation/")
    assert reponse.status_code == 200
    classeur = CalamineWorkbook.from_filelike(BytesIO(reponse.content))
    assert classeur.get_sheet_by_index(0).to_python()[0] == ENTETES


def test_la_base_a_change_depuis_l_analyse(tmp_path, dispositifs, ddets44):
    """The application checks every row as it writes (no second dry run): a DNA code gone since
    the analysis ends the job in error, nothing written."""
    import_ = deposer(
        extrait(tmp_path / "dna.xlsx", [ligne(d.code_dna, TEXTE_MOIS) for d in dispositifs]),
        ddets44,
    )
    assert import_.etat == "analysee"
    dispositifs[1].code_dna = "CADA-44-99999"
    dispositifs[1].save()
    services.appliquer_import(import_)
    import_.refresh_from_db()
    assert import_.etat == "en_erreur"
    assert [e["row"] for e in import_.rapport["errors"]] == [3]
    assert "Code DNA inconnu" in import_.rapport["errors"][0]["message"]
    assert not Occupation.objects.exists()

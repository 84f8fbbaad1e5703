"""The blank template and the annotated copy of a faulty workbook."""

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from backoffice.offre.models import Dispositif, Nature, TypeDispositif
from imports.temps1 import FichierIllisible, Rapport, annoter, generer_modele, lire_classeur
from imports.temps1.schema import FEUILLES
from tests.imports.outils import analyse, dispositif, entite, financement, ligne, simple

pytestmark = pytest.mark.django_db


@pytest.fixture
def modele(tmp_path):
    chemin = tmp_path / "modele.xlsx"
    generer_modele(chemin)
    return chemin


def test_onglets_et_listes(modele):
    wb = openpyxl.load_workbook(modele)
    assert wb.sheetnames == ["Entités", "Dispositifs", "Financements", "Annexes et guide", "Listes"]
    assert wb["Listes"].sheet_state == "hidden"
    plage = wb.defined_names["liste_types"].attr_text
    feuille, cellules = plage.split("!")
    debut, fin = cellules.replace("$", "").split(":")
    valeurs = [c.value for (c,) in wb[feuille.strip("'")][debut:fin]]
    assert valeurs == list(TypeDispositif.objects.values_list("libelle", flat=True))
    natures = wb.defined_names["liste_natures"].attr_text
    assert natures.endswith(f"${Nature.objects.count() + 1}")


@pytest.mark.parametrize("nom", list(FEUILLES))
def test_onglet_de_donnees(modele, nom):
    wb = openpyxl.load_workbook(modele)
    ws = wb[nom]
    schema = FEUILLES[nom]
    assert ws.freeze_panes == "A2"
    validations = {str(v.sqref).split(":")[0]: v for v in ws.data_validations.dataValidation}
    for indice, colonne in enumerate(schema.colonnes, start=1):
        lettre = get_column_letter(indice)
        entete = ws.cell(1, indice)
        assert entete.value.rstrip(" *") == colonne.entete
        assert entete.value.endswith("*") == (colonne.obligatoire or colonne.marque_obligatoire)
        assert entete.comment is not None and entete.comment.text  # a note on every header
        if colonne.format_texte:
            assert ws.column_dimensions[lettre].number_format == "@", colonne.entete
        if colonne.liste:
            validation = validations[f"{lettre}2"]
            assert validation.type == "list"
            assert validation.formula1 == f"liste_{colonne.liste}"
            assert validation.formula1 in wb.defined_names
        else:
            assert f"{lettre}2" not in validations


def test_guide_explique_chaque_colonne(modele):
    ws = openpyxl.load_workbook(modele)["Annexes et guide"]
    textes = [tuple(c for c in ligne_ if c) for ligne_ in ws.iter_rows(values_only=True)]
    for schema in FEUILLES.values():
        for colonne in schema.colonnes:
            assert any(
                t and t[0] == colonne.entete and (colonne.exemple or "") in " ".join(map(str, t))
                for t in textes
            ), colonne.entete
    tout = " ".join(" ".join(map(str, t)) for t in textes)
    for valeur in (
        "Personnes isolées",
        "Marché public",
        "SIAO insertion",
        "2A",
        "976",
        "Un chez-soi d'abord",
        "Collectivité / CCAS",
    ):
        assert valeur in tout


def test_le_modele_vierge_se_lit_sans_ligne(modele):
    with pytest.raises(FichierIllisible, match="aucune ligne"):
        lire_classeur(modele)


def test_le_modele_rempli_s_importe(modele):
    wb = openpyxl.load_workbook(modele)
    wb["Entités"].append(ligne("Entités", **entite(1)))
    ws = wb["Dispositifs"]
    valeurs = dispositif(1)
    ws.append([valeurs.get(c.cle) for c in FEUILLES["Dispositifs"].colonnes])
    ws = wb["Financements"]
    valeurs = financement(1)
    ws.append([valeurs.get(c.cle) for c in FEUILLES["Financements"].colonnes])
    wb.save(modele)
    rapport = analyse(modele)
    assert rapport.ok, [str(e) for e in rapport.errors]
    assert rapport.warnings == []
    assert rapport.to_json()["sheets"]["Financements"]["created"] == 1


def test_copie_annotee(tmp_path):
    chemin = simple(
        tmp_path / "faux.xlsx",
        [entite(1), entite(2, courriel="pas-un-courriel")],
        [dispositif(1, finess="X", siret="12345678901234")],
        [financement(1)],
    )
    rapport = analyse(chemin)
    destination = tmp_path / "annote.xlsx"
    assert annoter(chemin, rapport, destination) == 4
    wb = openpyxl.load_workbook(destination)
    assert wb.sheetnames[0] == "Erreurs"
    resume = list(wb["Erreurs"].iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[1], r[2], r[3]) for r in resume] == [
        ("Erreur", "Entités", 3, "Courriel"),
        ("Erreur", "Dispositifs", 2, "SIRET"),
        ("Erreur", "Dispositifs", 2, "FINESS"),
        ("Erreur", "Financements", 2, "Dispositif"),
    ]
    courriel = wb["Entités"].cell(
        3, FEUILLES["Entités"].colonnes.index(FEUILLES["Entités"].colonne("courriel")) + 1
    )
    assert courriel.fill.fgColor.rgb.endswith("FFB3B3")
    assert "Adresse électronique invalide" in courriel.comment.text
    lien = wb["Erreurs"].cell(2, 3).hyperlink  # a link to the faulty cell
    assert lien.location == f"'Entités'!{courriel.coordinate}"
    # Untouched cells stay untouched.
    assert wb["Entités"]["A2"].comment is None


def test_copie_annotee_depuis_un_rapport_stocke(tmp_path):
    """The web UI stores the JSON report: annotating from it finds the columns by header."""
    chemin = simple(tmp_path / "faux.xlsx", [entite(1, telephone="?")])
    rapport = Rapport.from_json(analyse(chemin).to_json())
    annoter(chemin, rapport, tmp_path / "annote.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "annote.xlsx")
    indice = [c.cle for c in FEUILLES["Entités"].colonnes].index("telephone") + 1
    assert "téléphone" in wb["Entités"].cell(2, indice).comment.text.lower()


def test_avertissements_annotes(tmp_path):
    chemin = simple(tmp_path / "a.xlsx", [entite(1)], [dispositif(1)])
    wb = openpyxl.load_workbook(chemin)
    wb["Entités"].cell(1, 20).value = "Remarques"
    wb.save(chemin)
    rapport = analyse(chemin)
    assert rapport.ok and len(rapport.warnings) == 1
    annoter(chemin, rapport, tmp_path / "annote.xlsx")
    cellule = openpyxl.load_workbook(tmp_path / "annote.xlsx")["Entités"].cell(1, 20)
    assert cellule.fill.fgColor.rgb.endswith("FFE0A3")
    assert "Colonne inconnue" in cellule.comment.text
    assert not Dispositif.objects.exists()

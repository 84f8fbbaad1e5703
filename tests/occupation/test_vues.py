"""The occupancy screens: the list behind the figures (scoped, exportable) and the section of
the dispositif's page, for each kind of account."""

import html

import pytest
from django.urls import reverse

from backoffice.occupation.models import Occupation
from tests.factories import DispositifFactory, departement
from tests.occupation.outils import mois_passe
from tests.qualite.outils import convention_en_vigueur

pytestmark = pytest.mark.django_db


@pytest.fixture
def lignes(dispositif44):
    ailleurs = DispositifFactory(departement=departement("75"), code_dna="CADA-75-1")
    voisin = DispositifFactory(code_dna="CADA-44-2")  # 44, another entité
    creer = Occupation.objects.create
    return {
        "44": creer(
            dispositif=dispositif44,
            mois=mois_passe(1),
            places_en_service=80,
            places_occupees=70,
            presence_indue_refugies=4,
        ),  # fmt: skip
        "44 voisin": creer(
            dispositif=voisin, mois=mois_passe(1), places_en_service=10, places_occupees=10
        ),  # fmt: skip
        "75": creer(
            dispositif=ailleurs, mois=mois_passe(1), places_en_service=50, places_occupees=49
        ),  # fmt: skip
    }


def _codes(client, user, **params):
    client.force_login(user)
    reponse = client.get(reverse("occupation:index"), params)
    assert reponse.status_code == 200
    return {o.dispositif.code for o in reponse.context["object_list"]}


@pytest.mark.parametrize(
    ("compte", "attendus"),
    [
        ("national", {"44", "44 voisin", "75"}),
        ("ddets44", {"44", "44 voisin"}),
        ("ddets75", {"75"}),
        ("lecteur44", {"44", "44 voisin"}),
        ("gestionnaire44", {"44"}),
    ],
)
def test_liste_dans_le_perimetre(client, request, lignes, compte, attendus):
    user = request.getfixturevalue(compte)
    assert _codes(client, user) == {lignes[c].dispositif.code for c in attendus}


def test_export_de_la_liste_dans_le_perimetre(client, ddets75, lignes):
    client.force_login(ddets75)
    reponse = client.get(reverse("occupation:index"), {"export": "csv"})
    contenu = b"".join(reponse.streaming_content).decode("utf-8-sig")
    assert lignes["75"].dispositif.code in contenu
    assert lignes["44"].dispositif.code not in contenu
    assert "Places occupées" in contenu.splitlines()[0]


def test_section_de_la_fiche_dispositif(client, ddets44, national, lignes, dispositif44):
    convention = convention_en_vigueur(dispositif44, national)
    client.force_login(ddets44)
    page = client.get(reverse("dispositif:inspect", args=[dispositif44.pk])).content.decode()
    assert "Occupation (extrait du DN@)" in page
    assert f"Objectifs de la convention {convention.numero}" in page
    ligne = page.split(f'data-mois="{mois_passe(1):%Y-%m}"')[1].split("</tr>")[0]
    assert "data-hors-cible" in page and "87,5\u00a0%" in ligne  # 70 / 80
    assert "−9,5\u00a0pts" in ligne  # 87.5 % − 97 %
    assert "5,7\u00a0%" in ligne  # 4 réfugiés / 70 occupied
    assert "None" not in ligne


def test_fiche_sans_occupation_le_dit(client, ddets44):
    d = DispositifFactory(code_dna="")
    client.force_login(ddets44)
    page = client.get(reverse("dispositif:inspect", args=[d.pk])).content.decode()
    assert "Aucun extrait d'occupation du DN@ n'a été importé" in page
    assert "renseignez-le" in page


def test_carte_du_taux_d_occupation(client, ddets44, lignes):
    """The map's occupancy indicator: the rate of the latest month, per département, each
    département leading to its rows of that month; nothing of another perimeter."""
    client.force_login(ddets44)
    page = html.unescape(
        client.get(reverse("pilotage_carte"), {"indicateur": "taux_occupation"}).content.decode()
    )
    assert f"Taux d'occupation (DN@), {mois_passe(1):%m/%Y}" in page
    assert "Loire-Atlantique (44) : 88,9\u00a0%" in page  # (70 + 10) / (80 + 10)
    assert "Paris (75) : 98" not in page
    assert f"/admin/occupation/?mois={mois_passe(1).isoformat()}&departement=44" in page


def test_feuille_occupation_de_l_export_de_pilotage(client, ddets44, lignes):
    from io import BytesIO

    from python_calamine import CalamineWorkbook

    client.force_login(ddets44)
    reponse = client.get(reverse("pilotage_export"))
    contenu = b"".join(reponse.streaming_content) if reponse.streaming else reponse.content
    feuille = CalamineWorkbook.from_filelike(BytesIO(contenu)).get_sheet_by_name("Occupation")
    lignes_ = feuille.to_python()
    assert lignes_[1][:4] == ["Département", "Dispositifs", "Places en service", "Places occupées"]
    assert lignes_[2][:4] == ["44", 2, 90, 80]
    assert round(lignes_[2][4], 4) == round(80 / 90, 4)
    assert lignes_[-1][0] == "Total" and len(lignes_) == 4  # nothing of the 75

"""« Ajouter … » on a parent's page opens the form with the parent already chosen; a parent out
of the user's perimeter given in the URL is ignored (the form opens empty), never an error page
and never the name of another perimeter's object."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from tests.acces.outils import formulaire_de
from tests.appels.factories import appel_44, publier
from tests.conventions.factories import amener, convention_pour
from tests.factories import DispositifFactory, EntiteFactory, departement

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_temporaire")]


@pytest.fixture
def media_temporaire(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def lien(client, url_page, texte):
    """The href of the link or button named `texte` on the page, as served."""
    reponse = client.get(url_page)
    assert reponse.status_code == 200
    soupe = BeautifulSoup(reponse.content, "html.parser")
    liens = [a["href"] for a in soupe.find_all("a") if a.get_text(strip=True) == texte]
    assert len(liens) == 1, f"{texte!r} : {liens}"
    return liens[0]


def choisi(client, url, champ):
    return formulaire_de(client, url)[champ].value()


@pytest.mark.parametrize(
    "texte,champ",
    [("Ajouter un groupe de places", "dispositif"), ("Ajouter un financement", "dispositif")],
)
def test_depuis_un_dispositif(client, ddets44, dispositif44, texte, champ):
    client.force_login(ddets44)
    url = lien(client, reverse("dispositif:inspect", args=[dispositif44.pk]), texte)
    assert choisi(client, url, champ) == dispositif44.pk


def test_depuis_une_entite(client, ddets44, dispositif44):
    client.force_login(ddets44)
    url = lien(
        client, reverse("entite:inspect", args=[dispositif44.entite.pk]), "Ajouter un dispositif"
    )
    form = formulaire_de(client, url)
    assert form["entite"].value() == dispositif44.entite.pk
    assert form["departement"].value() == "44"


def test_pas_de_lien_d_ajout_pour_qui_ne_peut_pas_ajouter(client, lecteur44, dispositif44):
    client.force_login(lecteur44)
    page = client.get(reverse("entite:inspect", args=[dispositif44.entite.pk])).content.decode()
    assert "Ajouter un dispositif" not in page


def test_depuis_une_convention(client, national, ddets44, dispositif44):
    convention = amener(convention_pour(dispositif44), "signee", national)
    client.force_login(ddets44)
    url = lien(client, reverse("convention:inspect", args=[convention.pk]), "Rédiger un avenant")
    assert choisi(client, url, "convention") == convention.pk


def test_depuis_un_appel(client, national, gestionnaire44):
    appel = publier(appel_44(), national)
    client.force_login(gestionnaire44)
    url = lien(client, reverse("appel:inspect", args=[appel.pk]), "Déposer une candidature")
    form = formulaire_de(client, url)
    assert form["appel"].value() == appel.pk
    assert form["departement"].value() == "44"


@pytest.mark.parametrize(
    "url_name,champ", [("groupe:add", "dispositif"), ("financement:add", "dispositif")]
)
def test_parent_hors_perimetre_ignore(client, ddets44, dispositif75, url_name, champ):
    client.force_login(ddets44)
    for valeur in (dispositif75.pk, "pas-un-nombre", 999999):
        url = f"{reverse(url_name)}?{champ}={valeur}"
        reponse = client.get(url)
        assert reponse.status_code == 200
        assert reponse.context["form"][champ].value() is None
        assert dispositif75.nom not in reponse.content.decode()


def test_entite_hors_perimetre_ignoree(client, ddets44):
    parisienne = EntiteFactory(departement=departement("75"), commune="Paris")
    DispositifFactory(entite=parisienne, departement_id="75")
    client.force_login(ddets44)
    reponse = client.get(f"{reverse('dispositif:add')}?entite={parisienne.pk}")
    assert reponse.status_code == 200
    assert reponse.context["form"]["entite"].value() is None
    assert parisienne.raison_sociale not in reponse.content.decode()


def test_convention_hors_perimetre_ignoree(client, national, ddets44, dispositif75):
    convention = amener(convention_pour(dispositif75), "signee", national)
    client.force_login(ddets44)
    reponse = client.get(f"{reverse('avenant:add')}?convention={convention.pk}")
    assert reponse.status_code == 200
    assert reponse.context["form"]["convention"].value() is None


def test_dispositifs_couverts_d_un_brouillon(client, ddets44, lecteur44, dispositif44):
    brouillon = convention_pour(dispositif44)
    client.force_login(ddets44)
    url = lien(
        client,
        reverse("convention:inspect", args=[brouillon.pk]),
        "Ajouter ou modifier les dispositifs couverts",
    )
    assert url == reverse("convention:edit", args=[brouillon.pk])
    assert client.get(url).status_code == 200
    client.force_login(lecteur44)
    page = client.get(reverse("convention:inspect", args=[brouillon.pk])).content.decode()
    assert "Ajouter ou modifier les dispositifs couverts" not in page

"""Every admin page of conventions and calls answers (no template or query error), for the
roles that use it; the home panel shows each user's own queues."""

import datetime

import pytest
from django.urls import reverse

from backoffice.appels.models import Candidature
from tests.appels.factories import appel_44, deposer, publier
from tests.conventions.factories import amener, avenant_pour, convention_pour, jours

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_temporaire")]


@pytest.fixture
def donnees(national, gestionnaire44, dispositif44):
    signee = amener(convention_pour(dispositif44, date_debut=jours(10)), "signee", national)
    soumise = amener(
        convention_pour(dispositif44, date_debut=signee.date_fin + datetime.timedelta(days=1)),
        "soumise",
        national,
    )
    avenant = avenant_pour(signee, dispositif44, 60, jours(40))
    appel = publier(appel_44(), national)
    candidature = deposer(gestionnaire44, appel, dispositif44.entite)
    return {
        "signee": signee,
        "soumise": soumise,
        "avenant": avenant,
        "appel": appel,
        "candidature": candidature,
    }


def pages(d):
    return [
        reverse("convention:index"),
        reverse("convention:index") + "?file=a_pre_valider",
        reverse("convention:add"),
        reverse("convention:inspect", args=[d["signee"].pk]),
        reverse("convention:inspect", args=[d["soumise"].pk]),
        reverse("convention:history", args=[d["signee"].pk]),
        reverse("convention:transition", args=[d["signee"].pk, "resilier"]),
        reverse("convention:transition_groupee", args=["valider"]),
        reverse("convention:ajouter_document", args=[d["signee"].pk]),
        reverse("convention:rattacher_financements", args=[d["signee"].pk]),
        reverse("convention:renouveler", args=[d["signee"].pk]),
        reverse("avenant:index"),
        reverse("avenant:add") + f"?convention={d['signee'].pk}",
        reverse("avenant:inspect", args=[d["avenant"].pk]),
        reverse("avenant:edit", args=[d["avenant"].pk]),
        reverse("financement_sans_convention:index"),
        reverse("appel:index"),
        reverse("appel:add"),
        reverse("appel:inspect", args=[d["appel"].pk]),
        reverse("candidature:index"),
        reverse("candidature:add") + f"?appel={d['appel'].pk}",
        reverse("candidature:inspect", args=[d["candidature"].pk]),
        reverse("candidature:edit", args=[d["candidature"].pk]),
        reverse("wagtailadmin_home"),
    ]


def test_pages_du_national_et_de_la_ddets(client, national, ddets44, donnees):
    for user in (national, ddets44):
        client.force_login(user)
        for url in pages(donnees):
            response = client.get(url)
            assert response.status_code == 200, (user, url, response.status_code)


def test_pages_du_gestionnaire(client, gestionnaire44, donnees):
    client.force_login(gestionnaire44)
    for url in (
        reverse("convention:index"),
        reverse("convention:inspect", args=[donnees["signee"].pk]),
        reverse("appel:index"),
        reverse("appel:inspect", args=[donnees["appel"].pk]),
        reverse("candidature:add") + f"?appel={donnees['appel'].pk}",
        reverse("candidature:inspect", args=[donnees["candidature"].pk]),
        reverse("candidature:edit", args=[donnees["candidature"].pk]),
    ):
        assert client.get(url).status_code == 200, url
    contenu = client.get(reverse("appel:inspect", args=[donnees["appel"].pk])).content.decode()
    assert "Déposer une candidature" in contenu
    # Operators do not draft conventions.
    assert client.get(reverse("convention:add")).status_code == 302


def test_panneau_d_accueil(client, ddets44, regional52, donnees):
    client.force_login(ddets44)
    contenu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Conventions à pré-valider" in contenu
    assert "Conventions à valider" not in contenu
    client.force_login(regional52)
    contenu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Conventions à pré-valider" not in contenu
    assert "Avenants à valider" in contenu


def test_menu_files(client, ddets44, donnees):
    client.force_login(ddets44)
    contenu = client.get(reverse("convention:index")).content.decode()
    assert "?file=a_signer" in contenu
    assert Candidature.objects.count() == 1


def test_section_conventions_de_la_fiche_dispositif(client, national, ddets75, dispositif44):
    en_cours = amener(
        convention_pour(dispositif44, places=64, date_debut=jours(-100)),
        "signee",
        national,
    )
    client.force_login(national)
    contenu = client.get(reverse("dispositif:inspect", args=[dispositif44.pk])).content.decode()
    assert en_cours.numero in contenu
    assert 'data-capacite="conventionnees">64<' in contenu

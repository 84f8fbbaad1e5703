"""« Comptes et rôles »: who may create which accounts, and the invitation e-mail."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from backoffice.acces.models import AffectationRole
from backoffice.acces.roles import Portee, Role
from tests.factories import EntiteFactory

pytestmark = pytest.mark.django_db
User = get_user_model()


def test_le_national_cree_un_administrateur_departemental(
    client, national, django_capture_on_commit_callbacks
):
    client.force_login(national)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("affectation:add"),
            {
                "email": "Nouvelle.Ddets@Example.gouv.fr",
                "prenom": "Anne",
                "nom": "Durand",
                "role": Role.DEPARTEMENTAL,
                "portee": Portee.DEPARTEMENTS,
                "departements": ["44", "85"],
                "actif": "on",
            },
            follow=True,
        )
    assert response.status_code == 200
    user = User.objects.get(email="nouvelle.ddets@example.gouv.fr")
    affectation = user.affectations.get()
    assert affectation.role == Role.DEPARTEMENTAL
    assert set(affectation.departements.values_list("code", flat=True)) == {"44", "85"}
    assert affectation.cree_par == national
    assert not user.has_usable_password()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["nouvelle.ddets@example.gouv.fr"]
    assert "/admin/password_reset/confirm/" in mail.outbox[0].body


def test_le_ddets_cree_un_compte_gestionnaire_de_son_departement(
    client, ddets44, django_capture_on_commit_callbacks
):
    entite = EntiteFactory(departement_id="44")
    client.force_login(ddets44)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("affectation:add"),
            {
                "email": "directrice@asso.fr",
                "role": Role.GESTIONNAIRE,
                "portee": Portee.ENTITE,
                "entite": entite.pk,
                "actif": "on",
            },
        )
    assert response.status_code == 302
    affectation = AffectationRole.objects.get(utilisateur__email="directrice@asso.fr")
    assert affectation.entite == entite
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    "donnees",
    [
        # another département's entité
        {"role": Role.GESTIONNAIRE, "portee": Portee.ENTITE, "entite": "AUTRE"},
        # escalation: a DDETS cannot give itself national rights
        {"role": Role.NATIONAL, "portee": Portee.NATIONALE},
        {"role": Role.DEPARTEMENTAL, "portee": Portee.DEPARTEMENTS, "departements": ["75"]},
    ],
)
def test_le_ddets_ne_peut_pas_sortir_de_son_perimetre(client, ddets44, donnees):
    entite75 = EntiteFactory(departement_id="75")
    donnees = {**donnees, "email": "pirate@example.fr", "actif": "on"}
    if donnees.get("entite") == "AUTRE":
        donnees["entite"] = entite75.pk
    client.force_login(ddets44)
    response = client.post(reverse("affectation:add"), donnees)
    assert response.status_code == 200  # form redisplayed with errors
    assert not User.objects.filter(email="pirate@example.fr").exists()
    assert len(mail.outbox) == 0


def test_le_ddets_ne_voit_que_les_comptes_de_ses_entites(client, ddets44, ddets75, national):
    client.force_login(ddets44)
    response = client.get(reverse("affectation:index"))
    assert response.status_code == 200
    contenu = response.content.decode()
    assert "ddets75@example.gouv.fr" not in contenu
    assert "national@example.gouv.fr" not in contenu
    autre = AffectationRole.objects.get(utilisateur=ddets75)
    assert client.get(reverse("affectation:edit", args=[autre.pk])).status_code == 404


def test_un_gestionnaire_n_a_pas_acces_aux_comptes(client, gestionnaire44):
    client.force_login(gestionnaire44)
    response = client.get(reverse("affectation:index"))
    assert response.status_code == 302  # Wagtail: permission denied → redirect with a message


def test_les_rapports_globaux_sont_reserves_au_national(client, ddets44, national):
    client.force_login(ddets44)
    assert client.get("/admin/reports/site-history/").status_code == 404
    client.force_login(national)
    assert client.get("/admin/reports/site-history/").status_code == 200

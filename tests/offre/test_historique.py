"""History: who changed which field (before → after) through the admin, shown on the inspect
page; and "what was true on date D" with `history.as_of()`."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from backoffice.offre.historique import historique
from backoffice.offre.models import Dispositif, EntiteGestionnaire
from tests.acces.outils import donnees_formulaire, formulaire_de
from tests.factories import DispositifFactory, FinancementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def dispositif():
    return DispositifFactory(nom="CADA Les Acacias", places_autorisees=80)


def _modifier_par_l_admin(client, user, objet, viewset, **changements):
    url = reverse(f"{viewset}:edit", args=[objet.pk])
    client.force_login(user)
    data = donnees_formulaire(formulaire_de(client, url))
    data.update(changements)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    return response


def test_modification_par_l_admin_enregistre_auteur_et_champs(client, ddets44, dispositif):
    ddets44.first_name, ddets44.last_name = "Claire", "Agent"
    ddets44.save()
    _modifier_par_l_admin(
        client, ddets44, dispositif, "dispositif", nom="CADA Les Érables", places_autorisees="95"
    )
    dernier = dispositif.history.order_by("-history_date", "-history_id").first()
    assert dernier.history_type == "~"
    assert dernier.history_user == ddets44
    changements = {
        c.field: (c.old, c.new) for c in dernier.diff_against(dernier.prev_record).changes
    }
    assert changements == {
        "nom": ("CADA Les Acacias", "CADA Les Érables"),
        "places_autorisees": (80, 95),
    }

    evenement = historique(Dispositif.objects.get(pk=dispositif.pk))[0]
    assert evenement.auteur == "Claire Agent"
    assert evenement.type == "Modification"
    assert {(c.champ, c.avant, c.apres) for c in evenement.changements} == {
        ("nom du dispositif", "CADA Les Acacias", "CADA Les Érables"),
        ("places autorisées", "80", "95"),
    }


def test_la_fiche_montre_l_historique(client, ddets44, dispositif):
    _modifier_par_l_admin(
        client, ddets44, dispositif, "dispositif", nom="CADA Les Érables", public="isoles"
    )
    response = client.get(reverse("dispositif:inspect", args=[dispositif.pk]))
    html = response.content.decode()
    debut = html.index('id="historique-titre"')
    section = html[debut:]
    assert "Nom du dispositif</td><td>CADA Les Acacias</td><td>CADA Les Érables</td>" in section
    # Choices are shown with their label, not their code.
    assert "Public</td><td>Familles</td><td>Personnes isolées</td>" in section
    assert ddets44.get_full_name() in section  # author
    assert "Création" in section


def test_historique_d_une_entite_sur_sa_fiche(client, national):
    dispositif = DispositifFactory()
    entite = dispositif.entite
    _modifier_par_l_admin(client, national, entite, "entite", raison_sociale="Nouvelle raison")
    section = client.get(reverse("entite:inspect", args=[entite.pk])).content.decode()
    assert "Nouvelle raison" in section[section.index('id="historique-titre"') :]
    assert EntiteGestionnaire.history.filter(id=entite.pk).count() == 2


def test_historique_d_un_financement(client, ddets44, dispositif):
    financement = FinancementFactory(dispositif=dispositif, places_financees=80)
    _modifier_par_l_admin(client, ddets44, financement, "financement", places_financees="60")
    evenement = historique(financement)[0]
    assert [(c.avant, c.apres) for c in evenement.changements] == [("80", "60")]
    assert evenement.auteur == ddets44.get_full_name()


def test_as_of_rend_l_ancienne_valeur(client, ddets44, dispositif):
    avant_modification = timezone.now()
    _modifier_par_l_admin(
        client, ddets44, dispositif, "dispositif", nom="CADA Les Érables", places_autorisees="95"
    )
    ancien = Dispositif.history.as_of(avant_modification).get(pk=dispositif.pk)
    assert ancien.nom == "CADA Les Acacias"
    assert ancien.places_autorisees == 80
    actuel = Dispositif.history.as_of(timezone.now()).get(pk=dispositif.pk)
    assert actuel.nom == "CADA Les Érables"


def test_as_of_avant_creation_et_apres_suppression(dispositif):
    avant = timezone.now() - datetime.timedelta(days=1)
    assert not Dispositif.history.as_of(avant).filter(pk=dispositif.pk).exists()
    pk = dispositif.pk
    present = timezone.now()
    dispositif.delete()
    assert Dispositif.history.as_of(present).filter(pk=pk).exists()
    assert not Dispositif.history.as_of(timezone.now()).filter(pk=pk).exists()


def test_modifie_le_n_encombre_pas_l_historique(dispositif):
    """An edit that changes nothing records no field change (modifie_le is excluded)."""
    dispositif.save()
    evenement = historique(dispositif)[0]
    assert evenement.changements == []

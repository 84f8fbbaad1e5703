"""Editing a filed candidature: while it is `deposee` and its call takes candidatures (published,
before the deadline), by those who may change it (its entité, the instructors of its
département); anything else is refused and nothing is saved."""

import datetime
import html

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from backoffice.acces.roles import Role
from backoffice.appels.models import AppelAProjets, Candidature
from backoffice.appels.services import modifier_candidature
from tests.acces.outils import donnees_formulaire, formulaire_de
from tests.appels.factories import AppelFactory, amener_candidature, deposer
from tests.conventions.factories import pdf
from tests.factories import EntiteFactory, UserFactory, affecter
from workflows.services import TransitionImpossible, chronologie

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_temporaire")]


def texte(response):
    return html.unescape(response.content.decode())


def messages_de(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def candidature(gestionnaire44, dispositif44):
    return deposer(gestionnaire44, AppelFactory(publie=True), dispositif44.entite)


def donnees_modifiees(client, candidature, **valeurs):
    data = donnees_formulaire(
        formulaire_de(client, reverse("candidature:edit", args=[candidature.pk]))
    )
    data.update({"nom_projet": "CADA des Dervallières", "places_proposees": "35", **valeurs})
    return data


@pytest.mark.parametrize("acteur", ["gestionnaire44", "ddets44"])
def test_modification_par_la_page(request, client, candidature, acteur):
    client.force_login(request.getfixturevalue(acteur))
    url = reverse("candidature:edit", args=[candidature.pk])
    response = client.post(url, donnees_modifiees(client, candidature, dossier=pdf("v2.pdf")))
    assert response.status_code == 302, texte(response)
    candidature.refresh_from_db()
    assert (candidature.nom_projet, candidature.places_proposees) == ("CADA des Dervallières", 35)
    assert list(candidature.documents.values_list("nature", flat=True)) == ["dossier"]


def test_le_appel_et_le_candidat_ne_changent_pas(client, candidature, gestionnaire44):
    client.force_login(gestionnaire44)
    autre_appel = AppelFactory(publie=True)
    data = donnees_modifiees(client, candidature, appel=str(autre_appel.pk))
    response = client.post(reverse("candidature:edit", args=[candidature.pk]), data)
    assert response.status_code == 302, texte(response)
    candidature.refresh_from_db()
    assert candidature.appel_id != autre_appel.pk


def test_saisie_invalide_ne_change_rien(client, candidature, gestionnaire44):
    client.force_login(gestionnaire44)
    url = reverse("candidature:edit", args=[candidature.pk])
    response = client.post(url, donnees_modifiees(client, candidature, places_proposees="0"))
    assert response.status_code == 200
    assert "Au moins une place" in texte(response)
    candidature.refresh_from_db()
    assert (candidature.nom_projet, candidature.places_proposees) != ("CADA des Dervallières", 0)


def test_hors_perimetre_introuvable(client, candidature, ddets75):
    autre_gestionnaire = UserFactory()
    affecter(autre_gestionnaire, Role.GESTIONNAIRE, entite=EntiteFactory())
    url = reverse("candidature:edit", args=[candidature.pk])
    for user in (ddets75, autre_gestionnaire):
        client.force_login(user)
        assert client.get(url).status_code == 404
        assert client.post(url, {"nom_projet": "Détourné"}).status_code == 404
    candidature.refresh_from_db()
    assert candidature.nom_projet != "Détourné"


def test_date_limite_passee_pendant_la_saisie(client, candidature, gestionnaire44):
    client.force_login(gestionnaire44)
    data = donnees_modifiees(client, candidature)
    AppelAProjets.objects.filter(pk=candidature.appel_id).update(
        date_limite=timezone.now() - datetime.timedelta(minutes=1)
    )
    url = reverse("candidature:edit", args=[candidature.pk])
    response = client.post(url, data)
    assert response.status_code == 302
    assert "ne se modifie que tant que" in messages_de(response)[0]
    candidature.refresh_from_db()
    assert candidature.nom_projet != "CADA des Dervallières"
    # Past the deadline the form no longer opens either.
    response = client.get(url)
    assert response.status_code == 302
    assert "ne se modifie que tant que" in messages_de(response)[0]


def test_candidature_examinee_ne_se_modifie_plus(client, candidature, ddets44):
    amener_candidature(candidature, "recevable")
    client.force_login(ddets44)
    response = client.get(reverse("candidature:edit", args=[candidature.pk]))
    assert response.status_code == 302
    assert "ne se modifie que tant que" in messages_de(response)[0]
    fiche = client.get(reverse("candidature:inspect", args=[candidature.pk]))
    assert reverse("candidature:edit", args=[candidature.pk]) not in texte(fiche)
    assert Candidature.objects.get(pk=candidature.pk).etat == "recevable"


# --- the service behind the page -------------------------------------------------------------


def changee(candidature, **valeurs):
    """The candidature as a form leaves it: changed in memory, not saved."""
    instance = Candidature.objects.get(pk=candidature.pk)
    for nom, valeur in valeurs.items():
        setattr(instance, nom, valeur)
    return instance


def test_service_enregistre_et_journalise(candidature, gestionnaire44):
    modifiee = modifier_candidature(
        gestionnaire44,
        changee(candidature, nom_projet="CADA du Port", places_proposees=30),
        fichier=pdf("v2.pdf"),
    )
    candidature.refresh_from_db()
    assert (candidature.nom_projet, candidature.places_proposees) == ("CADA du Port", 30)
    assert candidature.documents.get().nature == "dossier"
    entree = chronologie(modifiee)[-1]
    assert (entree["transition"], entree["action"], entree["de"], entree["vers"]) == (
        "modifier",
        "Modifier",
        "deposee",
        "deposee",
    )
    assert entree["commentaire"] == (
        "Modifié : nom du projet, places proposées, nouveau dossier de candidature."
    )


def test_service_ne_change_ni_l_appel_ni_le_candidat(candidature, gestionnaire44):
    autre_appel = AppelFactory(publie=True)
    autre_entite = EntiteFactory()
    modifier_candidature(
        gestionnaire44,
        changee(candidature, appel=autre_appel, entite=autre_entite, nom_projet="Autre"),
    )
    candidature.refresh_from_db()
    assert candidature.nom_projet == "Autre"
    assert candidature.appel_id != autre_appel.pk
    assert candidature.entite_id != autre_entite.pk


def test_service_hors_perimetre_introuvable(candidature, ddets75, lecteur44):
    autre_gestionnaire = UserFactory()
    affecter(autre_gestionnaire, Role.GESTIONNAIRE, entite=EntiteFactory())
    for acteur in (ddets75, autre_gestionnaire, lecteur44):
        with pytest.raises(Http404):
            modifier_candidature(acteur, changee(candidature, nom_projet="Détourné"))
    candidature.refresh_from_db()
    assert candidature.nom_projet != "Détourné"
    assert [e["transition"] for e in chronologie(candidature)] == ["deposer"]


def test_service_refuse_apres_la_date_limite(candidature, gestionnaire44):
    apres = candidature.appel.date_limite + datetime.timedelta(seconds=1)
    with pytest.raises(TransitionImpossible, match="La date limite de dépôt est passée"):
        modifier_candidature(
            gestionnaire44, changee(candidature, nom_projet="Trop tard"), maintenant=apres
        )
    candidature.refresh_from_db()
    assert candidature.nom_projet != "Trop tard"


def test_service_refuse_une_candidature_examinee(candidature, gestionnaire44):
    amener_candidature(candidature, "recevable")
    with pytest.raises(TransitionImpossible, match="ne se modifie que tant que"):
        modifier_candidature(gestionnaire44, changee(candidature, nom_projet="Après coup"))
    candidature.refresh_from_db()
    assert candidature.nom_projet != "Après coup"


def test_service_refuse_une_saisie_invalide(candidature, gestionnaire44):
    with pytest.raises(ValidationError) as erreur:
        modifier_candidature(gestionnaire44, changee(candidature, departement_id="75"))
    assert "pas couvert par l'appel" in erreur.value.message_dict["departement"][0]
    candidature.refresh_from_db()
    assert candidature.departement_id == "44"

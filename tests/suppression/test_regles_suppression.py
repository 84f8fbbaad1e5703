"""Deletion rules of conventions, avenants and calls (workflows/suppression.py): what may be
deleted, by whom, in which state — enforced by the model, whatever the caller."""

import pytest
from django.urls import reverse

from backoffice.appels.models import AppelAProjets
from backoffice.conventions.models import Avenant, Convention
from tests.appels.factories import appel_44, deposer, publier
from tests.conventions.factories import amener, avenant_pour, convention_pour, jours
from workflows.services import executer_transition
from workflows.suppression import SuppressionInterdite, supprimer

pytestmark = pytest.mark.django_db


def existe(objet):
    return type(objet).objects.filter(pk=objet.pk).exists()


def test_un_brouillon_de_convention_se_supprime_par_son_redacteur(ddets44, dispositif44):
    convention = convention_pour(dispositif44)
    supprimer(convention, ddets44)
    assert not existe(convention)


def test_une_convention_signee_ne_se_supprime_jamais(national, dispositif44):
    convention = amener(convention_pour(dispositif44), "signee", national, jours(-1))
    with pytest.raises(SuppressionInterdite, match="ne se supprime jamais : elle se résilie"):
        supprimer(convention, national)
    # Not even through the model, by any other caller.
    with pytest.raises(SuppressionInterdite):
        Convention.objects.get(pk=convention.pk).delete()
    assert existe(convention)


@pytest.mark.parametrize("etat", ["soumise", "validee"])
def test_une_convention_dans_son_circuit_s_abandonne(national, dispositif44, etat):
    convention = amener(convention_pour(dispositif44), etat, national)
    with pytest.raises(SuppressionInterdite, match="elle s'abandonne"):
        supprimer(convention, national)
    assert existe(convention)


def test_une_convention_avec_avenant_ne_se_supprime_pas(national, dispositif44):
    convention = amener(convention_pour(dispositif44), "signee", national, jours(-1))
    avenant_pour(convention, dispositif44, 60, jours(10))
    with pytest.raises(SuppressionInterdite):
        supprimer(convention, national)


def test_le_lecteur_ne_supprime_rien(lecteur44, dispositif44):
    convention = convention_pour(dispositif44)
    with pytest.raises(SuppressionInterdite, match="pas le droit de supprimer cette convention"):
        supprimer(convention, lecteur44)
    assert existe(convention)


def test_un_avenant_brouillon_se_supprime_un_avenant_valide_s_abandonne(
    national, ddets44, dispositif44
):
    convention = amener(convention_pour(dispositif44), "signee", national, jours(-1))
    brouillon = avenant_pour(convention, dispositif44, 60, jours(10))
    valide = avenant_pour(convention, dispositif44, 55, jours(12))
    valide = executer_transition(Avenant, valide.pk, "valider", national)
    with pytest.raises(SuppressionInterdite, match="il s'abandonne"):
        supprimer(valide, national)
    supprimer(brouillon, ddets44)
    assert not existe(brouillon) and existe(valide)


def test_un_appel_brouillon_se_supprime_un_appel_avec_candidatures_s_annule(
    national, ddets44, gestionnaire44, dispositif44
):
    brouillon = appel_44()
    supprimer(brouillon, ddets44)
    assert not existe(brouillon)
    appel = publier(appel_44(), national)
    deposer(gestionnaire44, appel, dispositif44.entite)
    with pytest.raises(SuppressionInterdite, match="il s'annule"):
        supprimer(appel, national)
    with pytest.raises(SuppressionInterdite):
        AppelAProjets.objects.get(pk=appel.pk).delete()
    assert existe(appel)


def test_la_vue_de_suppression_refuse_en_francais_sans_rien_supprimer(
    client, national, dispositif44
):
    convention = amener(convention_pour(dispositif44), "signee", national, jours(-1))
    client.force_login(national)
    url = reverse("convention:delete", args=[convention.pk])
    reponse = client.post(url, follow=True)
    assert reponse.status_code == 200
    assert "ne se supprime jamais : elle se résilie" in reponse.content.decode()
    assert existe(convention)


def test_la_vue_de_suppression_supprime_un_brouillon(client, ddets44, dispositif44):
    convention = convention_pour(dispositif44)
    client.force_login(ddets44)
    reponse = client.post(reverse("convention:delete", args=[convention.pk]))
    assert reponse.status_code == 302
    assert not existe(convention)

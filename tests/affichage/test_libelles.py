"""Timelines, Wagtail's History and the site history report show the labels of states and
actions, never their codes; every transition declares its label."""

import datetime

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils.text import capfirst
from django_fsm import FSMField

from backoffice.offre.models import Dispositif
from tests.conventions.factories import amener, convention_pour
from tests.factories import DispositifFactory, EntiteFactory
from workflows.libelles import transitions_sans_libelle
from workflows.services import chronologie

from .controles import textes

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_temporaire")]


@pytest.fixture
def media_temporaire(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_chaque_transition_declare_son_libelle():
    modeles = [
        m
        for m in apps.get_models()
        if any(isinstance(f, FSMField) for f in m._meta.concrete_fields)
    ]
    assert len(modeles) >= 5
    assert {m.__name__: transitions_sans_libelle(m) for m in modeles} == {
        m.__name__: [] for m in modeles
    }


@pytest.fixture
def pre_validee(national, dispositif44):
    return amener(convention_pour(dispositif44), "pre_validee", national)


def test_chronologie_donne_les_libelles(pre_validee):
    evenements = chronologie(pre_validee)
    assert [(e["action"], e["de_libelle"], e["vers_libelle"]) for e in evenements] == [
        ("Soumettre", "Brouillon", "Soumise"),
        ("Pré-valider", "Soumise", "Pré-validée"),
    ]
    assert evenements[-1]["vers"] == "pre_validee"  # the stored code is kept for the code


def test_fiche_historique_et_rapport_montrent_les_libelles(client, national, pre_validee):
    client.force_login(national)
    pages = {
        "fiche": reverse("convention:inspect", args=[pre_validee.pk]),
        "historique": reverse("convention:history", args=[pre_validee.pk]),
        "rapport": reverse("wagtailadmin_reports:site_history"),
    }
    for nom, url in pages.items():
        texte = "\n".join(textes(client.get(url).content.decode()))
        assert "Pré-validée" in texte, nom
        assert "pre_validee" not in texte and "pre_valider" not in texte, nom
    fiche = "\n".join(textes(client.get(pages["fiche"]).content.decode()))
    assert "Pré-valider\nSoumise → Pré-validée" in fiche


def test_historique_des_champs_nomme_les_liens_et_ecrit_en_francais(client, national):
    dispositif = DispositifFactory(date_autorisation=datetime.date(2014, 6, 1))
    ancienne = dispositif.entite
    dispositif.entite = EntiteFactory(raison_sociale="Association Reprise")
    dispositif.date_autorisation = None
    dispositif.mode_hebergement = ""
    dispositif.save()
    client.force_login(national)
    page = client.get(reverse("dispositif:inspect", args=[dispositif.pk])).content.decode()
    section = "\n".join(textes(page[page.index('id="historique-titre"') :]))
    verbose = Dispositif._meta.get_field
    assert f"{capfirst(verbose('entite').verbose_name)}\n{ancienne}\nAssociation Reprise" in section
    assert f"{capfirst(verbose('date_autorisation').verbose_name)}\n01/06/2014\n—" in section
    assert f"{capfirst(verbose('mode_hebergement').verbose_name)}\nDiffus\n—" in section

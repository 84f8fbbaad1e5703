"""Factories and helpers for calls and candidatures; states reached through the real services."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from backoffice.appels.echeances import clore_appels
from backoffice.appels.models import AppelAProjets, Candidature, CritereSelection, RepartitionAppel
from backoffice.appels.services import deposer_candidature
from backoffice.territoires.models import Region
from workflows.services import executer_transition


class AppelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AppelAProjets
        skip_postgeneration_save = True

    titre = factory.Sequence(lambda n: f"Création de places CADA {n}")
    type_dispositif_id = "CADA"
    region = factory.LazyFunction(lambda: Region.objects.get(code="52"))
    places_recherchees = 100
    cout_journalier_cible = Decimal("19.50")
    date_publication = factory.LazyFunction(timezone.localdate)
    date_limite = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30))


def appel_44(repartition=(("44", 100),), criteres=(("Qualité du projet", 3), ("Coût", 1)), **kw):
    """A call of the région 52 for the 44 only (a DDETS 44 steers it), with two criteria."""
    appel = AppelFactory(**kw)
    for code, places in repartition:
        RepartitionAppel.objects.create(appel=appel, departement_id=code, places_recherchees=places)
    for rang, (libelle, poids) in enumerate(criteres):
        CritereSelection.objects.create(appel=appel, libelle=libelle, poids=poids, ordre=rang)
    return appel


def publier(appel, acteur):
    for nom in ("soumettre", "pre_valider", "valider", "publier"):
        appel = executer_transition(AppelAProjets, appel.pk, nom, acteur)
    return appel


def ouvrir_instruction(appel, acteur):
    clore_appels(appel.date_limite + datetime.timedelta(seconds=1))
    return executer_transition(AppelAProjets, appel.pk, "ouvrir_instruction", acteur)


def deposer(acteur, appel, entite, departement="44", **kwargs):
    maintenant = kwargs.pop("maintenant", None)
    valeurs = {
        "nom_projet": f"Projet de {entite.raison_sociale}",
        "places_proposees": 40,
        "communes": "Nantes, Rezé",
        "cout_journalier": Decimal("19.00"),
        **kwargs,
    }
    candidature = Candidature(appel=appel, entite=entite, departement_id=departement, **valeurs)
    return deposer_candidature(acteur, candidature, maintenant=maintenant)


def noter(candidature, acteur, notes):
    criteres = list(candidature.appel.criteres.order_by("ordre"))
    return executer_transition(
        Candidature,
        candidature.pk,
        "instruire",
        acteur,
        notes={c.pk: Decimal(str(n)) for c, n in zip(criteres, notes, strict=True)},
    )

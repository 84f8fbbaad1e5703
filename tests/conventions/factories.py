"""Factories and helpers for conventions. States are reached through the real transition
service (never by writing the state), with the national administrator unless told otherwise."""

import datetime

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from backoffice.conventions.models import (
    Avenant,
    Convention,
    EtatConvention,
    LigneAvenant,
    LigneConvention,
)
from tests.factories import EntiteFactory, departement
from workflows.services import executer_transition

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(nom="copie-signee.pdf", contenu=PDF):
    return SimpleUploadedFile(nom, contenu, content_type="application/pdf")


def jours(n):
    return timezone.localdate() + datetime.timedelta(days=n)


class ConventionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Convention
        skip_postgeneration_save = True

    intitule = factory.Sequence(lambda n: f"Convention CADA {n}")
    type_convention = "cada"
    entite = factory.SubFactory(EntiteFactory)
    departement = factory.LazyFunction(lambda: departement("44"))
    date_debut = factory.LazyFunction(lambda: jours(10))

    class Params:
        # States written directly, for tests about what a state means (figures, perimeters,
        # screens); tests about how a state is reached go through `amener()`.
        signee = factory.Trait(
            etat=EtatConvention.SIGNEE,
            date_signature=factory.LazyFunction(lambda: jours(-1)),
            signee_le=factory.LazyFunction(timezone.now),
        )
        en_vigueur = factory.Trait(
            etat=EtatConvention.EN_VIGUEUR,
            date_debut=factory.LazyFunction(lambda: jours(-365)),
            date_signature=factory.LazyFunction(lambda: jours(-370)),
            signee_le=factory.LazyFunction(timezone.now),
        )
        resiliee = factory.Trait(
            etat=EtatConvention.RESILIEE,
            date_debut=factory.LazyFunction(lambda: jours(-365)),
            date_signature=factory.LazyFunction(lambda: jours(-370)),
            signee_le=factory.LazyFunction(timezone.now),
            date_resiliation=factory.LazyFunction(timezone.localdate),
            motif_resiliation="Fermeture du dispositif",
        )


def convention_pour(dispositif, places=50, **kwargs):
    """A draft convention covering `dispositif` (its entité, its département)."""
    kwargs.setdefault("entite", dispositif.entite)
    kwargs.setdefault("departement", dispositif.departement)
    convention = ConventionFactory(**kwargs)
    LigneConvention.objects.create(
        convention=convention, dispositif=dispositif, places_conventionnees=places
    )
    return convention


CHEMIN = {
    "soumise": ["soumettre"],
    "pre_validee": ["soumettre", "pre_valider"],
    "validee": ["soumettre", "pre_valider", "valider"],
    "signee": ["soumettre", "pre_valider", "valider", "signer"],
}


def amener(convention, etat, acteur, date_signature=None):
    """Run the transitions leading a draft to `etat` (up to `signee`)."""
    for nom in CHEMIN[etat]:
        params = {}
        if nom == "signer":
            params = {"date_signature": date_signature or timezone.localdate(), "fichier": pdf()}
        convention = executer_transition(Convention, convention.pk, nom, acteur, **params)
    return convention


def avenant_pour(convention, dispositif, places, date_effet, **kwargs):
    avenant = Avenant.objects.create(
        convention=convention, objet="Extension de capacité", date_effet=date_effet, **kwargs
    )
    LigneAvenant.objects.create(
        avenant=avenant, dispositif=dispositif, places_conventionnees=places
    )
    return avenant

"""Factories and helpers for calls and candidatures; states reached through the real services.

The traits name the common states: `AppelFactory(publie=True)`, `AppelFactory(en_instruction=True)`,
`CandidatureFactory(retenue=True)`… Each one runs the real transitions (the transition service, the
filing service, the closing at the deadline) as a national account, so the object carries its
timeline like any other."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from backoffice.acces.roles import Role
from backoffice.appels.echeances import clore_appels
from backoffice.appels.models import AppelAProjets, Candidature, CritereSelection, RepartitionAppel
from backoffice.appels.services import deposer_candidature
from backoffice.territoires.models import Region
from tests.factories import EntiteFactory, UserFactory, affecter
from workflows.services import executer_transition
from workflows.systeme import Systeme

CRITERES = (("Qualité du projet", 3), ("Coût", 1))

# The call's path up to each state (transitions run in this order).
PARCOURS_APPEL = {
    "brouillon": [],
    "soumis": ["soumettre"],
    "pre_valide": ["soumettre", "pre_valider"],
    "valide": ["soumettre", "pre_valider", "valider"],
    "publie": ["soumettre", "pre_valider", "valider", "publier"],
    "clos": ["soumettre", "pre_valider", "valider", "publier", "clore"],
    "en_instruction": [
        "soumettre",
        "pre_valider",
        "valider",
        "publier",
        "clore",
        "ouvrir_instruction",
    ],
}
# The candidature's path once filed (the call is then opened to instruction).
PARCOURS_CANDIDATURE = {
    "deposee": [],
    "recevable": ["declarer_recevable"],
    "irrecevable": ["declarer_irrecevable"],
    "instruite": ["declarer_recevable", "instruire"],
    "retenue": ["declarer_recevable", "instruire", "retenir"],
    "non_retenue": ["declarer_recevable", "instruire", "ne_pas_retenir"],
}


def pilote_national():
    """The account the traits act as (national: every role on every call)."""
    user = UserFactory(username="pilote.national@example.gouv.fr")
    if not user.affectations.exists():
        affecter(user, Role.NATIONAL)
    return user


def amener_appel(appel, etat, acteur=None):
    """Run the call's transitions up to `etat` (see PARCOURS_APPEL); the call refreshed."""
    acteur = acteur or pilote_national()
    faites = len(PARCOURS_APPEL[appel.etat])
    for nom in PARCOURS_APPEL[etat][faites:]:
        if nom == "clore":
            executer_transition(
                AppelAProjets,
                appel.pk,
                "clore",
                Systeme("clôture des appels à projets"),
                maintenant=appel.date_limite + datetime.timedelta(seconds=1),
            )
        else:
            executer_transition(AppelAProjets, appel.pk, nom, acteur)
    appel.refresh_from_db()
    return appel


class AppelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AppelAProjets
        skip_postgeneration_save = True

    class Params:
        # A call taken to the state named (in the 44 with two criteria unless told).
        soumis = factory.Trait(parcours="soumis")
        publie = factory.Trait(parcours="publie")
        en_instruction = factory.Trait(parcours="en_instruction")

    titre = factory.Sequence(lambda n: f"Création de places CADA {n}")
    type_dispositif_id = "CADA"
    region = factory.LazyFunction(lambda: Region.objects.get(code="52"))
    places_recherchees = 100
    cout_journalier_cible = Decimal("19.50")
    date_publication = factory.LazyFunction(timezone.localdate)
    date_limite = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30))

    @factory.post_generation
    def repartition(appel, create, extracted, **kwargs):
        for code, places in extracted or ():
            RepartitionAppel.objects.create(
                appel=appel, departement_id=code, places_recherchees=places
            )

    @factory.post_generation
    def criteres(appel, create, extracted, **kwargs):
        for rang, (libelle, poids) in enumerate(extracted or ()):
            CritereSelection.objects.create(appel=appel, libelle=libelle, poids=poids, ordre=rang)

    @factory.post_generation
    def parcours(appel, create, extracted, **kwargs):
        return extracted

    @classmethod
    def _after_postgeneration(cls, appel, create, results=None):
        # After every hook (the split and criteria first); a trait's value (a plain value
        # standing for the `parcours` hook) arrives in `results`.
        etat = (results or {}).get("parcours")
        if not (create and etat):
            return
        if not appel.criteres.exists():
            RepartitionAppel.objects.create(
                appel=appel, departement_id="44", places_recherchees=100
            )
            for rang, (libelle, poids) in enumerate(CRITERES):
                CritereSelection.objects.create(
                    appel=appel, libelle=libelle, poids=poids, ordre=rang
                )
        amener_appel(appel, etat)


def appel_44(repartition=(("44", 100),), criteres=CRITERES, **kw):
    """A call of the région 52 for the 44 only (a DDETS 44 steers it), with two criteria."""
    return AppelFactory(repartition=repartition, criteres=criteres, **kw)


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


def amener_candidature(candidature, etat, acteur=None):
    """Take a filed candidature to `etat` (see PARCOURS_CANDIDATURE), opening its call to
    instruction first when needed; the candidature refreshed."""
    acteur = acteur or pilote_national()
    etapes = PARCOURS_CANDIDATURE[etat]
    if etapes and candidature.appel.etat != "en_instruction":
        amener_appel(candidature.appel, "en_instruction", acteur)
    for nom in etapes:
        if nom == "instruire":
            noter(candidature, acteur, [14] * candidature.appel.criteres.count())
            continue
        parametres = {}
        if nom in ("declarer_irrecevable", "ne_pas_retenir"):
            parametres["commentaire"] = "Dossier incomplet"
        executer_transition(Candidature, candidature.pk, nom, acteur, **parametres)
    candidature.refresh_from_db()
    return candidature


class CandidatureFactory(factory.django.DjangoModelFactory):
    """Filed through the filing service (by `deposant`, a national account by default), then
    taken to the state of its trait."""

    class Meta:
        model = Candidature

    class Params:
        recevable = factory.Trait(etat_vise="recevable")
        irrecevable = factory.Trait(etat_vise="irrecevable")
        instruite = factory.Trait(etat_vise="instruite")
        retenue = factory.Trait(etat_vise="retenue")
        non_retenue = factory.Trait(etat_vise="non_retenue")

    # Read by _create, not model fields.
    deposant = None
    etat_vise = "deposee"
    appel = factory.SubFactory(AppelFactory, publie=True)
    entite = factory.SubFactory(EntiteFactory)
    departement_id = "44"
    nom_projet = factory.Sequence(lambda n: f"Projet d'accueil {n}")
    places_proposees = 40
    communes = "Nantes, Rezé"
    cout_journalier = Decimal("19.00")

    @classmethod
    def _create(cls, model_class, *args, deposant=None, etat_vise="deposee", **kwargs):
        acteur = pilote_national()
        candidature = deposer_candidature(deposant or acteur, model_class(*args, **kwargs))
        return amener_candidature(candidature, etat_vise, acteur)

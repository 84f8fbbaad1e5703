"""`contient(user, objet)` answers as `objet in filtrer(user, ...)`, for every role and every kind
of scoped object, over a small population built to sit on each side of each rule: an entité's
own dispositif in its département and outside it, another entité's in the same département, one
in another département of the région, one the national level only reaches. And the answer
follows the data: a request about a dispositif that changes entité is seen by the new entité.

Beside the agreement, a few answers are pinned (who reaches what), so that a rule changed on both
sides at once is noticed too."""

import datetime

import pytest
from django.apps import apps
from django.urls import reverse

from backoffice.acces.perimetres import (
    LECTURE,
    contient,
    declaration,
    filtrer,
    perimetre_pour,
)
from backoffice.acces.policies import policy_for
from backoffice.acces.roles import Role
from backoffice.demandes.models import Demande, TypeDemande
from tests.appels.factories import appel_44, deposer, publier
from tests.conventions.factories import ConventionFactory, convention_pour
from tests.demandes.factories import DemandeFactory
from tests.factories import (
    DispositifFactory,
    EntiteFactory,
    FinancementFactory,
    GroupeFactory,
    UserFactory,
    affecter,
)

pytestmark = pytest.mark.django_db

ROLES = ("national", "ddets44", "ddets75", "siao44", "regional52", "lecteur44", "gestionnaire44")


def demande_sur(dispositif, **kwargs):
    """A modification request about an existing dispositif, as its operator files it."""
    return DemandeFactory(
        type_demande=TypeDemande.MODIFICATION,
        departement_id=dispositif.departement_id,
        entite=dispositif.entite,
        dispositif=dispositif,
        type_dispositif=dispositif.type,
        nouvelle_entite={},
        **kwargs,
    )


@pytest.fixture
def population(national, dispositif44, dispositif75):
    """{name: dispositif} and every object hung on them."""
    entite_a = dispositif44.entite  # gestionnaire44's entité, siège in the 44
    dispositifs = {
        "propre_44": dispositif44,
        "propre_75": DispositifFactory(
            entite=entite_a, departement_id="75", commune="Paris", code_postal="75011"
        ),
        "autre_75": dispositif75,
        "autre_44": DispositifFactory(departement_id="44"),
        "region_85": DispositifFactory(
            departement_id="85", commune="La Roche-sur-Yon", code_postal="85000"
        ),
        "national_13": DispositifFactory(
            departement_id="13", commune="Marseille", code_postal="13001"
        ),
    }
    for dispositif in dispositifs.values():
        GroupeFactory(dispositif=dispositif)
        FinancementFactory(dispositif=dispositif)
        convention_pour(dispositif)
        demande_sur(dispositif)
    # A convention of the entité instructed by another département's DDETS.
    ConventionFactory(entite=entite_a, departement_id="75")
    # A creation request (no entité, no dispositif yet).
    DemandeFactory(departement_id="44")
    appel = publier(appel_44(), national)
    deposer(national, appel, entite_a)
    deposer(national, appel, dispositifs["autre_44"].entite)
    return dispositifs


APPLICATIONS = {"offre", "conventions", "demandes", "appels", "acces"}


def objets_scopes():
    """Every row of the domain's row-scoped models (reference data reaches everyone: nothing to
    test; historical rows follow their object through a query: nothing to compare)."""
    for model in apps.get_models():
        if model._meta.app_label not in APPLICATIONS or model.__name__.startswith("Historical"):
            continue
        if declaration(model).genre == "référentiel":
            continue
        yield from model._base_manager.all()


def comparer(user):
    """Disagreements between contient() and filtrer() for `user`, and (agreed) answers."""
    desaccords, reponses = [], {}
    for objet in objets_scopes():
        model = type(objet)
        label = model._meta.label_lower
        perimetre = perimetre_pour(user, label, LECTURE)
        dans_filtre = filtrer(model._base_manager.filter(pk=objet.pk), perimetre).exists()
        if contient(perimetre, objet) != dans_filtre:
            desaccords.append(f"{label} {objet.pk} ({objet}) : filtrer={dans_filtre}")
        reponses[(label, objet.pk)] = dans_filtre
    return desaccords, reponses


@pytest.mark.usefixtures("population")
@pytest.mark.parametrize("role", ROLES)
def test_contient_et_filtrer_d_accord_pour_chaque_role(request, role):
    user = request.getfixturevalue(role)
    desaccords, reponses = comparer(user)
    assert desaccords == []
    # The population is varied enough for this role: it reaches some rows and not others
    # (national excepted, which reaches everything).
    assert any(reponses.values())
    assert role == "national" or not all(reponses.values())


def _policy_dit(user, objet):
    policy = policy_for(type(objet))
    liste = policy.instances_user_has_any_permission_for(user, LECTURE)
    return (
        policy.user_has_any_permission_for_instance(user, LECTURE, objet),
        liste.filter(pk=objet.pk).exists(),
    )


@pytest.mark.parametrize("role", ROLES)
def test_la_politique_des_vues_repond_comme_sa_liste(request, role, population):
    """The same agreement one level up: the permission policy every admin view uses."""
    user = request.getfixturevalue(role)
    for dispositif in population.values():
        objets = [
            dispositif,
            dispositif.entite,
            dispositif.financements.get(),
            dispositif.lignes_convention.get().convention,
            Demande.objects.get(dispositif=dispositif),
        ]
        for objet in objets:
            seul, dans_liste = _policy_dit(user, objet)
            assert seul == dans_liste, (role, type(objet).__name__, str(objet))


# Who reaches which dispositif (by name in the population), whatever the way of asking.
ATTENDU = {
    "national": {"propre_44", "propre_75", "autre_75", "autre_44", "region_85", "national_13"},
    "ddets44": {"propre_44", "autre_44"},
    "ddets75": {"propre_75", "autre_75"},
    "siao44": {"propre_44", "autre_44"},
    "regional52": {"propre_44", "autre_44", "region_85"},
    "lecteur44": {"propre_44", "autre_44"},
    # The entité's own dispositifs, wherever they are.
    "gestionnaire44": {"propre_44", "propre_75"},
}


@pytest.mark.parametrize("role", ROLES)
def test_qui_atteint_quel_dispositif(request, role, population):
    user = request.getfixturevalue(role)
    perimetre = perimetre_pour(user, "offre.dispositif", LECTURE)
    par_contient = {nom for nom, d in population.items() if contient(perimetre, d)}
    par_filtrer = {
        nom
        for nom, d in population.items()
        if filtrer(type(d).objects.filter(pk=d.pk), perimetre).exists()
    }
    assert par_contient == par_filtrer == ATTENDU[role]
    # And the requests about them, the same way.
    perimetre = perimetre_pour(user, "demandes.demande", LECTURE)
    demandes = {nom: Demande.objects.get(dispositif=d) for nom, d in population.items()}
    assert {nom for nom, d in demandes.items() if contient(perimetre, d)} == ATTENDU[role]
    assert {
        nom
        for nom, d in demandes.items()
        if filtrer(Demande.objects.filter(pk=d.pk), perimetre).exists()
    } == ATTENDU[role]


# --- A dispositif changes entité ---------------------------------------------------------------


@pytest.fixture
def gestionnaire_b(db):
    user = UserFactory(username="gestionnaire-b@example.gouv.fr")
    entite_b = EntiteFactory(
        raison_sociale="Association Relais", departement_id="75", commune="Paris"
    )
    affecter(user, Role.GESTIONNAIRE, entite=entite_b)
    return user, entite_b


def _voit(client, user, demande):
    """(in the list, inspect page answers 200) for `user`, through the admin pages."""
    client.force_login(user)
    liste = client.get(reverse("demande:index"))
    assert liste.status_code == 200
    pks = {objet.pk for objet in liste.context["object_list"]}
    fiche = client.get(reverse("demande:inspect", args=[demande.pk]))
    assert fiche.status_code in (200, 404)
    return demande.pk in pks, fiche.status_code == 200


@pytest.mark.parametrize("etat", ["soumise", "pre_validee", "validee"])
def test_une_demande_suit_son_dispositif_qui_change_d_entite(
    client, etat, dispositif44, gestionnaire44, gestionnaire_b, ddets44, ddets75
):
    user_b, entite_b = gestionnaire_b
    demande = demande_sur(dispositif44, **{etat: True})
    perimetre_b = perimetre_pour(user_b, "demandes.demande", LECTURE)
    assert not contient(perimetre_b, Demande.objects.get(pk=demande.pk))
    assert _voit(client, user_b, demande) == (False, False)

    # The dispositif is taken over by entité B (the request keeps its filer, entité A).
    dispositif44.entite = entite_b
    dispositif44.save()

    apres = Demande.objects.get(pk=demande.pk)
    attendu = {
        user_b: True,  # the new operator sees the requests about its dispositif
        gestionnaire44: True,  # the filer still sees its own request
        ddets44: True,  # the département did not change
        ddets75: False,  # entité B's siège is in the 75: that gives the 75 nothing here
    }
    for user, voit in attendu.items():
        perimetre = perimetre_pour(user, "demandes.demande", LECTURE)
        assert contient(perimetre, apres) is voit, user
        assert filtrer(Demande.objects.filter(pk=demande.pk), perimetre).exists() is voit, user
        assert _voit(client, user, demande) == (voit, voit), user


def test_une_demande_d_une_ancienne_version_chargee_avant_le_changement(
    dispositif44, gestionnaire_b
):
    """An instance loaded before the takeover (its dispositif cached) is answered as the
    database answers now: contient() never trusts a stale relation over filtrer()."""
    user_b, entite_b = gestionnaire_b
    demande = Demande.objects.select_related("dispositif").get(pk=demande_sur(dispositif44).pk)
    assert demande.dispositif.entite_id != entite_b.pk
    dispositif44.entite = entite_b
    dispositif44.save()
    perimetre_b = perimetre_pour(user_b, "demandes.demande", LECTURE)
    assert filtrer(Demande.objects.filter(pk=demande.pk), perimetre_b).exists()
    assert contient(perimetre_b, demande)


def test_un_dispositif_ferme_reste_dans_le_perimetre(gestionnaire44):
    """Closing is not leaving: a closed dispositif (and its requests) stays reachable."""
    ferme = DispositifFactory(ferme=True, entite=gestionnaire44.affectations.get().entite)
    assert ferme.date_fermeture < datetime.date.today() + datetime.timedelta(days=1)
    perimetre = perimetre_pour(gestionnaire44, "offre.dispositif", LECTURE)
    assert contient(perimetre, ferme)
    assert filtrer(type(ferme).objects.filter(pk=ferme.pk), perimetre).exists()

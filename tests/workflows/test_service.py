"""The one transition service (workflows/services.py), whatever the state machine: a transition
refused by its guard, by the actor's role or perimeter changes nothing and writes no journal
entry; a transition that runs writes exactly one; two actors racing for the same transition leave
one change and one entry. Played on two machines of different apps (conventions and calls), the
service knowing neither."""

import datetime
import threading

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.log_actions import registry

from backoffice.appels.models import AppelAProjets
from backoffice.conventions.models import Convention
from tests.appels.factories import appel_44
from tests.conventions.factories import amener, convention_pour
from workflows.acteurs import Demandeur
from workflows.services import (
    ACTION_LOG,
    TransitionImpossible,
    chronologie,
    executer_transition,
    transitions_disponibles,
)
from workflows.systeme import Systeme

pytestmark = pytest.mark.django_db


def journal(objet):
    entrees = registry.get_logs_for_instance(objet).filter(action=ACTION_LOG)
    return list(entrees.order_by("timestamp", "pk"))


def etat(objet):
    return type(objet)._base_manager.values_list(objet.CHAMP_ETAT, flat=True).get(pk=objet.pk)


@pytest.fixture
def convention(dispositif44):
    return convention_pour(dispositif44)


@pytest.fixture
def appel(db):
    return appel_44()


@pytest.fixture(params=["convention", "appel"])
def brouillon(request):
    """A draft of either machine, in the 44 (both start with « soumettre »)."""
    return request.getfixturevalue(request.param)


# The state « soumettre » leads to, as stored and as read (a convention is feminine, a call not).
SOUMIS = {Convention: ("soumise", "Soumise"), AppelAProjets: ("soumis", "Soumis")}


# --- runs, journaled once ----------------------------------------------------------------------


def test_une_transition_change_l_etat_et_s_ecrit_une_fois(brouillon, ddets44):
    model = type(brouillon)
    assert journal(brouillon) == []
    apres = executer_transition(model, brouillon.pk, "soumettre", ddets44, commentaire="Prêt")
    code, libelle = SOUMIS[model]
    assert etat(brouillon) == apres.etat == code
    (entree,) = journal(brouillon)
    assert entree.user_id == ddets44.pk
    assert entree.data == {
        "transition": "soumettre",
        "de": "brouillon",
        "vers": code,
        "commentaire": "Prêt",
        "interne": False,
        "acteur": ddets44.get_full_name(),
    }
    (evenement,) = chronologie(apres)
    assert (evenement["de_libelle"], evenement["vers_libelle"]) == ("Brouillon", libelle)


# --- refused: nothing changes, nothing is written ----------------------------------------------


def _refus_sans_trace(objet, appel_service, exception, message=None):
    avant = etat(objet)
    with pytest.raises(exception) as refus:
        appel_service()
    assert etat(objet) == avant
    assert journal(objet) == []
    if message:
        assert message in str(getattr(refus.value, "message", refus.value))


def test_hors_perimetre_introuvable(brouillon, ddets75):
    _refus_sans_trace(
        brouillon,
        lambda: executer_transition(type(brouillon), brouillon.pk, "soumettre", ddets75),
        Http404,
    )


def test_role_sans_droit_refuse(brouillon, lecteur44):
    _refus_sans_trace(
        brouillon,
        lambda: executer_transition(type(brouillon), brouillon.pk, "soumettre", lecteur44),
        PermissionDenied,
        "Vous n'avez pas le droit d'effectuer cette action ici.",
    )


@pytest.mark.parametrize("acteur", [Demandeur(jeton="x" * 43), Systeme()])
def test_acteur_sans_compte_n_atteint_pas_un_brouillon(brouillon, acteur):
    # The requester's token reaches its own request only; the system reaches the rows but holds
    # no right on a person's transition.
    exception = Http404 if isinstance(acteur, Demandeur) else PermissionDenied
    _refus_sans_trace(
        brouillon,
        lambda: executer_transition(type(brouillon), brouillon.pk, "soumettre", acteur),
        exception,
    )


def test_transition_inconnue(brouillon, national):
    _refus_sans_trace(
        brouillon,
        lambda: executer_transition(type(brouillon), brouillon.pk, "supprimer_tout", national),
        TransitionImpossible,
        "Action inconnue : « supprimer_tout ».",
    )


def test_transition_impossible_depuis_cet_etat(brouillon, national):
    _refus_sans_trace(
        brouillon,
        lambda: executer_transition(type(brouillon), brouillon.pk, "valider", national),
        TransitionImpossible,
        "Cette action n'est plus possible : l'état est désormais « Brouillon ».",
    )


def test_garde_de_la_transition_refuse(convention, national):
    """The transition's own rule (a ValidationError inside it) refuses, in French."""
    signee = amener(convention, "signee", national)
    entrees = len(journal(signee))
    with pytest.raises(TransitionImpossible) as refus:
        executer_transition(Convention, signee.pk, "mettre_en_vigueur", Systeme())
    assert refus.value.message == (
        f"La convention n'entre en vigueur que le {signee.date_debut:%d/%m/%Y}."
    )
    with pytest.raises(TransitionImpossible, match="Le motif de la résiliation est obligatoire"):
        executer_transition(Convention, signee.pk, "resilier", national, commentaire="  ")
    assert etat(signee) == "signee"
    assert len(journal(signee)) == entrees


def test_garde_levee_la_transition_passe(convention, national):
    signee = amener(convention, "signee", national)
    Convention.objects.filter(pk=signee.pk).update(
        date_debut=timezone.localdate() - datetime.timedelta(days=1)
    )
    entrees = len(journal(signee))
    executer_transition(Convention, signee.pk, "mettre_en_vigueur", Systeme())
    assert etat(signee) == "en_vigueur"
    assert len(journal(signee)) == entrees + 1
    assert journal(signee)[-1].user_id is None  # the system is no person
    assert journal(signee)[-1].data["acteur"] == "Système (échéances)"


# --- two actors, one transition ----------------------------------------------------------------


def test_deux_copies_perimees_un_seul_passe(brouillon, ddets44, national):
    """Both loaded the draft; the second call re-reads the row (locked) and is refused."""
    model = type(brouillon)
    copie_a, copie_b = model.objects.get(pk=brouillon.pk), model.objects.get(pk=brouillon.pk)
    executer_transition(model, copie_a.pk, "soumettre", ddets44)
    with pytest.raises(TransitionImpossible, match="n'est plus possible"):
        executer_transition(model, copie_b.pk, "soumettre", national)
    assert [e.data["transition"] for e in journal(brouillon)] == ["soumettre"]


def test_la_ligne_est_lue_sous_verrou(brouillon, ddets44):
    """The object is read with SELECT … FOR UPDATE of its own row (PostgreSQL; SQLite locks the
    whole database for a write transaction and ignores the clause)."""
    with CaptureQueriesContext(connection) as capture:
        executer_transition(type(brouillon), brouillon.pk, "soumettre", ddets44)
    lectures = [
        q["sql"]
        for q in capture.captured_queries
        if q["sql"].startswith("SELECT")
        and f'"{type(brouillon)._meta.db_table}"."id"' in q["sql"].split("FROM")[0]
    ]
    assert lectures
    if connection.vendor == "postgresql":
        assert "FOR UPDATE OF" in lectures[0]


if connection.vendor == "postgresql":

    @pytest.mark.django_db(transaction=True, serialized_rollback=True)
    @pytest.mark.parametrize("machine", ["convention", "appel"])
    def test_course_reelle_une_seule_entree(request, machine, ddets44, national):
        from django.contrib.auth import get_user_model
        from django.db import connections

        objet = request.getfixturevalue(machine)
        model = type(objet)
        depart = threading.Barrier(2, timeout=30)
        resultats = {}

        def soumettre(user_pk):
            try:
                user = get_user_model().objects.get(pk=user_pk)
                depart.wait()
                executer_transition(model, objet.pk, "soumettre", user)
                resultats[user_pk] = "soumise"
            except TransitionImpossible as exc:
                resultats[user_pk] = exc.message
            finally:
                connections.close_all()

        fils = [threading.Thread(target=soumettre, args=(u.pk,)) for u in (ddets44, national)]
        for fil in fils:
            fil.start()
        for fil in fils:
            fil.join(timeout=60)
        assert sorted(resultats.values(), key=len)[0] == "soumise"
        assert "n'est plus possible" in sorted(resultats.values(), key=len)[1]
        assert etat(objet) == SOUMIS[model][0]
        assert [e.data["transition"] for e in journal(objet)] == ["soumettre"]


# --- what the pages offer ----------------------------------------------------------------------


def test_transitions_disponibles_selon_l_acteur(convention, ddets44, ddets75, lecteur44, national):
    assert "soumettre" in transitions_disponibles(convention, ddets44)
    assert "valider" not in transitions_disponibles(convention, national)  # not from a draft
    assert transitions_disponibles(convention, lecteur44) == []
    # Out of perimeter: the machine offers nothing (the service would answer 404 anyway).
    assert transitions_disponibles(convention, ddets75) == []


def test_appel_est_une_autre_machine(appel, national):
    """The same service drives the calls' machine, with its own states."""
    for nom in ("soumettre", "pre_valider", "valider", "publier"):
        appel = executer_transition(AppelAProjets, appel.pk, nom, national)
    assert appel.etat == "publie"
    assert [e.data["transition"] for e in journal(appel)] == [
        "soumettre",
        "pre_valider",
        "valider",
        "publier",
    ]

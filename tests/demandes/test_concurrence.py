"""Two administrators validating the same request at the same moment: one wins, the other gets a
clear message, nothing is created twice (docs/domaine.md §5).

On SQLite (one writer at a time, no row locks) the race is played with two stale pages: both
administrators loaded the request while it could be validated, then post one after the other.
On PostgreSQL a real race also runs: two threads, each with its own connection, released at the
same instant. That test is only defined when the suite runs on PostgreSQL (`make test` runs the
suite on both databases): SQLite serialises whole-database writes and has no SELECT … FOR UPDATE,
so there is no row-level race to observe there, and the stale-page tests cover the behaviour.
"""

import threading

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.db import connection, connections
from django.urls import reverse
from wagtail.log_actions import registry

from backoffice.demandes.models import Demande, EtatDemande
from backoffice.offre.models import Dispositif, EntiteGestionnaire, Financement, GroupeDePlaces
from tests.demandes.factories import DemandeFactory
from workflows.services import ACTION_LOG, TransitionImpossible, executer_transition

MODELES = (EntiteGestionnaire, Dispositif, GroupeDePlaces, Financement)


def comptes():
    return {m: m.objects.count() for m in MODELES}


def nb_validations(demande):
    return sum(
        1
        for e in registry.get_logs_for_instance(demande).filter(action=ACTION_LOG)
        if e.data.get("transition") == "valider"
    )


@pytest.mark.django_db
def test_deux_pages_perimees_un_seul_gagne(client, ddets44, national):
    demande = DemandeFactory(etat=EtatDemande.PRE_VALIDEE)
    url_page = reverse("demande:inspect", args=[demande.pk])
    url = reverse("demande:transition", args=[demande.pk, "valider"])
    autre = client.__class__()
    client.force_login(ddets44)
    autre.force_login(national)
    # Both open the page while the request can still be validated.
    for c in (client, autre):
        assert 'data-transition="valider"' in c.get(url_page).content.decode()
    avant = comptes()

    premier = client.post(url, {"commentaire": "OK"})
    second = autre.post(url, {"commentaire": "OK aussi"})

    assert [str(m) for m in get_messages(premier.wsgi_request)] == [f"{demande.numero} : validée."]
    (message,) = [str(m) for m in get_messages(second.wsgi_request)]
    assert "n'est plus possible" in message and "Validée" in message
    assert second.status_code == 302
    assert {m: n - avant[m] for m, n in comptes().items()} == dict.fromkeys(MODELES, 1)
    assert nb_validations(demande) == 1


@pytest.mark.django_db
def test_instances_perimees_au_niveau_du_service(ddets44, national):
    """Each administrator's copy was loaded before the other acted: the service re-reads the
    row under lock, so the second call is refused and changes nothing."""
    demande = DemandeFactory(etat=EtatDemande.PRE_VALIDEE)
    copie_a = Demande.objects.get(pk=demande.pk)
    copie_b = Demande.objects.get(pk=demande.pk)
    assert copie_a.etat == copie_b.etat == EtatDemande.PRE_VALIDEE
    avant = comptes()
    executer_transition(Demande, copie_a.pk, "valider", ddets44)
    with pytest.raises(TransitionImpossible, match="n'est plus possible"):
        executer_transition(Demande, copie_b.pk, "valider", national)
    assert {m: n - avant[m] for m, n in comptes().items()} == dict.fromkeys(MODELES, 1)
    assert nb_validations(demande) == 1


if connection.vendor == "postgresql":

    @pytest.mark.django_db(transaction=True, serialized_rollback=True)
    def test_course_reelle_entre_deux_connexions(ddets44, national):
        demande = DemandeFactory(etat=EtatDemande.PRE_VALIDEE)
        avant = comptes()
        depart = threading.Barrier(2, timeout=30)
        resultats = {}

        def valider(user_pk):
            try:
                user = get_user_model().objects.get(pk=user_pk)  # its own connection
                depart.wait()
                executer_transition(Demande, demande.pk, "valider", user)
                resultats[user_pk] = "validée"
            except TransitionImpossible as exc:
                resultats[user_pk] = exc.message
            finally:
                connections.close_all()

        fils = [threading.Thread(target=valider, args=(u.pk,)) for u in (ddets44, national)]
        for fil in fils:
            fil.start()
        for fil in fils:
            fil.join(timeout=60)
        assert sorted(resultats.values(), key=len) == [
            "validée",
            "Cette action n'est plus possible : l'état est désormais « Validée ». La page a "
            "peut-être été traitée par quelqu'un d'autre entre-temps.",
        ]
        demande.refresh_from_db()
        assert demande.etat == EtatDemande.VALIDEE
        assert {m: n - avant[m] for m, n in comptes().items()} == dict.fromkeys(MODELES, 1)
        assert nb_validations(demande) == 1

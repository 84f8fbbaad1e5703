"""`manage.py relancer_demandes`: the daily digest of requests idle at each administrator's step."""

import datetime
import io

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from backoffice.acces.roles import Role
from backoffice.demandes.models import Demande, EtatDemande
from tests.demandes.factories import DemandeFactory
from tests.factories import UserFactory, affecter, siao_de

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _cache_vide():
    cache.clear()  # the "already reminded today" markers
    yield
    cache.clear()


@pytest.fixture
def siao75(db):
    user = UserFactory(username="siao75@example.gouv.fr")
    affecter(user, Role.SIAO, siao=siao_de("75"))
    return user


def en_attente(jours, **kwargs):
    demande = DemandeFactory(**kwargs)
    Demande.objects.filter(pk=demande.pk).update(
        etat_depuis=timezone.now() - datetime.timedelta(days=jours)
    )
    return demande


@pytest.fixture
def attentes():
    return {
        "siao44_vieille": en_attente(10),
        "siao44_recente": en_attente(2),
        "ddets44_vieille": en_attente(9, etat=EtatDemande.PRE_VALIDEE),
        "a_completer": en_attente(30, etat=EtatDemande.A_COMPLETER),  # the requester's step
        "validee": en_attente(30, etat=EtatDemande.VALIDEE),
        "siao75_vieille": en_attente(8, departement_id="75"),
    }


def relancer(*args):
    sortie = io.StringIO()
    call_command("relancer_demandes", *args, stdout=sortie)
    return sortie.getvalue()


def par_destinataire():
    resultat = {}
    for message in mail.outbox:
        (destinataire,) = message.to
        assert destinataire not in resultat, f"deux courriels pour {destinataire}"
        resultat[destinataire] = message
    return resultat


def test_chacun_recoit_les_demandes_de_son_etape_dans_son_perimetre(
    national, siao44, ddets44, ddets75, lecteur44, siao75, attentes
):
    sortie = relancer()
    courriels = par_destinataire()
    # The national backup, the reader and a DDETS with nothing idle get nothing.
    assert set(courriels) == {siao44.email, ddets44.email, siao75.email}

    corps = courriels[siao44.email].body
    assert attentes["siao44_vieille"].numero in corps
    for autre in ("siao44_recente", "ddets44_vieille", "a_completer", "validee", "siao75_vieille"):
        assert attentes[autre].numero not in corps, autre
    assert "À pré-valider" in corps
    assert f"/admin/demandes/inspect/{attentes['siao44_vieille'].pk}/" in corps
    assert courriels[siao44.email].subject == "Demandes en attente depuis plus de 7 jours : 1"

    corps = courriels[ddets44.email].body
    assert attentes["ddets44_vieille"].numero in corps
    assert attentes["siao44_vieille"].numero not in corps
    assert "À valider" in corps

    assert attentes["siao75_vieille"].numero in courriels[siao75.email].body
    assert "3 courriels envoyés, 3 demandes signalées" in sortie


def test_delai_en_option_et_une_fois_par_jour(siao44, attentes):
    relancer("--jours", "1")
    (courriel,) = mail.outbox
    assert attentes["siao44_recente"].numero in courriel.body
    assert attentes["siao44_vieille"].numero in courriel.body
    assert courriel.subject == "Demandes en attente depuis plus de 1 jours : 2"
    # Run again the same day: nothing new is sent.
    sortie = relancer("--jours", "1")
    assert len(mail.outbox) == 1
    assert "0 courriel envoyé" in sortie and "1 administrateur déjà relancé" in sortie
    relancer("--jours", "1", "--forcer")
    assert len(mail.outbox) == 2


def test_delai_par_reglage(siao44, attentes, settings):
    settings.DEMANDES_RELANCE_JOURS = 20
    sortie = relancer()
    assert mail.outbox == []
    assert "plus de 20 jours : 0 courriel envoyé" in sortie


def test_comptes_inactifs_ou_sans_adresse_ignores(siao44, attentes):
    siao44.is_active = False
    siao44.save()
    sans_adresse = UserFactory(username="sans-adresse", email="")
    affecter(sans_adresse, Role.SIAO, siao=siao_de("44"))
    relancer()
    assert mail.outbox == []

"""Who sees a request once its dispositif has changed entité: the new entité's gestionnaires and
the entité that filed it (it follows its own request to the end), not a third entité; the
département's administrations still do (docs/decisions.md, « Demandes : qui les voit »)."""

import pytest
from django.urls import reverse

from backoffice.acces import perimetres
from backoffice.acces.roles import Role
from backoffice.demandes.models import Demande, PieceJointe
from tests.demandes.factories import DemandeFactory, piece_jointe
from tests.factories import EntiteFactory, UserFactory, affecter

pytestmark = pytest.mark.django_db


def _gestionnaire(nom, entite):
    user = UserFactory(username=f"{nom}@example.org")
    affecter(user, Role.GESTIONNAIRE, entite=entite)
    return user


def _voit(user, demande):
    perimetre = perimetres.perimetre_pour(user, "demandes.demande", "view")
    par_requete = perimetres.filtrer(Demande.objects.all(), perimetre).filter(pk=demande.pk)
    # The Python answer and the query agree (tests/acces/test_declarations.py says why).
    assert perimetres.contient(perimetre, demande) == par_requete.exists()
    return par_requete.exists()


@pytest.fixture
def demande_cedee(ddets44):
    """A modification request filed by the old entité's gestionnaire, then the dispositif is
    taken over by another entité."""
    demande = DemandeFactory(modification=True, departement_id="44")
    ancienne = demande.entite
    ancien = _gestionnaire("ancien", ancienne)
    demande.compte_demandeur = ancien
    demande.save()
    nouvelle = EntiteFactory()
    dispositif = demande.dispositif
    dispositif.entite = nouvelle
    dispositif.save()
    demande.refresh_from_db()
    return demande, ancien, _gestionnaire("nouveau", nouvelle)


def test_la_nouvelle_entite_et_celle_qui_l_a_deposee_voient_la_demande(demande_cedee, ddets44):
    demande, ancien, nouveau = demande_cedee
    assert _voit(nouveau, demande)
    assert _voit(ancien, demande)
    assert not _voit(_gestionnaire("tiers", EntiteFactory()), demande)
    assert _voit(ddets44, demande)


def test_une_entite_tierce_ne_trouve_ni_la_page_ni_les_pieces(client, demande_cedee):
    demande, ancien, nouveau = demande_cedee
    piece = piece_jointe(demande, "x.pdf", b"%PDF")
    tiers = _gestionnaire("tiers", EntiteFactory())
    perimetre = perimetres.perimetre_pour(tiers, "demandes.piecejointe", "view")
    assert not perimetres.filtrer(PieceJointe.objects.all(), perimetre).exists()
    client.force_login(tiers)
    assert client.get(reverse("demande:inspect", args=[demande.pk])).status_code == 404
    assert client.get(reverse("demande:piece", args=[piece.pk])).status_code == 404
    for compte in (ancien, nouveau):
        client.force_login(compte)
        assert client.get(reverse("demande:inspect", args=[demande.pk])).status_code == 200


def test_une_creation_sans_dispositif_reste_visible_de_son_entite():
    entite = EntiteFactory()
    demande = DemandeFactory(entite=entite, nouvelle_entite={})
    assert _voit(_gestionnaire("porteur", entite), demande)
    assert not _voit(_gestionnaire("autre", EntiteFactory()), demande)

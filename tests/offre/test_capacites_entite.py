"""An entité's page sums the capacities of its dispositifs by the offer's one definition: a type
outside the authorisation regime has no authorised capacity (docs/pilotage.md), even when an old
row still carries places autorisées (recorded before the rule, or its type left the regime)."""

import pytest
from django.urls import reverse

from backoffice.offre.models import Dispositif, TypeDispositif
from tests.factories import DispositifFactory, EntiteFactory

pytestmark = pytest.mark.django_db


def test_la_fiche_entite_ne_compte_pas_les_places_autorisees_d_un_type_hors_regime(client, ddets44):
    entite = EntiteFactory()
    cada = DispositifFactory(entite=entite, places_autorisees=80)
    huda = DispositifFactory(
        entite=entite,
        type=TypeDispositif.objects.get(code="HUDA"),
        places_autorisees=None,
        nom="HUDA ancien",
    )
    assert not huda.type.sous_autorisation and cada.type.sous_autorisation
    # A legacy row: the model's validation refuses it today, the table still holds it.
    Dispositif.objects.filter(pk=huda.pk).update(places_autorisees=30)

    client.force_login(ddets44)
    reponse = client.get(reverse("entite:inspect", args=[entite.pk]))

    assert reponse.context["totaux"]["autorisees"] == 80
    assert 'data-total="autorisees">80<' in reponse.content.decode()
    ligne = next(d for d in reponse.context["dispositifs"] if d.pk == huda.pk)
    assert ligne.capacite_autorisee is None


def test_la_capacite_autorisee_est_celle_du_dispositif_sous_regime():
    cada = DispositifFactory(places_autorisees=80)
    assert cada.capacite_autorisee == 80

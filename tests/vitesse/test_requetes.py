"""Query counts of screens the demo walk (benchmarks/parcours.py) found growing with the rows."""

import pytest
from django.urls import reverse

from backoffice.offre.models import Nature, TypeDispositif
from tests.acces.outils import comparer_requetes, mesurer_requetes

pytestmark = pytest.mark.django_db

N = 3


def _types(nature, nombre):
    debut = TypeDispositif.objects.filter(nature=nature).count()
    for i in range(debut, debut + nombre):
        TypeDispositif.objects.create(code=f"ESSAI_{i}", nature=nature, libelle=f"Essai {i}")


@pytest.mark.parametrize("utilisateur", ["national", "ddets44"])
def test_liste_des_types_de_dispositif_sans_n_plus_1(request, client, utilisateur):
    """Each row shows its nature: read with the row, not one query per row."""
    client.force_login(request.getfixturevalue(utilisateur))
    nature = Nature.objects.create(code="ESSAI", libelle="Nature d'essai", ordre=99)
    url, params = reverse("typedispositif:index"), {"nature": nature.code}
    _types(nature, N)
    mesurer_requetes(client, url, params)  # warm-up
    petit, n_petit = mesurer_requetes(client, url, params)
    _types(nature, 3 * N)
    grand, n_grand = mesurer_requetes(client, url, params)
    assert (n_petit, n_grand) == (N, 4 * N)
    comparer_requetes(petit, grand, n_petit, n_grand)

"""The account page: times are Europe/Paris for everyone, so no time-zone list to build."""

import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_page_compte_sans_liste_de_fuseaux_horaires(client, ddets44):
    client.force_login(ddets44)
    reponse = client.get(reverse("wagtailadmin_account"))
    assert reponse.status_code == 200
    assert b"current_time_zone" not in reponse.content
    assert b"Europe/Berlin" not in reponse.content

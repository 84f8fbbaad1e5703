"""Idle sessions end after 30 minutes without a database write on every page view.

The session's expiry is pushed back when its last extension is older than
SESSION_PROLONGATION_SECONDES (a minute), not on every request: one write per minute and per
person instead of one per page (each one a transaction, and on SQLite the only writer at a time).
"""

import time

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from backoffice.acces.roles import Role
from tests.factories import UserFactory, affecter

pytestmark = pytest.mark.django_db

PAGE = "programme:index"  # a small admin page


@pytest.fixture
def agent_connecte(client):
    user = UserFactory(username="agent44@example.gouv.fr")
    affecter(user, Role.DEPARTEMENTAL, departements=["44"])
    client.force_login(user)
    return client


def _ecritures(client, url):
    with CaptureQueriesContext(connection) as capture:
        reponse = client.get(url)
    assert reponse.status_code == 200
    return [
        q["sql"]
        for q in capture.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ], reponse


def test_page_vue_sans_ecriture_de_la_session(agent_connecte):
    url = reverse(PAGE)
    _ecritures(agent_connecte, url)  # warm-up: the first view extends the new session
    ecritures, reponse = _ecritures(agent_connecte, url)
    assert ecritures == []
    assert settings.SESSION_COOKIE_NAME not in reponse.cookies


def test_session_prolongee_apres_une_minute(agent_connecte):
    from backoffice.acces.middleware import SessionGlissanteMiddleware

    url = reverse(PAGE)
    _ecritures(agent_connecte, url)
    session = agent_connecte.session
    session[SessionGlissanteMiddleware.CLE] = int(time.time()) - 61
    session.save()
    ecritures, reponse = _ecritures(agent_connecte, url)
    assert len(ecritures) == 1 and "django_session" in ecritures[0]
    assert settings.SESSION_COOKIE_NAME in reponse.cookies
    assert agent_connecte.session.get_expiry_age() == settings.SESSION_COOKIE_AGE
    # Then quiet again for a minute.
    assert _ecritures(agent_connecte, url)[0] == []


def test_sans_session_rien_n_est_cree(client):
    reponse = client.get(reverse("wagtailadmin_login"))
    assert reponse.status_code == 200
    assert settings.SESSION_COOKIE_NAME not in reponse.cookies

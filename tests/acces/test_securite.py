"""Security settings: login throttling, 30-minute idle sessions, password rules, CSRF."""

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.password_validation import validate_password
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from backoffice.acces.roles import Role
from tests.factories import UserFactory, affecter

pytestmark = pytest.mark.django_db

MOT_DE_PASSE = "mot-de-passe-de-test-1"


@pytest.fixture(autouse=True)
def cache_vide():
    # Throttling counters live in the cache (locmem in tests): never leak them across tests.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def agent(db):
    user = UserFactory(username="agent@example.gouv.fr")
    affecter(user, Role.DEPARTEMENTAL, departements=["44"])
    return user


def _connexion(client, username, password, ip="10.0.0.1"):
    return client.post(
        reverse("wagtailadmin_login"),
        {"username": username, "password": password},
        REMOTE_ADDR=ip,
    )


def _connecte(client):
    return SESSION_KEY in client.session


def test_blocage_apres_trop_d_echecs(client, agent):
    limite = settings.LOGIN_THROTTLE_MAX_ATTEMPTS
    assert limite >= 2
    for _ in range(limite):
        response = _connexion(client, agent.username, "mauvais-mot-de-passe")
        assert response.status_code == 200  # the form again, with its error
        assert not _connecte(client)
    response = _connexion(client, agent.username, MOT_DE_PASSE)
    assert response.status_code == 429
    assert "Trop de tentatives de connexion" in response.content.decode()
    assert not _connecte(client)


def test_pas_de_blocage_sous_la_limite(client, agent):
    for _ in range(settings.LOGIN_THROTTLE_MAX_ATTEMPTS - 1):
        _connexion(client, agent.username, "mauvais-mot-de-passe")
    response = _connexion(client, agent.username, MOT_DE_PASSE)
    assert response.status_code == 302
    assert _connecte(client)


def test_blocage_par_adresse_ip_tous_comptes_confondus(client, agent):
    for n in range(settings.LOGIN_THROTTLE_MAX_ATTEMPTS):
        _connexion(client, f"inconnu{n}@example.org", "x", ip="10.9.9.9")
    assert _connexion(client, agent.username, MOT_DE_PASSE, ip="10.9.9.9").status_code == 429
    # Another address is not blocked for this account.
    assert _connexion(client, agent.username, MOT_DE_PASSE, ip="10.1.1.1").status_code == 302


def test_blocage_par_compte_toutes_adresses_confondues(client, agent):
    for n in range(settings.LOGIN_THROTTLE_MAX_ATTEMPTS):
        _connexion(client, agent.username, "x", ip=f"10.0.1.{n}")
    assert _connexion(client, agent.username, MOT_DE_PASSE, ip="10.0.2.1").status_code == 429


def test_une_connexion_reussie_remet_le_compteur_du_compte_a_zero(client, agent):
    """Failures before a success no longer count: limit-1 failures, a success, limit-1
    failures again, and the right password still works. (Addresses vary so that only the
    account's counter is at stake.)"""
    limite = settings.LOGIN_THROTTLE_MAX_ATTEMPTS
    for _ in range(limite - 1):
        _connexion(client, agent.username, "x", ip="10.0.3.1")
    assert _connexion(client, agent.username, MOT_DE_PASSE, ip="10.0.3.1").status_code == 302
    client.logout()
    for _ in range(limite - 1):
        _connexion(client, agent.username, "x", ip="10.0.3.2")
    response = _connexion(client, agent.username, MOT_DE_PASSE, ip="10.0.3.3")
    assert response.status_code == 302
    assert _connecte(client)


def test_session_de_30_minutes_renouvelee_par_l_activite(client, agent):
    assert settings.SESSION_COOKIE_AGE == 1800
    assert _connexion(client, agent.username, MOT_DE_PASSE).status_code == 302
    assert client.session.get_expiry_age() == 1800
    # Activity pushes the expiry back, at most once a minute (tests/vitesse/test_session.py).
    assert settings.SESSION_PROLONGATION_SECONDES == 60


@pytest.mark.parametrize("mot_de_passe", ["court", "abc12345678", "123456789012", "motdepasse"])
def test_mots_de_passe_faibles_refuses(agent, mot_de_passe):
    with pytest.raises(ValidationError):
        validate_password(mot_de_passe, user=agent)


def test_mot_de_passe_trop_court_message_francais(agent):
    with pytest.raises(ValidationError) as exc:
        validate_password("Ab1-xyz", user=agent)
    assert any("12 caractères" in message for message in exc.value.messages), exc.value.messages


def test_mot_de_passe_robuste_accepte(agent):
    validate_password("Hébergement-Loire-2025!", user=agent)


def test_csrf_exige_sur_la_connexion(agent):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        reverse("wagtailadmin_login"), {"username": agent.username, "password": MOT_DE_PASSE}
    )
    assert response.status_code == 403
    assert SESSION_KEY not in client.session

    # Control: with the token from the form, the same login succeeds.
    client.get(reverse("wagtailadmin_login"))
    jeton = client.cookies[settings.CSRF_COOKIE_NAME].value
    response = client.post(
        reverse("wagtailadmin_login"),
        {"username": agent.username, "password": MOT_DE_PASSE, "csrfmiddlewaretoken": jeton},
    )
    assert response.status_code == 302

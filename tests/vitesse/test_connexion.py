"""Login cost: the password hasher of every environment but the tests'.

Argon2id with OWASP's parameters (19 MiB, 2 passes, 1 lane) instead of PBKDF2 at 1,000,000
iterations (docs/decisions.md, « Temps de réponse »). Passwords hashed before the change still
verify and are rehashed at the next login. Query counts only, never times.
"""

import pytest
from django.conf import global_settings
from django.contrib.auth.hashers import make_password
from django.urls import reverse

from backoffice.acces.roles import Role
from backoffice.settings import base
from tests.factories import UserFactory, affecter

MOT_DE_PASSE = "un-mot-de-passe-solide-2026"
ARGON2ID_OWASP = "argon2$argon2id$v=19$m=19456,t=2,p=1$"


@pytest.fixture
def hacheurs_reels(settings):
    """The hashers of base.py (the test settings use a fast one)."""
    settings.PASSWORD_HASHERS = getattr(base, "PASSWORD_HASHERS", global_settings.PASSWORD_HASHERS)


@pytest.fixture
def agent(db):
    user = UserFactory(username="agent44@example.gouv.fr")
    affecter(user, Role.DEPARTEMENTAL, departements=["44"])
    return user


def test_nouveau_mot_de_passe_en_argon2id(hacheurs_reels, agent):
    agent.set_password(MOT_DE_PASSE)
    assert agent.password.startswith(ARGON2ID_OWASP)


def test_ancien_hachage_pbkdf2_accepte_puis_remplace(client, hacheurs_reels, agent):
    agent.password = make_password(MOT_DE_PASSE, hasher="pbkdf2_sha256")
    agent.save(update_fields=["password"])
    reponse = client.post(
        reverse("wagtailadmin_login"), {"username": agent.username, "password": MOT_DE_PASSE}
    )
    assert reponse.status_code == 302
    agent.refresh_from_db()
    assert agent.password.startswith(ARGON2ID_OWASP)
    assert agent.check_password(MOT_DE_PASSE)

import pytest

from backoffice.acces.roles import Role
from tests.factories import UserFactory, affecter


@pytest.fixture
def regional11(db):
    user = UserFactory(username="dreets11@example.gouv.fr")
    affecter(user, Role.REGIONAL, region="11")
    return user


@pytest.fixture
def media_temporaire(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path

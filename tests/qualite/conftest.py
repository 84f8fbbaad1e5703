import contextlib

import pytest
from django.db import connection

from backoffice.qualite import signaux


@pytest.fixture
def media_temporaire(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def apres_commit(django_capture_on_commit_callbacks):
    """`with apres_commit():` runs, as a commit would, the callbacks registered inside the
    block. A test transaction never commits: the batch left pending by the test's own setup
    is forgotten first, so that the changes made inside the block register their own."""

    @contextlib.contextmanager
    def capturer():
        setattr(connection, signaux.ATTRIBUT_LOT, None)
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            yield callbacks

    return capturer

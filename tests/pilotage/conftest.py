import datetime

import pytest
from django.utils import timezone

from tests.pilotage.horloge import PARIS, Horloge


@pytest.fixture
def horloge(monkeypatch):
    """Frozen on 1 September 2025, 10:00 Paris, until moved (`horloge.aller_au(jour)`)."""
    montre = Horloge(datetime.datetime(2025, 9, 1, 10, tzinfo=PARIS))
    monkeypatch.setattr(timezone, "now", montre)
    return montre


@pytest.fixture
def media_temporaire(settings, tmp_path):
    """Signed copies of conventions and avenants are written here, not in the project."""
    settings.MEDIA_ROOT = tmp_path / "media"

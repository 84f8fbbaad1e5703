"""Public pages: each test gets its own media and temporary-upload folders and an empty cache
(the per-IP counters of the rate limit live there)."""

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _dossiers_et_cache(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DEMANDE_DOSSIER_TEMPORAIRE = tmp_path / "temporaire"
    cache.clear()
    yield
    cache.clear()

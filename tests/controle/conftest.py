import pytest


@pytest.fixture(autouse=True)
def media_temporaire(settings, tmp_path):
    """Reports and answers are stored files: each test writes them in its own folder."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path

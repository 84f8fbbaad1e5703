"""Helpers of the evaluations tests: authorised dispositifs with known dates, their cycle."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from backoffice.evaluations.cycle import synchroniser
from backoffice.evaluations.models import Evaluation
from backoffice.offre.models import Dispositif, TypeDispositif
from tests.factories import DispositifFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(nom="rapport.pdf", contenu=PDF):
    return SimpleUploadedFile(nom, contenu, content_type="application/pdf")


def type_(code):
    return TypeDispositif.objects.get(code=code)


def essms(**champs):
    """A CADA (authorised) with an authorisation date, and its cycle's rows."""
    champs.setdefault("date_autorisation", datetime.date(2012, 3, 15))
    dispositif = DispositifFactory(**champs)
    synchroniser(Dispositif.objects.filter(pk=dispositif.pk))
    return dispositif


def evaluations_de(dispositif):
    return list(Evaluation.objects.filter(dispositif=dispositif).order_by("rang"))


@pytest.fixture
def media_temporaire(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"

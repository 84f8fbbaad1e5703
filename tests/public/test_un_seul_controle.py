"""The public pages check files with the documents' one checker (backoffice/documents/depot.py):
no path is looser than another, the stricter bound wins."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from backoffice.public.uploads import verifier_fichier

PDF = b"%PDF-1.4\n" + b"0" * 40 + b"\n%%EOF\n"


def test_la_borne_des_documents_vaut_aussi_pour_le_formulaire_public(settings):
    settings.DEMANDE_TAILLE_MAX_FICHIER = 10 * 1024 * 1024
    settings.DOCUMENTS_TAILLE_MAX = 20
    with pytest.raises(ValidationError, match="taille maximale de 20"):
        verifier_fichier(SimpleUploadedFile("budget.pdf", PDF))


def test_la_borne_du_formulaire_public_reste_la_sienne_quand_elle_est_plus_stricte(settings):
    settings.DEMANDE_TAILLE_MAX_FICHIER = 20
    settings.DOCUMENTS_TAILLE_MAX = 10 * 1024 * 1024
    with pytest.raises(ValidationError, match="taille maximale de 20"):
        verifier_fichier(SimpleUploadedFile("budget.pdf", PDF))

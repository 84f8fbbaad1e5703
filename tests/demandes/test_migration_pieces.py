"""The migration that gives request attachments the documents' shape keeps every file."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from backoffice.demandes.models import PieceJointe
from tests.demandes.factories import DemandeFactory

AVANT = [("demandes", "0002_recherche_normalisee")]
APRES = [("demandes", "0004_pieces_jointes_sans_anciennes_colonnes")]
PDF = b"%PDF-1.4\n%%EOF\n"


def migrer(cible):
    executor = MigrationExecutor(connection)
    executor.migrate(cible)
    return MigrationExecutor(connection).loader.project_state(cible).apps


# serialized_rollback: the flush after a transactional test would otherwise recreate the content
# types under new ids, and the next test that restores the serialized database would collide.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_une_piece_existante_garde_son_fichier_dans_un_document(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    demande = DemandeFactory()
    try:
        anciennes = migrer(AVANT)
        chemin = default_storage.save("demandes/2026/01/9f3a.pdf", ContentFile(PDF))
        anciennes.get_model("demandes", "PieceJointe").objects.create(
            demande_id=demande.pk,
            fichier=chemin,
            nom="Budget prévisionnel.pdf",
            type_mime="application/pdf",
            taille=len(PDF),
            deposee_par_demandeur=False,
        )

        migrer(APRES)
        piece = PieceJointe.objects.get()
        assert piece.demande_id == demande.pk
        assert piece.fichier.name == chemin  # the file was not moved
        assert piece.fichier.read() == PDF
        assert (piece.nom, piece.nom_fichier) == ("Budget prévisionnel.pdf",) * 2
        assert (piece.type_mime, piece.taille) == ("application/pdf", len(PDF))
        assert piece.document.title == "Budget prévisionnel.pdf"
        assert piece.deposee_par_demandeur is False and piece.ajoute_par is None

        # And back: the row finds its file again.
        anciennes = migrer(AVANT)
        ancienne = anciennes.get_model("demandes", "PieceJointe").objects.get()
        assert (ancienne.fichier.name, ancienne.taille) == (chemin, len(PDF))
    finally:
        migrer(MigrationExecutor(connection).loader.graph.leaf_nodes("demandes"))

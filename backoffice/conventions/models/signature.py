"""The signed copy a signature records (conventions and avenants)."""

from django.core.exceptions import ValidationError

from backoffice.documents.depot import enregistrer_document

from .choix import NatureDocument
from .documents import DocumentConvention

# ---------------------------------------------------------------------------------------------
# Signature (conventions and avenants)
# ---------------------------------------------------------------------------------------------


def _exiger_signature(date_signature, fichier, aujourdhui, de_quoi):
    if not date_signature:
        raise ValidationError("Indiquez la date de signature.")
    if date_signature > aujourdhui:
        raise ValidationError("La date de signature ne peut pas être dans le futur.")
    if fichier is None:
        raise ValidationError(f"Joignez la copie signée {de_quoi}.")


def _joindre_copie_signee(fichier, titre, acteur, **liens):
    """Store the signed copy and link it (`liens`: the convention, and the avenant if any)."""
    document = enregistrer_document(
        fichier, titre=titre, nom_collection="Conventions", acteur=acteur
    )
    DocumentConvention.objects.create(
        **liens,
        nature=NatureDocument.COPIE_SIGNEE,
        document=document,
        ajoute_par=acteur if getattr(acteur, "is_authenticated", False) else None,
    )

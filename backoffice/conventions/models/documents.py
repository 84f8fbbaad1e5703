"""Documents of a convention and its avenants (the shape: backoffice/documents/)."""

from django.db import models

from backoffice.documents.modeles import DocumentRattache

from .choix import NatureDocument

# ---------------------------------------------------------------------------------------------
# Documents
# ---------------------------------------------------------------------------------------------


class DocumentConvention(DocumentRattache):
    PERIMETRE_PAR = "convention"

    convention = models.ForeignKey(
        "conventions.Convention",
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name="convention",
    )
    avenant = models.ForeignKey(
        "conventions.Avenant",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name="avenant",
    )
    nature = models.CharField("nature", max_length=20, choices=NatureDocument.choices)

    class Meta(DocumentRattache.Meta):
        verbose_name = "document de convention"
        verbose_name_plural = "documents de convention"

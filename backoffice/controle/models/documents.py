"""Documents of a control (the shape: backoffice/documents/): the reports, the entité's answer,
a mise en demeure (attached to its measure too), the pieces examined."""

from django.db import models

from backoffice.documents.depot import enregistrer_document
from backoffice.documents.modeles import DocumentRattache
from backoffice.grammaire import MASCULIN
from workflows.acteurs import est_compte

from ..choix import NatureDocument

COLLECTION = "Contrôles"


class DocumentControle(DocumentRattache):
    PERIMETRE_PAR = "controle"

    controle = models.ForeignKey(
        "controle.Controle",
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name="contrôle",
    )
    mesure = models.ForeignKey(
        "controle.Mesure",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name="mesure",
    )
    nature = models.CharField("nature", max_length=30, choices=NatureDocument.choices)

    genre_grammatical = MASCULIN

    class Meta(DocumentRattache.Meta):
        verbose_name = "document de contrôle"
        verbose_name_plural = "documents de contrôle"


def joindre_document(controle, fichier, nature, acteur, *, titre="", mesure=None):
    """Store an upload (the documents' one checker) and attach it to the control (and to one of
    its measures)."""
    document = enregistrer_document(
        fichier,
        titre=titre or f"{controle.reference} – {NatureDocument(nature).label}",
        nom_collection=COLLECTION,
        acteur=acteur,
    )
    return DocumentControle.objects.create(
        controle=controle,
        mesure=mesure,
        nature=nature,
        document=document,
        ajoute_par=acteur if est_compte(acteur) else None,
    )

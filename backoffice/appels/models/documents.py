"""Documents of a call (specifications, notice…) and of a candidature (file, budget…): the
site's one attached-document shape (backoffice/documents), read by those who may view the call
or the candidature (registered in apps.py)."""

from django.db import models

from backoffice.documents.modeles import DocumentRattache

from .appel import AppelAProjets
from .candidature import Candidature


class NatureDocumentAppel(models.TextChoices):
    CAHIER_DES_CHARGES = "cahier_des_charges", "Cahier des charges"
    AVIS = "avis", "Avis d'appel à projets"
    ANNEXE = "annexe", "Annexe"
    AUTRE = "autre", "Autre"


class NatureDocumentCandidature(models.TextChoices):
    DOSSIER = "dossier", "Dossier de candidature"
    BUDGET = "budget", "Budget prévisionnel"
    ANNEXE = "annexe", "Annexe"
    AUTRE = "autre", "Autre"


class DocumentAppel(DocumentRattache):
    PERIMETRE_PAR = "appel"

    appel = models.ForeignKey(
        AppelAProjets, on_delete=models.CASCADE, related_name="documents", verbose_name="appel"
    )
    nature = models.CharField("nature", max_length=30, choices=NatureDocumentAppel.choices)

    class Meta(DocumentRattache.Meta):
        verbose_name = "document d'appel à projets"
        verbose_name_plural = "documents d'appel à projets"


class DocumentCandidature(DocumentRattache):
    PERIMETRE_PAR = "candidature"

    candidature = models.ForeignKey(
        Candidature, on_delete=models.CASCADE, related_name="documents", verbose_name="candidature"
    )
    nature = models.CharField("nature", max_length=30, choices=NatureDocumentCandidature.choices)

    class Meta(DocumentRattache.Meta):
        verbose_name = "document de candidature"
        verbose_name_plural = "documents de candidature"

"""Documents of a call (specifications, notice…) and of a candidature (file, budget…): Wagtail
documents linked to their object, downloaded by those who may view the object (apps.py)."""

from django.conf import settings
from django.db import models
from wagtail.documents import get_document_model_string

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


class DocumentAppel(models.Model):
    PERIMETRE_PAR = "appel"

    appel = models.ForeignKey(
        AppelAProjets, on_delete=models.CASCADE, related_name="documents", verbose_name="appel"
    )
    nature = models.CharField("nature", max_length=30, choices=NatureDocumentAppel.choices)
    document = models.ForeignKey(
        get_document_model_string(), on_delete=models.CASCADE, related_name="+"
    )
    ajoute_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    ajoute_le = models.DateTimeField("ajouté le", auto_now_add=True)

    class Meta:
        verbose_name = "document d'appel à projets"
        verbose_name_plural = "documents d'appel à projets"
        ordering = ["ajoute_le"]

    def __str__(self):
        return f"{self.get_nature_display()} – {self.document.title}"


class DocumentCandidature(models.Model):
    PERIMETRE_PAR = "candidature"

    candidature = models.ForeignKey(
        Candidature, on_delete=models.CASCADE, related_name="documents", verbose_name="candidature"
    )
    nature = models.CharField("nature", max_length=30, choices=NatureDocumentCandidature.choices)
    document = models.ForeignKey(
        get_document_model_string(), on_delete=models.CASCADE, related_name="+"
    )
    ajoute_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    ajoute_le = models.DateTimeField("ajouté le", auto_now_add=True)

    class Meta:
        verbose_name = "document de candidature"
        verbose_name_plural = "documents de candidature"
        ordering = ["ajoute_le"]

    def __str__(self):
        return f"{self.get_nature_display()} – {self.document.title}"

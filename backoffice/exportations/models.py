"""An export job: who asked, which listing with which filters, how far the task went, the file."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone


class EtatExport(models.TextChoices):
    EN_ATTENTE = "en_attente", "En attente"
    EN_COURS = "en_cours", "En cours"
    TERMINE = "termine", "Terminé"
    ECHEC = "echec", "Échec"


FORMATS = {"csv": "CSV", "xlsx": "Excel (XLSX)"}


def duree_de_conservation():
    return datetime.timedelta(days=settings.EXPORTS_CONSERVATION_JOURS)


class ExportDiffereQuerySet(models.QuerySet):
    def du_demandeur(self, user):
        """The only way a job is reached from a request: the user's own, nobody else's."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(demandeur=user)

    def expires(self, maintenant=None):
        return self.filter(cree_le__lt=(maintenant or timezone.now()) - duree_de_conservation())


class ExportDiffere(models.Model):
    demandeur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="exports_differes",
        verbose_name="demandeur",
    )
    liste = models.CharField("liste", max_length=100, help_text="Nom d'URL de la liste exportée.")
    titre = models.CharField("titre de la liste", max_length=200)
    nom_fichier = models.CharField("nom du fichier", max_length=100, blank=True)
    parametres = models.TextField("filtres (chaîne de requête)", blank=True)
    format = models.CharField("format", max_length=4, choices=list(FORMATS.items()))
    etat = models.CharField(
        "état", max_length=12, choices=EtatExport.choices, default=EtatExport.EN_ATTENTE
    )
    progression = models.PositiveSmallIntegerField("avancement (%)", default=0)
    lignes = models.PositiveIntegerField("lignes écrites", default=0)
    total = models.PositiveIntegerField("lignes à écrire", default=0)
    fichier = models.FileField("fichier", upload_to="exports/%Y/%m/", max_length=255, blank=True)
    erreur = models.TextField("message d'erreur", blank=True)
    cree_le = models.DateTimeField("demandé le", default=timezone.now, db_index=True)
    termine_le = models.DateTimeField("terminé le", null=True, blank=True)

    objects = ExportDiffereQuerySet.as_manager()

    # No screen lists other people's jobs: a job is reached only as one's own (`du_demandeur`);
    # through the perimeter mechanism, national rows only.
    PERIMETRE_NATIONAL = True

    class Meta:
        verbose_name = "export en arrière-plan"
        verbose_name_plural = "exports en arrière-plan"
        ordering = ["-cree_le", "-pk"]

    def __str__(self):
        return f"Export n° {self.pk} – {self.titre}"

    @property
    def en_cours(self):
        return self.etat in {EtatExport.EN_ATTENTE, EtatExport.EN_COURS}

    @property
    def telechargeable(self):
        return self.etat == EtatExport.TERMINE and bool(self.fichier)

    @property
    def expire_le(self):
        return self.cree_le + duree_de_conservation()

    @property
    def nom_telechargement(self):
        return f"{self.nom_fichier or 'export'}.{self.format}"

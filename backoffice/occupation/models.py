"""Monthly occupancy of a dispositif, as the OFII's DN@ extract gives it (docs/occupation.md).

One row per dispositif and month (the first day of the month stands for it). The DN@ is the
system of record for occupancy: these rows are never typed in, only imported (imports/occupation)
and replaced by a later import of the same month; each keeps the import that brought it, so
every figure leads back to its file.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from backoffice import bornes
from backoffice.grammaire import FEMININ

CHAMPS_NOMBRES = (
    "places_en_service",
    "places_occupees",
    "presence_indue_refugies",
    "presence_indue_deboutes",
    "places_vacantes",
    "places_indisponibles",
)


def premier_du_mois(date):
    return datetime.date(date.year, date.month, 1)


class Occupation(models.Model):
    PERIMETRE_PAR = "dispositif"

    dispositif = models.ForeignKey(
        "offre.Dispositif",
        on_delete=models.CASCADE,
        related_name="occupations",
        verbose_name="dispositif",
    )
    mois = models.DateField("mois", help_text="Le premier jour du mois.")
    places_en_service = models.PositiveIntegerField(
        "places en service", validators=bornes.PLACES.validateurs
    )
    places_occupees = models.PositiveIntegerField(
        "places occupées", validators=bornes.PLACES.validateurs
    )
    presence_indue_refugies = models.PositiveIntegerField(
        "dont présence indue (réfugiés)", default=0, validators=bornes.PLACES.validateurs
    )
    presence_indue_deboutes = models.PositiveIntegerField(
        "dont présence indue (déboutés)", default=0, validators=bornes.PLACES.validateurs
    )
    places_vacantes = models.PositiveIntegerField(
        "places vacantes", default=0, validators=bornes.PLACES.validateurs
    )
    places_indisponibles = models.PositiveIntegerField(
        "places indisponibles", default=0, validators=bornes.PLACES.validateurs
    )
    import_source = models.ForeignKey(
        "imports.ImportTemps1",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="occupations",
        verbose_name="import d'origine",
    )
    importe_le = models.DateTimeField("importé le", auto_now=True)

    genre_grammatical = FEMININ

    class Meta:
        verbose_name = "occupation mensuelle"
        verbose_name_plural = "occupations mensuelles"
        ordering = ["-mois", "dispositif__code"]
        constraints = [
            models.UniqueConstraint(fields=["dispositif", "mois"], name="occupation_unique_mois"),
            models.CheckConstraint(
                condition=Q(places_occupees__lte=F("places_en_service")),
                name="occupation_occupees_inferieures_en_service",
            ),
            models.CheckConstraint(
                condition=Q(
                    places_occupees__gte=F("presence_indue_refugies") + F("presence_indue_deboutes")
                ),
                name="occupation_presence_indue_incluse",
            ),
        ]
        indexes = [models.Index(fields=["mois", "dispositif"], name="occupation_mois_idx")]

    def __str__(self):
        return f"{self.dispositif} – {self.mois:%m/%Y}"

    def clean(self):
        """The rules a row must meet, whatever brings it (the import's Resource calls this)."""
        erreurs = {}
        if self.mois and self.mois.day != 1:
            self.mois = premier_du_mois(self.mois)
        en_service, occupees = self.places_en_service, self.places_occupees
        if en_service is not None and occupees is not None and occupees > en_service:
            erreurs["places_occupees"] = (
                f"Plus de places occupées ({occupees}) que de places en service ({en_service})."
            )
        indues = (self.presence_indue_refugies or 0) + (self.presence_indue_deboutes or 0)
        if occupees is not None and indues > occupees:
            erreurs["presence_indue_deboutes"] = (
                f"La présence indue ({indues} personnes) dépasse les places occupées ({occupees})."
            )
        if erreurs:
            raise ValidationError(erreurs)

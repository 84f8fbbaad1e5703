"""The five-yearly evaluation of an authorised ESSMS (CASF L312-8, décret 2021-1476).

Every établissement or service under the authorisation regime (CADA, CPH, CHRS…: the types whose
`regime` is « autorisation ») is evaluated every five years by a body accredited by the COFRAC,
on the HAS référentiel; the results weigh on the renewal of its fifteen-year authorisation.
An evaluation is not an inspection (backoffice/controle): the structure commissions it, the
DDETS receives its report.

One row per dispositif and rank: the rank-th evaluation falls due `rang × 5` years after the
authorisation date (the opening date when the authorisation date is unknown). The rows are
derived from the dispositif's dates by `cycle.synchroniser` (idempotent, run every night); a
person only records what was received: the evaluating body, the date, the report, the
conclusion. The state is derived from the dates (no state machine): à venir, échéance dans les
six mois, en retard, reçue.
"""

import calendar
import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from wagtail.documents import get_document_model_string

from backoffice.grammaire import FEMININ
from backoffice.offre.choices import RegimeJuridique

# The cycle: one evaluation every five years within a fifteen-year authorisation.
PERIODICITE_ANS = 5
DUREE_AUTORISATION_ANS = 15
# « Échéance dans les six mois »: the window before the due date.
FENETRE_MOIS = 6


def decaler(jour, annees=0, mois=0):
    """`jour` moved by whole years and months; the 29 February or the 31st of a shorter month
    falls on the last day of the month reached."""
    total = jour.year * 12 + (jour.month - 1) + annees * 12 + mois
    annee, mois_atteint = divmod(total, 12)
    mois_atteint += 1
    dernier = calendar.monthrange(annee, mois_atteint)[1]
    return datetime.date(annee, mois_atteint, min(jour.day, dernier))


def rang_ordinal(rang):
    """« 1re », « 2e », « 3e »…"""
    return "1re" if rang == 1 else f"{rang}e"


def date_reference(dispositif):
    """Where a dispositif's cycle starts: its authorisation date, else its opening date."""
    return dispositif.date_autorisation or dispositif.date_ouverture


def fin_autorisation(dispositif):
    """The end of a dispositif's authorisation: the recorded one, else the reference date
    + 15 years (None when neither date is known)."""
    if dispositif.date_fin_autorisation:
        return dispositif.date_fin_autorisation
    reference = date_reference(dispositif)
    return decaler(reference, annees=DUREE_AUTORISATION_ANS) if reference else None


class EtatEvaluation(models.TextChoices):
    A_VENIR = "a_venir", "À venir"
    A_ECHEANCE = "a_echeance", "Échéance dans les 6 mois"
    EN_RETARD = "en_retard", "En retard"
    RECUE = "recue", "Reçue"


class Relance(models.TextChoices):
    """The reminders, in the order they are sent (relances.py): six months before the due date,
    one month before, then once overdue."""

    SIX_MOIS = "6_mois", "Six mois avant l'échéance"
    UN_MOIS = "1_mois", "Un mois avant l'échéance"
    RETARD = "retard", "Échéance dépassée"


RANGS_RELANCE = {"": 0, Relance.SIX_MOIS: 1, Relance.UN_MOIS: 2, Relance.RETARD: 3}


def etat_a_la_date(echeance, date_reception, aujourdhui):
    """The state of an evaluation due on `echeance` on the day `aujourdhui` (the one rule: the
    model, the queryset and the dispositif's section all read it)."""
    if date_reception is not None:
        return EtatEvaluation.RECUE
    if echeance < aujourdhui:
        return EtatEvaluation.EN_RETARD
    if echeance <= decaler(aujourdhui, mois=FENETRE_MOIS):
        return EtatEvaluation.A_ECHEANCE
    return EtatEvaluation.A_VENIR


class EvaluationQuerySet(models.QuerySet):
    def recues(self):
        return self.filter(date_reception__isnull=False)

    def non_recues(self):
        return self.filter(date_reception__isnull=True)

    def dans_l_etat(self, etat, aujourdhui=None):
        """The rows in `etat` on the day `aujourdhui` (default: today), as `etat_a_la_date`."""
        aujourdhui = aujourdhui or timezone.localdate()
        limite = decaler(aujourdhui, mois=FENETRE_MOIS)
        if etat == EtatEvaluation.RECUE:
            return self.recues()
        if etat == EtatEvaluation.EN_RETARD:
            return self.non_recues().filter(echeance__lt=aujourdhui)
        if etat == EtatEvaluation.A_ECHEANCE:
            return self.non_recues().filter(echeance__gte=aujourdhui, echeance__lte=limite)
        if etat == EtatEvaluation.A_VENIR:
            return self.non_recues().filter(echeance__gt=limite)
        return self


class Evaluation(models.Model):
    PERIMETRE_PAR = "dispositif"

    dispositif = models.ForeignKey(
        "offre.Dispositif",
        on_delete=models.CASCADE,
        related_name="evaluations",
        verbose_name="dispositif",
    )
    rang = models.PositiveSmallIntegerField(
        "rang dans le cycle",
        help_text="1re, 2e, 3e évaluation de l'autorisation de quinze ans (4e et suivantes "
        "après un renouvellement).",
    )
    echeance = models.DateField(
        "échéance",
        help_text="Tous les cinq ans à compter de la date d'autorisation (à défaut, de la date "
        "d'ouverture).",
    )
    organisme_evaluateur = models.CharField(
        "organisme évaluateur",
        max_length=255,
        blank=True,
        help_text="L'organisme accrédité qui a conduit l'évaluation sur le référentiel de la HAS.",
    )
    date_reception = models.DateField("rapport reçu le", null=True, blank=True)
    # Named `document` like every attached document: the download rule of backoffice.documents
    # reads this key (apps.py registers the model as a link).
    document = models.ForeignKey(
        get_document_model_string(),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="rapport d'évaluation",
    )
    conclusion = models.TextField(
        "conclusion",
        blank=True,
        help_text="Ce que retient le rapport : points forts, axes d'amélioration, suites.",
    )
    # The last reminder sent (relances.py), so that each is sent once.
    relance = models.CharField(
        "dernière relance",
        max_length=10,
        choices=Relance.choices,
        blank=True,
        editable=False,
    )
    relance_le = models.DateField("relancée le", null=True, blank=True, editable=False)
    cree_le = models.DateTimeField("créée le", auto_now_add=True)
    modifie_le = models.DateTimeField("modifiée le", auto_now=True)

    objects = EvaluationQuerySet.as_manager()

    genre_grammatical = FEMININ

    class Meta:
        verbose_name = "évaluation ESSMS"
        verbose_name_plural = "évaluations ESSMS"
        ordering = ["echeance", "dispositif_id", "rang"]
        constraints = [
            models.UniqueConstraint(
                fields=["dispositif", "rang"],
                name="evaluation_unique_rang",
                violation_error_message="Ce dispositif a déjà une évaluation de ce rang.",
            ),
            models.CheckConstraint(condition=Q(rang__gte=1), name="evaluation_rang_positif"),
            models.CheckConstraint(
                condition=Q(relance__in=["", *Relance.values]), name="evaluation_relance_valide"
            ),
        ]
        indexes = [models.Index(fields=["echeance"])]

    def __str__(self):
        return f"{rang_ordinal(self.rang)} évaluation – {self.dispositif}"

    def save(self, *args, **kwargs):
        # Whatever the path (form, shell, service), no evaluation of a type outside the regime.
        if self._state.adding and (erreur := self.erreur_dispositif()):
            raise ValidationError({"dispositif": erreur})
        super().save(*args, **kwargs)

    def get_admin_url(self):
        return reverse("evaluation:inspect", args=[self.pk])

    # --- state --------------------------------------------------------------------------------

    def etat_au(self, aujourdhui):
        return etat_a_la_date(self.echeance, self.date_reception, aujourdhui)

    @property
    def etat(self):
        return self.etat_au(timezone.localdate())

    def libelle_etat(self):
        return EtatEvaluation(self.etat).label

    @property
    def est_recue(self):
        return self.date_reception is not None

    @property
    def libelle_rang(self):
        return f"{rang_ordinal(self.rang)} évaluation"

    @property
    def fin_autorisation(self):
        """The end of its dispositif's authorisation (exports, inspect page)."""
        return fin_autorisation(self.dispositif)

    @property
    def rapport_joint(self):
        return self.document_id is not None

    @property
    def est_vierge(self):
        """Nothing recorded on it: the cycle may drop it if its dispositif's dates change."""
        return not (
            self.date_reception or self.document_id or self.organisme_evaluateur or self.conclusion
        )

    # --- the report, as a document attached to the evaluation (backoffice.documents) ----------

    @property
    def nom_fichier(self):
        return self.document.filename

    @property
    def type_mime(self):
        return self.document.content_type

    def ouvrir_fichier(self):
        if self.document_id is None:
            raise FileNotFoundError("Aucun rapport.")
        return self.document.file.open("rb")

    # --- rules --------------------------------------------------------------------------------

    def erreur_dispositif(self):
        """Why this dispositif cannot have an evaluation ("" when it can): only the ESSMS, the
        types under the authorisation regime, are evaluated."""
        if not self.dispositif_id:
            return ""
        type_dispositif = self.dispositif.type
        if type_dispositif.regime == RegimeJuridique.AUTORISATION:
            return ""
        return (
            f"Le type {type_dispositif.libelle} ne relève pas du régime d'autorisation : seuls "
            "les établissements et services autorisés (ESSMS) sont évalués tous les cinq ans."
        )

    def clean(self):
        erreurs = {}
        # On creation only: the report of an evaluation already due stays recordable when the
        # dispositif's type has left the regime since (the cycle keeps such a row).
        if self._state.adding and (erreur := self.erreur_dispositif()):
            erreurs["dispositif"] = erreur
        if self.date_reception:
            if self.date_reception > timezone.localdate():
                erreurs["date_reception"] = "La date de réception ne peut pas être dans le futur."
            if not self.organisme_evaluateur.strip():
                erreurs["organisme_evaluateur"] = "Indiquez l'organisme évaluateur du rapport reçu."
        elif self.document_id:
            erreurs["date_reception"] = "Indiquez la date à laquelle le rapport a été reçu."
        if erreurs:
            raise ValidationError(erreurs)

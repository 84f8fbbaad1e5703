"""A measure decided after a control (recommandation, injonction, mise en demeure, minoration
budgétaire, fermeture), its deadline and its follow-up: `a_suivre` → `levee` / `non_levee`
(through workflows.services.executer_transition, once the suites are engaged).

A minoration proposes an avenant on the convention in force covering the dispositif, a fermeture
a closure request (../suites.py): the measure keeps the link (`avenant`, `demande_fermeture`),
and the avenant's and the request's pages show the control back (wagtail_hooks.py)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django_fsm import FSMField, transition

from backoffice import bornes
from backoffice.grammaire import FEMININ
from workflows.models import EtatSuiviMixin
from workflows.suppression import SuppressionEncadreeMixin
from workflows.systeme import OuvertAuSystemeMixin

from ..choix import ETATS_MESURES, MESURES_A_ECHEANCE, E, SuiviMesure, TypeMesure
from ..regles import peut_conduire
from .controle import Controle


def _peut_suivre(mesure, acteur):
    return peut_conduire(mesure.controle, acteur)


class Mesure(SuppressionEncadreeMixin, EtatSuiviMixin, OuvertAuSystemeMixin, models.Model):
    PERIMETRE_PAR = "controle"
    RELATIONS_PERMISSIONS = ("controle",)

    controle = models.ForeignKey(
        Controle, on_delete=models.CASCADE, related_name="mesures", verbose_name="contrôle"
    )
    type_mesure = models.CharField("type de mesure", max_length=20, choices=TypeMesure.choices)
    texte = models.TextField(
        "mesure", help_text="Ce que l'entité doit faire, ou ce qui est décidé."
    )
    echeance = models.DateField(
        "échéance",
        null=True,
        blank=True,
        help_text="Obligatoire pour une injonction ou une mise en demeure.",
    )
    date_notification = models.DateField(
        "date de notification",
        null=True,
        blank=True,
        help_text="Pour une mise en demeure : la date du courrier (joignez-le ensuite).",
    )
    montant_minoration = models.DecimalField(
        "minoration annuelle (€)",
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=bornes.MONTANT.validateurs,
        help_text="Pour une minoration budgétaire : le montant retiré de la dotation annuelle.",
    )
    date_fermeture = models.DateField(
        "date de fermeture proposée",
        null=True,
        blank=True,
        help_text="Pour une fermeture : la date proposée dans la demande de fermeture.",
    )
    etat = FSMField(
        "suivi",
        max_length=20,
        choices=SuiviMesure.choices,
        default=SuiviMesure.A_SUIVRE,
        protected=True,
    )
    date_suivi = models.DateField("levée ou constatée non levée le", null=True, editable=False)
    avenant = models.ForeignKey(
        "conventions.Avenant",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mesures_controle",
        verbose_name="avenant proposé",
        editable=False,
    )
    demande_fermeture = models.ForeignKey(
        "demandes.Demande",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mesures_controle",
        verbose_name="demande de fermeture proposée",
        editable=False,
    )
    # The last reminder sent about the deadline (days before it; -1: once passed).
    relance_palier = models.SmallIntegerField(
        "dernière relance (jours avant l'échéance)", null=True, editable=False
    )
    cree_par = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="créée par",
    )
    cree_le = models.DateTimeField("créée le", auto_now_add=True)

    genre_grammatical = FEMININ

    class Meta:
        verbose_name = "mesure"
        verbose_name_plural = "mesures"
        ordering = ["controle", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(type_mesure__in=TypeMesure.values), name="mesure_type_valide"
            ),
            models.CheckConstraint(
                condition=Q(etat__in=SuiviMesure.values), name="mesure_etat_valide"
            ),
            bornes.MONTANT.contrainte("montant_minoration", "mesure_minoration_borne", nul=True),
        ]
        indexes = [models.Index(fields=["etat", "echeance"])]

    def __str__(self):
        return f"{self.get_type_mesure_display()} – {self.controle}"

    def get_admin_url(self):
        return reverse("mesure:inspect", args=[self.pk])

    @property
    def texte_court(self):
        texte = " ".join(self.texte.split())
        return texte if len(texte) <= 60 else f"{texte[:59]}…"

    @property
    def echue(self):
        return (
            self.etat == SuiviMesure.A_SUIVRE
            and self.echeance is not None
            and self.echeance < timezone.localdate()
        )

    def clean(self):
        super().clean()
        erreurs = {}
        if self.type_mesure in MESURES_A_ECHEANCE and not self.echeance:
            erreurs["echeance"] = "Une injonction ou une mise en demeure fixe une échéance."
        if self.type_mesure == TypeMesure.MISE_EN_DEMEURE and not self.date_notification:
            erreurs["date_notification"] = "Une mise en demeure est datée : indiquez sa date."
        if self.controle_id and self._state.adding and self.controle.etat not in ETATS_MESURES:
            erreurs["controle"] = (
                "Une mesure s'ajoute à partir du rapport provisoire et jusqu'aux suites du "
                "contrôle."
            )
        if erreurs:
            raise ValidationError(erreurs)

    # Deletion (workflows/suppression.py): while nothing came of it.
    def motif_non_supprimable(self):
        if self.etat != SuiviMesure.A_SUIVRE:
            return "Une mesure suivie (levée ou non) ne se supprime pas."
        if self.avenant_id or self.demande_fermeture_id:
            return (
                "Une mesure qui a donné lieu à un avenant ou à une demande de fermeture ne se "
                "supprime pas."
            )
        if self.controle.etat not in ETATS_MESURES:
            return "Le contrôle est clos : ses mesures sont conservées."
        return None

    def peut_supprimer(self, acteur):
        return peut_conduire(self.controle, acteur)

    def _exiger_suites(self):
        if self.controle.etat != E.SUITES_EN_COURS:
            raise ValidationError("Une mesure se suit une fois les suites du contrôle engagées.")

    @transition(
        field=etat,
        source=SuiviMesure.A_SUIVRE,
        target=SuiviMesure.LEVEE,
        permission=_peut_suivre,
        custom={"libelle": "Constater la levée"},
    )
    def lever(self, acteur, commentaire="", date_suivi=None, aujourdhui=None):
        self._exiger_suites()
        self.date_suivi = self._date_suivi(date_suivi, aujourdhui)
        self._changer_etat()

    @transition(
        field=etat,
        source=SuiviMesure.A_SUIVRE,
        target=SuiviMesure.NON_LEVEE,
        permission=_peut_suivre,
        custom={"libelle": "Constater la non-levée"},
    )
    def constater_non_levee(self, acteur, commentaire="", date_suivi=None, aujourdhui=None):
        self._exiger_suites()
        if not commentaire.strip():
            raise ValidationError("Indiquez ce qui n'a pas été fait.")
        self.date_suivi = self._date_suivi(date_suivi, aujourdhui)
        self._changer_etat()

    @staticmethod
    def _date_suivi(date_suivi, aujourdhui):
        aujourdhui = aujourdhui or timezone.localdate()
        date_suivi = date_suivi or aujourdhui
        if date_suivi > aujourdhui:
            raise ValidationError("La date du constat ne peut pas être dans le futur.")
        return date_suivi

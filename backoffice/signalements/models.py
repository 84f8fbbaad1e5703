"""Signalements of serious adverse events (événements indésirables graves) by an authorised or
declared structure (CASF L331-8-1, décret 2016-1813, arrêté du 28 décembre 2016).

    declare ──prendre_en_charge──→ en_analyse ──clore──→ clos
                                              └─orienter_controle──→ vers_controle

Filed by the gestionnaire of the structure from its account, or by the DDETS on its behalf; the
DDETS is notified at once. Persons are counts only: no name, no personal data. Transitions
only run through workflows.services.executer_transition.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django_fsm import FSMField, transition

from backoffice import bornes
from backoffice.acces.roles import Role
from backoffice.grammaire import MASCULIN
from backoffice.offre.data.nomenclature import AUTORISATION, DECLARATION
from backoffice.recherche.modeles import Recherchable
from workflows.acteurs import a_role_sur_departement
from workflows.models import EtatSuiviMixin

from .notifications import notifier_transition

REGIMES_SOUMIS = (AUTORISATION, DECLARATION)


class Categorie(models.TextChoices):
    """The eleven categories of the arrêté of 28 December 2016 (annex)."""

    SINISTRE = "sinistre", "Sinistre ou événement météorologique exceptionnel"
    EQUIPEMENT = (
        "equipement",
        "Défaillance d'équipement technique ou événement en santé environnement",
    )
    ORGANISATION = (
        "organisation",
        "Perturbation dans l'organisation du travail ou la gestion des ressources humaines",
    )
    SOIN = "soin", "Erreur ou défaut de soin ou de surveillance"
    ENTOURAGE = (
        "entourage",
        "Perturbation liée à l'entourage d'une personne accueillie ou à des personnes extérieures",
    )
    DECES = (
        "deces",
        "Décès accidentel ou consécutif à un défaut de surveillance ou de prise en charge",
    )
    SUICIDE = "suicide", "Suicide ou tentative de suicide"
    MALTRAITANCE = "maltraitance", "Situation de maltraitance"
    DISPARITION = "disparition", "Disparition signalée aux services de police ou de gendarmerie"
    VIOLENCE = "violence", "Comportement violent d'usagers ou manquement grave au règlement"
    MALVEILLANCE = "malveillance", "Acte de malveillance au sein de la structure"


class EtatSignalement(models.TextChoices):
    DECLARE = "declare", "Déclaré"
    EN_ANALYSE = "en_analyse", "En analyse"
    CLOS = "clos", "Clos"
    VERS_CONTROLE = "vers_controle", "Orienté vers un contrôle"


S = EtatSignalement


def peut_analyser(signalement, acteur):
    """The DDETS of the structure's département (or a national administrator)."""
    return a_role_sur_departement(
        acteur, {Role.DEPARTEMENTAL}, signalement.dispositif.departement_id
    )


class Signalement(EtatSuiviMixin, Recherchable):
    PERIMETRE_PAR = "dispositif"
    RELATIONS_PERMISSIONS = ("dispositif",)
    champs_recherche = ("faits",)

    dispositif = models.ForeignKey(
        "offre.Dispositif",
        on_delete=models.PROTECT,
        related_name="signalements",
        verbose_name="structure (dispositif)",
    )
    categorie = models.CharField("catégorie", max_length=20, choices=Categorie.choices)
    date_evenement = models.DateField("date de l'événement")
    faits = models.TextField(
        "faits",
        help_text="Ce qui s'est passé, sans aucune donnée personnelle : ni nom, ni date de "
        "naissance, ni numéro de dossier.",
    )
    usagers_concernes = models.PositiveIntegerField(
        "personnes accueillies concernées", default=0, validators=bornes.PLACES.validateurs
    )
    personnels_concernes = models.PositiveIntegerField(
        "professionnels concernés", default=0, validators=bornes.PLACES.validateurs
    )
    mesures_prises = models.TextField("mesures prises")
    suites_envisagees = models.TextField("suites envisagées", blank=True)
    impact_mediatique = models.BooleanField("retentissement médiatique possible", default=False)
    etat = FSMField(
        "état", max_length=20, choices=EtatSignalement.choices, default=S.DECLARE, protected=True
    )
    declare_le = models.DateTimeField("déclaré le", default=timezone.now, editable=False)
    declare_par = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="déclaré par",
        editable=False,
    )
    pour_le_compte = models.BooleanField(
        "déclaré par la DDETS pour le compte de la structure", default=False, editable=False
    )
    conclusion = models.TextField("conclusion de l'analyse", blank=True, editable=False)

    genre_grammatical = MASCULIN

    class Meta:
        verbose_name = "signalement"
        verbose_name_plural = "signalements"
        ordering = ["-declare_le", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(etat__in=EtatSignalement.values), name="signalement_etat_valide"
            ),
            bornes.PLACES.contrainte("usagers_concernes", "signalement_usagers_borne"),
            bornes.PLACES.contrainte("personnels_concernes", "signalement_personnels_borne"),
        ]

    def __str__(self):
        return f"Signalement n° {self.pk} – {self.get_categorie_display()}"

    def clean(self):
        erreurs = {}
        if self.date_evenement and self.date_evenement > timezone.localdate():
            erreurs["date_evenement"] = "L'événement ne peut pas être daté dans le futur."
        if self.dispositif_id:
            regime = self.dispositif.type.regime
            if regime not in REGIMES_SOUMIS:
                erreurs["dispositif"] = (
                    f"Un {self.dispositif.type_id} ne relève ni de l'autorisation ni de la "
                    "déclaration : il n'est pas soumis à l'obligation de signalement."
                )
        if erreurs:
            raise ValidationError(erreurs)

    # --- transitions --------------------------------------------------------------------------

    @transition(
        field=etat,
        source=S.DECLARE,
        target=S.EN_ANALYSE,
        permission=peut_analyser,
        custom={"libelle": "Prendre en charge"},
    )
    def prendre_en_charge(self, acteur, commentaire=""):
        self._changer_etat()

    @transition(
        field=etat,
        source=S.EN_ANALYSE,
        target=S.CLOS,
        permission=peut_analyser,
        custom={"libelle": "Clore"},
    )
    def clore(self, acteur, commentaire=""):
        if not commentaire.strip():
            raise ValidationError("Indiquez la conclusion de l'analyse.")
        self.conclusion = commentaire.strip()
        self._changer_etat()

    @transition(
        field=etat,
        source=S.EN_ANALYSE,
        target=S.VERS_CONTROLE,
        permission=peut_analyser,
        custom={"libelle": "Orienter vers un contrôle"},
    )
    def orienter_controle(self, acteur, commentaire=""):
        if not commentaire.strip():
            raise ValidationError("Indiquez pourquoi un contrôle est nécessaire.")
        self.conclusion = commentaire.strip()
        self._changer_etat()

    def apres_transition(self, nom, etat_avant, acteur, commentaire="", interne=False):
        notifier_transition(self, nom)

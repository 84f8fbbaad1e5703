"""A control of one dispositif (hence of its entité), its findings and its state machine.

`programme` → `prepare` → `realise` → `rapport_provisoire` → `procedure_contradictoire` (the
entité answers within `date_limite_reponse`, 30 days by default) → `rapport_definitif` →
`suites_en_cours` → `clos`; `clos` directly from `rapport_definitif` when there is no measure;
`annule` from `programme` or `prepare`, with a reason. Transitions only run through
workflows.services.executer_transition.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django_fsm import FSMField, transition
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from backoffice.affichage.valeurs import date_courte
from backoffice.grammaire import MASCULIN
from backoffice.offre.models import Dispositif, EntiteGestionnaire
from backoffice.recherche.modeles import Recherchable
from backoffice.territoires.models import Departement
from workflows.acteurs import est_compte
from workflows.models import EtatSuiviMixin
from workflows.suppression import SuppressionEncadreeMixin
from workflows.systeme import OuvertAuSystemeMixin

from ..choix import (
    DELAI_REPONSE_JOURS,
    ETATS_DISPOSITIF_MODIFIABLE,
    ETATS_VISIBLES_ENTITE,
    E,
    EtatControle,
    Gravite,
    NatureDocument,
    SuiviMesure,
    Theme,
    TypeControle,
    TypeMesure,
)
from ..notifications import notifier_controle
from ..regles import est_entite_controlee, peut_conduire, reponse_possible
from .documents import joindre_document
from .programme import ProgrammeControle


class Controle(
    SuppressionEncadreeMixin, EtatSuiviMixin, OuvertAuSystemeMixin, ClusterableModel, Recherchable
):
    champs_recherche = ("inspecteurs", "origine")
    # What the transition permissions read: the département and the entité are columns of the
    # control itself (no relation to load).
    RELATIONS_PERMISSIONS = ()

    programme = models.ForeignKey(
        ProgrammeControle,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="controles",
        verbose_name="programme de contrôle",
        help_text="Laisser vide pour un contrôle hors programme (signalement, urgence…).",
    )
    dispositif = models.ForeignKey(
        Dispositif, on_delete=models.PROTECT, related_name="controles", verbose_name="dispositif"
    )
    # Copied from the dispositif when the control is programmed: the control stays with the
    # entité and the département it was made on, whatever becomes of the dispositif.
    entite = models.ForeignKey(
        EntiteGestionnaire,
        on_delete=models.PROTECT,
        related_name="controles",
        verbose_name="entité contrôlée",
        editable=False,
    )
    departement = models.ForeignKey(
        Departement,
        on_delete=models.PROTECT,
        related_name="controles",
        verbose_name="département",
        editable=False,
    )
    type_controle = models.CharField(
        "type de contrôle",
        max_length=20,
        choices=TypeControle.choices,
        default=TypeControle.SUR_PLACE,
    )
    themes = models.JSONField("thèmes", default=list, blank=True)
    date_prevue = models.DateField("date prévue", null=True, blank=True)
    inspecteurs = models.CharField(
        "inspecteurs",
        max_length=500,
        blank=True,
        help_text="Noms et services des agents chargés du contrôle.",
    )
    origine = models.TextField(
        "origine du contrôle",
        blank=True,
        help_text="Ce qui a déclenché le contrôle : programme, signalement, constat d'occupation…",
    )
    anomalie_origine = models.ForeignKey(
        "qualite.Anomalie",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="controles",
        verbose_name="constat à l'origine",
        help_text="Une anomalie de qualité des données, par exemple l'occupation sous "
        "l'objectif trois mois de suite (DN@).",
    )
    score_risque = models.PositiveSmallIntegerField("score de risque", null=True, editable=False)
    motifs_risque = models.JSONField("motifs de risque", default=list, editable=False)
    etat = FSMField(
        "état", max_length=30, choices=EtatControle.choices, default=E.PROGRAMME, protected=True
    )
    date_realisation = models.DateField("date de réalisation", null=True, editable=False)
    date_limite_reponse = models.DateField(
        "date limite de réponse de l'entité", null=True, editable=False
    )
    reponse_entite = models.TextField("réponse de l'entité", blank=True, editable=False)
    repondu_le = models.DateTimeField("réponse reçue le", null=True, editable=False)
    repondu_par = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="réponse déposée par",
        editable=False,
    )
    motif_annulation = models.TextField("motif de l'annulation", blank=True, editable=False)
    # The last reminder sent about the answer's deadline (days before it; -1: once passed).
    relance_palier = models.SmallIntegerField(
        "dernière relance (jours avant l'échéance)", null=True, editable=False
    )
    cree_par = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="créé par",
    )
    cree_le = models.DateTimeField("créé le", auto_now_add=True)

    genre_grammatical = MASCULIN

    class Meta:
        verbose_name = "contrôle"
        verbose_name_plural = "contrôles"
        ordering = ["-cree_le", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(etat__in=EtatControle.values), name="controle_etat_valide"
            ),
            models.CheckConstraint(
                condition=Q(type_controle__in=TypeControle.values), name="controle_type_valide"
            ),
        ]
        indexes = [
            models.Index(fields=["departement", "etat"]),
            models.Index(fields=["entite", "etat"]),
        ]

    def __str__(self):
        return f"Contrôle {self.reference}"

    @property
    def reference(self):
        # Still named after its deletion (the confirmation message).
        numero = self.pk or getattr(self, "_pk_supprime", 0)
        return f"CTL-{self.departement_id or '00'}-{numero:05d}"

    def delete(self, *args, **kwargs):
        pk = self.pk
        resultat = super().delete(*args, **kwargs)
        self._pk_supprime = pk
        return resultat

    # --- perimeter --------------------------------------------------------------------------

    @classmethod
    def q_perimetre(cls, perimetre, prefixe=""):
        # The département's; the entité controlled from the contradictory step on only (its
        # constats, measures and documents follow: they declare PERIMETRE_PAR = "controle").
        return Q(**{f"{prefixe}departement_id__in": perimetre.departements}) | Q(
            **{
                f"{prefixe}entite_id__in": perimetre.entites,
                f"{prefixe}etat__in": ETATS_VISIBLES_ENTITE,
            }
        )

    def dans_perimetre(self, perimetre):
        return self.departement_id in perimetre.departements or (
            self.entite_id in perimetre.entites and self.etat in ETATS_VISIBLES_ENTITE
        )

    def get_admin_url(self):
        return reverse("controle:inspect", args=[self.pk])

    # --- display ----------------------------------------------------------------------------

    @property
    def themes_libelles(self):
        libelles = dict(Theme.choices)
        return ", ".join(str(libelles.get(code, code)) for code in self.themes or [])

    @property
    def reponse_possible(self):
        return reponse_possible(self)

    @property
    def delai_expire(self):
        return (
            self.etat == E.PROCEDURE_CONTRADICTOIRE
            and self.date_limite_reponse is not None
            and timezone.localdate() > self.date_limite_reponse
        )

    # --- rules ------------------------------------------------------------------------------

    def save(self, *args, **kwargs):
        if self.dispositif_id and (not self.entite_id or self.etat in ETATS_DISPOSITIF_MODIFIABLE):
            dispositif = self.dispositif
            self.entite_id = dispositif.entite_id
            self.departement_id = dispositif.departement_id
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        erreurs = {}
        inconnus = [t for t in self.themes or [] if t not in Theme.values]
        if not isinstance(self.themes, list) or inconnus:
            erreurs["themes"] = "Thème inconnu : choisissez dans la liste."
        elif not self.themes:
            erreurs["themes"] = "Choisissez au moins un thème."
        if self.pk and self.dispositif_id and self.etat not in ETATS_DISPOSITIF_MODIFIABLE:
            avant = Controle.objects.filter(pk=self.pk).values_list("dispositif_id", flat=True)
            if avant and avant[0] != self.dispositif_id:
                erreurs["dispositif"] = "Le dispositif d'un contrôle réalisé ne change plus."
        if (
            self.programme_id
            and self.dispositif_id
            and self.programme.departement_id != self.dispositif.departement_id
        ):
            erreurs["programme"] = (
                f"Le dispositif n'est pas dans le département du programme "
                f"({self.programme.departement_id})."
            )
        if erreurs:
            raise ValidationError(erreurs)

    # Deletion (workflows/suppression.py): a programmed control only, by its DDETS.
    def motif_non_supprimable(self):
        if self.etat == E.PROGRAMME:
            return None
        return (
            "Un contrôle engagé ne se supprime pas : il s'annule (« Annuler le contrôle ») "
            "ou se clôt."
        )

    def peut_supprimer(self, acteur):
        return peut_conduire(self, acteur)

    def a_un_document(self, nature):
        return self.documents.filter(nature=nature).exists()

    # --- transitions ------------------------------------------------------------------------

    @transition(
        field=etat,
        source=E.PROGRAMME,
        target=E.PREPARE,
        permission=peut_conduire,
        custom={"libelle": "Préparer le contrôle"},
    )
    def preparer(self, acteur, commentaire=""):
        manque = []
        if not self.date_prevue:
            manque.append("la date prévue")
        if not self.inspecteurs.strip():
            manque.append("les inspecteurs")
        if manque:
            raise ValidationError(
                f"Indiquez {' et '.join(manque)} (« Modifier ») avant de préparer le contrôle."
            )
        self._changer_etat()

    @transition(
        field=etat,
        source=E.PREPARE,
        target=E.REALISE,
        permission=peut_conduire,
        custom={"libelle": "Enregistrer la réalisation"},
    )
    def realiser(self, acteur, commentaire="", date_realisation=None, aujourdhui=None):
        aujourdhui = aujourdhui or timezone.localdate()
        if not date_realisation:
            raise ValidationError("Indiquez la date à laquelle le contrôle a eu lieu.")
        if date_realisation > aujourdhui:
            raise ValidationError("La date de réalisation ne peut pas être dans le futur.")
        self.date_realisation = date_realisation
        self._changer_etat()

    @transition(
        field=etat,
        source=E.REALISE,
        target=E.RAPPORT_PROVISOIRE,
        permission=peut_conduire,
        custom={"libelle": "Joindre le rapport provisoire"},
    )
    def joindre_rapport_provisoire(self, acteur, commentaire="", fichier=None):
        if fichier is None:
            raise ValidationError("Joignez le rapport provisoire.")
        joindre_document(self, fichier, NatureDocument.RAPPORT_PROVISOIRE, acteur)
        self._changer_etat()

    @transition(
        field=etat,
        source=E.RAPPORT_PROVISOIRE,
        target=E.PROCEDURE_CONTRADICTOIRE,
        permission=peut_conduire,
        custom={"libelle": "Ouvrir la procédure contradictoire"},
    )
    def ouvrir_contradictoire(
        self, acteur, commentaire="", date_limite_reponse=None, aujourdhui=None
    ):
        aujourdhui = aujourdhui or timezone.localdate()
        date_limite_reponse = date_limite_reponse or aujourdhui + datetime.timedelta(
            days=DELAI_REPONSE_JOURS
        )
        if date_limite_reponse <= aujourdhui:
            raise ValidationError("La date limite de réponse doit être postérieure à aujourd'hui.")
        if not self.a_un_document(NatureDocument.RAPPORT_PROVISOIRE):
            raise ValidationError("Le rapport provisoire manque : joignez-le d'abord.")
        self.date_limite_reponse = date_limite_reponse
        self.relance_palier = None
        self._changer_etat()

    @transition(
        field=etat,
        source=E.PROCEDURE_CONTRADICTOIRE,
        target=E.PROCEDURE_CONTRADICTOIRE,
        permission=est_entite_controlee,
        custom={"libelle": "Répondre au rapport provisoire"},
    )
    def repondre(self, acteur, commentaire="", fichier=None, aujourdhui=None):
        aujourdhui = aujourdhui or timezone.localdate()
        if self.repondu_le is not None:
            raise ValidationError(
                f"La réponse de l'entité a déjà été enregistrée le {date_courte(self.repondu_le)}."
            )
        if self.date_limite_reponse is None or aujourdhui > self.date_limite_reponse:
            raise ValidationError(
                f"Le délai de réponse a expiré le {date_courte(self.date_limite_reponse)} : la "
                "réponse n'est plus recevable."
            )
        if not commentaire.strip():
            raise ValidationError("Votre réponse est obligatoire.")
        if fichier is not None:
            joindre_document(self, fichier, NatureDocument.REPONSE_ENTITE, acteur)
        self.reponse_entite = commentaire.strip()
        self.repondu_le = timezone.now()
        self.repondu_par = acteur if est_compte(acteur) else None
        self._changer_etat()

    @transition(
        field=etat,
        source=E.PROCEDURE_CONTRADICTOIRE,
        target=E.PROCEDURE_CONTRADICTOIRE,
        permission=peut_conduire,
        custom={"libelle": "Prolonger le délai de réponse"},
    )
    def prolonger_delai(self, acteur, commentaire="", date_limite_reponse=None, aujourdhui=None):
        aujourdhui = aujourdhui or timezone.localdate()
        if self.repondu_le is not None:
            raise ValidationError("L'entité a déjà répondu : le délai n'a plus d'objet.")
        if not date_limite_reponse:
            raise ValidationError("Indiquez la nouvelle date limite de réponse.")
        if date_limite_reponse <= max(aujourdhui, self.date_limite_reponse or aujourdhui):
            raise ValidationError(
                "La nouvelle date limite doit suivre l'actuelle "
                f"({date_courte(self.date_limite_reponse)}) et aujourd'hui."
            )
        self.date_limite_reponse = date_limite_reponse
        self.relance_palier = None
        self._changer_etat()

    @transition(
        field=etat,
        source=E.PROCEDURE_CONTRADICTOIRE,
        target=E.RAPPORT_DEFINITIF,
        permission=peut_conduire,
        custom={"libelle": "Arrêter le rapport définitif"},
    )
    def arreter_rapport_definitif(self, acteur, commentaire="", fichier=None, aujourdhui=None):
        aujourdhui = aujourdhui or timezone.localdate()
        if (
            self.repondu_le is None
            and self.date_limite_reponse
            and (aujourdhui <= self.date_limite_reponse)
        ):
            raise ValidationError(
                f"L'entité a jusqu'au {date_courte(self.date_limite_reponse)} pour répondre : le "
                "rapport définitif s'arrête après sa réponse ou à l'expiration du délai."
            )
        if fichier is None:
            raise ValidationError("Joignez le rapport définitif.")
        joindre_document(self, fichier, NatureDocument.RAPPORT_DEFINITIF, acteur)
        self._changer_etat()

    @transition(
        field=etat,
        source=E.RAPPORT_DEFINITIF,
        target=E.SUITES_EN_COURS,
        permission=peut_conduire,
        custom={"libelle": "Engager les suites"},
    )
    def engager_suites(self, acteur, commentaire=""):
        mesures = list(self.mesures.all())
        if not mesures:
            raise ValidationError(
                "Ajoutez au moins une mesure avant d'engager les suites, ou clôturez le "
                "contrôle sans suite."
            )
        documents = set(
            self.documents.filter(nature=NatureDocument.MISE_EN_DEMEURE).values_list(
                "mesure_id", flat=True
            )
        )
        for mesure in mesures:
            if mesure.type_mesure == TypeMesure.MISE_EN_DEMEURE and (
                mesure.pk not in documents or not mesure.date_notification
            ):
                raise ValidationError(
                    f"La mise en demeure « {mesure.texte_court} » attend sa date et son "
                    "document (« Joindre la mise en demeure » sur la page de la mesure)."
                )
        self._changer_etat()

    @transition(
        field=etat,
        source=[E.RAPPORT_DEFINITIF, E.SUITES_EN_COURS],
        target=E.CLOS,
        permission=peut_conduire,
        custom={"libelle": "Clôturer le contrôle"},
    )
    def clore(self, acteur, commentaire=""):
        if self.etat == E.RAPPORT_DEFINITIF and self.mesures.exists():
            raise ValidationError(
                "Le contrôle a des mesures : engagez les suites, puis clôturez-le quand chacune "
                "est levée ou constatée non levée."
            )
        a_suivre = self.mesures.filter(etat=SuiviMesure.A_SUIVRE).count()
        if a_suivre:
            pluriel = "s" if a_suivre > 1 else ""
            raise ValidationError(
                f"{a_suivre} mesure{pluriel} encore à suivre : constatez pour chacune si elle "
                "est levée ou non avant de clôturer le contrôle."
            )
        self._changer_etat()

    @transition(
        field=etat,
        source=[E.PROGRAMME, E.PREPARE],
        target=E.ANNULE,
        permission=peut_conduire,
        custom={"libelle": "Annuler le contrôle"},
    )
    def annuler(self, acteur, commentaire=""):
        if not commentaire.strip():
            raise ValidationError("Indiquez le motif de l'annulation.")
        self.motif_annulation = commentaire.strip()
        self._changer_etat()

    def apres_transition(self, nom, etat_avant, acteur, commentaire="", interne=False):
        notifier_controle(self, nom, acteur, commentaire=commentaire)


class Constat(models.Model):
    """A finding of the control, by theme and gravity (written with the reports)."""

    PERIMETRE_PAR = "controle"

    controle = ParentalKey(
        Controle, on_delete=models.CASCADE, related_name="constats", verbose_name="contrôle"
    )
    theme = models.CharField("thème", max_length=20, choices=Theme.choices)
    texte = models.TextField("constat")
    gravite = models.CharField(
        "gravité", max_length=20, choices=Gravite.choices, default=Gravite.MINEURE
    )

    genre_grammatical = MASCULIN

    class Meta:
        verbose_name = "constat"
        verbose_name_plural = "constats"
        ordering = ["controle", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(theme__in=Theme.values), name="constat_theme_valide"
            ),
            models.CheckConstraint(
                condition=Q(gravite__in=Gravite.values), name="constat_gravite_valide"
            ),
        ]

    def __str__(self):
        return f"{self.get_theme_display()} – {self.get_gravite_display()}"

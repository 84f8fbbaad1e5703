"""Candidatures to a call for projects (docs/domaine.md §5.3) and their scores per criterion.

Candidature: `deposee` (only while the campaign is `publie` and before its deadline) →
`recevable` / `irrecevable` → `instruite` (a score per criterion) → `retenue` / `non_retenue` →
`conventionnee` (a dispositif, or an extension of one, and a draft convention or avenant);
`desistee` by the entité before the decision; `non_retenue` also when the instructors « classent
sans suite » a retained project that cannot be carried out (the operator gave up after the
decision), or a candidature of a cancelled or fruitless call (done for every open one when the
call is cancelled).

Transitions only run through workflows.services.executer_transition; a filed candidature is
edited through services.modifier_candidature.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django_fsm import FSMField, transition

from backoffice import bornes
from backoffice.conventions.models import Avenant, Convention
from backoffice.grammaire import FEMININ
from backoffice.offre.models import Dispositif, EntiteGestionnaire
from backoffice.recherche.modeles import Recherchable, RechercheQuerySet
from backoffice.territoires.models import Departement
from workflows.models import EtatSuiviMixin
from workflows.systeme import OuvertAuSystemeMixin

from ..conventionnement import conventionner
from ..etats import (
    ETATS_CANDIDATURE_EN_COURS,
    ETATS_CANDIDATURE_SANS_DOCUMENT,
    EtatAppel,
    EtatCandidature,
)
from ..notifications import notifier_candidature
from ..regles import departements_appel, peut_desister, peut_instruire
from .appel import AppelAProjets

A = EtatAppel
C = EtatCandidature
NOTE_MAX = bornes.NOTE_MAX
MESSAGE_NON_MODIFIABLE = (
    "Une candidature ne se modifie que tant que l'appel à projets est ouvert "
    "et qu'elle n'est pas examinée."
)


class CandidatureQuerySet(RechercheQuerySet):
    def classement(self):
        return self.order_by(models.F("score").desc(nulls_last=True), "deposee_le")


class Candidature(EtatSuiviMixin, OuvertAuSystemeMixin, Recherchable):
    champs_recherche = ("nom_projet", "communes")

    appel = models.ForeignKey(
        AppelAProjets,
        on_delete=models.PROTECT,
        related_name="candidatures",
        verbose_name="appel à projets",
    )
    entite = models.ForeignKey(
        EntiteGestionnaire,
        on_delete=models.PROTECT,
        related_name="candidatures",
        verbose_name="entité candidate",
    )
    departement = models.ForeignKey(
        Departement,
        on_delete=models.PROTECT,
        related_name="candidatures",
        verbose_name="département des places",
    )
    nom_projet = models.CharField("nom du projet", max_length=255)
    dispositif_existant = models.ForeignKey(
        Dispositif,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="candidatures_extension",
        verbose_name="extension du dispositif",
        help_text="Laisser vide pour la création d'un nouveau dispositif.",
    )
    places_proposees = models.PositiveIntegerField(
        "places proposées", validators=bornes.PLACES_POSITIVES.validateurs
    )
    communes = models.CharField("communes d'implantation", max_length=500)
    cout_journalier = models.DecimalField(
        "coût journalier proposé (€ par place)",
        max_digits=8,
        decimal_places=2,
        validators=bornes.COUT_JOURNALIER.validateurs,
    )
    description = models.TextField("présentation du projet", blank=True)
    etat = FSMField(
        "état", max_length=20, choices=EtatCandidature.choices, default=C.DEPOSEE, protected=True
    )
    deposee_le = models.DateTimeField("déposée le", default=timezone.now)
    deposee_par = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="déposée par",
    )
    deposee_pour_compte = models.BooleanField(
        "enregistrée par l'administration", default=False, editable=False
    )

    # Instruction and decision
    motif_irrecevabilite = models.TextField("motif d'irrecevabilité", blank=True)
    commentaire_instruction = models.TextField("avis de l'instructeur", blank=True)
    score = models.DecimalField(
        "note pondérée (sur 20)",
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=bornes.NOTE.validateurs,
    )
    places_retenues = models.PositiveIntegerField(
        "places retenues", null=True, blank=True, validators=bornes.PLACES_POSITIVES.validateurs
    )
    motif_decision = models.TextField("motif de la décision", blank=True)

    # Conventionnement: what the retained candidature became
    dispositif = models.ForeignKey(
        Dispositif,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="candidatures_retenues",
        verbose_name="dispositif créé ou étendu",
    )
    convention = models.ForeignKey(
        Convention,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="candidatures",
        verbose_name="convention",
    )
    avenant = models.ForeignKey(
        Avenant,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="candidatures",
        verbose_name="avenant",
    )
    places_ouvertes_avant = models.PositiveIntegerField(
        "places ouvertes avant l'extension",
        null=True,
        blank=True,
        validators=bornes.PLACES.validateurs,
    )

    objects = CandidatureQuerySet.as_manager()

    genre_grammatical = FEMININ

    class Meta:
        verbose_name = "candidature"
        verbose_name_plural = "candidatures"
        ordering = ["appel", "-score", "deposee_le"]
        constraints = [
            models.CheckConstraint(
                condition=Q(etat__in=EtatCandidature.values), name="candidature_etat_valide"
            ),
            bornes.PLACES_POSITIVES.contrainte("places_proposees", "candidature_places_positives"),
            bornes.COUT_JOURNALIER.contrainte("cout_journalier", "candidature_cout_positif"),
            bornes.NOTE.contrainte("score", "candidature_score_borne", nul=True),
            models.CheckConstraint(
                condition=Q(places_retenues__isnull=True)
                | (Q(places_retenues__gte=1) & Q(places_retenues__lte=F("places_proposees"))),
                name="candidature_retenues_inferieures_proposees",
                violation_error_message="On ne peut retenir plus que les places proposées.",
            ),
            bornes.PLACES_POSITIVES.contrainte(
                "places_retenues", "candidature_retenues_borne", nul=True
            ),
            bornes.PLACES.contrainte(
                "places_ouvertes_avant", "candidature_ouvertes_avant_borne", nul=True
            ),
        ]
        indexes = [models.Index(fields=["appel", "etat"])]

    def __str__(self):
        return f"{self.nom_projet} ({self.entite.raison_sociale})"

    @classmethod
    def q_perimetre(cls, perimetre, prefixe=""):
        # The département of the proposed places (instructors) and the candidate entité.
        return Q(**{f"{prefixe}departement_id__in": perimetre.departements}) | Q(
            **{f"{prefixe}entite_id__in": perimetre.entites}
        )

    def dans_perimetre(self, perimetre):
        return self.departement_id in perimetre.departements or self.entite_id in perimetre.entites

    def get_admin_url(self):
        return reverse("candidature:inspect", args=[self.pk])

    @property
    def numero(self):
        return f"{self.appel.reference}-C{self.pk or 0:03d}"

    def motif_non_modifiable(self, maintenant=None):
        """Why the candidature may not be edited now (French), or None: only while it is filed
        and not examined yet, and its call takes candidatures (published, before the deadline)."""
        if self.etat == C.DEPOSEE and self.appel.depot_ouvert(maintenant):
            return None
        if self.etat == C.DEPOSEE and self.appel.etat == A.PUBLIE:
            return "La date limite de dépôt est passée."
        return MESSAGE_NON_MODIFIABLE

    def modifiable(self, maintenant=None):
        return self.motif_non_modifiable(maintenant) is None

    def accepte_documents(self):
        return self.etat not in ETATS_CANDIDATURE_SANS_DOCUMENT

    # --- checks ---------------------------------------------------------------------------

    def clean(self):
        erreurs = {}
        appel = self.appel if self.appel_id else None
        if (
            appel is not None
            and self.departement_id
            and self.departement_id not in departements_appel(appel)
        ):
            erreurs["departement"] = "Ce département n'est pas couvert par l'appel à projets."
        if self.dispositif_existant_id:
            dispositif = self.dispositif_existant
            if self.entite_id and dispositif.entite_id != self.entite_id:
                erreurs["dispositif_existant"] = (
                    "Le dispositif à étendre doit appartenir à l'entité candidate."
                )
            elif appel is not None and dispositif.type_id != appel.type_dispositif_id:
                erreurs["dispositif_existant"] = (
                    "Le dispositif à étendre doit être du type de l'appel "
                    f"({appel.type_dispositif})."
                )
            elif self.departement_id and dispositif.departement_id != self.departement_id:
                erreurs["dispositif_existant"] = (
                    "Le dispositif à étendre doit être dans le département des places."
                )
        if erreurs:
            raise ValidationError(erreurs)

    # --- transitions ------------------------------------------------------------------------

    def _exiger_appel(self, *etats, message):
        if self.appel.etat not in etats:
            raise ValidationError(
                f"{message} (l'appel à projets est « {self.appel.get_etat_display()} »)."
            )

    @transition(
        field=etat,
        source=C.DEPOSEE,
        target=C.RECEVABLE,
        permission=peut_instruire,
        custom={"libelle": "Déclarer recevable"},
    )
    def declarer_recevable(self, acteur, commentaire=""):
        self._exiger_appel(A.EN_INSTRUCTION, message="L'instruction n'est pas ouverte")
        self._changer_etat()

    @transition(
        field=etat,
        source=C.DEPOSEE,
        target=C.IRRECEVABLE,
        permission=peut_instruire,
        custom={"libelle": "Déclarer irrecevable"},
    )
    def declarer_irrecevable(self, acteur, commentaire=""):
        self._exiger_appel(A.EN_INSTRUCTION, message="L'instruction n'est pas ouverte")
        if not commentaire.strip():
            raise ValidationError("Le motif d'irrecevabilité est obligatoire.")
        self.motif_irrecevabilite = commentaire
        self._changer_etat()

    @transition(
        field=etat,
        source=[C.RECEVABLE, C.INSTRUITE],
        target=C.INSTRUITE,
        permission=peut_instruire,
        custom={"libelle": "Noter"},
    )
    def instruire(self, acteur, commentaire="", notes=None):
        """`notes`: {critere_id: note on 20}; every criterion of the call must be scored."""
        self._exiger_appel(A.EN_INSTRUCTION, message="L'instruction n'est pas ouverte")
        notes = notes or {}
        criteres = list(self.appel.criteres.all())
        manquants = [c.libelle for c in criteres if notes.get(c.pk) is None]
        if manquants:
            raise ValidationError(f"Notez chaque critère : {', '.join(manquants)}.")
        for critere in criteres:
            note = Decimal(notes[critere.pk])
            if note < 0 or note > NOTE_MAX:
                raise ValidationError(f"« {critere.libelle} » : la note doit être entre 0 et 20.")
        for critere in criteres:
            self.notes.update_or_create(
                critere=critere, defaults={"note": Decimal(notes[critere.pk])}
            )
        total_poids = sum(c.poids for c in criteres)
        score = sum(Decimal(notes[c.pk]) * c.poids for c in criteres) / total_poids
        self.score = score.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        if commentaire.strip():
            self.commentaire_instruction = commentaire
        self._changer_etat()

    @transition(
        field=etat,
        source=C.INSTRUITE,
        target=C.RETENUE,
        permission=peut_instruire,
        custom={"libelle": "Retenir"},
    )
    def retenir(self, acteur, commentaire="", places_retenues=None):
        self._exiger_appel(A.EN_INSTRUCTION, message="La sélection n'est plus ouverte")
        places = places_retenues if places_retenues is not None else self.places_proposees
        if places < 1:
            raise ValidationError("Retenez au moins une place.")
        if places > self.places_proposees:
            raise ValidationError(
                f"On ne peut retenir plus que les {self.places_proposees} places proposées."
            )
        self.places_retenues = places
        self.motif_decision = commentaire
        self._changer_etat()

    @transition(
        field=etat,
        source=C.INSTRUITE,
        target=C.NON_RETENUE,
        permission=peut_instruire,
        custom={"libelle": "Ne pas retenir"},
    )
    def ne_pas_retenir(self, acteur, commentaire=""):
        self._exiger_appel(A.EN_INSTRUCTION, message="La sélection n'est plus ouverte")
        if not commentaire.strip():
            raise ValidationError("Le motif de la décision est obligatoire.")
        self.motif_decision = commentaire
        self._changer_etat()

    @transition(
        field=etat,
        source=C.RETENUE,
        target=C.CONVENTIONNEE,
        permission=peut_instruire,
        custom={"libelle": "Conventionner"},
    )
    def conventionner(self, acteur, commentaire="", date_debut=None, aujourdhui=None):
        self._exiger_appel(
            A.SELECTION_ARRETEE, message="Arrêtez d'abord la sélection de l'appel à projets"
        )
        conventionner(self, acteur, date_debut=date_debut, aujourdhui=aujourdhui)
        self._changer_etat()

    @transition(
        field=etat,
        source=ETATS_CANDIDATURE_EN_COURS,
        target=C.DESISTEE,
        permission=peut_desister,
        custom={"libelle": "Se désister"},
    )
    def desister(self, acteur, commentaire=""):
        self._changer_etat()

    @transition(
        field=etat,
        source=[*ETATS_CANDIDATURE_EN_COURS, C.RETENUE],
        target=C.NON_RETENUE,
        permission=peut_instruire,
        custom={"libelle": "Classer sans suite"},
    )
    def classer_sans_suite(self, acteur, commentaire=""):
        """The instructors' way out: a retained project that cannot be carried out, or any
        candidature of a cancelled or fruitless call (otherwise waiting for good)."""
        if not commentaire.strip():
            raise ValidationError("Le motif est obligatoire.")
        if self.etat != C.RETENUE and self.appel.etat not in (A.ANNULE, A.INFRUCTUEUX):
            raise ValidationError(
                "Une candidature en cours d'examen se déclare irrecevable ou non retenue ; "
                "elle ne se classe sans suite que si l'appel est annulé ou infructueux."
            )
        self.motif_decision = commentaire
        self._changer_etat()

    def apres_transition(self, nom, etat_avant, acteur, commentaire="", interne=False):
        notifier_candidature(self, nom, acteur, commentaire=commentaire)

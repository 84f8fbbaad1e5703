"""The call for projects (docs/domaine.md §4, §5.3), its split per département and its selection
criteria.

Campaign: `brouillon` → `soumis` → `pre_valide` (Administrateur départemental or régional) →
`valide` (régional; national for national waves) → `publie` → `clos` (deadline, scheduled task)
→ `en_instruction` → `selection_arretee` → `termine`; `infructueux` (also after the selection, if
nothing was conventionné) and `annule` with a reason;
`soumis`/`pre_valide` → `brouillon` (send-back with a comment).

Transitions only run through workflows.services.executer_transition.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django_fsm import FSMField, transition
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from backoffice import bornes
from backoffice.acces.perimetres import reference
from backoffice.conventions.models import prochain_numero
from backoffice.grammaire import MASCULIN, compter
from backoffice.offre.models import TypeDispositif
from backoffice.recherche.modeles import Recherchable
from backoffice.territoires.models import Departement, Region
from workflows.models import EtatSuiviMixin
from workflows.services import executer_transition
from workflows.suppression import SuppressionEncadreeMixin
from workflows.systeme import OuvertAuSystemeMixin, systeme_seulement

from ..etats import (
    ETATS_CANDIDATURE_EN_COURS,
    ETATS_PUBLICS,
    ETATS_SANS_DOCUMENT,
    EtatAppel,
    EtatCandidature,
)
from ..flux import flux_appel
from ..notifications import notifier_appel
from ..regles import (
    departements_appel,
    erreurs_repartition,
    peut_piloter,
    peut_renvoyer,
    peut_valider,
)

A = EtatAppel
C = EtatCandidature


class AppelAProjets(
    SuppressionEncadreeMixin, EtatSuiviMixin, OuvertAuSystemeMixin, ClusterableModel, Recherchable
):
    RELATIONS_PERMISSIONS = ("repartitions",)  # a_role_sur_appel → departements_appel
    champs_recherche = ("reference", "titre")

    reference = models.CharField("référence", max_length=40, blank=True, editable=False)
    titre = models.CharField("titre", max_length=255)
    type_dispositif = models.ForeignKey(
        TypeDispositif,
        on_delete=models.PROTECT,
        related_name="appels",
        verbose_name="type de places",
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="appels", verbose_name="région"
    )
    nationale = models.BooleanField(
        "vague nationale", default=False, help_text="Validée par l'administration centrale."
    )
    places_recherchees = models.PositiveIntegerField(
        "places recherchées", validators=bornes.PLACES_POSITIVES.validateurs
    )
    cout_journalier_cible = models.DecimalField(
        "coût journalier cible (€ par place)",
        max_digits=8,
        decimal_places=2,
        validators=bornes.COUT_JOURNALIER.validateurs,
    )
    date_publication = models.DateField("date de publication prévue")
    date_limite = models.DateTimeField("date limite de dépôt des candidatures")
    description = models.TextField("présentation", blank=True)
    etat = FSMField(
        "état", max_length=20, choices=EtatAppel.choices, default=A.BROUILLON, protected=True
    )
    publie_le = models.DateTimeField("publié le", null=True, blank=True)
    motif = models.TextField("motif (annulation, infructueux)", blank=True)
    cree_par = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="créé par",
    )
    cree_le = models.DateTimeField("créé le", auto_now_add=True)
    modifie_le = models.DateTimeField("modifié le", auto_now=True)

    genre_grammatical = MASCULIN

    # Deletion (workflows/suppression.py): a draft without candidature, by its pilots; past
    # the draft a call is cancelled (« Annuler l'appel »), which keeps its history.
    def motif_non_supprimable(self):
        if self.pk and self.candidatures.exists():
            return (
                "Cet appel à projets a reçu des candidatures : il ne se supprime pas, "
                "il s'annule (« Annuler l'appel »)."
            )
        if self.etat == A.BROUILLON:
            return None
        etat = self.libelle_etat().lower()
        if self.etat in (A.ANNULE, A.TERMINE, A.INFRUCTUEUX):
            return (
                f"Un appel à projets « {etat} » est conservé pour l'historique : "
                "il ne se supprime pas."
            )
        return (
            f"Un appel à projets « {etat} » ne se supprime plus : il s'annule "
            "(« Annuler l'appel »)."
        )

    def peut_supprimer(self, acteur):
        return peut_piloter(self, acteur)

    class Meta:
        verbose_name = "appel à projets"
        verbose_name_plural = "appels à projets"
        ordering = ["-date_limite"]
        constraints = [
            models.CheckConstraint(
                condition=Q(etat__in=EtatAppel.values), name="appel_etat_valide"
            ),
            bornes.PLACES_POSITIVES.contrainte("places_recherchees", "appel_places_positives"),
            bornes.COUT_JOURNALIER.contrainte("cout_journalier_cible", "appel_cout_positif"),
        ]
        indexes = [models.Index(fields=["etat", "region"])]

    def __str__(self):
        return f"{self.reference} – {self.titre}" if self.reference else self.titre

    @classmethod
    def q_perimetre(cls, perimetre, prefixe=""):
        # Its split's départements, or its whole région without a split; operators (entité
        # perimeters) see the calls once published.
        condition = Q(pk__in=[])
        if perimetre.departements:
            repartitions = RepartitionAppel.objects.filter(appel_id=OuterRef(reference(prefixe)))
            region = Departement.objects.filter(
                region_id=OuterRef(f"{prefixe}region_id"), code__in=perimetre.departements
            )
            condition |= Q(Exists(repartitions.filter(departement_id__in=perimetre.departements)))
            condition |= ~Q(Exists(repartitions)) & Q(Exists(region))
        if perimetre.entites:
            condition |= Q(**{f"{prefixe}etat__in": ETATS_PUBLICS})
        return condition

    def get_admin_url(self):
        return reverse("appel:inspect", args=[self.pk])

    @property
    def departements(self):
        return sorted(departements_appel(self))

    def depot_ouvert(self, maintenant=None):
        maintenant = maintenant or timezone.now()
        return self.etat == A.PUBLIE and maintenant < self.date_limite

    def modifiable(self):
        """Only a draft is edited (a submitted call goes back to draft to be reworked)."""
        return self.etat == A.BROUILLON

    def accepte_documents(self):
        return self.etat not in ETATS_SANS_DOCUMENT

    # --- checks ---------------------------------------------------------------------------

    def clean(self):
        erreurs = {}
        if (
            self.date_publication
            and self.date_limite
            and timezone.localtime(self.date_limite).date() < self.date_publication
        ):
            erreurs["date_limite"] = "La date limite précède la date de publication."
        if erreurs:
            raise ValidationError(erreurs)

    def verifier(self, maintenant=None):
        erreurs = erreurs_repartition(
            self.region_id,
            self.places_recherchees,
            [(r.departement, r.places_recherchees) for r in self.repartitions.all()],
        )
        if not self.criteres.exists():
            erreurs.append("Définissez au moins un critère de sélection.")
        try:
            self.clean()
        except ValidationError as exc:
            erreurs += exc.messages
        if erreurs:
            raise ValidationError(erreurs)

    # --- transitions ------------------------------------------------------------------------

    @transition(
        field=etat,
        source=A.BROUILLON,
        target=A.SOUMIS,
        permission=peut_piloter,
        custom={"libelle": "Soumettre"},
    )
    def soumettre(self, acteur, commentaire=""):
        self.verifier()
        self._changer_etat()

    @transition(
        field=etat,
        source=A.SOUMIS,
        target=A.PRE_VALIDE,
        permission=peut_piloter,
        custom={"libelle": "Pré-valider"},
    )
    def pre_valider(self, acteur, commentaire=""):
        self.verifier()
        self._changer_etat()

    @transition(
        field=etat,
        source=A.PRE_VALIDE,
        target=A.VALIDE,
        permission=peut_valider,
        custom={"libelle": "Valider"},
    )
    def valider(self, acteur, commentaire=""):
        self.verifier()
        self._changer_etat()

    @transition(
        field=etat,
        source=[A.SOUMIS, A.PRE_VALIDE],
        target=A.BROUILLON,
        permission=peut_renvoyer,
        custom={"libelle": "Renvoyer au brouillon"},
    )
    def renvoyer(self, acteur, commentaire=""):
        if not commentaire.strip():
            raise ValidationError("Indiquez ce qui doit être repris.")
        self._changer_etat()

    @transition(
        field=etat,
        source=A.VALIDE,
        target=A.PUBLIE,
        permission=peut_piloter,
        custom={"libelle": "Publier"},
    )
    def publier(self, acteur, commentaire="", maintenant=None):
        maintenant = maintenant or timezone.now()
        if self.date_limite <= maintenant:
            raise ValidationError(
                "La date limite de dépôt est déjà passée : modifiez le calendrier avant de publier."
            )
        self.verifier()
        self.publie_le = maintenant
        self._changer_etat()

    @transition(
        field=etat,
        source=A.PUBLIE,
        target=A.CLOS,
        permission=systeme_seulement,
        custom={"libelle": "Clore"},
    )
    def clore(self, acteur, commentaire="", maintenant=None):
        maintenant = maintenant or timezone.now()
        if maintenant < self.date_limite:
            raise ValidationError("La date limite de dépôt n'est pas atteinte.")
        self._changer_etat()

    @transition(
        field=etat,
        source=A.CLOS,
        target=A.EN_INSTRUCTION,
        permission=peut_piloter,
        custom={"libelle": "Ouvrir l'instruction"},
    )
    def ouvrir_instruction(self, acteur, commentaire=""):
        self._changer_etat()

    @transition(
        field=etat,
        source=A.EN_INSTRUCTION,
        target=A.SELECTION_ARRETEE,
        permission=peut_piloter,
        custom={"libelle": "Arrêter la sélection"},
    )
    def arreter_selection(self, acteur, commentaire=""):
        en_cours = self.candidatures.filter(etat__in=ETATS_CANDIDATURE_EN_COURS).count()
        if en_cours:
            raise ValidationError(
                f"{compter(en_cours, 'candidature attend', 'candidatures attendent')} encore "
                "une décision (recevabilité, "
                "instruction, retenue ou non)."
            )
        if not self.candidatures.filter(etat=EtatCandidature.RETENUE).exists():
            raise ValidationError(
                "Aucune candidature retenue : déclarez l'appel infructueux plutôt."
            )
        self._changer_etat()

    @transition(
        field=etat,
        source=A.SELECTION_ARRETEE,
        target=A.TERMINE,
        permission=peut_piloter,
        custom={"libelle": "Terminer"},
    )
    def terminer(self, acteur, commentaire=""):
        restantes = self.candidatures.filter(etat=EtatCandidature.RETENUE).count()
        if restantes:
            raise ValidationError(
                f"{compter(restantes, 'candidature retenue', 'candidatures retenues')} "
                f"{'n’est' if restantes < 2 else 'ne sont'} pas encore "
                f"{'conventionnée' if restantes < 2 else 'conventionnées'}."
            )
        self._changer_etat()

    @transition(
        field=etat,
        source=[A.CLOS, A.EN_INSTRUCTION, A.SELECTION_ARRETEE],
        target=A.INFRUCTUEUX,
        permission=peut_piloter,
        custom={"libelle": "Déclarer infructueux"},
    )
    def declarer_infructueux(self, acteur, commentaire=""):
        """Also once the selection is made, when every retained project fell through (the
        call would otherwise stay « sélection arrêtée » for good)."""
        if not commentaire.strip():
            raise ValidationError("Le motif est obligatoire.")
        if self.candidatures.filter(etat=EtatCandidature.CONVENTIONNEE).exists():
            raise ValidationError(
                "Une candidature est déjà conventionnée : l'appel n'est pas infructueux."
            )
        self.motif = commentaire
        self._changer_etat()

    @transition(
        field=etat,
        source=[A.BROUILLON, A.SOUMIS, A.PRE_VALIDE, A.VALIDE, A.PUBLIE, A.CLOS, A.EN_INSTRUCTION],
        target=A.ANNULE,
        permission=peut_piloter,
        custom={"libelle": "Annuler l'appel"},
    )
    def annuler(self, acteur, commentaire=""):
        if not commentaire.strip():
            raise ValidationError("Le motif de l'annulation est obligatoire.")
        self.motif = commentaire
        self._changer_etat()

    def apres_transition(self, nom, etat_avant, acteur, commentaire="", interne=False):
        notifier_appel(self, nom, acteur, commentaire=commentaire)
        if nom in ("annuler", "declarer_infructueux"):
            self._classer_candidatures(acteur, commentaire)

    def _classer_candidatures(self, acteur, motif):
        """A cancelled or fruitless call leaves no candidature waiting: each one still open is
        « classée sans suite » through the transition service (logged, the entité told)."""
        ouvertes = self.candidatures.filter(etat__in=[*ETATS_CANDIDATURE_EN_COURS, C.RETENUE])
        for pk in ouvertes.values_list("pk", flat=True):
            executer_transition(
                self.candidatures.model,
                pk,
                "classer_sans_suite",
                acteur,
                commentaire=f"Appel à projets {self.get_etat_display().lower()} : {motif}",
            )

    def save(self, *args, **kwargs):
        if not self.reference:
            annee = (self.date_publication or timezone.localdate()).year
            cle = f"AAP-{self.region_id}-{annee}"
            self.reference = f"{cle}-{prochain_numero(cle):03d}"
        super().save(*args, **kwargs)

    # --- figures: sought → proposed → retained → conventionnées → open -----------------------

    def flux(self, aujourdhui=None):
        return flux_appel(self, aujourdhui)


class RepartitionAppel(models.Model):
    PERIMETRE_PAR = "appel"

    appel = ParentalKey(AppelAProjets, on_delete=models.CASCADE, related_name="repartitions")
    departement = models.ForeignKey(
        Departement, on_delete=models.PROTECT, related_name="+", verbose_name="département"
    )
    places_recherchees = models.PositiveIntegerField(
        "places recherchées", validators=bornes.PLACES.validateurs
    )

    class Meta:
        verbose_name = "répartition par département"
        verbose_name_plural = "répartition par département"
        ordering = ["departement"]
        constraints = [
            models.UniqueConstraint(
                fields=["appel", "departement"],
                name="repartition_unique",
                violation_error_message="Ce département figure déjà dans la répartition.",
            ),
            bornes.PLACES.contrainte("places_recherchees", "repartition_places_borne"),
        ]

    def __str__(self):
        return f"{self.departement_id} : {self.places_recherchees} places"

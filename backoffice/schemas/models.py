"""Schéma régional d'accueil (docs/domaine.md §4): the préfet de région's plan, as a tree
objectifs → thématiques → actions, and its evaluation campaigns (each action réalisée oui / non /
partiellement / nc).

Objectifs, thématiques and actions carry a fingerprint of their normalised text (texte.py) so
that an imported grid finds them again whatever the accents, capitals or pasted HTML; it is
unique within the parent, which also forbids two identical actions in one thématique.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, OuterRef, Q

from backoffice import bornes
from backoffice.grammaire import FEMININ, MASCULIN
from backoffice.recherche.modeles import Recherchable
from backoffice.territoires.models import Departement, Region

from . import texte


class Realisation(models.TextChoices):
    OUI = "oui", "Oui"
    PARTIELLEMENT = "partiellement", "Partiellement"
    NON = "non", "Non"
    # In the grids, "nc" = no answer from the piloting service ("non communiqué").
    NC = "nc", "Non communiqué (nc)"


# Display order of the statuses (summary, chart) and their colours (chart).
ORDRE_REALISATION = [Realisation.OUI, Realisation.PARTIELLEMENT, Realisation.NON, Realisation.NC]


class AvecEmpreinte(Recherchable):
    """Keeps `empreinte` in step with `libelle`; a duplicate within the parent is a French
    form error (the constraint alone would be skipped by model forms, which do not show the
    field, and end as an IntegrityError)."""

    parent_champ = None  # name of the FK to the parent
    message_doublon = ""
    champs_recherche = ("libelle",)

    empreinte = models.CharField("empreinte du libellé", max_length=40, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.libelle = texte.nettoyer(self.libelle)
        self.empreinte = texte.empreinte(self.libelle)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        self.libelle = texte.nettoyer(self.libelle)
        self.empreinte = texte.empreinte(self.libelle)
        if not self.libelle:
            raise ValidationError({"libelle": "Le libellé est obligatoire."})
        parent_id = getattr(self, f"{self.parent_champ}_id")
        if parent_id is None:
            return
        doublons = (
            type(self)
            ._default_manager.filter(
                **{f"{self.parent_champ}_id": parent_id, "empreinte": self.empreinte}
            )
            .exclude(pk=self.pk)
        )
        if doublons.exists():
            raise ValidationError({"libelle": self.message_doublon})


class SchemaRegional(Recherchable):
    champs_recherche = ("titre", "description")

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="schemas", verbose_name="région"
    )
    titre = models.CharField("titre", max_length=255)
    annee_debut = models.PositiveSmallIntegerField(
        "première année", validators=bornes.ANNEE.validateurs
    )
    annee_fin = models.PositiveSmallIntegerField(
        "dernière année", validators=bornes.ANNEE.validateurs
    )
    adopte_le = models.DateField("arrêté le", null=True, blank=True)
    description = models.TextField("description", blank=True)

    genre_grammatical = MASCULIN

    class Meta:
        verbose_name = "schéma régional"
        verbose_name_plural = "schémas régionaux"
        ordering = ["-annee_debut", "region_id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(annee_fin__gte=F("annee_debut")),
                name="schema_periode_ordonnee",
                violation_error_message="La dernière année précède la première.",
            ),
            models.UniqueConstraint(
                fields=["region", "annee_debut", "annee_fin"],
                name="schema_unique_par_region_et_periode",
                violation_error_message="Cette région a déjà un schéma sur cette période.",
            ),
            bornes.ANNEE.contrainte("annee_debut", "schema_annee_debut_borne"),
            bornes.ANNEE.contrainte("annee_fin", "schema_annee_fin_borne"),
        ]

    def __str__(self):
        return f"{self.titre} ({self.periode})"

    @classmethod
    def q_perimetre(cls, perimetre, prefixe=""):
        # Seen by the accounts covering one département of its région.
        couverts = Departement.objects.filter(
            region_id=OuterRef(f"{prefixe}region_id"), code__in=perimetre.departements
        )
        return Q(Exists(couverts))

    @property
    def periode(self):
        return f"{self.annee_debut}-{self.annee_fin}"


class Objectif(AvecEmpreinte):
    PERIMETRE_PAR = "schema"

    parent_champ = "schema"
    message_doublon = "Ce schéma a déjà un objectif de ce libellé."

    schema = models.ForeignKey(
        SchemaRegional, on_delete=models.CASCADE, related_name="objectifs", verbose_name="schéma"
    )
    numero = models.PositiveSmallIntegerField("numéro", validators=bornes.NUMERO.validateurs)
    libelle = models.CharField("libellé", max_length=500)

    genre_grammatical = MASCULIN

    class Meta:
        verbose_name = "objectif"
        verbose_name_plural = "objectifs"
        ordering = ["schema_id", "numero"]
        constraints = [
            models.UniqueConstraint(
                fields=["schema", "numero"],
                name="objectif_numero_unique_par_schema",
                violation_error_message="Ce schéma a déjà un objectif de ce numéro.",
            ),
            models.UniqueConstraint(
                fields=["schema", "empreinte"], name="objectif_libelle_unique_par_schema"
            ),
            bornes.NUMERO.contrainte("numero", "objectif_numero_borne"),
        ]

    def __str__(self):
        return f"{self.numero}. {self.libelle}"

    @property
    def libelle_grille(self):
        """How the grids write it: "1_Consolider le parc…"."""
        return f"{self.numero}_{self.libelle}"


class Thematique(AvecEmpreinte):
    PERIMETRE_PAR = "objectif"

    parent_champ = "objectif"
    message_doublon = "Cet objectif a déjà une thématique de ce libellé."

    objectif = models.ForeignKey(
        Objectif, on_delete=models.CASCADE, related_name="thematiques", verbose_name="objectif"
    )
    libelle = models.CharField("libellé", max_length=500)
    ordre = models.PositiveIntegerField("ordre", default=0, validators=bornes.ORDRE.validateurs)

    genre_grammatical = FEMININ

    class Meta:
        verbose_name = "thématique"
        verbose_name_plural = "thématiques"
        ordering = ["objectif_id", "ordre", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["objectif", "empreinte"], name="thematique_libelle_unique_par_objectif"
            ),
            bornes.ORDRE.contrainte("ordre", "thematique_ordre_borne"),
        ]

    def __str__(self):
        return self.libelle


class ActionSchema(AvecEmpreinte):
    PERIMETRE_PAR = "thematique"

    parent_champ = "thematique"
    message_doublon = "Cette thématique a déjà une action de ce libellé."
    champs_recherche = ("libelle", "pilote")

    thematique = models.ForeignKey(
        Thematique, on_delete=models.CASCADE, related_name="actions", verbose_name="thématique"
    )
    libelle = models.TextField("libellé")
    pilote = models.CharField(
        "pilote",
        max_length=255,
        blank=True,
        help_text="Service ou partenaire qui porte l'action (ex. DDETS 44, OFII, ARS).",
    )
    ordre = models.PositiveIntegerField("ordre", default=0, validators=bornes.ORDRE.validateurs)

    genre_grammatical = FEMININ

    class Meta:
        verbose_name = "action du schéma"
        verbose_name_plural = "actions du schéma"
        ordering = ["thematique_id", "ordre", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["thematique", "empreinte"], name="action_libelle_unique_par_thematique"
            ),
            bornes.ORDRE.contrainte("ordre", "action_ordre_borne"),
        ]

    def __str__(self):
        return self.libelle if len(self.libelle) <= 120 else self.libelle[:119] + "…"


class CampagneEvaluation(Recherchable):
    PERIMETRE_PAR = "schema"
    champs_recherche = ("libelle",)

    schema = models.ForeignKey(
        SchemaRegional, on_delete=models.CASCADE, related_name="campagnes", verbose_name="schéma"
    )
    libelle = models.CharField("libellé", max_length=200)
    date = models.DateField("date")
    description = models.TextField("description", blank=True)

    genre_grammatical = FEMININ

    class Meta:
        verbose_name = "campagne d'évaluation"
        verbose_name_plural = "campagnes d'évaluation"
        ordering = ["-date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["schema", "libelle"],
                name="campagne_libelle_unique_par_schema",
                violation_error_message="Ce schéma a déjà une campagne de ce libellé.",
            ),
        ]

    def __str__(self):
        return self.libelle


class EvaluationAction(models.Model):
    PERIMETRE_PAR = "campagne"

    campagne = models.ForeignKey(
        CampagneEvaluation,
        on_delete=models.CASCADE,
        related_name="evaluations",
        verbose_name="campagne",
    )
    # RESTRICT: an evaluated action cannot be deleted on its own (its evaluations would be
    # lost), but deleting a whole campaign or schéma takes its evaluations along.
    action = models.ForeignKey(
        ActionSchema,
        on_delete=models.RESTRICT,
        related_name="evaluations",
        verbose_name="action",
    )
    realisation = models.CharField(
        "réalisation", max_length=20, choices=Realisation.choices, default=Realisation.NC
    )
    commentaire = models.TextField("commentaire", blank=True)
    evalue_par = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="évalué par",
    )
    evalue_le = models.DateTimeField("évalué le", null=True, blank=True)

    class Meta:
        verbose_name = "évaluation d'une action"
        verbose_name_plural = "évaluations des actions"
        ordering = ["campagne_id", "action_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["campagne", "action"],
                name="evaluation_unique_par_campagne_et_action",
                violation_error_message="Cette action est déjà évaluée dans cette campagne.",
            ),
            models.CheckConstraint(
                condition=Q(realisation__in=Realisation.values),
                name="evaluation_realisation_valide",
            ),
        ]

    def __str__(self):
        return f"{self.campagne} – {self.action}"

    def clean(self):
        super().clean()
        if (
            self.campagne_id
            and self.action_id
            and not ActionSchema.objects.filter(
                pk=self.action_id, thematique__objectif__schema_id=self.campagne.schema_id
            ).exists()
        ):
            raise ValidationError("Cette action n'appartient pas au schéma de la campagne.")

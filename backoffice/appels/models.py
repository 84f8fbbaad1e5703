"""Appels à projets (calls for projects) and candidatures (docs/domaine.md §4, §5.3).

Campaign: `brouillon` → `soumis` → `pre_valide` (Administrateur départemental or régional) →
`valide` (régional; national for national waves) → `publie` → `clos` (deadline, scheduled task)
→ `en_instruction` → `selection_arretee` → `termine`; `infructueux` (also after the selection, if
nothing was conventionné) and `annule` with a reason;
`soumis`/`pre_valide` → `brouillon` (send-back with a comment).

Candidature: `deposee` (only while the campaign is `publie` and before its deadline) →
`recevable` / `irrecevable` → `instruite` (a score per criterion) → `retenue` / `non_retenue` →
`conventionnee` (a dispositif, or an extension of one, and a draft convention or avenant);
`desistee` by the entité before the decision; `non_retenue` also when the instructors « classent
sans suite » a retained project that cannot be carried out (the operator gave up after the
decision), or a candidature of a cancelled or fruitless call (done for every open one when the
call is cancelled).

Transitions only run through workflows.services.executer_transition.
"""

import functools
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django_fsm import FSMField, transition
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.documents import get_document_model_string

from backoffice import bornes
from backoffice.acces.perimetres import reference
from backoffice.acces.roles import Role
from backoffice.conventions.models import Avenant, Convention, prochain_numero
from backoffice.grammaire import FEMININ, MASCULIN, compter
from backoffice.offre.models import Dispositif, EntiteGestionnaire, TypeDispositif
from backoffice.recherche.modeles import Recherchable, RechercheQuerySet
from backoffice.territoires.models import Departement, Region
from workflows.acteurs import a_role_sur_departement, perimetre_des_roles
from workflows.models import EtatSuiviMixin
from workflows.suppression import SuppressionEncadreeMixin
from workflows.systeme import OuvertAuSystemeMixin, systeme_seulement

NOTE_MAX = bornes.NOTE_MAX


class EtatAppel(models.TextChoices):
    BROUILLON = "brouillon", "Brouillon"
    SOUMIS = "soumis", "Soumis"
    PRE_VALIDE = "pre_valide", "Pré-validé"
    VALIDE = "valide", "Validé"
    PUBLIE = "publie", "Publié"
    CLOS = "clos", "Clos"
    EN_INSTRUCTION = "en_instruction", "En instruction"
    SELECTION_ARRETEE = "selection_arretee", "Sélection arrêtée"
    TERMINE = "termine", "Terminé"
    INFRUCTUEUX = "infructueux", "Infructueux"
    ANNULE = "annule", "Annulé"


A = EtatAppel
# States in which the campaign is public: operators (gestionnaires) see it.
ETATS_PUBLICS = [A.PUBLIE, A.CLOS, A.EN_INSTRUCTION, A.SELECTION_ARRETEE, A.TERMINE, A.INFRUCTUEUX]


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


# ---------------------------------------------------------------------------------------------
# Permissions: role AND perimeter
# ---------------------------------------------------------------------------------------------


def departements_appel(appel):
    """The départements a campaign covers: its split if any, else its whole région."""
    codes = {r.departement_id for r in appel.repartitions.all()}
    return codes or departements_de_region(appel.region_id)


@functools.cache
def departements_de_region(region_id):
    """Reference data (COG, shipped by migrations): read once per process."""
    return frozenset(Departement.objects.filter(region_id=region_id).values_list("code", flat=True))


def a_role_sur_appel(acteur, roles, appel):
    """National, or `roles` on every département the campaign covers (a DDETS steers a call
    of its own départements; a multi-département call belongs to the région)."""
    perimetre = perimetre_des_roles(acteur, {*roles, Role.NATIONAL})
    if perimetre.national:
        return True
    codes = departements_appel(appel)
    return bool(codes) and codes <= perimetre.departements


def peut_piloter(appel, acteur):
    return a_role_sur_appel(acteur, {Role.DEPARTEMENTAL, Role.REGIONAL}, appel)


def peut_valider(appel, acteur):
    if appel.nationale:
        return perimetre_des_roles(acteur, {Role.NATIONAL}).national
    return a_role_sur_appel(acteur, {Role.REGIONAL}, appel)


def peut_renvoyer(appel, acteur):
    if appel.etat == A.SOUMIS:
        return peut_piloter(appel, acteur)
    return peut_valider(appel, acteur)


# ---------------------------------------------------------------------------------------------
# Appel à projets
# ---------------------------------------------------------------------------------------------


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

    def erreurs_repartition(self, repartitions):
        """[(departement, places)] of the split: départements of the région, total ≤ sought."""
        erreurs = []
        total = 0
        vus = set()
        for departement, places in repartitions:
            if departement is None:
                continue
            if departement.pk in vus:
                erreurs.append(
                    f"Le département {departement} figure deux fois dans la répartition."
                )
            vus.add(departement.pk)
            if self.region_id and departement.region_id != self.region_id:
                erreurs.append(f"Le département {departement} n'est pas dans la région de l'appel.")
            total += places or 0
        if self.places_recherchees and total > self.places_recherchees:
            erreurs.append(
                f"La répartition ({total} places) dépasse les {self.places_recherchees} places "
                "recherchées."
            )
        return erreurs

    def verifier(self, maintenant=None):
        erreurs = self.erreurs_repartition(
            [(r.departement, r.places_recherchees) for r in self.repartitions.all()]
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
        from .notifications import notifier_appel

        notifier_appel(self, nom, acteur, commentaire=commentaire)
        if nom in ("annuler", "declarer_infructueux"):
            self._classer_candidatures(acteur, commentaire)

    def _classer_candidatures(self, acteur, motif):
        """A cancelled or fruitless call leaves no candidature waiting: each one still open is
        « classée sans suite » through the transition service (logged, the entité told)."""
        from workflows.services import executer_transition

        ouvertes = self.candidatures.filter(etat__in=[*ETATS_CANDIDATURE_EN_COURS, C.RETENUE])
        for pk in ouvertes.values_list("pk", flat=True):
            executer_transition(
                Candidature,
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
        from .flux import flux_appel

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


class CritereSelection(models.Model):
    PERIMETRE_PAR = "appel"

    appel = ParentalKey(AppelAProjets, on_delete=models.CASCADE, related_name="criteres")
    libelle = models.CharField("critère", max_length=255)
    poids = models.PositiveSmallIntegerField(
        "poids", default=1, validators=bornes.POIDS.validateurs
    )
    ordre = models.PositiveSmallIntegerField(
        "ordre", default=0, validators=bornes.ORDRE.validateurs
    )

    class Meta:
        verbose_name = "critère de sélection"
        verbose_name_plural = "critères de sélection"
        ordering = ["ordre", "pk"]
        constraints = [
            bornes.POIDS.contrainte("poids", "critere_poids_positif"),
            bornes.ORDRE.contrainte("ordre", "critere_ordre_borne"),
        ]

    def __str__(self):
        return f"{self.libelle} (poids {self.poids})"


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


# ---------------------------------------------------------------------------------------------
# Candidatures
# ---------------------------------------------------------------------------------------------


class EtatCandidature(models.TextChoices):
    DEPOSEE = "deposee", "Déposée"
    RECEVABLE = "recevable", "Recevable"
    IRRECEVABLE = "irrecevable", "Irrecevable"
    INSTRUITE = "instruite", "Instruite"
    RETENUE = "retenue", "Retenue"
    NON_RETENUE = "non_retenue", "Non retenue"
    CONVENTIONNEE = "conventionnee", "Conventionnée"
    DESISTEE = "desistee", "Désistée"


C = EtatCandidature
ETATS_CANDIDATURE_EN_COURS = [C.DEPOSEE, C.RECEVABLE, C.INSTRUITE]


def peut_instruire(candidature, acteur):
    return a_role_sur_departement(
        acteur, {Role.DEPARTEMENTAL, Role.REGIONAL}, candidature.departement_id
    )


def est_entite_candidate(candidature, acteur):
    perimetre = perimetre_des_roles(acteur, {Role.GESTIONNAIRE, Role.NATIONAL})
    return perimetre.national or candidature.entite_id in perimetre.entites


def peut_desister(candidature, acteur):
    """The entité; the DDETS for a candidature it recorded for an operator without account."""
    if est_entite_candidate(candidature, acteur):
        return True
    return candidature.deposee_pour_compte and peut_instruire(candidature, acteur)


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
            NoteCritere.objects.update_or_create(
                candidature=self, critere=critere, defaults={"note": Decimal(notes[critere.pk])}
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
        from .conventionnement import conventionner

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
        from .notifications import notifier_candidature

        notifier_candidature(self, nom, acteur, commentaire=commentaire)


class NoteCritere(models.Model):
    PERIMETRE_PAR = "candidature"

    candidature = models.ForeignKey(Candidature, on_delete=models.CASCADE, related_name="notes")
    critere = models.ForeignKey(CritereSelection, on_delete=models.CASCADE, related_name="notes")
    note = models.DecimalField(
        "note (sur 20)", max_digits=4, decimal_places=2, validators=bornes.NOTE.validateurs
    )

    class Meta:
        verbose_name = "note"
        verbose_name_plural = "notes"
        constraints = [
            models.UniqueConstraint(fields=["candidature", "critere"], name="note_unique"),
            bornes.NOTE.contrainte("note", "note_entre_0_et_20"),
        ]

    def __str__(self):
        return f"{self.critere.libelle} : {self.note}"


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

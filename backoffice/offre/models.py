"""The offer registry: nomenclature, entités gestionnaires, dispositifs, groupes de places and
financements.

History: django-simple-history on every offer object answers both "who changed what, from which
value" and "what was true on date D" (`Model.history.as_of(date)`), which piloting needs.
"""

import calendar
import datetime
import re
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Exists, F, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from simple_history.models import HistoricalRecords

from backoffice import bornes
from backoffice.acces.perimetres import reference
from backoffice.grammaire import FEMININ, MASCULIN
from backoffice.recherche.modeles import Recherchable, RechercheQuerySet
from backoffice.territoires.models import Departement

from . import choices
from .data.nomenclature import TYPES_PLACES_AUTORISEES_REQUISES
from .validators import (
    normaliser_siren,
    normaliser_siret,
    valider_code_postal,
    valider_finess,
    valider_siren,
    valider_siret,
    valider_telephone,
)

# ---------------------------------------------------------------------------------------------
# Reference data
# ---------------------------------------------------------------------------------------------


class Nature(Recherchable):
    REFERENTIEL = True  # nomenclature: read by every role
    champs_recherche = ("code", "libelle")

    code = models.CharField("code", max_length=30, primary_key=True)
    libelle = models.CharField("libellé", max_length=200, unique=True)
    validation_directe_siao = models.BooleanField(
        "validée directement par le SIAO",
        default=False,
        help_text="Les demandes de cette nature passent de « soumise » à « validée » par le SIAO.",
    )
    sans_places = models.BooleanField(
        "sans places",
        default=False,
        help_text="Demandes ou déclarations uniquement : ni places, ni mesures, ni prestations.",
    )
    ordre = models.PositiveSmallIntegerField(
        "ordre", default=0, validators=bornes.ORDRE.validateurs
    )

    genre_grammatical = FEMININ

    class Meta:
        verbose_name = "nature de dispositif"
        verbose_name_plural = "natures de dispositif"
        ordering = ["ordre", "libelle"]
        constraints = [bornes.ORDRE.contrainte("ordre", "nature_ordre_borne")]

    def __str__(self):
        return self.libelle


class TypeDispositif(Recherchable):
    REFERENTIEL = True  # nomenclature: read by every role
    champs_recherche = ("code", "libelle")

    code = models.CharField("code", max_length=30, primary_key=True)
    nature = models.ForeignKey(
        Nature, on_delete=models.PROTECT, related_name="types", verbose_name="nature"
    )
    libelle = models.CharField("libellé", max_length=200)
    regime = models.CharField(
        "régime juridique",
        max_length=20,
        choices=choices.RegimeJuridique.choices,
        default=choices.RegimeJuridique.AUCUN,
    )
    cout_journalier_reference = models.DecimalField(
        "coût journalier de référence (€)",
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=bornes.COUT_JOURNALIER.validateurs,
    )
    validation_directe_siao = models.BooleanField("validé directement par le SIAO", default=False)
    ordre = models.PositiveSmallIntegerField(
        "ordre", default=0, validators=bornes.ORDRE.validateurs
    )

    genre_grammatical = MASCULIN

    class Meta:
        verbose_name = "type de dispositif"
        verbose_name_plural = "types de dispositif"
        ordering = ["nature__ordre", "ordre", "libelle"]
        constraints = [
            models.UniqueConstraint(fields=["nature", "libelle"], name="type_libelle_unique"),
            bornes.ORDRE.contrainte("ordre", "type_ordre_borne"),
            bornes.COUT_JOURNALIER.contrainte(
                "cout_journalier_reference",
                "type_cout_reference_borne",
                nul=True,
            ),
        ]

    def __str__(self):
        return self.libelle

    @property
    def places_autorisees_requises(self):
        return self.code in TYPES_PLACES_AUTORISEES_REQUISES

    @property
    def sous_autorisation(self):
        """Only the ESSMS under the authorisation regime have an authorised capacity."""
        return self.regime == choices.RegimeJuridique.AUTORISATION

    @property
    def est_validation_directe_siao(self):
        return self.validation_directe_siao or self.nature.validation_directe_siao


class Programme(models.Model):
    REFERENTIEL = True  # nomenclature: read by every role

    code = models.CharField("code", max_length=10, primary_key=True)
    libelle = models.CharField("libellé", max_length=200)

    genre_grammatical = MASCULIN

    class Meta:
        verbose_name = "programme budgétaire"
        verbose_name_plural = "programmes budgétaires"
        ordering = ["code"]

    def __str__(self):
        return self.libelle


class PublicSpecifique(models.Model):
    REFERENTIEL = True  # nomenclature: read by every role

    code = models.CharField("code", max_length=30, primary_key=True)
    libelle = models.CharField("libellé", max_length=200)

    genre_grammatical = MASCULIN

    class Meta:
        verbose_name = "public spécifique"
        verbose_name_plural = "publics spécifiques"
        ordering = ["libelle"]

    def __str__(self):
        return self.libelle


# ---------------------------------------------------------------------------------------------
# Entités gestionnaires
# ---------------------------------------------------------------------------------------------


class EntiteGestionnaire(ClusterableModel, Recherchable):
    champs_recherche = ("raison_sociale", "siren", "commune")

    raison_sociale = models.CharField("raison sociale", max_length=255)
    statut_juridique = models.CharField(
        "statut juridique", max_length=30, choices=choices.StatutJuridique.choices, blank=True
    )
    siren = models.CharField(
        "SIREN",
        max_length=9,
        unique=True,
        error_messages={"unique": "Une entité gestionnaire avec ce SIREN existe déjà."},
    )
    adresse = models.CharField("adresse du siège", max_length=255, blank=True)
    code_postal = models.CharField("code postal", max_length=5, blank=True)
    commune = models.CharField("commune", max_length=150, blank=True)
    departement = models.ForeignKey(
        Departement,
        on_delete=models.PROTECT,
        related_name="entites",
        verbose_name="département du siège",
        null=True,
        blank=True,
    )
    telephone = models.CharField("téléphone", max_length=20, blank=True)
    courriel = models.EmailField("courriel", blank=True)
    agrements = models.TextField("agréments", blank=True)
    convention_collective = models.CharField("convention collective", max_length=255, blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="filiales",
        verbose_name="entité mère",
    )
    cree_le = models.DateTimeField("créée le", auto_now_add=True)
    modifie_le = models.DateTimeField("modifiée le", auto_now=True)

    history = HistoricalRecords(excluded_fields=["modifie_le", "recherche"], inherit=False)

    genre_grammatical = FEMININ

    class Meta:
        verbose_name = "entité gestionnaire"
        verbose_name_plural = "entités gestionnaires"
        ordering = ["raison_sociale"]
        constraints = [
            models.CheckConstraint(
                condition=Q(siren__regex=r"^\d{9}$"), name="entite_siren_9_chiffres"
            ),
        ]

    def __str__(self):
        return f"{self.raison_sociale} ({self.siren})"

    @classmethod
    def q_perimetre(cls, perimetre, prefixe=""):
        # In a perimeter by its siège, by assignment, or by one of its dispositifs.
        ref = reference(prefixe)
        dispositifs = Dispositif.objects.filter(
            entite_id=OuterRef(ref), departement_id__in=perimetre.departements
        )
        return (
            Q(**{f"{prefixe}departement_id__in": perimetre.departements})
            | Q(**{f"{ref}__in": perimetre.entites})
            | Q(Exists(dispositifs))
        )

    def clean_fields(self, exclude=None):
        self.siren = normaliser_siren(self.siren)
        super().clean_fields(exclude=exclude)

    def clean(self):
        erreurs = {}
        for champ, valider in (
            ("siren", valider_siren),
            ("code_postal", valider_code_postal),
            ("telephone", valider_telephone),
        ):
            valeur = getattr(self, champ)
            if valeur:
                try:
                    valider(valeur)
                except ValidationError as exc:
                    erreurs[champ] = exc
        if self.parent_id and self.pk and self.parent_id == self.pk:
            erreurs["parent"] = "Une entité ne peut pas être sa propre entité mère."
        if erreurs:
            raise ValidationError(erreurs)


class ContactReferent(models.Model):
    PERIMETRE_PAR = "entite"

    entite = ParentalKey(EntiteGestionnaire, on_delete=models.CASCADE, related_name="contacts")
    role = models.CharField("rôle", max_length=20, choices=choices.RoleContact.choices)
    nom = models.CharField("nom", max_length=200)
    courriel = models.EmailField("courriel", blank=True)
    telephone = models.CharField("téléphone", max_length=20, blank=True)

    # No simple-history here: it cannot copy a ParentalKey (modelcluster.E002); contacts are
    # saved with their entité, whose own history records the edit.

    class Meta:
        verbose_name = "contact référent"
        verbose_name_plural = "contacts référents"
        ordering = ["role", "nom"]

    def __str__(self):
        return f"{self.nom} ({self.get_role_display()})"


# ---------------------------------------------------------------------------------------------
# Dispositifs
# ---------------------------------------------------------------------------------------------


class CompteurCode(models.Model):
    """Last national-code sequence used per département (row-locked when a code is drawn)."""

    PERIMETRE_NATIONAL = True  # drawn by the code service, shown on no screen

    departement = models.OneToOneField(Departement, on_delete=models.CASCADE, primary_key=True)
    dernier = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "compteur de codes"

    def __str__(self):
        return f"{self.departement_id}: {self.dernier}"


def prochain_code_dispositif(departement_code):
    """Draw the next national code of a département, e.g. `44-00012`.

    The counter row is locked (`select_for_update`) so two creations never draw the same code;
    a unique constraint on the code backs it anyway.
    """
    with transaction.atomic():
        CompteurCode.objects.get_or_create(departement_id=departement_code)
        compteur = CompteurCode.objects.select_for_update().get(departement_id=departement_code)
        # Never behind a code already given (rows loaded with their code, counter lost).
        compteur.dernier = max(compteur.dernier, _dernier_numero_attribue(departement_code)) + 1
        compteur.save(update_fields=["dernier"])
        return f"{departement_code}-{compteur.dernier:05d}"


def _dernier_numero_attribue(departement_code):
    """Highest sequence number among the département's codes (zero-padded: text order works)."""
    dernier = (
        Dispositif.objects.filter(code__regex=rf"^{re.escape(departement_code)}-[0-9]{{5}}$")
        .order_by("-code")
        .values_list("code", flat=True)
        .first()
    )
    return int(dernier.rsplit("-", 1)[1]) if dernier else 0


def exercice_courant():
    return timezone.localdate().year


class DispositifQuerySet(RechercheQuerySet):
    def ouverts(self, date=None):
        date = date or timezone.localdate()
        return self.filter(
            Q(date_ouverture__isnull=True) | Q(date_ouverture__lte=date),
            Q(date_fermeture__isnull=True) | Q(date_fermeture__gt=date),
        )

    def fermes(self, date=None):
        date = date or timezone.localdate()
        return self.filter(date_fermeture__lte=date)

    def avec_capacites(self, exercice=None, date=None):
        """Annotate places financées (exercice) and places ouvertes (groupes active at date),
        as subqueries so a listing costs one query whatever its size."""
        exercice = exercice or exercice_courant()
        date = date or timezone.localdate()
        financees = (
            Financement.objects.filter(dispositif=OuterRef("pk"), exercice=exercice)
            .values("dispositif")
            .annotate(total=Sum("places_financees"))
            .values("total")
        )
        ouvertes = (
            GroupeDePlaces.objects.actifs(date)
            .filter(dispositif=OuterRef("pk"))
            .values("dispositif")
            .annotate(total=Sum("places"))
            .values("total")
        )
        return self.annotate(
            nb_places_financees=Coalesce(Subquery(financees), Value(0)),
            nb_places_ouvertes=Coalesce(Subquery(ouvertes), Value(0)),
        )


class Dispositif(ClusterableModel, Recherchable):
    champs_recherche = ("code", "nom", "commune", "siret", "finess", "reference_locale")

    code = models.CharField(
        "code dispositif",
        max_length=12,
        unique=True,
        editable=False,
        error_messages={"unique": "Un dispositif avec ce code existe déjà."},
        help_text="Code national attribué à la création : département et numéro d'ordre.",
    )
    reference_locale = models.CharField(
        "référence locale",
        max_length=50,
        blank=True,
        help_text="Identifiant libre, unique dans le département (fichier Temps 1).",
    )
    nom = models.CharField("nom du dispositif", max_length=255)
    entite = models.ForeignKey(
        EntiteGestionnaire,
        on_delete=models.PROTECT,
        related_name="dispositifs",
        verbose_name="entité gestionnaire",
    )
    type = models.ForeignKey(
        TypeDispositif, on_delete=models.PROTECT, related_name="dispositifs", verbose_name="type"
    )
    departement = models.ForeignKey(
        Departement,
        on_delete=models.PROTECT,
        related_name="dispositifs",
        verbose_name="département",
    )
    adresse = models.CharField("adresse", max_length=255, blank=True)
    code_postal = models.CharField("code postal", max_length=5, blank=True)
    commune = models.CharField("commune", max_length=150, blank=True)
    siret = models.CharField("SIRET", max_length=14, blank=True)
    finess = models.CharField("FINESS", max_length=9, blank=True)
    code_dna = models.CharField("code DNA (OFII)", max_length=30, blank=True)
    public = models.CharField(
        "public", max_length=20, choices=choices.Public.choices, default=choices.Public.TOUT_PUBLIC
    )
    publics_specifiques = models.ManyToManyField(
        PublicSpecifique, blank=True, related_name="dispositifs", verbose_name="publics spécifiques"
    )
    mode_hebergement = models.CharField(
        "mode d'hébergement", max_length=20, choices=choices.ModeHebergement.choices, blank=True
    )
    places_autorisees = models.PositiveIntegerField(
        "places autorisées", null=True, blank=True, validators=bornes.PLACES.validateurs
    )
    places_pmr = models.PositiveIntegerField(
        "dont places PMR", null=True, blank=True, validators=bornes.PLACES.validateurs
    )
    date_autorisation = models.DateField("date d'autorisation", null=True, blank=True)
    date_fin_autorisation = models.DateField("fin d'autorisation", null=True, blank=True)
    date_ouverture = models.DateField("date d'ouverture", null=True, blank=True)
    date_fermeture = models.DateField("date de fermeture", null=True, blank=True)
    telephone = models.CharField("téléphone", max_length=20, blank=True)
    courriel = models.EmailField("courriel", blank=True)
    horaires = models.CharField("horaires", max_length=255, blank=True)
    responsable = models.CharField("responsable", max_length=200, blank=True)
    cree_le = models.DateTimeField("créé le", auto_now_add=True)
    modifie_le = models.DateTimeField("modifié le", auto_now=True)

    objects = DispositifQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["modifie_le", "recherche"], inherit=False)

    # Fields an entité's gestionnaire may edit directly; everything else goes through a request.
    CHAMPS_MINEURS = ["telephone", "courriel", "horaires", "responsable"]

    genre_grammatical = MASCULIN

    class Meta:
        verbose_name = "dispositif"
        verbose_name_plural = "dispositifs"
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(places_pmr__isnull=True)
                | Q(places_autorisees__isnull=True)
                | Q(places_pmr__lte=F("places_autorisees")),
                name="dispositif_pmr_inferieur_autorisees",
            ),
            bornes.PLACES.contrainte("places_autorisees", "dispositif_autorisees_borne", nul=True),
            bornes.PLACES.contrainte("places_pmr", "dispositif_pmr_borne", nul=True),
            models.CheckConstraint(
                condition=Q(date_fermeture__isnull=True)
                | Q(date_ouverture__isnull=True)
                | Q(date_fermeture__gte=F("date_ouverture")),
                name="dispositif_fermeture_apres_ouverture",
            ),
            models.UniqueConstraint(
                fields=["departement", "reference_locale"],
                condition=~Q(reference_locale=""),
                name="dispositif_reference_locale_unique",
                violation_error_message="Cette référence locale est déjà utilisée dans ce "
                "département.",
            ),
        ]

    def __str__(self):
        return f"{self.code} – {self.nom}" if self.code else self.nom

    @classmethod
    def q_perimetre(cls, perimetre, prefixe=""):
        # Its département's, and its entité's.
        return Q(**{f"{prefixe}departement_id__in": perimetre.departements}) | Q(
            **{f"{prefixe}entite_id__in": perimetre.entites}
        )

    def dans_perimetre(self, perimetre):
        return self.departement_id in perimetre.departements or self.entite_id in perimetre.entites

    def get_admin_url(self):
        return reverse("dispositif:inspect", args=[self.pk])

    @property
    def nature(self):
        return self.type.nature

    @property
    def est_ouvert(self):
        aujourdhui = timezone.localdate()
        if self.date_ouverture and self.date_ouverture > aujourdhui:
            return False
        return not (self.date_fermeture and self.date_fermeture <= aujourdhui)

    @property
    def avertissement_siret(self):
        """Warning (not an error): a SIRET normally starts with its entité's SIREN."""
        if self.siret and self.entite_id and not self.siret.startswith(self.entite.siren):
            return (
                "Les 9 premiers chiffres du SIRET ne correspondent pas au SIREN de l'entité "
                f"gestionnaire ({self.entite.siren})."
            )
        return ""

    def places_financees(self, exercice=None):
        exercice = exercice or exercice_courant()
        return self.financements.filter(exercice=exercice).aggregate(
            total=Coalesce(Sum("places_financees"), 0)
        )["total"]

    def places_ouvertes(self, date=None):
        if not self.est_ouvert:
            return 0
        return (
            GroupeDePlaces.objects.actifs(date)
            .filter(dispositif=self)
            .aggregate(total=Coalesce(Sum("places"), 0))["total"]
        )

    def clean_fields(self, exclude=None):
        self.siret = normaliser_siret(self.siret)
        self.finess = (self.finess or "").strip().upper()
        super().clean_fields(exclude=exclude)

    def clean(self):
        erreurs = {}
        for champ, valider in (
            ("siret", valider_siret),
            ("finess", valider_finess),
            ("code_postal", valider_code_postal),
            ("telephone", valider_telephone),
        ):
            valeur = getattr(self, champ)
            if valeur:
                try:
                    valider(valeur)
                except ValidationError as exc:
                    erreurs[champ] = exc
        if (
            self.places_pmr is not None
            and self.places_autorisees is not None
            and self.places_pmr > self.places_autorisees
        ):
            erreurs["places_pmr"] = "Les places PMR ne peuvent dépasser les places autorisées."
        if self.type_id and self.places_autorisees is not None and not self.type.sous_autorisation:
            erreurs["places_autorisees"] = (
                f"Le type {self.type.libelle} ne relève pas du régime d'autorisation : pas de "
                "places autorisées pour ce type. Laissez ce champ vide."
            )
        if self.type_id and self.type.places_autorisees_requises and self.places_autorisees is None:
            erreurs["places_autorisees"] = (
                f"Les places autorisées sont obligatoires pour un {self.type.libelle}."
            )
        if (
            self.date_ouverture
            and self.date_fermeture
            and self.date_fermeture < self.date_ouverture
        ):
            erreurs["date_fermeture"] = "La date de fermeture précède la date d'ouverture."
        if (
            self.date_autorisation
            and self.date_fin_autorisation
            and self.date_fin_autorisation < self.date_autorisation
        ):
            erreurs["date_fin_autorisation"] = "La fin d'autorisation précède son début."
        if erreurs:
            raise ValidationError(erreurs)

    def save(self, *args, **kwargs):
        if not self.code:
            self.code = prochain_code_dispositif(self.departement_id)
        super().save(*args, **kwargs)


# ---------------------------------------------------------------------------------------------
# Groupes de places and financements
# ---------------------------------------------------------------------------------------------


class GroupeDePlacesQuerySet(RechercheQuerySet):
    def actifs(self, date=None):
        """Groupes counted as open places on `date`: their own dates and their dispositif's."""
        date = date or timezone.localdate()
        return self.filter(
            Q(date_debut__isnull=True) | Q(date_debut__lte=date),
            Q(date_fin__isnull=True) | Q(date_fin__gte=date),
            Q(dispositif__date_ouverture__isnull=True) | Q(dispositif__date_ouverture__lte=date),
            Q(dispositif__date_fermeture__isnull=True) | Q(dispositif__date_fermeture__gt=date),
        )


class GroupeDePlaces(Recherchable):
    """A homogeneous set of places: same public, location and equipment (seed 004)."""

    PERIMETRE_PAR = "dispositif"
    champs_recherche = ("libelle", "commune")

    dispositif = models.ForeignKey(
        Dispositif, on_delete=models.CASCADE, related_name="groupes", verbose_name="dispositif"
    )
    libelle = models.CharField("libellé", max_length=200)
    places = models.PositiveIntegerField("nombre de places", validators=bornes.PLACES.validateurs)
    public = models.CharField(
        "public", max_length=20, choices=choices.Public.choices, default=choices.Public.TOUT_PUBLIC
    )
    mode_hebergement = models.CharField(
        "mode d'hébergement", max_length=20, choices=choices.ModeHebergement.choices, blank=True
    )
    commune = models.CharField("commune", max_length=150, blank=True)
    code_postal = models.CharField("code postal", max_length=5, blank=True)
    places_pmr = models.PositiveIntegerField(
        "dont places PMR", default=0, validators=bornes.PLACES.validateurs
    )
    date_debut = models.DateField("date de début", null=True, blank=True)
    date_fin = models.DateField("date de fin", null=True, blank=True)

    objects = GroupeDePlacesQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["recherche"], inherit=False)

    genre_grammatical = MASCULIN

    class Meta:
        verbose_name = "groupe de places"
        verbose_name_plural = "groupes de places"
        ordering = ["dispositif__code", "libelle"]
        constraints = [
            models.CheckConstraint(
                condition=Q(places_pmr__lte=F("places")), name="groupe_pmr_inferieur_places"
            ),
            bornes.PLACES.contrainte("places", "groupe_places_borne"),
            bornes.PLACES.contrainte("places_pmr", "groupe_pmr_borne"),
            models.CheckConstraint(
                condition=Q(date_fin__isnull=True)
                | Q(date_debut__isnull=True)
                | Q(date_fin__gte=F("date_debut")),
                name="groupe_fin_apres_debut",
            ),
        ]

    def __str__(self):
        return f"{self.libelle} ({self.places} places)"

    def clean(self):
        erreurs = {}
        if (
            self.places is not None
            and self.places_pmr is not None
            and self.places_pmr > self.places
        ):
            erreurs["places_pmr"] = "Les places PMR ne peuvent dépasser le nombre de places."
        if self.date_debut and self.date_fin and self.date_fin < self.date_debut:
            erreurs["date_fin"] = "La date de fin précède la date de début."
        if self.code_postal:
            try:
                valider_code_postal(self.code_postal)
            except ValidationError as exc:
                erreurs["code_postal"] = exc
        if self.dispositif_id and self.dispositif.type.nature.sans_places:
            erreurs["dispositif"] = (
                "Un dispositif de premier accueil n'a pas de places : pas de groupe de places."
            )
        if erreurs:
            raise ValidationError(erreurs)


def jours_exercice(exercice):
    return 366 if calendar.isleap(exercice) else 365


def cout_jour_place(montant, places, exercice, arrondi=True):
    """Annual amount / (places × days of the exercice), None without places. `montant` and
    `places` are those of the financing lines that carry an amount
    (pilotage.indicateurs.Chiffres.places_montant). Defined here, beside the financing lines,
    so that piloting and the quality rules share it without importing each other."""
    if not places or not montant:
        return None
    cout = Decimal(montant) / (places * jours_exercice(exercice))
    return cout.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) if arrondi else cout


class Financement(Recherchable):
    PERIMETRE_PAR = "dispositif"
    champs_recherche = ("action",)

    dispositif = models.ForeignKey(
        Dispositif, on_delete=models.CASCADE, related_name="financements", verbose_name="dispositif"
    )
    exercice = models.PositiveSmallIntegerField("exercice", validators=bornes.EXERCICE.validateurs)
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="financements", verbose_name="programme"
    )
    action = models.CharField("action", max_length=10, blank=True)
    service_financeur = models.CharField(
        "service financeur", max_length=10, choices=choices.ServiceFinanceur.choices, blank=True
    )
    mode = models.CharField(
        "mode de financement",
        max_length=20,
        choices=choices.ModeFinancement.choices,
        default=choices.ModeFinancement.SUBVENTION,
    )
    places_financees = models.PositiveIntegerField(
        "places financées", validators=bornes.PLACES.validateurs
    )
    montant_annuel = models.DecimalField(
        "montant annuel (€)",
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=bornes.MONTANT.validateurs,
    )
    orientation = models.CharField(
        "orientation", max_length=20, choices=choices.Orientation.choices, blank=True
    )
    date_debut = models.DateField("date de début", null=True, blank=True)
    date_fin = models.DateField("date de fin", null=True, blank=True)
    convention = models.ForeignKey(
        "conventions.Convention",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="financements",
        verbose_name="convention",
        help_text="La convention que cette ligne finance (elle doit couvrir le dispositif).",
    )

    history = HistoricalRecords(excluded_fields=["recherche"], inherit=False)

    genre_grammatical = MASCULIN

    class Meta:
        verbose_name = "financement"
        verbose_name_plural = "financements"
        ordering = ["-exercice", "dispositif__code"]
        constraints = [
            bornes.EXERCICE.contrainte("exercice", "financement_exercice_plausible"),
            bornes.PLACES.contrainte("places_financees", "financement_places_borne"),
            bornes.MONTANT.contrainte("montant_annuel", "financement_montant_borne", nul=True),
            models.CheckConstraint(
                condition=Q(date_fin__isnull=True)
                | Q(date_debut__isnull=True)
                | Q(date_fin__gte=F("date_debut")),
                name="financement_fin_apres_debut",
            ),
            models.UniqueConstraint(
                fields=["dispositif", "exercice", "programme", "action", "mode"],
                name="financement_ligne_unique",
                violation_error_message="Une ligne de financement identique (dispositif, "
                "exercice, programme, action, mode) existe déjà.",
            ),
        ]

    def __str__(self):
        return f"{self.exercice} · {self.programme_id} · {self.places_financees} places"

    @property
    def cout_journalier_place(self):
        """Annual amount / (places financées × days of the exercice), rounded to the cent."""
        if not self.montant_annuel or not self.places_financees:
            return None
        cout = Decimal(self.montant_annuel) / (
            self.places_financees * jours_exercice(self.exercice)
        )
        return cout.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    def clean(self):
        erreurs = {}
        # Bounds (exercice, places, amount) are the fields' validators (backoffice/bornes.py).
        if (
            self.convention_id
            and self.dispositif_id
            and not self.convention.lignes.filter(dispositif_id=self.dispositif_id).exists()
        ):
            erreurs["convention"] = "Cette convention ne couvre pas le dispositif financé."
        if self.date_debut and self.date_fin and self.date_fin < self.date_debut:
            erreurs["date_fin"] = "La date de fin précède la date de début."
        elif self.exercice and bornes.ANNEE_MIN <= self.exercice <= bornes.ANNEE_MAX:
            debut_exercice = datetime.date(self.exercice, 1, 1)
            fin_exercice = datetime.date(self.exercice, 12, 31)
            if (self.date_debut and self.date_debut > fin_exercice) or (
                self.date_fin and self.date_fin < debut_exercice
            ):
                erreurs["date_debut"] = (
                    f"La période de financement doit recouvrir l'exercice {self.exercice}."
                )
        if erreurs:
            raise ValidationError(erreurs)

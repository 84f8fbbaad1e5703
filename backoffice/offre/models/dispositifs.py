"""Dispositifs: their code, their capacities (the queryset's annotation), their rules."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from modelcluster.models import ClusterableModel
from simple_history.models import HistoricalRecords

from backoffice import bornes
from backoffice.compteurs import tirer
from backoffice.grammaire import MASCULIN
from backoffice.recherche.modeles import Recherchable, RechercheQuerySet
from backoffice.territoires.models import Departement

from .. import choices
from ..validators import (
    normaliser_siret,
    valider_code_postal,
    valider_finess,
    valider_siret,
    valider_telephone,
)

# ---------------------------------------------------------------------------------------------
# Dispositifs
# ---------------------------------------------------------------------------------------------
from .entites import EntiteGestionnaire
from .places import Financement, GroupeDePlaces
from .referentiels import PublicSpecifique, TypeDispositif


class CompteurCode(models.Model):
    """Last national-code sequence used per département (row-locked when a code is drawn)."""

    PERIMETRE_NATIONAL = True  # drawn by the code service, shown on no screen

    departement = models.OneToOneField(Departement, on_delete=models.CASCADE, primary_key=True)
    dernier = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "compteur de codes"

    def __str__(self):
        return f"{self.departement_id}: {self.dernier}"


def reserver_codes_dispositif(departement_code, nombre=1):
    """Draw `nombre` consecutive national codes of a département (`44-00013`, `44-00014`…).

    One locked counter per département (`backoffice.compteurs.tirer`): two creations never draw
    the same code, and Temps 1 draws all the codes of a département at once; a unique constraint
    on the code backs it anyway. Never behind a code already given (rows loaded with their code,
    counter lost)."""
    premier = tirer(
        CompteurCode,
        nombre=nombre,
        plancher=_dernier_numero_attribue(departement_code),
        departement_id=departement_code,
    )
    return [f"{departement_code}-{rang:05d}" for rang in range(premier, premier + nombre)]


def prochain_code_dispositif(departement_code):
    """The next national code of a département, e.g. `44-00012`."""
    return reserver_codes_dispositif(departement_code)[0]


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


def places_financees_annotees(exercice=None):
    """Places of the financing lines of `exercice` (default: the current one) of the row's
    dispositif: an expression for `annotate`."""
    financees = (
        Financement.objects.filter(
            dispositif=OuterRef("pk"), exercice=exercice or exercice_courant()
        )
        .values("dispositif")
        .annotate(total=Sum("places_financees"))
        .values("total")
    )
    return Coalesce(Subquery(financees), Value(0))


def places_ouvertes_annotees(date=None):
    """Places of the row's dispositif's groupes active on `date` (default: today)."""
    ouvertes = (
        GroupeDePlaces.objects.actifs(date or timezone.localdate())
        .filter(dispositif=OuterRef("pk"))
        .values("dispositif")
        .annotate(total=Sum("places"))
        .values("total")
    )
    return Coalesce(Subquery(ouvertes), Value(0))


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
        as subqueries so a listing costs one query whatever its size. The offer's one
        definition of both (the model's methods read it for one dispositif)."""
        return self.annotate(
            nb_places_financees=places_financees_annotees(exercice),
            nb_places_ouvertes=places_ouvertes_annotees(date),
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

    # The descriptive fields a request or a Temps 1 import may set, declared once: the public
    # request form, the modification request and the Temps 1 import start from this list and
    # state their own extras or exclusions beside it; the admin form and export, laid out by
    # hand, carry each of them (tests/offre/test_champs_descriptifs.py checks they all agree).
    CHAMPS_DESCRIPTIFS = [
        "nom",
        "adresse",
        "code_postal",
        "commune",
        "siret",
        "finess",
        "code_dna",
        "public",
        "mode_hebergement",
        "places_autorisees",
        "places_pmr",
        "date_ouverture",
        "telephone",
        "courriel",
    ]

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
    def capacite_autorisee(self):
        """Its places autorisées when its type is under the authorisation regime, else None: a
        type outside the regime has no authorised capacity (docs/pilotage.md), even on an old
        row that still carries places (recorded before the rule, or its type left the regime)."""
        return self.places_autorisees if self.type.sous_autorisation else None

    @property
    def avertissement_siret(self):
        """Warning (not an error): a SIRET normally starts with its entité's SIREN."""
        if self.siret and self.entite_id and not self.siret.startswith(self.entite.siren):
            return (
                "Les 9 premiers chiffres du SIRET ne correspondent pas au SIREN de l'entité "
                f"gestionnaire ({self.entite.siren})."
            )
        return ""

    def _annotation(self, expression):
        return (
            Dispositif.objects.filter(pk=self.pk)
            .annotate(valeur=expression)
            .values_list("valeur", flat=True)
            .get()
        )

    def places_financees(self, exercice=None):
        return self._annotation(places_financees_annotees(exercice))

    def places_ouvertes(self, date=None):
        if not self.est_ouvert:
            return 0
        return self._annotation(places_ouvertes_annotees(date))

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

"""The nomenclature of the offer: natures, types of dispositif, budget programmes, specific
publics (reference data, read by every role)."""

from django.db import models

from backoffice import bornes
from backoffice.grammaire import FEMININ, MASCULIN
from backoffice.recherche.modeles import Recherchable

from .. import choices
from ..data.nomenclature import TYPES_PLACES_AUTORISEES_REQUISES

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

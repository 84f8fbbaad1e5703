"""Avenants: they change the places and amounts of a signed convention from their effective date."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django_fsm import FSMField, transition
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from backoffice import bornes
from backoffice.grammaire import MASCULIN
from backoffice.offre.choices import RegimeJuridique
from backoffice.offre.models import Dispositif
from backoffice.recherche.modeles import Recherchable
from workflows.models import EtatSuiviMixin
from workflows.suppression import SuppressionEncadreeMixin
from workflows.systeme import OuvertAuSystemeMixin

from ..notifications import notifier_avenant
from .choix import ETATS_ACTIFS
from .convention import Convention
from .droits import (
    peut_rediger,
    peut_signer,
    peut_valider,
)
from .lignes import LigneConvention, MontantConvention
from .signature import _exiger_signature, _joindre_copie_signee

# ---------------------------------------------------------------------------------------------
# Avenants
# ---------------------------------------------------------------------------------------------


class EtatAvenant(models.TextChoices):
    BROUILLON = "brouillon", "Brouillon"
    VALIDEE = "validee", "Validé"
    SIGNEE = "signee", "Signé"
    ABANDONNE = "abandonne", "Abandonné"


def _avenant_peut_rediger(avenant, acteur):
    return peut_rediger(avenant.convention, acteur)


def _avenant_peut_valider(avenant, acteur):
    return peut_valider(avenant.convention, acteur)


def _avenant_peut_signer(avenant, acteur):
    return peut_signer(avenant.convention, acteur)


class Avenant(
    SuppressionEncadreeMixin, EtatSuiviMixin, OuvertAuSystemeMixin, ClusterableModel, Recherchable
):
    """Changes places and/or amounts of a signed convention from an effective date.

    Lines and amounts hold the *new* values (not differences); a dispositif or an exercice not
    listed keeps its value."""

    PERIMETRE_PAR = "convention"
    champs_recherche = ("objet",)

    convention = models.ForeignKey(
        Convention, on_delete=models.CASCADE, related_name="avenants", verbose_name="convention"
    )
    numero = models.PositiveSmallIntegerField("numéro", editable=False)
    objet = models.TextField("objet")
    date_effet = models.DateField("date d'effet")
    etat = FSMField(
        "état",
        max_length=20,
        choices=EtatAvenant.choices,
        default=EtatAvenant.BROUILLON,
        protected=True,
    )
    date_signature = models.DateField("date de signature", null=True, blank=True)
    signe_le = models.DateTimeField("signature enregistrée le", null=True, blank=True)
    applique_le = models.DateTimeField("appliqué le", null=True, blank=True)
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

    # Deletion (workflows/suppression.py): a draft only, by the convention's drafters.
    def motif_non_supprimable(self):
        if self.etat == EtatAvenant.BROUILLON:
            return None
        if self.etat == EtatAvenant.VALIDEE:
            return "Un avenant validé ne se supprime plus : il s'abandonne (« Abandonner »)."
        if self.etat == EtatAvenant.SIGNEE:
            return "Un avenant signé ne se supprime jamais."
        return "Un avenant abandonné est conservé pour l'historique : il ne se supprime pas."

    def peut_supprimer(self, acteur):
        return _avenant_peut_rediger(self, acteur)

    class Meta:
        verbose_name = "avenant"
        verbose_name_plural = "avenants"
        ordering = ["convention", "numero"]
        constraints = [
            models.CheckConstraint(
                condition=Q(etat__in=EtatAvenant.values), name="avenant_etat_valide"
            ),
            models.UniqueConstraint(fields=["convention", "numero"], name="avenant_numero_unique"),
        ]

    def __str__(self):
        return f"Avenant n° {self.numero} à {self.convention.numero}"

    def get_admin_url(self):
        return reverse("avenant:inspect", args=[self.pk])

    @property
    def en_attente(self):
        return self.etat == EtatAvenant.SIGNEE and self.applique_le is None

    def save(self, *args, **kwargs):
        if not self.numero:
            dernier = (
                Avenant.objects.filter(convention_id=self.convention_id).aggregate(
                    m=models.Max("numero")
                )["m"]
                or 0
            )
            self.numero = dernier + 1
        super().save(*args, **kwargs)

    def clean(self):
        convention = self.convention if self.convention_id else None
        erreurs = {}
        if convention is not None:
            if self._state.adding and convention.etat not in ETATS_ACTIFS:
                erreurs["convention"] = (
                    "Un avenant ne se rédige que sur une convention signée ou en vigueur."
                )
            if self.date_effet:
                if self.date_effet < convention.date_debut or (
                    convention.date_fin and self.date_effet > convention.date_fin
                ):
                    erreurs["date_effet"] = (
                        "La date d'effet doit être dans la période de la convention."
                    )
                precedent = (
                    convention.avenants.filter(etat=EtatAvenant.SIGNEE)
                    .exclude(pk=self.pk)
                    .order_by("-date_effet")
                    .first()
                )
                if precedent and self.date_effet < precedent.date_effet:
                    erreurs["date_effet"] = (
                        f"L'avenant n° {precedent.numero}, signé, prend effet le "
                        f"{precedent.date_effet:%d/%m/%Y} : un nouvel avenant ne peut prendre "
                        "effet avant."
                    )
        if erreurs:
            raise ValidationError(erreurs)

    def verifier(self):
        erreurs = []
        lignes = list(self.lignes.select_related("dispositif__type"))
        if not lignes and not self.montants.exists():
            erreurs.append("Un avenant modifie au moins des places ou un montant.")
        for ligne in lignes:
            dispositif = ligne.dispositif
            if dispositif.entite_id != self.convention.entite_id:
                erreurs.append(
                    f"Le dispositif {dispositif} n'appartient pas à l'entité de la convention."
                )
            if (
                dispositif.type.regime == RegimeJuridique.AUTORISATION
                and dispositif.places_autorisees is not None
                and ligne.places_conventionnees > dispositif.places_autorisees
            ):
                erreurs.append(
                    f"{dispositif} : {ligne.places_conventionnees} places conventionnées dépassent "
                    f"les {dispositif.places_autorisees} places autorisées."
                )
        try:
            self.clean()
        except ValidationError as exc:
            erreurs += exc.messages
        if erreurs:
            raise ValidationError(erreurs)

    @transition(
        field=etat,
        source=EtatAvenant.BROUILLON,
        target=EtatAvenant.VALIDEE,
        permission=_avenant_peut_valider,
        custom={"libelle": "Valider l'avenant"},
    )
    def valider(self, acteur, commentaire=""):
        if self.convention.etat not in ETATS_ACTIFS:
            raise ValidationError("La convention n'est plus en vigueur.")
        self.verifier()
        self._changer_etat()

    @transition(
        field=etat,
        source=EtatAvenant.VALIDEE,
        target=EtatAvenant.BROUILLON,
        permission=_avenant_peut_valider,
        custom={"libelle": "Renvoyer au brouillon"},
    )
    def renvoyer(self, acteur, commentaire=""):
        """The validator takes back a validation (an error seen before the signature)."""
        if not commentaire.strip():
            raise ValidationError("Indiquez ce qui doit être repris dans le brouillon.")
        self._changer_etat()

    @transition(
        field=etat,
        source=[EtatAvenant.BROUILLON, EtatAvenant.VALIDEE],
        target=EtatAvenant.ABANDONNE,
        permission=_avenant_peut_rediger,
        custom={"libelle": "Abandonner"},
    )
    def abandonner(self, acteur, commentaire=""):
        """Before its signature an avenant can always be given up (the convention ended, the
        avenant cannot be signed as written…): it changes nothing."""
        if not commentaire.strip():
            raise ValidationError("Indiquez pourquoi l'avenant est abandonné.")
        self._changer_etat()

    @transition(
        field=etat,
        source=EtatAvenant.VALIDEE,
        target=EtatAvenant.SIGNEE,
        permission=_avenant_peut_signer,
        custom={"libelle": "Enregistrer la signature"},
    )
    def signer(self, acteur, commentaire="", date_signature=None, fichier=None, aujourdhui=None):
        aujourdhui = aujourdhui or timezone.localdate()
        if self.convention.etat not in ETATS_ACTIFS:
            raise ValidationError("La convention n'est plus en vigueur.")
        _exiger_signature(date_signature, fichier, aujourdhui, "de l'avenant")
        self.verifier()
        _joindre_copie_signee(
            fichier, f"{self} – copie signée", acteur, convention=self.convention, avenant=self
        )
        self.date_signature = date_signature
        self.signe_le = timezone.now()
        self._changer_etat()
        if self.date_effet <= aujourdhui:
            self.appliquer()

    def appliquer(self):
        """Write the avenant's values into the convention's lines and amounts.

        Each new version is recorded when it is written (the history says what the base knew,
        and when) and carries its effective date in `effet_le`: the figures « en vigueur au D »
        read it, those « connus au K » read the recording time (docs/pilotage.md)."""
        if self.applique_le:
            return False
        convention = self.convention
        motif = f"Avenant n° {self.numero} (effet au {self.date_effet:%d/%m/%Y})"
        for ligne_avenant in self.lignes.all():
            ligne = LigneConvention.objects.filter(
                convention=convention, dispositif_id=ligne_avenant.dispositif_id
            ).first() or LigneConvention(
                convention=convention, dispositif_id=ligne_avenant.dispositif_id
            )
            ligne.places_conventionnees = ligne_avenant.places_conventionnees
            _enregistrer_version(ligne, self.date_effet, motif)
        for montant_avenant in self.montants.all():
            montant = MontantConvention.objects.filter(
                convention=convention, exercice=montant_avenant.exercice
            ).first() or MontantConvention(convention=convention, exercice=montant_avenant.exercice)
            montant.montant = montant_avenant.montant
            _enregistrer_version(montant, self.date_effet, motif)
        self.applique_le = timezone.now()
        return True

    def apres_transition(self, nom, etat_avant, acteur, commentaire="", interne=False):
        notifier_avenant(self, nom, acteur, commentaire=commentaire)


def _enregistrer_version(objet, date_effet, motif):
    objet.effet_le = date_effet
    objet._change_reason = motif
    try:
        objet.save()
    finally:
        del objet._change_reason


class LigneAvenant(models.Model):
    PERIMETRE_PAR = "avenant"

    avenant = ParentalKey(Avenant, on_delete=models.CASCADE, related_name="lignes")
    dispositif = models.ForeignKey(
        Dispositif, on_delete=models.PROTECT, related_name="+", verbose_name="dispositif"
    )
    places_conventionnees = models.PositiveIntegerField(
        "nouvelles places conventionnées", validators=bornes.PLACES.validateurs
    )

    class Meta:
        verbose_name = "places modifiées"
        verbose_name_plural = "places modifiées"
        constraints = [
            models.UniqueConstraint(fields=["avenant", "dispositif"], name="ligne_avenant_unique"),
            bornes.PLACES.contrainte("places_conventionnees", "ligne_avenant_places_borne"),
        ]

    def __str__(self):
        return f"{self.dispositif} → {self.places_conventionnees} places"


class MontantAvenant(models.Model):
    PERIMETRE_PAR = "avenant"

    avenant = ParentalKey(Avenant, on_delete=models.CASCADE, related_name="montants")
    exercice = models.PositiveSmallIntegerField("exercice", validators=bornes.EXERCICE.validateurs)
    montant = models.DecimalField(
        "nouveau montant annuel (€)",
        max_digits=14,
        decimal_places=2,
        validators=bornes.MONTANT.validateurs,
    )

    class Meta:
        verbose_name = "montant modifié"
        verbose_name_plural = "montants modifiés"
        constraints = [
            models.UniqueConstraint(fields=["avenant", "exercice"], name="montant_avenant_unique"),
            bornes.MONTANT.contrainte("montant", "montant_avenant_borne"),
            # Without it, an avenant for the exercice 195000 was validated, then could not be
            # signed (the convention's amounts refuse that year).
            bornes.EXERCICE.contrainte("exercice", "montant_avenant_exercice_plausible"),
        ]

    def __str__(self):
        return f"{self.exercice} → {self.montant} €"

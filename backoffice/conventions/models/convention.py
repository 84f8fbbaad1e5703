"""A convention between the State and an entité gestionnaire: its fields, its period in force and
its checks (its transitions: circuit_convention.py)."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, OuterRef, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django_fsm import FSMField
from modelcluster.models import ClusterableModel
from simple_history.models import HistoricalRecords

from backoffice.bitemporel import etats_au
from backoffice.grammaire import FEMININ
from backoffice.offre.choices import RegimeJuridique
from backoffice.offre.models import EntiteGestionnaire, Financement, exercice_courant
from backoffice.recherche.modeles import Recherchable, RechercheQuerySet
from backoffice.territoires.models import Departement
from workflows.models import EtatSuiviMixin
from workflows.suppression import SuppressionEncadreeMixin
from workflows.systeme import OuvertAuSystemeMixin

from .choix import (
    DUREE_CADA_ANS,
    ETATS_ACTIFS,
    ETATS_SIGNES,
    E,
    EtatConvention,
    Signataire,
    TypeConvention,
    ajouter_annees,
    ajouter_mois,
)
from .circuit_convention import CircuitConvention
from .droits import (
    peut_rediger,
)
from .lignes import LigneConvention, MontantConvention
from .numeros import prochain_numero

# ---------------------------------------------------------------------------------------------
# Convention
# ---------------------------------------------------------------------------------------------


def fin_effective(date_fin, date_resiliation):
    """Last day in force: the end date, or the day before the résiliation takes effect."""
    fins = [d for d in (date_fin,) if d]
    if date_resiliation:
        fins.append(date_resiliation - datetime.timedelta(days=1))
    return min(fins) if fins else None


def periode_en_vigueur(etat, date_signature, date_debut, date_fin, date_resiliation):
    """(first day, last day or None) in force, None if never in force: `q_en_vigueur_le` said
    of one convention (its definition; `Convention.periode_en_vigueur` reads it, and the
    figures call it on rows read from history without building a model)."""
    if etat not in ETATS_SIGNES or not date_signature:
        return None
    return date_debut, fin_effective(date_fin, date_resiliation)


def q_en_vigueur_le(date, prefixe=""):
    """« In force on `date` », the one definition (as a filter; `Convention.periode_en_vigueur`
    says the same of one convention): signed (a signed state and a signature date), from its
    start date to its end date included; a résiliation takes effect on its date, so a
    convention résiliée on `date` is no longer in force that day (in force the day before)."""
    p = prefixe
    return (
        Q(**{f"{p}etat__in": ETATS_SIGNES, f"{p}date_signature__isnull": False})
        & Q(**{f"{p}date_debut__lte": date})
        & (Q(**{f"{p}date_fin__isnull": True}) | Q(**{f"{p}date_fin__gte": date}))
        & (Q(**{f"{p}date_resiliation__isnull": True}) | Q(**{f"{p}date_resiliation__gt": date}))
    )


class ConventionQuerySet(RechercheQuerySet):
    def en_vigueur_le(self, date):
        return self.filter(q_en_vigueur_le(date))

    def actives(self):
        return self.filter(etat__in=ETATS_ACTIFS)

    def se_terminant(self, aujourdhui=None, mois=6):
        """Signed or in force, ending within `mois` months, and not renewed yet."""
        aujourdhui = aujourdhui or timezone.localdate()
        limite = ajouter_mois(aujourdhui, mois)
        renouvelees = Convention.objects.filter(convention_precedente=OuterRef("pk")).exclude(
            etat=E.ABANDONNEE
        )
        return self.filter(
            etat__in=ETATS_ACTIFS, date_fin__gte=aujourdhui, date_fin__lte=limite
        ).exclude(Exists(renouvelees))

    def sans_financement(self, exercice=None):
        """In force (or signed) without a financing line linked for the exercice."""
        exercice = exercice or exercice_courant()
        lignes = Financement.objects.filter(convention=OuterRef("pk"), exercice=exercice)
        return self.filter(etat__in=ETATS_ACTIFS).exclude(Exists(lignes))


class Convention(
    CircuitConvention,
    SuppressionEncadreeMixin,
    EtatSuiviMixin,
    OuvertAuSystemeMixin,
    ClusterableModel,
    Recherchable,
):
    champs_recherche = ("numero", "intitule")

    numero = models.CharField(
        "numéro",
        max_length=50,
        blank=True,
        help_text="Laissé vide, il est attribué à l'enregistrement (CV-département-année-rang).",
    )
    intitule = models.CharField("intitulé", max_length=255)
    type_convention = models.CharField(
        "type de convention", max_length=20, choices=TypeConvention.choices
    )
    entite = models.ForeignKey(
        EntiteGestionnaire,
        on_delete=models.PROTECT,
        related_name="conventions",
        verbose_name="entité gestionnaire",
    )
    departement = models.ForeignKey(
        Departement,
        on_delete=models.PROTECT,
        related_name="conventions",
        verbose_name="département",
        help_text="Département du service instructeur (périmètre de la convention).",
    )
    nationale = models.BooleanField(
        "convention nationale",
        default=False,
        help_text="Validée par l'administration centrale au lieu de la région.",
    )
    etat = FSMField(
        "état", max_length=20, choices=EtatConvention.choices, default=E.BROUILLON, protected=True
    )
    date_debut = models.DateField("date de début")
    date_fin = models.DateField(
        "date de fin",
        null=True,
        blank=True,
        help_text=f"Convention CADA : {DUREE_CADA_ANS} ans par défaut si laissée vide.",
    )
    signataire = models.CharField(
        "signataire",
        max_length=30,
        choices=Signataire.choices,
        default=Signataire.PREFET_DEPARTEMENT,
    )
    signataire_nom = models.CharField("nom du signataire", max_length=200, blank=True)
    convention_precedente = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="renouvellements",
        verbose_name="renouvelle la convention",
    )
    objectifs = models.TextField(
        "objectifs",
        blank=True,
        help_text="CADA : taux d'occupation 97 %, présence indue sous 3 % (BPI) et 4 % (déboutés).",
    )
    observations = models.TextField("observations", blank=True)

    date_signature = models.DateField("date de signature", null=True, blank=True)
    signee_le = models.DateTimeField("signature enregistrée le", null=True, blank=True)
    date_resiliation = models.DateField("date d'effet de la résiliation", null=True, blank=True)
    motif_resiliation = models.TextField("motif de la résiliation", blank=True)
    cree_par = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="créée par",
    )
    cree_le = models.DateTimeField("créée le", auto_now_add=True)
    modifie_le = models.DateTimeField("modifiée le", auto_now=True)

    objects = ConventionQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["modifie_le", "recherche"], inherit=False)

    genre_grammatical = FEMININ

    # Deletion (workflows/suppression.py): a draft without avenant, by its drafters; past the
    # draft a convention leaves through a transition, which keeps its history.
    def motif_non_supprimable(self):
        etat = self.libelle_etat().lower()
        if self.etat in (E.SIGNEE, E.EN_VIGUEUR):
            return "Une convention signée ne se supprime jamais : elle se résilie (« Résilier »)."
        if self.etat in (E.SOUMISE, E.PRE_VALIDEE, E.VALIDEE):
            return (
                f"Une convention {etat} est engagée dans son circuit : elle ne se supprime plus, "
                "elle s'abandonne (« Abandonner »)."
            )
        if self.etat != E.BROUILLON:
            return (
                f"Une convention {etat} est conservée pour l'historique : elle ne se supprime pas."
            )
        if self.pk and self.avenants.exists():
            return "Cette convention a des avenants : elle ne se supprime pas."
        return None

    def peut_supprimer(self, acteur):
        return peut_rediger(self, acteur)

    class Meta:
        verbose_name = "convention"
        verbose_name_plural = "conventions"
        ordering = ["-date_debut", "numero"]
        constraints = [
            models.CheckConstraint(
                condition=Q(etat__in=EtatConvention.values), name="convention_etat_valide"
            ),
            models.CheckConstraint(
                condition=Q(type_convention__in=TypeConvention.values),
                name="convention_type_valide",
            ),
            models.CheckConstraint(
                condition=Q(date_fin__isnull=True) | Q(date_fin__gte=F("date_debut")),
                name="convention_fin_apres_debut",
            ),
            models.UniqueConstraint(
                fields=["numero"],
                condition=~Q(numero=""),
                name="convention_numero_unique",
                violation_error_message="Une convention porte déjà ce numéro.",
            ),
        ]
        indexes = [models.Index(fields=["etat", "departement"]), models.Index(fields=["date_fin"])]

    def __str__(self):
        return f"{self.numero or 'Convention'} – {self.intitule}"

    @classmethod
    def q_perimetre(cls, perimetre, prefixe=""):
        # Its département's (the instructing DDETS) and its entité's.
        return Q(**{f"{prefixe}departement_id__in": perimetre.departements}) | Q(
            **{f"{prefixe}entite_id__in": perimetre.entites}
        )

    def dans_perimetre(self, perimetre):
        return self.departement_id in perimetre.departements or self.entite_id in perimetre.entites

    def get_admin_url(self):
        return reverse("convention:inspect", args=[self.pk])

    # --- figures ----------------------------------------------------------------------------

    @property
    def places_conventionnees(self):
        return self.lignes.aggregate(total=Sum("places_conventionnees"))["total"] or 0

    def montant(self, exercice):
        ligne = self.montants.filter(exercice=exercice).first()
        return ligne.montant if ligne else None

    @property
    def fin_effective(self):
        return fin_effective(self.date_fin, self.date_resiliation)

    @property
    def periode_en_vigueur(self):
        return periode_en_vigueur(
            self.etat, self.date_signature, self.date_debut, self.date_fin, self.date_resiliation
        )

    def en_vigueur_le(self, date):
        periode = self.periode_en_vigueur
        return (
            periode is not None
            and periode[0] <= date
            and (periode[1] is None or date <= periode[1])
        )

    def lignes_au(self, date):
        """{dispositif_id: places} of the lines in effect on `date` as known now: an avenant's
        version counts from its effective date (`effet_le`), a line without one from the
        convention's start (backoffice.bitemporel, the rule of the figures)."""
        return {
            ligne["dispositif_id"]: ligne["places_conventionnees"]
            for ligne in etats_au(
                LigneConvention,
                date,
                None,
                ["dispositif_id", "places_conventionnees", "effet_le"],
                effet=True,
                convention_id=self.pk,
            )
        }

    def montants_au(self, date):
        return {
            ligne["exercice"]: ligne["montant"]
            for ligne in etats_au(
                MontantConvention,
                date,
                None,
                ["exercice", "montant", "effet_le"],
                effet=True,
                convention_id=self.pk,
            )
        }

    # --- checks --------------------------------------------------------------------------------

    def appliquer_duree_par_defaut(self):
        if self.type_convention == TypeConvention.CADA and self.date_debut and not self.date_fin:
            self.date_fin = ajouter_annees(self.date_debut, DUREE_CADA_ANS) - datetime.timedelta(
                days=1
            )

    def erreurs_lignes(self, lignes, entite_id=None, date_debut=None, date_fin=None):
        """Business rules on per-dispositif lines [(dispositif, places)]; a list of French
        messages (empty: consistent). Used by the form (unsaved lines) and by the transitions."""
        entite_id = entite_id or self.entite_id
        date_debut = date_debut or self.date_debut
        date_fin = date_fin or self.date_fin
        erreurs = []
        vus = set()
        for dispositif, places in lignes:
            if dispositif is None:
                continue
            if dispositif.pk in vus:
                erreurs.append(f"Le dispositif {dispositif} figure deux fois.")
            vus.add(dispositif.pk)
            if entite_id and dispositif.entite_id != entite_id:
                erreurs.append(
                    f"Le dispositif {dispositif} n'appartient pas à l'entité gestionnaire de la "
                    "convention."
                )
            if places is not None and places < 0:
                erreurs.append(f"{dispositif} : le nombre de places ne peut pas être négatif.")
            if (
                places is not None
                and dispositif.type.regime == RegimeJuridique.AUTORISATION
                and dispositif.places_autorisees is not None
                and places > dispositif.places_autorisees
            ):
                erreurs.append(
                    f"{dispositif} : {places} places conventionnées dépassent les "
                    f"{dispositif.places_autorisees} places autorisées."
                )
            if date_debut:
                for autre in self.chevauchements(dispositif, date_debut, date_fin):
                    erreurs.append(
                        f"{dispositif} : la période chevauche celle de la convention {autre.numero}"
                        f" ({autre.date_debut:%d/%m/%Y} – "
                        f"{autre.fin_effective:%d/%m/%Y})."
                        if autre.fin_effective
                        else f"{dispositif} : la période chevauche la convention {autre.numero}."
                    )
        return erreurs

    def chevauchements(self, dispositif, date_debut, date_fin):
        """Other conventions of the dispositif, submitted or further (a draft blocks nobody;
        an abandoned one neither), whose period meets [date_debut, date_fin]."""
        autres = (
            Convention.objects.filter(lignes__dispositif=dispositif)
            .exclude(etat__in=[E.BROUILLON, E.ABANDONNEE])
            .exclude(pk=self.pk)
            .distinct()
        )
        if date_fin:
            autres = autres.filter(date_debut__lte=date_fin)
        return [
            autre
            for autre in autres
            if autre.fin_effective is None or autre.fin_effective >= date_debut
        ]

    def verifier(self):
        """Everything a convention needs before it moves forward (raises ValidationError)."""
        erreurs = []
        lignes = list(self.lignes.select_related("dispositif__type"))
        if not lignes:
            erreurs.append("Ajoutez au moins un dispositif couvert par la convention.")
        if not self.date_fin:
            erreurs.append("Indiquez la date de fin de la convention.")
        erreurs += self.erreurs_lignes(
            [(ligne.dispositif, ligne.places_conventionnees) for ligne in lignes]
        )
        if erreurs:
            raise ValidationError(erreurs)

    def clean(self):
        self.appliquer_duree_par_defaut()
        erreurs = {}
        if self.date_debut and self.date_fin and self.date_fin < self.date_debut:
            erreurs["date_fin"] = "La date de fin précède la date de début."
        if self.date_debut and not self.date_fin and self.type_convention != TypeConvention.CADA:
            erreurs["date_fin"] = "Indiquez la date de fin de la convention."
        precedente = self.convention_precedente
        if precedente is not None:
            if self.pk and precedente.pk == self.pk:
                erreurs["convention_precedente"] = (
                    "Une convention ne peut pas se renouveler elle-même."
                )
            elif self.entite_id and precedente.entite_id != self.entite_id:
                erreurs["convention_precedente"] = (
                    "La convention renouvelée doit concerner la même entité gestionnaire."
                )
            elif precedente.etat == E.ABANDONNEE:
                erreurs["convention_precedente"] = "Une convention abandonnée ne se renouvelle pas."
            elif self.date_debut and precedente.date_fin and self.date_debut <= precedente.date_fin:
                erreurs["date_debut"] = (
                    "Un renouvellement commence après la fin de la convention renouvelée "
                    f"({precedente.date_fin:%d/%m/%Y})."
                )
        if erreurs:
            raise ValidationError(erreurs)

    def save(self, *args, **kwargs):
        self.appliquer_duree_par_defaut()
        if not self.numero:
            annee = (self.date_debut or timezone.localdate()).year
            cle = f"CV-{self.departement_id}-{annee}"
            self.numero = f"{cle}-{prochain_numero(cle):04d}"
        super().save(*args, **kwargs)

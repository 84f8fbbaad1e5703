"""Conventions between the State and an entité gestionnaire, and their avenants (DOMAIN.md §4,
§5.2).

Convention: `brouillon` → `soumise` → `pre_validee` (Administrateur départemental) → `validee`
(Administrateur régional; national for national conventions) → `signee` (date and signed copy
recorded) → `en_vigueur` (start date, scheduled task) → `expiree` (end date passed, scheduled
task) or `resiliee` (reason). `soumise`/`pre_validee` → `brouillon` (send-back with a comment);
`abandonnee` before signature.

Avenant: `brouillon` → `validee` → `signee`; `validee` → `brouillon` (send-back with a comment);
`abandonne` before signature (reason). A signed avenant sets the places and amounts of its
convention from its effective date (applied at once when the date is reached, else by the
scheduled task).

History: django-simple-history on the convention and on its per-dispositif lines and yearly
amounts, so "places conventionnées as of date D" is computed from dated versions
(`places_conventionnees_au`). Transitions only run through workflows.services.executer_transition.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, OuterRef, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django_fsm import FSMField, transition
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from simple_history.models import HistoricalRecords

from backoffice import bornes, compteurs
from backoffice.acces.roles import Role
from backoffice.documents.depot import enregistrer_document
from backoffice.documents.modeles import DocumentRattache
from backoffice.grammaire import FEMININ, MASCULIN
from backoffice.offre.choices import RegimeJuridique
from backoffice.offre.models import Dispositif, EntiteGestionnaire, Financement, exercice_courant
from backoffice.recherche.modeles import Recherchable, RechercheQuerySet
from backoffice.territoires.models import Departement
from workflows.acteurs import a_role_sur_departement, perimetre_des_roles
from workflows.models import EtatSuiviMixin
from workflows.suppression import SuppressionEncadreeMixin
from workflows.systeme import OuvertAuSystemeMixin, systeme_seulement

from .historique import HistoriqueLignes

DUREE_CADA_ANS = 5
DELAIS_RELANCE_MOIS = (3, 6)


# ---------------------------------------------------------------------------------------------
# Counters for human-readable numbers (row-locked, like the dispositif codes)
# ---------------------------------------------------------------------------------------------


class Compteur(models.Model):
    PERIMETRE_NATIONAL = True  # numbering counters, shown on no screen

    cle = models.CharField(max_length=40, primary_key=True)
    dernier = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "compteur de numéros"

    def __str__(self):
        return f"{self.cle}: {self.dernier}"


def prochain_numero(cle):
    """The next number of a series (`CONV-44-2026`…), drawn under lock (backoffice/compteurs.py)."""
    return compteurs.tirer(Compteur, cle=cle)


# ---------------------------------------------------------------------------------------------
# Choices
# ---------------------------------------------------------------------------------------------


class TypeConvention(models.TextChoices):
    CADA = "cada", "Convention CADA"
    HUDA = "huda", "Convention HUDA"
    PLURIANNUELLE = "pluriannuelle", "Convention pluriannuelle"
    CPOM = "cpom", "CPOM"
    AUTRE = "autre", "Autre"


class Signataire(models.TextChoices):
    PREFET_DEPARTEMENT = "prefet_departement", "Préfet de département"
    PREFET_REGION = "prefet_region", "Préfet de région"
    MINISTRE = "ministre", "Ministre (DGEF)"
    AUTRE = "autre", "Autre"


class EtatConvention(models.TextChoices):
    BROUILLON = "brouillon", "Brouillon"
    SOUMISE = "soumise", "Soumise"
    PRE_VALIDEE = "pre_validee", "Pré-validée"
    VALIDEE = "validee", "Validée"
    SIGNEE = "signee", "Signée"
    EN_VIGUEUR = "en_vigueur", "En vigueur"
    EXPIREE = "expiree", "Expirée"
    RESILIEE = "resiliee", "Résiliée"
    ABANDONNEE = "abandonnee", "Abandonnée"


E = EtatConvention
ETATS_AVANT_SIGNATURE = [E.BROUILLON, E.SOUMISE, E.PRE_VALIDEE, E.VALIDEE]
ETATS_SIGNES = [E.SIGNEE, E.EN_VIGUEUR, E.EXPIREE, E.RESILIEE]
ETATS_ACTIFS = [E.SIGNEE, E.EN_VIGUEUR]


class NatureDocument(models.TextChoices):
    PROJET = "projet", "Projet"
    COPIE_SIGNEE = "copie_signee", "Copie signée"
    ANNEXE = "annexe", "Annexe"
    AUTRE = "autre", "Autre"


def ajouter_annees(date, annees):
    try:
        return date.replace(year=date.year + annees)
    except ValueError:  # 29 February
        return date.replace(year=date.year + annees, day=28)


def debut_du_jour(date):
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time.min))


def fin_du_jour(date):
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time.max))


# ---------------------------------------------------------------------------------------------
# Transition permissions: role AND perimeter (the convention's département)
# ---------------------------------------------------------------------------------------------


def _a_role(acteur, roles, convention):
    return a_role_sur_departement(acteur, roles, convention.departement_id)


def peut_rediger(convention, acteur):
    return _a_role(acteur, {Role.DEPARTEMENTAL, Role.REGIONAL}, convention)


def peut_pre_valider(convention, acteur):
    return _a_role(acteur, {Role.DEPARTEMENTAL}, convention)


def peut_valider(convention, acteur):
    """Regional administrator of the région; national conventions: national administrators."""
    if convention.nationale:
        return perimetre_des_roles(acteur, {Role.NATIONAL}).national
    return _a_role(acteur, {Role.REGIONAL}, convention)


def peut_renvoyer(convention, acteur):
    """Whoever holds the current step sends back to the draft."""
    if convention.etat == E.SOUMISE:
        return peut_pre_valider(convention, acteur)
    return peut_valider(convention, acteur)


def peut_signer(convention, acteur):
    return _a_role(acteur, {Role.DEPARTEMENTAL, Role.REGIONAL}, convention)


# ---------------------------------------------------------------------------------------------
# Signature (conventions and avenants)
# ---------------------------------------------------------------------------------------------


def _exiger_signature(date_signature, fichier, aujourdhui, de_quoi):
    if not date_signature:
        raise ValidationError("Indiquez la date de signature.")
    if date_signature > aujourdhui:
        raise ValidationError("La date de signature ne peut pas être dans le futur.")
    if fichier is None:
        raise ValidationError(f"Joignez la copie signée {de_quoi}.")


def _joindre_copie_signee(fichier, titre, acteur, **liens):
    """Store the signed copy and link it (`liens`: the convention, and the avenant if any)."""
    document = enregistrer_document(
        fichier, titre=titre, nom_collection="Conventions", acteur=acteur
    )
    DocumentConvention.objects.create(
        **liens,
        nature=NatureDocument.COPIE_SIGNEE,
        document=document,
        ajoute_par=acteur if getattr(acteur, "is_authenticated", False) else None,
    )


# ---------------------------------------------------------------------------------------------
# Convention
# ---------------------------------------------------------------------------------------------


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


def ajouter_mois(date, mois):
    annee, rang = divmod(date.month - 1 + mois, 12)
    annee += date.year
    mois_cible = rang + 1
    for jour in (date.day, 30, 29, 28):
        try:
            return date.replace(year=annee, month=mois_cible, day=jour)
        except ValueError:
            continue
    raise ValueError(date)


class Convention(
    SuppressionEncadreeMixin, EtatSuiviMixin, OuvertAuSystemeMixin, ClusterableModel, Recherchable
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
        """Last day in force: the end date, or the day before the résiliation takes effect."""
        fins = [d for d in (self.date_fin,) if d]
        if self.date_resiliation:
            fins.append(self.date_resiliation - datetime.timedelta(days=1))
        return min(fins) if fins else None

    @property
    def periode_en_vigueur(self):
        """(first day, last day or None) in force, None if never in force: `q_en_vigueur_le`
        said of one convention (its definition)."""
        if self.etat not in ETATS_SIGNES or not self.date_signature:
            return None
        return self.date_debut, self.fin_effective

    def en_vigueur_le(self, date):
        periode = self.periode_en_vigueur
        return (
            periode is not None
            and periode[0] <= date
            and (periode[1] is None or date <= periode[1])
        )

    def lignes_au(self, date):
        """{dispositif_id: places} of the lines as they stood on `date` (end of day).

        Versions recorded before the signature are drafts: a date before it reads the version
        signed (a convention recorded after its start date counts from its start date)."""
        moment = fin_du_jour(date)
        if self.signee_le and moment < self.signee_le:
            moment = self.signee_le
        return {
            ligne.dispositif_id: ligne.places_conventionnees
            for ligne in LigneConvention.history.as_of(moment).filter(convention_id=self.pk)
        }

    def montants_au(self, date):
        moment = fin_du_jour(date)
        if self.signee_le and moment < self.signee_le:
            moment = self.signee_le
        return {
            m.exercice: m.montant
            for m in MontantConvention.history.as_of(moment).filter(convention_id=self.pk)
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

    # --- transitions ------------------------------------------------------------------------

    @transition(
        field=etat,
        source=E.BROUILLON,
        target=E.SOUMISE,
        permission=peut_rediger,
        custom={"libelle": "Soumettre"},
    )
    def soumettre(self, acteur, commentaire=""):
        self.verifier()
        self._changer_etat()

    @transition(
        field=etat,
        source=E.SOUMISE,
        target=E.PRE_VALIDEE,
        permission=peut_pre_valider,
        custom={"libelle": "Pré-valider"},
    )
    def pre_valider(self, acteur, commentaire=""):
        self.verifier()
        self._changer_etat()

    @transition(
        field=etat,
        source=E.PRE_VALIDEE,
        target=E.VALIDEE,
        permission=peut_valider,
        custom={"libelle": "Valider"},
    )
    def valider(self, acteur, commentaire=""):
        self.verifier()
        self._changer_etat()

    @transition(
        field=etat,
        source=[E.SOUMISE, E.PRE_VALIDEE],
        target=E.BROUILLON,
        permission=peut_renvoyer,
        custom={"libelle": "Renvoyer au brouillon"},
    )
    def renvoyer(self, acteur, commentaire=""):
        if not commentaire.strip():
            raise ValidationError("Indiquez ce qui doit être repris dans le brouillon.")
        self._changer_etat()

    @transition(
        field=etat,
        source=E.VALIDEE,
        target=E.SIGNEE,
        permission=peut_signer,
        custom={"libelle": "Enregistrer la signature"},
    )
    def signer(self, acteur, commentaire="", date_signature=None, fichier=None, aujourdhui=None):
        aujourdhui = aujourdhui or timezone.localdate()
        _exiger_signature(date_signature, fichier, aujourdhui, "de la convention")
        self.verifier()
        _joindre_copie_signee(fichier, f"{self.numero} – copie signée", acteur, convention=self)
        self.date_signature = date_signature
        self.signee_le = timezone.now()
        self._changer_etat()

    @transition(
        field=etat,
        source=E.SIGNEE,
        target=E.EN_VIGUEUR,
        permission=systeme_seulement,
        custom={"libelle": "Mettre en vigueur"},
    )
    def mettre_en_vigueur(self, acteur, commentaire="", aujourdhui=None):
        aujourdhui = aujourdhui or timezone.localdate()
        if self.date_debut > aujourdhui:
            raise ValidationError(
                f"La convention n'entre en vigueur que le {self.date_debut:%d/%m/%Y}."
            )
        self._changer_etat()

    @transition(
        field=etat,
        source=E.EN_VIGUEUR,
        target=E.EXPIREE,
        permission=systeme_seulement,
        custom={"libelle": "Constater l'expiration"},
    )
    def expirer(self, acteur, commentaire="", aujourdhui=None):
        aujourdhui = aujourdhui or timezone.localdate()
        if not self.date_fin or self.date_fin >= aujourdhui:
            raise ValidationError("La convention n'est pas arrivée à son terme.")
        self._changer_etat()

    @transition(
        field=etat,
        source=[E.SIGNEE, E.EN_VIGUEUR],
        target=E.RESILIEE,
        permission=peut_signer,
        custom={"libelle": "Résilier"},
    )
    def resilier(self, acteur, commentaire="", date_resiliation=None, aujourdhui=None):
        if not commentaire.strip():
            raise ValidationError("Le motif de la résiliation est obligatoire.")
        if date_resiliation is None:
            # Default: today, or the start date of a convention not started yet.
            date_resiliation = max(aujourdhui or timezone.localdate(), self.date_debut)
        if date_resiliation < self.date_debut:
            raise ValidationError(
                "La résiliation ne peut pas prendre effet avant le début de la convention."
            )
        self.date_resiliation = date_resiliation
        self.motif_resiliation = commentaire
        self._changer_etat()

    @transition(
        field=etat,
        source=ETATS_AVANT_SIGNATURE,
        target=E.ABANDONNEE,
        permission=peut_rediger,
        custom={"libelle": "Abandonner"},
    )
    def abandonner(self, acteur, commentaire=""):
        if not commentaire.strip():
            raise ValidationError("Indiquez pourquoi la convention est abandonnée.")
        self._changer_etat()

    def apres_transition(self, nom, etat_avant, acteur, commentaire="", interne=False):
        from .notifications import notifier_convention

        notifier_convention(self, nom, acteur, commentaire=commentaire)


class LigneConvention(models.Model):
    """Places conventionnées of one dispositif covered by the convention."""

    PERIMETRE_PAR = "convention"

    convention = ParentalKey(Convention, on_delete=models.CASCADE, related_name="lignes")
    dispositif = models.ForeignKey(
        Dispositif,
        on_delete=models.PROTECT,
        related_name="lignes_convention",
        verbose_name="dispositif",
    )
    places_conventionnees = models.PositiveIntegerField(
        "places conventionnées", validators=bornes.PLACES.validateurs
    )

    history = HistoriqueLignes(inherit=False)

    class Meta:
        verbose_name = "dispositif couvert"
        verbose_name_plural = "dispositifs couverts"
        ordering = ["dispositif__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["convention", "dispositif"],
                name="ligne_convention_unique",
                violation_error_message="Ce dispositif figure déjà dans la convention.",
            ),
            bornes.PLACES.contrainte("places_conventionnees", "ligne_convention_places_borne"),
        ]

    def __str__(self):
        return f"{self.dispositif} : {self.places_conventionnees} places"


class MontantConvention(models.Model):
    """Annual amount of the convention for one exercice."""

    PERIMETRE_PAR = "convention"

    convention = ParentalKey(Convention, on_delete=models.CASCADE, related_name="montants")
    exercice = models.PositiveSmallIntegerField("exercice", validators=bornes.EXERCICE.validateurs)
    montant = models.DecimalField(
        "montant annuel (€)",
        max_digits=14,
        decimal_places=2,
        validators=bornes.MONTANT.validateurs,
    )

    history = HistoriqueLignes(inherit=False)

    class Meta:
        verbose_name = "montant annuel"
        verbose_name_plural = "montants annuels"
        ordering = ["exercice"]
        constraints = [
            models.UniqueConstraint(
                fields=["convention", "exercice"],
                name="montant_convention_unique",
                violation_error_message="Un montant est déjà saisi pour cet exercice.",
            ),
            bornes.MONTANT.contrainte("montant", "montant_convention_borne"),
            bornes.EXERCICE.contrainte("exercice", "montant_convention_exercice_plausible"),
        ]

    def __str__(self):
        return f"{self.exercice} : {self.montant} €"


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

        Each new version is dated at the effective date (history `as_of`), but never before
        the latest version already recorded for that line, so the history stays in order."""
        if self.applique_le:
            return False
        convention = self.convention
        motif = f"Avenant n° {self.numero} (effet au {self.date_effet:%d/%m/%Y})"
        plancher = convention.signee_le
        for ligne_avenant in self.lignes.all():
            ligne = LigneConvention.objects.filter(
                convention=convention, dispositif_id=ligne_avenant.dispositif_id
            ).first() or LigneConvention(
                convention=convention, dispositif_id=ligne_avenant.dispositif_id
            )
            ligne.places_conventionnees = ligne_avenant.places_conventionnees
            _enregistrer_version(ligne, self.date_effet, motif, plancher)
        for montant_avenant in self.montants.all():
            montant = MontantConvention.objects.filter(
                convention=convention, exercice=montant_avenant.exercice
            ).first() or MontantConvention(convention=convention, exercice=montant_avenant.exercice)
            montant.montant = montant_avenant.montant
            _enregistrer_version(montant, self.date_effet, motif, plancher)
        self.applique_le = timezone.now()
        return True

    def apres_transition(self, nom, etat_avant, acteur, commentaire="", interne=False):
        from .notifications import notifier_avenant

        notifier_avenant(self, nom, acteur, commentaire=commentaire)


def _enregistrer_version(objet, date_effet, motif, plancher=None):
    dernier = None
    if objet.pk:
        dernier = (
            objet.history.order_by("-history_date").values_list("history_date", flat=True).first()
        )
    date_version = debut_du_jour(date_effet)
    for borne in (dernier, plancher):
        if borne and date_version <= borne:
            date_version = borne + datetime.timedelta(microseconds=1)
    objet._history_date = date_version
    objet._change_reason = motif
    try:
        objet.save()
    finally:
        del objet._history_date
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


# ---------------------------------------------------------------------------------------------
# Documents
# ---------------------------------------------------------------------------------------------


class DocumentConvention(DocumentRattache):
    PERIMETRE_PAR = "convention"

    convention = models.ForeignKey(
        Convention, on_delete=models.CASCADE, related_name="documents", verbose_name="convention"
    )
    avenant = models.ForeignKey(
        Avenant,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name="avenant",
    )
    nature = models.CharField("nature", max_length=20, choices=NatureDocument.choices)

    class Meta(DocumentRattache.Meta):
        verbose_name = "document de convention"
        verbose_name_plural = "documents de convention"


# ---------------------------------------------------------------------------------------------
# Indicators
# ---------------------------------------------------------------------------------------------


def places_conventionnees_au(date, dispositifs=None, conventions=None):
    """Σ places conventionnées on `date` (conventions in force that day, their lines as they
    stood that day). `dispositifs`: ids or queryset to restrict to; `conventions`: a queryset."""
    conventions = conventions if conventions is not None else Convention.objects.all()
    conventions = conventions.filter(q_en_vigueur_le(date))
    if dispositifs is not None:
        conventions = conventions.filter(lignes__dispositif__in=dispositifs).distinct()
    dispositifs_ids = None if dispositifs is None else {getattr(d, "pk", d) for d in dispositifs}
    total = 0
    for convention in conventions:
        for dispositif_id, places in convention.lignes_au(date).items():
            if dispositifs_ids is None or dispositif_id in dispositifs_ids:
                total += places
    return total

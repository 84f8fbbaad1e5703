"""Demandes de création, de modification et de fermeture (docs/domaine.md §5.1).

`soumise` → `pre_validee` (Administrateur SIAO) → `validee` (Administrateur départemental);
`soumise`/`pre_validee` → `a_completer` → `soumise` (the requester answers); `refusee` with a
reason (also from `a_completer`, when the requester never answers); `annulee` by the requester
before validation. Simple natures are validated directly by the SIAO (`soumise` → `validee`).
Validation materialises the objects in the same transaction.

Transitions only run through workflows.services.executer_transition.
"""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django_fsm import FSMField, transition

from backoffice.acces.roles import Role
from backoffice.documents.modeles import DocumentRattache
from backoffice.grammaire import FEMININ
from backoffice.offre.models import Dispositif, EntiteGestionnaire, TypeDispositif
from backoffice.offre.validators import valider_telephone
from backoffice.recherche.modeles import Recherchable, RechercheQuerySet
from backoffice.territoires.models import Departement
from workflows.acteurs import Demandeur, a_role_sur_departement, est_compte
from workflows.models import EtatSuiviMixin

from . import regles
from .choix import ETATS_OUVERTS, EtatDemande, TypeDemande
from .materialisation import materialiser
from .notifications import notifier_transition


def nouveau_jeton():
    return secrets.token_urlsafe(32)


# --- transition permissions: role AND perimeter (the département of the request) --------------


def _peut_pre_valider(demande, acteur):
    return a_role_sur_departement(acteur, {Role.SIAO}, demande.departement_id)


def _peut_valider(demande, acteur):
    if demande.etat == EtatDemande.SOUMISE:
        # Direct validation by the SIAO for the simple natures only.
        return demande.validation_directe_siao and a_role_sur_departement(
            acteur, {Role.SIAO}, demande.departement_id
        )
    return a_role_sur_departement(acteur, {Role.DEPARTEMENTAL}, demande.departement_id)


def _peut_instruire(demande, acteur):
    """Ask for completion or refuse: whoever holds the current step (a request waiting for its
    requester's answer: the SIAO or the DDETS, whichever asked)."""
    if demande.etat in (EtatDemande.SOUMISE, EtatDemande.A_COMPLETER):
        return a_role_sur_departement(
            acteur, {Role.SIAO, Role.DEPARTEMENTAL}, demande.departement_id
        )
    return a_role_sur_departement(acteur, {Role.DEPARTEMENTAL}, demande.departement_id)


def _est_demandeur(demande, acteur):
    if isinstance(acteur, Demandeur):
        return secrets.compare_digest(acteur.jeton, demande.jeton)
    return est_compte(acteur) and demande.compte_demandeur_id == acteur.pk


class DemandeQuerySet(RechercheQuerySet):
    def ouvertes(self):
        return self.filter(etat__in=ETATS_OUVERTS)

    def en_cours(self, dispositif, type_demande):
        """The open request of this type on the dispositif, if any (one at a time)."""
        return (
            self.ouvertes()
            .filter(dispositif=dispositif, type_demande=type_demande)
            .order_by("soumise_le")
            .first()
        )


class Demande(EtatSuiviMixin, Recherchable):
    # The requested names; the existing entité and dispositif are searched through their own
    # columns (DemandeIndexView). The number (D-2026-00012) is matched apart.
    champs_recherche = (
        "donnees_dispositif.nom",
        "nouvelle_entite.raison_sociale",
        "demandeur_organisation",
        "demandeur_nom",
    )

    type_demande = models.CharField(
        "type de demande", max_length=20, choices=TypeDemande.choices, default=TypeDemande.CREATION
    )
    etat = FSMField(
        "état",
        max_length=20,
        choices=EtatDemande.choices,
        default=EtatDemande.SOUMISE,
        protected=True,
    )
    jeton = models.CharField(max_length=64, unique=True, default=nouveau_jeton, editable=False)
    departement = models.ForeignKey(
        Departement, on_delete=models.PROTECT, related_name="demandes", verbose_name="département"
    )

    # Requester
    demandeur_nom = models.CharField("nom et prénom", max_length=200)
    demandeur_courriel = models.EmailField("adresse électronique")
    demandeur_telephone = models.CharField("téléphone", max_length=20, blank=True)
    demandeur_organisation = models.CharField("organisation", max_length=255)
    demandeur_fonction = models.CharField("fonction", max_length=150, blank=True)
    compte_demandeur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="demandes",
        verbose_name="compte du demandeur",
    )

    # Entité: an existing one, or the data of a new one (created on validation)
    entite = models.ForeignKey(
        EntiteGestionnaire,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="demandes",
        verbose_name="entité gestionnaire",
    )
    nouvelle_entite = models.JSONField("nouvelle entité", default=dict, blank=True)

    # Dispositif: the target (modification, closure; set on validation for a creation) and the
    # requested values (creation: every field; modification: the changed fields only).
    dispositif = models.ForeignKey(
        Dispositif,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="demandes",
        verbose_name="dispositif",
    )
    type_dispositif = models.ForeignKey(
        TypeDispositif,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="demandes",
        verbose_name="type de dispositif",
    )
    donnees_dispositif = models.JSONField("dispositif demandé", default=dict, blank=True)
    groupes = models.JSONField("groupes de places", default=list, blank=True)
    financements = models.JSONField("financements", default=list, blank=True)
    date_fermeture = models.DateField("date de fermeture demandée", null=True, blank=True)
    description = models.TextField("présentation de la demande", blank=True)

    soumise_le = models.DateTimeField("déposée le", default=timezone.now)
    decidee_le = models.DateTimeField("décision le", null=True, blank=True)
    motif_refus = models.TextField("motif du refus", blank=True)

    objects = DemandeQuerySet.as_manager()

    genre_grammatical = FEMININ

    class Meta:
        verbose_name = "demande"
        verbose_name_plural = "demandes"
        ordering = ["soumise_le"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(etat__in=EtatDemande.values), name="demande_etat_valide"
            ),
        ]
        indexes = [models.Index(fields=["etat", "departement"])]

    def __str__(self):
        return f"{self.numero} – {self.get_type_demande_display()} – {self.titre}"

    @classmethod
    def q_perimetre(cls, perimetre, prefixe=""):
        # Its département's, the entité that filed it (it follows its own request to the end,
        # even once its dispositif is taken over by another entité), and the entité that manages
        # its dispositif today (the new operator sees the requests about what it now runs).
        return (
            Q(**{f"{prefixe}departement_id__in": perimetre.departements})
            | Q(**{f"{prefixe}entite_id__in": perimetre.entites})
            | Q(**{f"{prefixe}dispositif__entite_id__in": perimetre.entites})
        )

    def clean_fields(self, exclude=None):
        self.demandeur_telephone = (self.demandeur_telephone or "").strip()
        super().clean_fields(exclude=exclude)

    def clean(self):
        super().clean()
        erreurs = {}
        if self.demandeur_telephone:
            try:
                valider_telephone(self.demandeur_telephone)
            except ValidationError as exc:
                erreurs["demandeur_telephone"] = exc
        if regles.places_interdites(self.type_dispositif, self.donnees_dispositif or {}):
            erreurs["donnees_dispositif"] = regles.MESSAGE_CHAMP_SANS_PLACES
        if regles.sans_places(self.type_dispositif):
            for champ, titre in (
                ("groupes", "Groupes de places"),
                ("financements", "Financements"),
            ):
                if getattr(self, champ):
                    erreurs[champ] = regles.message_lignes_sans_places(titre)
        if erreurs:
            raise ValidationError(erreurs)

    # --- display --------------------------------------------------------------------------

    @property
    def numero(self):
        return f"D-{self.soumise_le:%Y}-{self.pk or 0:06d}"

    @property
    def titre(self):
        if self.dispositif_id and self.type_demande != TypeDemande.CREATION:
            return self.dispositif.nom
        return self.donnees_dispositif.get("nom", "") or "(sans nom)"

    @property
    def nature(self):
        return self.type_dispositif.nature if self.type_dispositif_id else None

    @property
    def validation_directe_siao(self):
        # A modification or closure is validated directly only if the dispositif's current type
        # AND the requested one are simple natures (a hotel turned into a CADA, or the reverse,
        # goes through the département).
        types = [self.type_dispositif] if self.type_dispositif_id else []
        if self.dispositif_id and self.type_demande != TypeDemande.CREATION:
            types.append(self.dispositif.type)
        return bool(types) and all(t.est_validation_directe_siao for t in types)

    @property
    def accepte_pieces(self):
        """The requester may add documents until the request is pre-validated or decided."""
        return self.etat in (EtatDemande.SOUMISE, EtatDemande.A_COMPLETER)

    @property
    def age_jours(self):
        return (timezone.now() - self.etat_depuis).days

    def get_suivi_url(self):
        return reverse("public:suivi", args=[self.jeton])

    @classmethod
    def queryset_pour_demandeur(cls, demandeur):
        return cls.objects.filter(jeton=demandeur.jeton)

    # --- transitions ----------------------------------------------------------------------

    @transition(
        field=etat,
        source=EtatDemande.SOUMISE,
        target=EtatDemande.PRE_VALIDEE,
        permission=_peut_pre_valider,
        custom={"libelle": "Pré-valider"},
    )
    def pre_valider(self, acteur, commentaire=""):
        self._changer_etat()

    @transition(
        field=etat,
        source=[EtatDemande.SOUMISE, EtatDemande.PRE_VALIDEE],
        target=EtatDemande.VALIDEE,
        permission=_peut_valider,
        custom={"libelle": "Valider"},
    )
    def valider(self, acteur, commentaire=""):
        materialiser(self, acteur)
        self._changer_etat()
        self.decidee_le = timezone.now()

    @transition(
        field=etat,
        source=[EtatDemande.SOUMISE, EtatDemande.PRE_VALIDEE],
        target=EtatDemande.A_COMPLETER,
        permission=_peut_instruire,
        custom={"libelle": "Demander des compléments"},
    )
    def demander_complements(self, acteur, commentaire=""):
        if not commentaire.strip():
            raise ValidationError("Précisez ce que le demandeur doit compléter.")
        self._changer_etat()

    @transition(
        field=etat,
        source=EtatDemande.A_COMPLETER,
        target=EtatDemande.SOUMISE,
        permission=_est_demandeur,
        custom={"libelle": "Compléter la demande"},
    )
    def completer(self, acteur, commentaire=""):
        self._changer_etat()

    @transition(
        field=etat,
        source=[EtatDemande.SOUMISE, EtatDemande.PRE_VALIDEE, EtatDemande.A_COMPLETER],
        target=EtatDemande.REFUSEE,
        permission=_peut_instruire,
        custom={"libelle": "Refuser"},
    )
    def refuser(self, acteur, commentaire=""):
        """Also while waiting for the requester: one who never answers does not keep the
        request open for good."""
        if not commentaire.strip():
            raise ValidationError("Le motif du refus est obligatoire.")
        self.motif_refus = commentaire
        self._changer_etat()
        self.decidee_le = timezone.now()

    @transition(
        field=etat,
        source=ETATS_OUVERTS,
        target=EtatDemande.ANNULEE,
        permission=_est_demandeur,
        custom={"libelle": "Annuler la demande"},
    )
    def annuler(self, acteur, commentaire=""):
        self._changer_etat()

    def apres_transition(self, nom, etat_avant, acteur, commentaire="", interne=False):
        notifier_transition(self, nom, commentaire=commentaire, interne=interne)


class NaturePiece(models.TextChoices):
    PIECE = "piece", "Pièce jointe"


class PieceJointe(DocumentRattache):
    """A document attached to a request (by the requester or an administrator), in the shape of
    every document of the site (backoffice/documents): the file is a Wagtail document, stored
    under a random name; `nom` is the name the requester gave it (its extension follows the
    content), offered when it is downloaded. The requester has no account: `ajoute_par` stays
    empty and `deposee_par_demandeur` says who it was."""

    PERIMETRE_PAR = "demande"

    demande = models.ForeignKey(
        Demande, on_delete=models.CASCADE, related_name="pieces", verbose_name="demande"
    )
    nature = models.CharField(
        "nature", max_length=30, choices=NaturePiece.choices, default=NaturePiece.PIECE
    )
    nom = models.CharField("nom du fichier", max_length=255)
    deposee_par_demandeur = models.BooleanField("déposée par le demandeur", default=True)

    class Meta(DocumentRattache.Meta):
        verbose_name = "pièce jointe"
        verbose_name_plural = "pièces jointes"

    def __str__(self):
        return self.nom

    @property
    def nom_fichier(self):
        return self.nom

    @property
    def fichier(self):
        return self.document.file

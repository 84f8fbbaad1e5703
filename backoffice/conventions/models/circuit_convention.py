"""The state machine of a convention: brouillon → soumise → pré-validée → validée → signée →
en vigueur → expirée / résiliée; abandonnée before signature."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django_fsm import transition

from workflows.systeme import systeme_seulement

from ..notifications import notifier_convention
from .choix import (
    ETATS_AVANT_SIGNATURE,
    E,
)
from .droits import (
    peut_pre_valider,
    peut_rediger,
    peut_renvoyer,
    peut_signer,
    peut_valider,
)
from .signature import _exiger_signature, _joindre_copie_signee


class CircuitConvention:
    """The transitions of a convention (its state machine), mixed into `Convention`."""

    # --- transitions ------------------------------------------------------------------------

    @transition(
        field="etat",
        source=E.BROUILLON,
        target=E.SOUMISE,
        permission=peut_rediger,
        custom={"libelle": "Soumettre"},
    )
    def soumettre(self, acteur, commentaire=""):
        self.verifier()
        self._changer_etat()

    @transition(
        field="etat",
        source=E.SOUMISE,
        target=E.PRE_VALIDEE,
        permission=peut_pre_valider,
        custom={"libelle": "Pré-valider"},
    )
    def pre_valider(self, acteur, commentaire=""):
        self.verifier()
        self._changer_etat()

    @transition(
        field="etat",
        source=E.PRE_VALIDEE,
        target=E.VALIDEE,
        permission=peut_valider,
        custom={"libelle": "Valider"},
    )
    def valider(self, acteur, commentaire=""):
        self.verifier()
        self._changer_etat()

    @transition(
        field="etat",
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
        field="etat",
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
        field="etat",
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
        field="etat",
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
        field="etat",
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
        field="etat",
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
        notifier_convention(self, nom, acteur, commentaire=commentaire)

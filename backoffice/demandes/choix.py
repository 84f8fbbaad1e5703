"""The kinds and states of a request (read by the model, its materialisation and the pages)."""

from django.db import models


class TypeDemande(models.TextChoices):
    CREATION = "creation", "Création"
    MODIFICATION = "modification", "Modification"
    FERMETURE = "fermeture", "Fermeture"


class EtatDemande(models.TextChoices):
    SOUMISE = "soumise", "Soumise"
    A_COMPLETER = "a_completer", "À compléter"
    PRE_VALIDEE = "pre_validee", "Pré-validée"
    VALIDEE = "validee", "Validée"
    REFUSEE = "refusee", "Refusée"
    ANNULEE = "annulee", "Annulée"


ETATS_OUVERTS = [EtatDemande.SOUMISE, EtatDemande.A_COMPLETER, EtatDemande.PRE_VALIDEE]

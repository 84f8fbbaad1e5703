"""Choices, durations and dates of conventions."""

from django.db import models

from backoffice.bitemporel import debut_du_jour, fin_du_jour  # noqa: F401 (read from here)

DUREE_CADA_ANS = 5
DELAIS_RELANCE_MOIS = (3, 6)


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

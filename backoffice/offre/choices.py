"""Closed lists of the offer. Labels are what people see, and what Temps 1 accepts."""

from django.db import models


class StatutJuridique(models.TextChoices):
    ASSOCIATION = "association", "Association"
    FONDATION = "fondation", "Fondation"
    SA_HLM = "sa_hlm", "SA d'HLM"
    SEM = "sem", "SEM"
    SOCIETE = "societe", "Société commerciale"
    COLLECTIVITE = "collectivite", "Collectivité / CCAS"
    ETABLISSEMENT_PUBLIC = "etablissement_public", "Établissement public"
    AUTRE = "autre", "Autre"


class Public(models.TextChoices):
    TOUT_PUBLIC = "tout_public", "Tout public"
    FAMILLES = "familles", "Familles"
    ISOLES = "isoles", "Personnes isolées"
    FEMMES = "femmes", "Femmes"
    JEUNES = "jeunes", "Jeunes"
    AUTRE = "autre", "Autre"


class ModeHebergement(models.TextChoices):
    COLLECTIF = "collectif", "Collectif"
    DIFFUS = "diffus", "Diffus"
    MIXTE = "mixte", "Mixte"


class RegimeJuridique(models.TextChoices):
    AUTORISATION = "autorisation", "Autorisation (ESSMS)"
    DECLARATION = "declaration", "Déclaration"
    MARCHE = "marche_public", "Marché public"
    AUCUN = "aucun", "Aucun"


class ServiceFinanceur(models.TextChoices):
    DDETS = "DDETS", "DDETS"
    DREETS = "DREETS", "DREETS"
    DGEF = "DGEF", "DGEF"
    DIHAL = "DIHAL", "DIHAL"
    ARS = "ARS", "ARS"
    AUTRE = "autre", "Autre"


class ModeFinancement(models.TextChoices):
    DGF = "dgf", "DGF"
    SUBVENTION = "subvention", "Subvention"
    MARCHE = "marche_public", "Marché public"
    ALT = "alt", "ALT"
    AUTRE = "autre", "Autre"


class Orientation(models.TextChoices):
    OFII = "ofii", "OFII (DN@)"
    SIAO_115 = "siao_115", "SIAO 115"
    SIAO_INSERTION = "siao_insertion", "SIAO insertion"
    AUTRE = "autre", "Autre"


class RoleContact(models.TextChoices):
    GESTIONNAIRE = "gestionnaire", "Gestionnaire"
    ACCOMPAGNEMENT = "accompagnement", "Accompagnement"
    ADMINISTRATIF = "administratif", "Administratif"

"""Data-quality anomalies: what the rules of regles.py find on the offer and its contracts.

An anomaly is one rule finding one problem on one object (`cle` = rule + object ids, unique, so
recomputing is idempotent). It is *open* while the rule finds it, *justified* when an
administrator accepted it with a comment (it stays open: the rule still finds it), *resolved*
when the rule no longer finds it (kept for history). A resolved anomaly found again is reopened
and its justification cleared: the situation changed since it was accepted.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from backoffice.grammaire import FEMININ
from backoffice.territoires.models import Departement


class Severite(models.TextChoices):
    HAUTE = "haute", "Haute"
    MOYENNE = "moyenne", "Moyenne"
    BASSE = "basse", "Basse"


# Display and sort order (most serious first).
RANGS_SEVERITE = {Severite.HAUTE: 0, Severite.MOYENNE: 1, Severite.BASSE: 2}


class Regle(models.TextChoices):
    FINANCEES_SUP_AUTORISEES = "financees_sup_autorisees", "Places financées > autorisées"
    CONVENTIONNEES_SUP_AUTORISEES = (
        "conventionnees_sup_autorisees",
        "Places conventionnées > autorisées",
    )
    OUVERTES_SUP_AUTORISEES = "ouvertes_sup_autorisees", "Places ouvertes > autorisées"
    AUTORISATION_ECHUE = "autorisation_echue", "Autorisation échue, dispositif ouvert"
    FINANCEMENT_DISPOSITIF_FERME = "financement_ferme", "Financement d'un dispositif fermé"
    SANS_FINANCEMENT = "sans_financement", "Dispositif ouvert sans financement"
    CONVENTION_ECHUE = "convention_echue", "Financement rattaché à une convention échue"
    FINANCEMENT_SANS_CONVENTION = "financement_sans_convention", "Financement sans convention"
    COUT_JOURNALIER = "cout_journalier", "Coût journalier éloigné de la référence"
    AUTORISEES_MANQUANTES = "autorisees_manquantes", "Places autorisées non renseignées"
    FINESS_MANQUANT = "finess_manquant", "FINESS manquant"
    SIRET_SIREN = "siret_siren", "SIRET sans le SIREN de l'entité"
    SANS_GROUPE = "sans_groupe", "Dispositif ouvert sans groupe de places"
    OCCUPATION_SOUS_CIBLE = (
        "occupation_sous_cible",
        "Occupation sous l'objectif trois mois de suite",
    )


class EtatAnomalie(models.TextChoices):
    OUVERTE = "ouverte", "Ouverte"
    JUSTIFIEE = "justifiee", "Justifiée"
    RESOLUE = "resolue", "Résolue"


class AnomalieQuerySet(models.QuerySet):
    def ouvertes(self):
        """Found by the last computation (justified or not)."""
        return self.filter(resolue_le__isnull=True)

    def a_traiter(self):
        """Open and not justified: what still asks for a fix."""
        return self.filter(resolue_le__isnull=True, justifiee_le__isnull=True)

    def justifiees(self):
        return self.filter(resolue_le__isnull=True, justifiee_le__isnull=False)

    def resolues(self):
        return self.filter(resolue_le__isnull=False)

    def dans_l_etat(self, etat):
        return {
            EtatAnomalie.OUVERTE: self.a_traiter,
            EtatAnomalie.JUSTIFIEE: self.justifiees,
            EtatAnomalie.RESOLUE: self.resolues,
        }[etat]()


class Anomalie(models.Model):
    regle = models.CharField("règle", max_length=40, choices=Regle.choices)
    severite = models.CharField("sévérité", max_length=10, choices=Severite.choices)
    departement = models.ForeignKey(
        Departement,
        on_delete=models.PROTECT,
        related_name="anomalies",
        verbose_name="département",
    )
    # Derived data: deleting the object deletes its anomalies (nothing left to fix).
    dispositif = models.ForeignKey(
        "offre.Dispositif",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="anomalies",
        verbose_name="dispositif",
    )
    convention = models.ForeignKey(
        "conventions.Convention",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="anomalies",
        verbose_name="convention",
    )
    cle = models.CharField("clé", max_length=120, unique=True, editable=False)
    message = models.CharField("constat", max_length=500)
    detectee_le = models.DateTimeField("détectée le")
    vue_le = models.DateTimeField("constatée pour la dernière fois le")
    resolue_le = models.DateTimeField("résolue le", null=True, blank=True)
    justification = models.TextField("justification", blank=True)
    justifiee_par = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="justifiée par",
    )
    justifiee_le = models.DateTimeField("justifiée le", null=True, blank=True)

    objects = AnomalieQuerySet.as_manager()

    genre_grammatical = FEMININ

    class Meta:
        verbose_name = "anomalie"
        verbose_name_plural = "anomalies"
        ordering = ["-detectee_le", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(regle__in=Regle.values), name="anomalie_regle_valide"
            ),
            models.CheckConstraint(
                condition=Q(severite__in=Severite.values), name="anomalie_severite_valide"
            ),
        ]
        indexes = [
            models.Index(fields=["departement", "resolue_le"]),
            models.Index(fields=["dispositif", "resolue_le"]),
            models.Index(fields=["regle"]),
        ]

    def __str__(self):
        return f"{self.get_regle_display()} – {self.objet_libelle}"

    @classmethod
    def q_perimetre(cls, perimetre, prefixe=""):
        # Its département's, and the entité's of its dispositif or convention.
        return (
            Q(**{f"{prefixe}departement_id__in": perimetre.departements})
            | Q(**{f"{prefixe}dispositif__entite_id__in": perimetre.entites})
            | Q(**{f"{prefixe}convention__entite_id__in": perimetre.entites})
        )

    # --- state ------------------------------------------------------------------------------

    @property
    def etat(self):
        if self.resolue_le is not None:
            return EtatAnomalie.RESOLUE
        if self.justifiee_le is not None:
            return EtatAnomalie.JUSTIFIEE
        return EtatAnomalie.OUVERTE

    def libelle_etat(self):
        return EtatAnomalie(self.etat).label

    @property
    def est_ouverte(self):
        return self.resolue_le is None

    @property
    def rang_severite(self):
        return RANGS_SEVERITE.get(self.severite, 9)

    # --- the object concerned -----------------------------------------------------------------

    @property
    def objet_libelle(self):
        morceaux = []
        if self.dispositif_id:
            morceaux.append(f"{self.dispositif.code} {self.dispositif.nom}")
        if self.convention_id:
            morceaux.append(f"convention {self.convention.numero}")
        return " · ".join(morceaux) or "—"

    # Export columns (the dispositif and the convention may be empty).
    @property
    def dispositif_code(self):
        return self.dispositif.code if self.dispositif_id else ""

    @property
    def dispositif_nom(self):
        return self.dispositif.nom if self.dispositif_id else ""

    @property
    def convention_numero(self):
        return self.convention.numero if self.convention_id else ""

    @property
    def url_objet(self):
        if self.dispositif_id:
            return reverse("dispositif:inspect", args=[self.dispositif_id])
        if self.convention_id:
            return reverse("convention:inspect", args=[self.convention_id])
        return ""

    @property
    def url_convention(self):
        return (
            reverse("convention:inspect", args=[self.convention_id]) if self.convention_id else ""
        )

    @property
    def justifiee_par_libelle(self):
        user = self.justifiee_par
        if user is None:
            return ""
        return user.get_full_name() or user.email or user.get_username()

    def get_admin_url(self):
        return reverse("anomalie:inspect", args=[self.pk])

"""The figures the data-quality rules read (regles.py), read once per computation by the
`Contexte`: two queries whatever the number of dispositifs (one annotated query on the
dispositifs, one on the financing lines of the exercice that may concern a convention); and the
French formatting of the findings."""

from django.db.models import Count, IntegerField, Max, OuterRef, Q, Subquery, Sum
from django.utils.functional import cached_property

from backoffice.acces.perimetres import NATIONAL
from backoffice.conventions.models import EtatConvention, LigneConvention, q_en_vigueur_le
from backoffice.occupation.indicateurs import MOIS_CONSECUTIFS, sous_la_cible_depuis
from backoffice.occupation.models import Occupation
from backoffice.offre.models import Financement, GroupeDePlaces

# Types whose financing lines must be linked to a convention: the asylum park under
# authorisation or declaration (CADA and CPH conventions are regulatory, HUDA and CAES are
# financed under a convention too). PRAHDA is bought through a public procurement contract,
# not a convention; the other types are financed under many instruments (subventions, CPOM
# not always recorded): reporting them would be noise.
TYPES_CONVENTION_REQUISE = frozenset({"CADA", "HUDA", "CAES", "CPH"})

ETATS_CONVENTION_TERMINES = (
    EtatConvention.EXPIREE,
    EtatConvention.RESILIEE,
    EtatConvention.ABANDONNEE,
)


# ---------------------------------------------------------------------------------------------
# Formatting (French)
# ---------------------------------------------------------------------------------------------


def euros(montant):
    return f"{montant:.2f}".replace(".", ",") + " €"


def date_fr(date):
    return date.strftime("%d/%m/%Y")


def pluriel(nombre, singulier, pluriel_=None):
    mot = singulier if nombre == 1 else (pluriel_ or singulier + "s")
    return f"{nombre} {mot}"


# ---------------------------------------------------------------------------------------------
# The figures, read once
# ---------------------------------------------------------------------------------------------


def _somme(queryset, champ):
    """Σ champ of `queryset` per dispositif, as a subquery (None when no row)."""
    return Subquery(
        queryset.order_by().values("dispositif").annotate(total=Sum(champ)).values("total")[:1]
    )


def _nombre(queryset):
    return Subquery(
        queryset.order_by().values("dispositif").annotate(total=Count("pk")).values("total")[:1],
        output_field=IntegerField(),
    )


def q_convention_en_vigueur(date, prefixe="convention__"):
    """Conventions in force on `date` (their one definition: conventions.models.q_en_vigueur_le)."""
    return q_en_vigueur_le(date, prefixe)


def q_convention_terminee(date, prefixe="convention__"):
    """Conventions that no longer run on `date`: expired, resiliated, abandoned, or past their
    end (the nightly state change may not have run yet)."""
    p = prefixe
    return (
        Q(**{f"{p}etat__in": ETATS_CONVENTION_TERMINES})
        | Q(**{f"{p}date_fin__lt": date})
        | Q(**{f"{p}date_resiliation__lte": date})
    )


def est_ouvert(ligne, date):
    ouverture, fermeture = ligne["date_ouverture"], ligne["date_fermeture"]
    return (ouverture is None or ouverture <= date) and (fermeture is None or fermeture > date)


def est_ferme(ligne, date):
    return ligne["date_fermeture"] is not None and ligne["date_fermeture"] <= date


class Contexte:
    """The dispositifs to check (a queryset) and the day of the check (exercice = its year)."""

    def __init__(self, dispositifs, aujourdhui):
        self.dispositifs_qs = dispositifs
        self.aujourdhui = aujourdhui
        self.exercice = aujourdhui.year

    @cached_property
    def dispositifs(self):
        """One row per dispositif with every figure the rules read (one query)."""
        date = self.aujourdhui
        financements = Financement.objects.filter(dispositif=OuterRef("pk"), exercice=self.exercice)
        # The daily cost reads the lines that carry an amount, co-financing lines (amount, 0
        # places) included: the one definition of backoffice.pilotage.indicateurs.cout_jour_place.
        avec_montant = financements.filter(montant_annuel__isnull=False)
        groupes = GroupeDePlaces.objects.filter(dispositif=OuterRef("pk"))
        actifs = groupes.filter(
            Q(date_debut__isnull=True) | Q(date_debut__lte=date),
            Q(date_fin__isnull=True) | Q(date_fin__gte=date),
        )
        conventionnees = LigneConvention.objects.filter(dispositif=OuterRef("pk")).filter(
            q_convention_en_vigueur(date)
        )
        return list(
            self.dispositifs_qs.order_by()
            .annotate(
                financees=_somme(financements, "places_financees"),
                nb_financements=_nombre(financements),
                montant=_somme(avec_montant, "montant_annuel"),
                places_montant=_somme(avec_montant, "places_financees"),
                nb_groupes=_nombre(groupes),
                nb_groupes_actifs=_nombre(actifs),
                ouvertes=_somme(actifs, "places"),
                conventionnees=_somme(conventionnees, "places_conventionnees"),
            )
            .values(
                "pk",
                "code",
                "departement_id",
                "siret",
                "finess",
                "entite__siren",
                "type_id",
                "type__libelle",
                "type__regime",
                "type__cout_journalier_reference",
                "type__nature__sans_places",
                "places_autorisees",
                "date_ouverture",
                "date_fermeture",
                "date_fin_autorisation",
                "financees",
                "nb_financements",
                "montant",
                "places_montant",
                "nb_groupes",
                "nb_groupes_actifs",
                "ouvertes",
                "conventionnees",
            )
        )

    @cached_property
    def occupations_sous_cible(self):
        """{dispositif id: (months, Objectif)} below their occupancy target in each of the
        last three months imported up to today (two queries; backoffice.occupation)."""
        ids = self.dispositifs_qs.order_by().values("pk")
        dernier = Occupation.objects.filter(
            dispositif__in=ids, mois__lte=self.aujourdhui
        ).aggregate(m=Max("mois"))["m"]
        if dernier is None:
            return {}
        return sous_la_cible_depuis(NATIONAL, dernier, MOIS_CONSECUTIFS, dispositifs=ids)

    @cached_property
    def financements_convention(self):
        """Financing lines of the exercice either without a convention (types requiring one)
        or linked to a convention no longer running (one query)."""
        sans = Q(convention__isnull=True, dispositif__type_id__in=TYPES_CONVENTION_REQUISE)
        terminee = Q(convention__isnull=False) & q_convention_terminee(self.aujourdhui)
        return list(
            Financement.objects.filter(
                dispositif__in=self.dispositifs_qs.values("pk"), exercice=self.exercice
            )
            .filter(sans | terminee)
            .order_by("dispositif_id", "convention_id", "programme_id")
            .values(
                "dispositif_id",
                "dispositif__departement_id",
                "programme_id",
                "places_financees",
                "date_fin",
                "convention_id",
                "convention__numero",
                "convention__etat",
                "convention__date_fin",
                "convention__date_resiliation",
            )
        )

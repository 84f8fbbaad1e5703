"""The data-quality rules. Each rule is a small function taking a `Contexte` (a set of
dispositifs and a day) and returning its findings (`Constat`). The figures every rule needs are
read once per computation by the contexte (contexte.py), in two queries whatever the number of
dispositifs: one annotated query on the dispositifs (places financées, montants, groupes, places
conventionnées… as subqueries) and one on the financing lines of the exercice that may concern a
convention. The rules themselves run no query.

Adding a rule: a value in `models.Regle`, a function here, its severity in `SEVERITES`, and a
row in docs/qualite.md.
"""

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from backoffice.conventions.models import Convention, EtatConvention
from backoffice.occupation.indicateurs import pourcentage
from backoffice.offre.choices import RegimeJuridique
from backoffice.offre.data.nomenclature import TYPES_PLACES_AUTORISEES_REQUISES
from backoffice.offre.models import cout_jour_place

from .contexte import Contexte, date_fr, est_ferme, est_ouvert, euros, pluriel
from .models import Regle, Severite

# A cost per place per day further than this from the type's reference cost is reported.
ECART_COUT_MAX = Decimal("0.30")


SEVERITES = {
    Regle.FINANCEES_SUP_AUTORISEES: Severite.HAUTE,
    Regle.CONVENTIONNEES_SUP_AUTORISEES: Severite.HAUTE,
    Regle.OUVERTES_SUP_AUTORISEES: Severite.HAUTE,
    Regle.AUTORISATION_ECHUE: Severite.HAUTE,
    Regle.FINANCEMENT_DISPOSITIF_FERME: Severite.HAUTE,
    Regle.SANS_FINANCEMENT: Severite.MOYENNE,
    Regle.CONVENTION_ECHUE: Severite.MOYENNE,
    Regle.FINANCEMENT_SANS_CONVENTION: Severite.MOYENNE,
    Regle.COUT_JOURNALIER: Severite.MOYENNE,
    Regle.AUTORISEES_MANQUANTES: Severite.MOYENNE,
    Regle.FINESS_MANQUANT: Severite.BASSE,
    Regle.SIRET_SIREN: Severite.BASSE,
    Regle.SANS_GROUPE: Severite.BASSE,
    Regle.OCCUPATION_SOUS_CIBLE: Severite.MOYENNE,
}


@dataclass(frozen=True)
class Constat:
    """One problem found by one rule on one dispositif (and convention, for some rules)."""

    regle: str
    dispositif_id: int
    departement_id: str
    message: str
    convention_id: int | None = None

    @property
    def cle(self):
        morceaux = [str(self.regle), str(self.dispositif_id)]
        if self.convention_id:
            morceaux.append(str(self.convention_id))
        return ":".join(morceaux)

    @property
    def severite(self):
        return SEVERITES[self.regle]


# ---------------------------------------------------------------------------------------------
# The rules
# ---------------------------------------------------------------------------------------------


def _constat(regle, ligne, message, convention_id=None):
    return Constat(regle, ligne["pk"], ligne["departement_id"], message, convention_id)


def financees_sup_autorisees(ctx):
    return [
        _constat(
            Regle.FINANCEES_SUP_AUTORISEES,
            d,
            f"{d['financees']} places financées en {ctx.exercice} pour "
            f"{d['places_autorisees']} autorisées",
        )
        for d in ctx.dispositifs
        if d["places_autorisees"] is not None and (d["financees"] or 0) > d["places_autorisees"]
    ]


def conventionnees_sup_autorisees(ctx):
    return [
        _constat(
            Regle.CONVENTIONNEES_SUP_AUTORISEES,
            d,
            f"{d['conventionnees']} places conventionnées (conventions en vigueur au "
            f"{date_fr(ctx.aujourdhui)}) pour {d['places_autorisees']} autorisées",
        )
        for d in ctx.dispositifs
        if d["places_autorisees"] is not None
        and (d["conventionnees"] or 0) > d["places_autorisees"]
    ]


def ouvertes_sup_autorisees(ctx):
    return [
        _constat(
            Regle.OUVERTES_SUP_AUTORISEES,
            d,
            f"{d['ouvertes']} places ouvertes (groupes de places actifs) pour "
            f"{d['places_autorisees']} autorisées",
        )
        for d in ctx.dispositifs
        if d["places_autorisees"] is not None
        and est_ouvert(d, ctx.aujourdhui)
        and (d["ouvertes"] or 0) > d["places_autorisees"]
    ]


def autorisation_echue(ctx):
    return [
        _constat(
            Regle.AUTORISATION_ECHUE,
            d,
            f"Autorisation échue le {date_fr(d['date_fin_autorisation'])}, dispositif toujours "
            "ouvert",
        )
        for d in ctx.dispositifs
        if d["date_fin_autorisation"] is not None
        and d["date_fin_autorisation"] < ctx.aujourdhui
        and est_ouvert(d, ctx.aujourdhui)
    ]


def financement_dispositif_ferme(ctx):
    debut_exercice = datetime.date(ctx.exercice, 1, 1)
    return [
        _constat(
            Regle.FINANCEMENT_DISPOSITIF_FERME,
            d,
            f"Fermé depuis le {date_fr(d['date_fermeture'])}, mais "
            f"{pluriel(d['nb_financements'], 'ligne')} de financement {ctx.exercice} "
            f"({pluriel(d['financees'] or 0, 'place')})",
        )
        for d in ctx.dispositifs
        if est_ferme(d, debut_exercice) and d["nb_financements"]
    ]


def _avec_places(d):
    # "Premier accueil" dispositifs have no places: neither financing nor groupes expected.
    return not d["type__nature__sans_places"]


def sans_financement(ctx):
    return [
        _constat(
            Regle.SANS_FINANCEMENT,
            d,
            f"Dispositif ouvert sans aucune ligne de financement pour l'exercice {ctx.exercice}",
        )
        for d in ctx.dispositifs
        if _avec_places(d) and est_ouvert(d, ctx.aujourdhui) and not d["nb_financements"]
    ]


def sans_groupe(ctx):
    constats = []
    for d in ctx.dispositifs:
        if not (_avec_places(d) and est_ouvert(d, ctx.aujourdhui)) or d["nb_groupes_actifs"]:
            continue
        if d["nb_groupes"]:
            message = (
                f"Aucun groupe de places actif au {date_fr(ctx.aujourdhui)} "
                f"({pluriel(d['nb_groupes'], 'groupe')} hors de leurs dates)"
            )
        else:
            message = "Dispositif ouvert sans aucun groupe de places"
        constats.append(_constat(Regle.SANS_GROUPE, d, message))
    return constats


def cout_journalier(ctx):
    constats = []
    for d in ctx.dispositifs:
        reference = d["type__cout_journalier_reference"]
        cout = cout_jour_place(d["montant"], d["places_montant"], ctx.exercice, arrondi=False)
        if not reference or cout is None:
            continue
        ecart = (cout - reference) / reference
        if abs(ecart) <= ECART_COUT_MAX:
            continue
        pourcentage = (ecart * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
        constats.append(
            _constat(
                Regle.COUT_JOURNALIER,
                d,
                f"Coût de {euros(cout.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP))} par "
                f"place et par jour en {ctx.exercice} pour une référence {d['type__libelle']} "
                f"de {euros(reference)} ({'+' if pourcentage > 0 else ''}{pourcentage} %)",
            )
        )
    return constats


def autorisees_manquantes(ctx):
    return [
        _constat(
            Regle.AUTORISEES_MANQUANTES,
            d,
            f"Places autorisées non renseignées pour un {d['type__libelle']}",
        )
        for d in ctx.dispositifs
        if d["type_id"] in TYPES_PLACES_AUTORISEES_REQUISES
        and d["places_autorisees"] is None
        and not est_ferme(d, ctx.aujourdhui)
    ]


def finess_manquant(ctx):
    return [
        _constat(
            Regle.FINESS_MANQUANT,
            d,
            f"FINESS non renseigné pour un {d['type__libelle']} (établissement sous autorisation)",
        )
        for d in ctx.dispositifs
        if d["type__regime"] == RegimeJuridique.AUTORISATION
        and not (d["finess"] or "").strip()
        and not est_ferme(d, ctx.aujourdhui)
    ]


def siret_siren(ctx):
    return [
        _constat(
            Regle.SIRET_SIREN,
            d,
            f"SIRET {d['siret']} : ses 9 premiers chiffres ({d['siret'][:9]}) ne sont pas le "
            f"SIREN de l'entité gestionnaire ({d['entite__siren']})",
        )
        for d in ctx.dispositifs
        if d["siret"] and not d["siret"].startswith(d["entite__siren"])
    ]


def _fin_effective(ligne):
    """The convention's last day in force, by its one definition (`Convention.fin_effective`)
    read on the line's values: no query."""
    return Convention(
        date_fin=ligne["convention__date_fin"],
        date_resiliation=ligne["convention__date_resiliation"],
    ).fin_effective


def _libelle_fin(ligne, fin):
    etat = ligne["convention__etat"]
    if etat == EtatConvention.ABANDONNEE:
        return "abandonnée (jamais signée)"
    resiliation = ligne["convention__date_resiliation"]
    if resiliation and fin == resiliation - datetime.timedelta(days=1):
        return f"résiliée à effet du {date_fr(resiliation)}"
    return f"échue le {date_fr(fin)}" if fin else "expirée"


def convention_echue(ctx):
    """A line whose period (the whole exercice unless it ends earlier) runs past the end of its
    convention: the part after the end is financed under no convention."""
    fin_exercice = datetime.date(ctx.exercice, 12, 31)
    groupes = {}
    for ligne in ctx.financements_convention:
        if not ligne["convention_id"]:
            continue
        fin = _fin_effective(ligne)
        fin_ligne = ligne["date_fin"] or fin_exercice
        abandonnee = ligne["convention__etat"] == EtatConvention.ABANDONNEE
        if not abandonnee and fin is not None and fin_ligne <= fin:
            continue  # the line stops with its convention: nothing left uncovered
        cle = (ligne["dispositif_id"], ligne["convention_id"])
        groupes.setdefault(cle, []).append((ligne, fin))
    constats = []
    for (dispositif_id, convention_id), lignes in groupes.items():
        premiere, fin = lignes[0]
        places = sum(ligne["places_financees"] for ligne, _ in lignes)
        constats.append(
            Constat(
                Regle.CONVENTION_ECHUE,
                dispositif_id,
                premiere["dispositif__departement_id"],
                f"{pluriel(len(lignes), 'ligne')} de financement {ctx.exercice} "
                f"({pluriel(places, 'place')}) rattachée{'s' if len(lignes) > 1 else ''} à la "
                f"convention {premiere['convention__numero']}, {_libelle_fin(premiere, fin)}",
                convention_id,
            )
        )
    return constats


def financement_sans_convention(ctx):
    groupes = {}
    for ligne in ctx.financements_convention:
        if ligne["convention_id"]:
            continue
        groupes.setdefault(ligne["dispositif_id"], []).append(ligne)
    constats = []
    for dispositif_id, lignes in groupes.items():
        places = sum(ligne["places_financees"] for ligne in lignes)
        programmes = ", ".join(sorted({ligne["programme_id"] for ligne in lignes}))
        constats.append(
            Constat(
                Regle.FINANCEMENT_SANS_CONVENTION,
                dispositif_id,
                lignes[0]["dispositif__departement_id"],
                f"{pluriel(len(lignes), 'ligne')} de financement {ctx.exercice} "
                f"({pluriel(places, 'place')}, {programmes}) sans convention rattachée",
            )
        )
    return constats


def occupation_sous_cible(ctx):
    """Occupancy (DN@) below the convention's target in each of the last three months
    imported (backoffice/occupation/indicateurs.py, the one definition)."""
    par_pk = {d["pk"]: d for d in ctx.dispositifs}
    constats = []
    for pk, (mois, objectif) in sorted(ctx.occupations_sous_cible.items()):
        if pk not in par_pk:
            continue
        cible = pourcentage(objectif.cibles.occupation, 0)
        constats.append(
            _constat(
                Regle.OCCUPATION_SOUS_CIBLE,
                par_pk[pk],
                f"Occupation sous l'objectif de {cible} de la convention "
                f"{objectif.convention_numero or 'sans numéro'} chaque mois de "
                f"{mois[0]:%m/%Y} à {mois[-1]:%m/%Y} (extrait du DN@)",
                objectif.convention_id,
            )
        )
    return constats


REGLES = {
    Regle.FINANCEES_SUP_AUTORISEES: financees_sup_autorisees,
    Regle.CONVENTIONNEES_SUP_AUTORISEES: conventionnees_sup_autorisees,
    Regle.OUVERTES_SUP_AUTORISEES: ouvertes_sup_autorisees,
    Regle.AUTORISATION_ECHUE: autorisation_echue,
    Regle.FINANCEMENT_DISPOSITIF_FERME: financement_dispositif_ferme,
    Regle.SANS_FINANCEMENT: sans_financement,
    Regle.CONVENTION_ECHUE: convention_echue,
    Regle.FINANCEMENT_SANS_CONVENTION: financement_sans_convention,
    Regle.COUT_JOURNALIER: cout_journalier,
    Regle.AUTORISEES_MANQUANTES: autorisees_manquantes,
    Regle.FINESS_MANQUANT: finess_manquant,
    Regle.SIRET_SIREN: siret_siren,
    Regle.SANS_GROUPE: sans_groupe,
    Regle.OCCUPATION_SOUS_CIBLE: occupation_sous_cible,
}


def constater(dispositifs, aujourdhui):
    """Every finding of every rule on a queryset of dispositifs, on `aujourdhui`."""
    contexte = Contexte(dispositifs, aujourdhui)
    constats = []
    for regle in REGLES.values():
        constats.extend(regle(contexte))
    return constats

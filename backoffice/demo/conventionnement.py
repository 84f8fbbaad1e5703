"""The conventions of the demo park (in memory, unsaved): signed conventions in force covering most
of the asylum dispositifs that need one (CADA, HUDA, CAES, CPH), as an administration that moved
to the back office would bring them in from its files.

- CADA, CAES, CPH: one convention per dispositif; HUDA: one per entité and département covering
  its HUDA dispositifs (the usual "convention HUDA" of an operator).
- Places conventionnées: the places financées of the current exercice, never above the places
  autorisées, sometimes a few less (places being re-opened).
- Yearly amounts: for each exercice the convention covers, the sum of the financing lines of its
  dispositifs that year; those lines are linked to the convention (Financement.convention), so a
  convention's amount and its financing always agree.
- Periods are relative to the day of the load: in each département the first convention ends
  within 3 months and the second within 3 to 6 months (the renewal reminders have something to
  show), the others later.
- About one asylum dispositif in twelve is left without a convention: the data-quality check
  « financement sans convention » has something real to report.

Saved in bulk by `chargement.inserer_conventions`, with their history dated at signature. They
were not processed in the back office, so they have no timeline; the conventions the demo's
story moves through the workflow (`recit`) have one.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from backoffice.conventions.models import (
    Convention,
    EtatConvention,
    LigneConvention,
    MontantConvention,
    Signataire,
    TypeConvention,
    ajouter_annees,
)

# Type of dispositif → type of convention, and how many years it runs.
TYPES_CONVENTIONNES = {
    "CADA": TypeConvention.CADA,
    "HUDA": TypeConvention.HUDA,
    "CAES": TypeConvention.PLURIANNUELLE,
    "CPH": TypeConvention.PLURIANNUELLE,
}
DUREES_ANS = {TypeConvention.CADA: 5, TypeConvention.HUDA: 3, TypeConvention.PLURIANNUELLE: 3}
PART_SANS_CONVENTION = 0.08


@dataclass
class ParcConventionne:
    conventions: list = field(default_factory=list)
    lignes: list = field(default_factory=list)
    montants: list = field(default_factory=list)
    compteurs: dict = field(default_factory=dict)  # numbering key → last number used


def _moment(jour):
    """10 a.m. (Paris) on `jour`: when a signature was recorded."""
    return timezone.make_aware(datetime.datetime.combine(jour, datetime.time(10)))


class Conventionneur:
    def __init__(self, jeu, rng, aujourdhui, obligatoires=()):
        """`obligatoires`: dispositifs always covered (the demo gestionnaire's)."""
        self.jeu = jeu
        self.rng = rng
        self.aujourdhui = aujourdhui
        self.obligatoires = {id(d) for d in obligatoires}
        self.parc = ParcConventionne()
        self.rang_departement = {}
        self.financements = {}
        for financement in jeu.financements:
            self.financements.setdefault(id(financement.dispositif), []).append(financement)

    def conventionner(self):
        groupes = {}
        for dispositif in self.jeu.dispositifs:
            type_convention = TYPES_CONVENTIONNES.get(dispositif.type_id)
            if type_convention is None or dispositif._fermeture:
                continue
            if not any(f.exercice == self.aujourdhui.year for f in self._lignes(dispositif)):
                continue  # opened this year and not financed yet
            if id(dispositif) not in self.obligatoires and self.rng.random() < PART_SANS_CONVENTION:
                continue
            if type_convention == TypeConvention.HUDA:
                cle = ("HUDA", id(dispositif.entite), dispositif.departement_id)
            else:
                cle = ("dispositif", id(dispositif))
            groupes.setdefault(cle, (type_convention, []))[1].append(dispositif)
        for type_convention, dispositifs in groupes.values():
            self.convention(type_convention, dispositifs)
        return self.parc

    def _lignes(self, dispositif):
        return self.financements.get(id(dispositif), [])

    def periode(self, type_convention, departement, ouverture):
        """(début, fin): in force today; the first two of each département end within 3 and
        within 3 to 6 months (unless the dispositif opened too recently for such a term)."""
        rng, aujourdhui = self.rng, self.aujourdhui
        duree = DUREES_ANS[type_convention]
        rang = self.rang_departement.get(departement, 0)
        if rang < 2:
            jours = rng.randint(20, 80) if rang == 0 else rng.randint(100, 170)
            fin = aujourdhui + datetime.timedelta(days=jours)
            debut = ajouter_annees(fin + datetime.timedelta(days=1), -duree)
            if ouverture is None or debut >= ouverture:
                self.rang_departement[departement] = rang + 1
                return debut, fin
        # Anywhere from 7 months to (almost) a full term ahead.
        fin = aujourdhui + datetime.timedelta(days=rng.randint(210, 365 * duree - 30))
        debut = ajouter_annees(fin + datetime.timedelta(days=1), -duree)
        if ouverture and debut < ouverture:
            # A dispositif opened since: its first convention started with it.
            debut = ouverture
            fin = ajouter_annees(debut, duree) - datetime.timedelta(days=1)
        return debut, fin

    def numero(self, departement, debut):
        cle = f"CV-{departement}-{debut.year}"
        rang = self.parc.compteurs.get(cle, 0) + 1
        self.parc.compteurs[cle] = rang
        return f"{cle}-{rang:04d}"

    def convention(self, type_convention, dispositifs):
        rng = self.rng
        premier = dispositifs[0]
        departement = premier.departement_id
        ouverture = max(d.date_ouverture for d in dispositifs)
        debut, fin = self.periode(type_convention, departement, ouverture)
        signature = debut - datetime.timedelta(days=rng.randint(10, 60))
        if type_convention == TypeConvention.HUDA:
            intitule = f"Convention HUDA – {premier.entite.raison_sociale} ({departement})"
        elif premier.type_id == "CADA":
            intitule = f"Convention CADA – {premier.nom}"
        else:
            intitule = f"Convention pluriannuelle {premier.type_id} – {premier.nom}"
        convention = Convention(
            numero=self.numero(departement, debut),
            intitule=intitule[:255],
            type_convention=type_convention,
            entite=premier.entite,
            departement_id=departement,
            etat=EtatConvention.EN_VIGUEUR,
            etat_depuis=_moment(debut),
            date_debut=debut,
            date_fin=fin,
            # CPH are financed by the région (P104, DREETS): signed by the préfet de région.
            signataire=Signataire.PREFET_REGION
            if premier.type_id == "CPH"
            else Signataire.PREFET_DEPARTEMENT,
            objectifs="Taux d'occupation 97 % ; présence indue sous 3 % (BPI) et 4 % (déboutés)."
            if type_convention == TypeConvention.CADA
            else "",
            date_signature=signature,
            signee_le=_moment(signature),
        )
        self.parc.conventions.append(convention)
        montants = {}
        for dispositif in dispositifs:
            self.parc.lignes.append(
                LigneConvention(
                    convention=convention,
                    dispositif=dispositif,
                    places_conventionnees=self.places(dispositif),
                )
            )
            for financement in self._lignes(dispositif):
                fin_exercice = datetime.date(financement.exercice, 12, 31)
                if debut <= fin_exercice and datetime.date(financement.exercice, 1, 1) <= fin:
                    financement.convention = convention
                    montants[financement.exercice] = (
                        montants.get(financement.exercice, Decimal(0)) + financement.montant_annuel
                    )
        for exercice, montant in sorted(montants.items()):
            self.parc.montants.append(
                MontantConvention(convention=convention, exercice=exercice, montant=montant)
            )

    def places(self, dispositif):
        financees = sum(
            f.places_financees
            for f in self._lignes(dispositif)
            if f.exercice == self.aujourdhui.year
        )
        places = financees or dispositif._capacite
        if dispositif.places_autorisees is not None:
            places = min(places, dispositif.places_autorisees)
        if places > 10 and self.rng.random() < 0.15:
            places -= self.rng.randint(1, max(1, places // 20))
        return places

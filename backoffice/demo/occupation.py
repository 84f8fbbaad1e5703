"""The demo's monthly occupancy (in memory, unsaved), as the OFII's DN@ extract would give it.

Twelve months (those ending with last month, relative to the reference day) for every open asylum
dispositif the DN@ covers (nature « Hébergement asile (DNA) »: CADA, HUDA, CAES, CPH, PRAHDA)
that carries a DNA code; a dispositif opened during those months has them from its opening month.

- Places en service: the places of the groupes in service that month (an extension counts from
  its start, places given back until their end), less, now and then, a few places unavailable
  for a few months (works); places vacantes: those in service not occupied.
- Occupancy mostly between 97 and 100 %, some months a little under (94 to 97 %), never under the
  97 % target three months running, except for a few dispositifs (`PART_SOUS_CIBLE` of them, at
  least one in the 44, the demo gestionnaire's if it runs one) below it over the last three to
  six months.
- Présence indue small (under the CADA targets: 3 % of occupied places for refugees, 4 % for
  rejected asylum seekers), except for a few dispositifs (`PART_PRESENCE_INDUE`, at least one in
  the 44) above a target over the last months.
- Those examples are CADA under a CADA convention in force at the end of last month: the
  convention gives them the targets that piloting and the quality rule « occupation sous
  l'objectif trois mois de suite » measure them against (backoffice/occupation/indicateurs.py).

Rows meet the model's rules (occupées ≤ en service, présence indue ≤ occupées). Saved in bulk by
`chargement.charger`.
"""

import datetime

from backoffice.conventions.models import TypeConvention
from backoffice.occupation.models import Occupation

NATURE_DN = "DNA"
MOIS = 12
# The CADA convention's targets, in percent (occupancy at least; présence indue under).
CIBLE_OCCUPATION = 97
CIBLE_REFUGIES = 3
CIBLE_DEBOUTES = 4
PART_SOUS_CIBLE = 0.03  # dispositifs under the occupancy target three months running or more
PART_PRESENCE_INDUE = 0.03  # dispositifs over a présence indue target
PART_INDISPONIBLES = 0.08  # dispositifs with places unavailable for a while
DEPARTEMENT_VITRINE = "44"


def mois_glissants(aujourdhui, nombre=MOIS):
    """The first days of the `nombre` months ending with last month, oldest first."""
    courant = aujourdhui.year * 12 + aujourdhui.month - 1
    return [
        datetime.date(rang // 12, rang % 12 + 1, 1) for rang in range(courant - nombre, courant)
    ]


def fin_du_mois(premier):
    suivant = datetime.date(premier.year + premier.month // 12, premier.month % 12 + 1, 1)
    return suivant - datetime.timedelta(days=1)


def sous_cible(occupees, en_service):
    return occupees * 100 < CIBLE_OCCUPATION * en_service


class Occupations:
    """Part of the generator (generateur.Generateur): the DN@ occupancy of the asylum park."""

    def occupations(self):
        rng = self.rng
        mois = [(premier, fin_du_mois(premier)) for premier in mois_glissants(self.aujourdhui)]
        couverts = [
            d
            for d in self.jeu.dispositifs
            if d.type.nature_id == NATURE_DN
            and d.code_dna
            and not d._fermeture
            and d.date_ouverture <= mois[-1][1]
        ]
        if not couverts:
            return
        groupes = {}
        for groupe in self.jeu.groupes:
            groupes.setdefault(id(groupe.dispositif), []).append(groupe)
        # The examples: dispositifs open over the twelve months, that a CADA convention in
        # force at the end of last month gives targets (backoffice/occupation/indicateurs.py).
        anciens = [d for d in couverts if d.date_ouverture <= mois[0][1]]
        fin = mois[-1][1]
        avec_cibles = {
            id(ligne.dispositif)
            for ligne in self.jeu.parc.lignes
            if ligne.convention.type_convention == TypeConvention.CADA
            and ligne.convention.date_debut <= fin <= ligne.convention.date_fin
        }
        avec_cibles = [d for d in anciens if id(d) in avec_cibles]
        vitrine = [d for d in avec_cibles if d.entite is self.jeu.entite_vitrine]
        sous = self.exemples(
            round(PART_SOUS_CIBLE * len(anciens)), avec_cibles, anciens, preferes=vitrine
        )
        indue = self.exemples(
            round(PART_PRESENCE_INDUE * len(anciens)), avec_cibles, anciens, exclus=sous
        )
        for dispositif in couverts:
            self.occupation(
                dispositif,
                [m for m in mois if dispositif.date_ouverture <= m[1]],
                groupes.get(id(dispositif), []),
                mois_sous_cible=rng.randint(3, 6) if id(dispositif) in sous else 0,
                mois_indue=rng.randint(2, 8) if id(dispositif) in indue else 0,
            )

    def exemples(self, nombre, avec_cibles, anciens, preferes=(), exclus=()):
        """ids of `nombre` dispositifs (at least one) of `avec_cibles`, none of `exclus`, one of
        them in the 44: one of `preferes` if any, else of `avec_cibles`, else of `anciens`."""
        rng = self.rng
        avec_cibles = [d for d in avec_cibles if id(d) not in exclus]
        du_44 = [
            [d for d in groupe if d.departement_id == DEPARTEMENT_VITRINE and id(d) not in exclus]
            for groupe in (preferes, avec_cibles, anciens)
        ]
        du_44 = next((groupe for groupe in du_44 if groupe), [])
        choisis = {id(rng.choice(du_44))} if du_44 else set()
        reste = [d for d in avec_cibles if id(d) not in choisis]
        nombre = max(0, min(max(1, nombre) - len(choisis), len(reste)))
        return choisis | {id(d) for d in rng.sample(reste, nombre)}

    def occupation(self, dispositif, mois, groupes, *, mois_sous_cible, mois_indue):
        """The rows of one dispositif over `mois` [(first day, last day)]: the last
        `mois_sous_cible` months under the occupancy target, the last `mois_indue` months over
        one of the présence indue targets."""
        rng = self.rng
        capacites = [self.capacite(dispositif, groupes, debut, fin) for debut, fin in mois]
        indisponibles = [0] * len(mois)
        if rng.random() < PART_INDISPONIBLES:
            duree = rng.randint(1, 4)
            debut = rng.randrange(len(mois))
            nombre = rng.randint(1, max(1, min(capacites) // 10))
            for rang in range(debut, min(debut + duree, len(mois))):
                indisponibles[rang] = max(0, min(nombre, capacites[rang] - 1))
        depasse = rng.choice(("refugies", "deboutes"))
        dessous = 0  # months under the target in a row
        for rang, (premier, _) in enumerate(mois):
            en_service = capacites[rang] - indisponibles[rang]
            if en_service <= 0:
                continue
            restants = len(mois) - rang  # this month and those after it
            plancher = (CIBLE_OCCUPATION * en_service + 99) // 100  # the fewest on target
            if restants <= mois_sous_cible:
                # Clearly under the target: 82 to 95 %.
                occupees = min(round(en_service * rng.uniform(0.82, 0.95)), plancher - 1)
            elif rng.random() < 0.85 or dessous >= 2:
                # On target (never three months running under it by chance), mostly full.
                occupees = max(rng.randint(plancher, en_service) for _ in range(2))
            else:
                # Slightly under it: 94 to 97 %.
                occupees = min(round(en_service * rng.uniform(0.94, 0.97)), plancher - 1)
            dessous = dessous + 1 if sous_cible(occupees, en_service) else 0
            refugies = int(occupees * rng.uniform(0, 0.025))
            deboutes = int(occupees * rng.uniform(0, 0.035))
            if restants <= mois_indue:
                # Over the target (strictly, whatever the size), within the places occupied.
                if depasse == "refugies":
                    refugies = max(
                        round(occupees * rng.uniform(0.04, 0.08)),
                        CIBLE_REFUGIES * occupees // 100 + 1,
                    )
                    refugies = min(refugies, occupees - deboutes)
                else:
                    deboutes = max(
                        round(occupees * rng.uniform(0.05, 0.10)),
                        CIBLE_DEBOUTES * occupees // 100 + 1,
                    )
                    deboutes = min(deboutes, occupees - refugies)
            self.jeu.occupations.append(
                Occupation(
                    dispositif=dispositif,
                    mois=premier,
                    places_en_service=en_service,
                    places_occupees=occupees,
                    presence_indue_refugies=refugies,
                    presence_indue_deboutes=deboutes,
                    places_vacantes=en_service - occupees,
                    places_indisponibles=indisponibles[rang],
                )
            )

    @staticmethod
    def capacite(dispositif, groupes, debut, fin):
        """The places in service during the month from `debut` to `fin`: those of the groupes
        open then, else the places autorisées (or the capacity drawn)."""
        if not groupes:
            return dispositif.places_autorisees or dispositif._capacite
        return sum(
            g.places
            for g in groupes
            if (g.date_debut is None or g.date_debut <= fin)
            and (g.date_fin is None or g.date_fin >= debut)
        )

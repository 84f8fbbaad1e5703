"""From a call to open places: sought → proposed → retained → conventionnées → open.

- recherchées: the call's places (and its split per département);
- proposées: places of the candidatures not withdrawn;
- retenues: places retained (candidatures retained or conventionnées);
- conventionnées: places of the retained candidatures whose convention (or avenant) is signed —
  the places of the convention line for a new dispositif, the places retained for an extension;
- ouvertes: places open today in the dispositifs created by the call; for an extension, the
  open places gained since the decision (capped at the places retained).
"""

from dataclasses import dataclass, field

from django.utils import timezone

from backoffice.conventions.models import ETATS_SIGNES, EtatAvenant

from .etats import EtatCandidature


@dataclass
class Flux:
    recherchees: int = 0
    proposees: int = 0
    retenues: int = 0
    conventionnees: int = 0
    ouvertes: int = 0
    par_departement: dict = field(default_factory=dict)

    def etapes(self):
        return [
            ("recherchees", "Places recherchées", self.recherchees),
            ("proposees", "Places proposées", self.proposees),
            ("retenues", "Places retenues", self.retenues),
            ("conventionnees", "Places conventionnées", self.conventionnees),
            ("ouvertes", "Places ouvertes", self.ouvertes),
        ]


def _ligne(flux, departement):
    return flux.par_departement.setdefault(
        departement,
        {"recherchees": 0, "proposees": 0, "retenues": 0, "conventionnees": 0, "ouvertes": 0},
    )


def flux_appel(appel, aujourdhui=None):
    aujourdhui = aujourdhui or timezone.localdate()
    flux = Flux(recherchees=appel.places_recherchees)
    for repartition in appel.repartitions.all():
        _ligne(flux, repartition.departement_id)["recherchees"] = repartition.places_recherchees
    candidatures = appel.candidatures.select_related("convention", "avenant", "dispositif").exclude(
        etat=EtatCandidature.DESISTEE
    )
    for candidature in candidatures:
        ligne = _ligne(flux, candidature.departement_id)
        flux.proposees += candidature.places_proposees
        ligne["proposees"] += candidature.places_proposees
        if candidature.etat not in (EtatCandidature.RETENUE, EtatCandidature.CONVENTIONNEE):
            continue
        retenues = candidature.places_retenues or 0
        flux.retenues += retenues
        ligne["retenues"] += retenues
        conventionnees = 0
        if candidature.avenant_id and candidature.avenant.etat == EtatAvenant.SIGNEE:
            conventionnees = retenues
        elif candidature.convention_id and candidature.convention.etat in ETATS_SIGNES:
            conventionnees = sum(
                candidature.convention.lignes.filter(
                    dispositif_id=candidature.dispositif_id
                ).values_list("places_conventionnees", flat=True)
            )
        flux.conventionnees += conventionnees
        ligne["conventionnees"] += conventionnees
        ouvertes = 0
        if candidature.dispositif_id:
            maintenant = candidature.dispositif.places_ouvertes(aujourdhui)
            if candidature.places_ouvertes_avant is not None:
                ouvertes = min(max(0, maintenant - candidature.places_ouvertes_avant), retenues)
            else:
                ouvertes = maintenant
        flux.ouvertes += ouvertes
        ligne["ouvertes"] += ouvertes
    flux.par_departement = dict(sorted(flux.par_departement.items()))
    return flux

"""The blank DN@ occupancy template: the header row of our format and one example row."""

from backoffice.exports import xlsx_octets

from .colonnes import COLONNES, NOM_ONGLET

EXEMPLE = ["03/2026", "CADA-44-00001", 90, 87, 2, 3, 3, 0]


def modele_octets():
    return xlsx_octets(NOM_ONGLET, [c.entete for c in COLONNES], [EXEMPLE])

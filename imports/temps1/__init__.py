"""Temps 1 workbooks: reading, checking, applying, exporting (docs/temps1.md).

The one pipeline behind the web upload and the command line::

    classeur = lire_classeur(chemin)           # FichierIllisible: French message, nothing read
    rapport = analyser(classeur, user)         # every error at once, warnings, counts, plan
    annoter(chemin, rapport, destination)      # copy with faulty cells highlighted and noted
    if rapport.ok:
        appliquer(rapport, user, libelle="Import Temps 1 n° 12 (offre.xlsx)")  # all or nothing
    rapport.to_json()                          # the report of docs/temps1.md

    exporter(destination, departements=["44"], user=user)   # current data, same format
    generer_modele(destination)                              # the blank template
"""

from .analyse.analyseur import analyser
from .analyse.perimetre import libelle_perimetre, perimetre_import
from .annotation import annoter
from .application import ImportImpossible, appliquer
from .ecriture import generer_modele
from .export import exporter
from .lecture import Classeur, lire_classeur
from .rapport import Anomalie, FichierIllisible, Rapport

__all__ = [
    "Anomalie",
    "Classeur",
    "FichierIllisible",
    "ImportImpossible",
    "Rapport",
    "analyser",
    "annoter",
    "appliquer",
    "exporter",
    "generer_modele",
    "libelle_perimetre",
    "lire_classeur",
    "perimetre_import",
]

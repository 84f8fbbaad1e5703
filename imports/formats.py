"""The file formats an import job can carry (`ImportTemps1.nature`), each with the same four
steps, so that one job model, one background task pair and one set of screens serve them all
(services.py):

    lu = format_.lire(chemin, nom_fichier)        # FichierIllisible: French message
    rapport = format_.analyser(lu, user)           # every error at once; nothing kept
    format_.annoter(chemin, rapport, copie)        # optional: the file with its errors marked
    format_.appliquer(rapport, user, import_, progression)   # all or nothing
"""

from dataclasses import dataclass

from .models import NatureImport


class FichierDevenuInvalide(Exception):
    """Raised by a format's `appliquer` that checks the file itself while writing: the database
    changed since the analysis and the file no longer applies. `rapport` says why; the
    transaction is rolled back, the job ends `en_erreur`."""

    def __init__(self, rapport):
        super().__init__("Le fichier ne s'applique plus à la base telle qu'elle est.")
        self.rapport = rapport


@dataclass(frozen=True)
class Format:
    nature: str
    titre_depot: str  # the upload page's title
    libelle_fichier: str  # the upload field's label
    feuilles: tuple  # the preview's rows of counts, in order
    lire: object
    analyser: object
    appliquer: object
    annoter: object = None
    # What the application runs before `appliquer`, in the same transaction (None: the
    # analysis again). A format whose `appliquer` checks every row while writing (the DN@
    # Resource) skips a second full pass: it raises FichierDevenuInvalide instead.
    preparer: object = None


def _temps1():
    # import différé : chaque format se charge à son premier usage (les lecteurs et écrivains
    # de Temps 1 ne servent pas à un dépôt DN@), et occupation importe ce module (cercle).
    from . import temps1
    from .temps1.schema import FEUILLES_DONNEES  # import différé : idem

    def appliquer(rapport, user, import_, progression=None):
        return temps1.appliquer(
            rapport, user, libelle=import_.libelle if import_ else "", progression=progression
        )

    return Format(
        nature=NatureImport.TEMPS1,
        titre_depot="Déposer un classeur Temps 1",
        libelle_fichier="Classeur Temps 1 (.xlsx)",
        feuilles=tuple(FEUILLES_DONNEES),
        lire=temps1.lire_classeur,
        analyser=temps1.analyser,
        appliquer=appliquer,
        annoter=temps1.annoter,
    )


def _occupation():
    # import différé : occupation importe FichierDevenuInvalide d'ici (cercle évité).
    from . import occupation
    from .occupation.colonnes import NOM_ONGLET  # import différé : idem

    return Format(
        nature=NatureImport.OCCUPATION,
        titre_depot="Déposer un extrait d'occupation du DN@",
        libelle_fichier="Extrait d'occupation du DN@ (.xlsx)",
        feuilles=(NOM_ONGLET,),
        lire=occupation.lire_extrait,
        analyser=occupation.analyser,
        appliquer=occupation.appliquer,
        preparer=occupation.preparer,
    )


_CONSTRUCTEURS = {NatureImport.TEMPS1: _temps1, NatureImport.OCCUPATION: _occupation}
_FORMATS = {}


def format_de(nature):
    """The Format of a nature (built on first use: Temps 1 loads its readers and writers)."""
    nature = NatureImport(nature)
    if nature not in _FORMATS:
        _FORMATS[nature] = _CONSTRUCTEURS[nature]()
    return _FORMATS[nature]

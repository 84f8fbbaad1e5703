"""The demo's story: what the administrations did in the back office over the past months, so
every role's home page has work waiting and figures that move. Run after the bulk load (offer and
conventions in force) and the accounts, inside the same transaction:

- `conventions`: conventions and avenants at every step, one expired, one résiliée;
- `appels`: calls for projects of the région 52 at every step, with their candidatures;
- `demandes`: requests waiting at each step in several départements, and decided ones;
- `temps1`: a Temps 1 import applied by the DDETS 44 (after a first deposit in error).

Everything goes through the real creation paths, transition service and scheduled tasks (the
timelines, history and logs are theirs); `horloge` dates each step in the past. The e-mails these
services send are the caller's concern (seed_demo sends none: the story is in the past).
"""

import logging
from contextlib import contextmanager

from . import appels, conventions, demandes, temps1
from .communs import Acteurs
from .horloge import Horloge


@contextmanager
def sans_journal_des_taches():
    """The scheduled tasks log each of their runs; the story's runs (as on past days) are
    summed up by the chronometer's lines instead."""
    logging.disable(logging.INFO)
    try:
        yield
    finally:
        logging.disable(logging.NOTSET)


def raconter(entite_vitrine, chrono, maintenant=None):
    with sans_journal_des_taches():
        _raconter(entite_vitrine, chrono, maintenant)


def _raconter(entite_vitrine, chrono, maintenant):
    horloge = Horloge(maintenant)
    acteurs = Acteurs.charger()
    conventions.raconter(horloge, acteurs)
    chrono("Conventions et avenants à chaque étape")
    appels.raconter(horloge, acteurs, entite_vitrine)
    chrono("Appels à projets et candidatures")
    demandes.raconter(horloge, acteurs, entite_vitrine)
    chrono("Demandes à chaque étape")
    horloge.dater()
    chrono("Chaque étape datée de son jour")
    temps1.raconter(acteurs)
    chrono("Import Temps 1 appliqué par la DDETS 44")

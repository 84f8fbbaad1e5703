"""The story's clock: each step of the demo's story happens on a day of the past weeks.

The steps run through the real services (creation paths, `executer_transition`, the scheduled
tasks), which stamp what they do with the current time: the state date of the object, its
timeline entry (Wagtail log), the history records of what it wrote, its creation date. The clock
notes when each step ran; at the end (`dater`), everything stamped during a step is moved to the
step's moment, so the queues' ages, the timelines and the history (`history.as_of`) tell the
story as it happened. Only dates move: states and contents are those the services wrote. It is
done once for the whole story (one statement per table), not after each step (a few dozen per
step). Services that take the day as a parameter (signature, entry into force, publication,
closing of a call) are given the step's day, so their own date rules are checked as on that day.
"""

import bisect
import datetime
from contextlib import contextmanager

from django.db.models import Q
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import ModelLogEntry

from backoffice.appels.models import AppelAProjets, Candidature
from backoffice.conventions.models import (
    Avenant,
    Convention,
    DocumentConvention,
    LigneConvention,
    MontantConvention,
)
from backoffice.demandes.models import Demande
from backoffice.offre.models import Dispositif, EntiteGestionnaire, Financement, GroupeDePlaces

# The date fields each service may stamp with the current time.
DATES_STAMPEES = {
    Demande: ["etat_depuis", "decidee_le"],
    Convention: ["etat_depuis", "signee_le", "cree_le", "modifie_le"],
    Avenant: ["etat_depuis", "signe_le", "applique_le", "cree_le"],
    AppelAProjets: ["etat_depuis", "publie_le", "cree_le", "modifie_le"],
    Candidature: ["etat_depuis", "deposee_le"],
    DocumentConvention: ["ajoute_le"],  # signed copies
    get_document_model(): ["created_at"],
    Dispositif: ["cree_le", "modifie_le"],
    EntiteGestionnaire: ["cree_le", "modifie_le"],
}
HISTORIQUES = [
    Convention,
    LigneConvention,
    MontantConvention,
    Dispositif,
    EntiteGestionnaire,
    GroupeDePlaces,
    Financement,
]


class Horloge:
    def __init__(self, maintenant=None):
        self.maintenant = maintenant or timezone.now()
        self.aujourdhui = timezone.localdate(self.maintenant)
        self.etapes = []  # (start, end, moment) of each step, in order

    def jour(self, jours):
        """The day `jours` days ago (negative: ahead)."""
        return self.aujourdhui - datetime.timedelta(days=jours)

    def il_y_a(self, jours, heure=10, minute=0):
        """`heure`:`minute` (Paris) `jours` days ago, never later than now."""
        moment = timezone.make_aware(
            datetime.datetime.combine(self.jour(jours), datetime.time(heure, minute))
        )
        return min(moment, self.maintenant)

    @contextmanager
    def etape(self, moment):
        """Run a step of the story; what it stamps will be dated `moment` (see `dater`)."""
        debut = timezone.now()
        yield moment
        self.etapes.append((debut, timezone.now(), moment))

    def moment_de(self, valeur):
        """The moment of the step during which `valeur` was stamped, else None."""
        rang = bisect.bisect_right(self.debuts, valeur) - 1
        if rang >= 0 and valeur <= self.etapes[rang][1]:
            return self.etapes[rang][2]
        return None

    def dater(self):
        """Move what each step stamped to its moment: the stamped rows are read (a few per
        step), then updated by groups sharing the same new dates."""
        if not self.etapes:
            return
        self.debuts = [debut for debut, _, _ in self.etapes]
        periode = (self.etapes[0][0], self.etapes[-1][1])
        tables = list(DATES_STAMPEES.items())
        tables.append((ModelLogEntry, ["timestamp"]))
        tables += [(model.history.model, ["history_date"]) for model in HISTORIQUES]
        for model, champs in tables:
            stampes = Q()
            for champ in champs:
                stampes |= Q(**{f"{champ}__range": periode})
            groupes = {}
            for ligne in model._default_manager.filter(stampes).values("pk", *champs):
                dates = tuple(
                    (champ, moment)
                    for champ in champs
                    if ligne[champ] is not None
                    and (moment := self.moment_de(ligne[champ])) is not None
                )
                groupes.setdefault(dates, []).append(ligne["pk"])
            for dates, pks in groupes.items():
                if dates:
                    model._default_manager.filter(pk__in=pks).update(**dict(dates))
        self.etapes = []

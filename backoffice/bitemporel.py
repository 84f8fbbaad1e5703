"""Rows on two time axes (docs/pilotage.md, « Deux axes »), read from django-simple-history:
« en vigueur au D » (what was in effect on day D) « connu au K » (as the base had recorded it by
the end of day K; absent: now). One rule for every table the figures read, and for a
convention's lines on its page: a value with a date of its own counts from that date, a value
without one from when it was recorded."""

import datetime

from django.db.models import F, Q, Window
from django.db.models.functions import RowNumber
from django.utils import timezone


def debut_du_jour(date):
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time.min))


def fin_du_jour(date):
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time.max))


def moment_connu(connu_au=None):
    """The instant « connu au K » reads: the end of day K, or now (K absent, today or later)."""
    maintenant = timezone.now()
    if connu_au is None:
        return maintenant
    return min(fin_du_jour(connu_au), maintenant)


def versions_au(modele, moment, champs, effet_au=None, **restriction):
    """{id: the latest version recorded up to `moment`} (deletions included, history_type "-").

    `restriction` narrows the *ids* (any version matching it), never the versions themselves:
    a row that matched once but changed since is judged on its version at `moment`.
    `effet_au`: only the versions in effect on that day (`effet_le` empty or not after it), for
    the rows whose values carry their own effective date (lines of a convention)."""
    historique = modele.history.model.objects
    versions = historique.filter(history_date__lte=moment)
    if restriction:
        versions = versions.filter(id__in=historique.filter(**restriction).values("id"))
    if effet_au is not None:
        versions = versions.filter(Q(effet_le__isnull=True) | Q(effet_le__lte=effet_au))
    versions = versions.annotate(
        rang=Window(
            RowNumber(),
            partition_by=[F("id")],
            order_by=[F("history_date").desc(), F("history_id").desc()],
        )
    ).filter(rang=1)
    return {v["id"]: v for v in versions.values("id", "history_type", "history_date", *champs)}


def etats_au(modele, date, connu_au, champs, simples=(), effet=False, **restriction):
    """The rows in effect on `date` as known at `connu_au` (None: now), the one rule of the two
    time axes (docs/pilotage.md, « Deux axes »):

    - what carries its own dates (opening, closure, authorisation, a convention's dates and
      résiliation, a financing line's exercice, a groupe's dates, a line's `effet_le`) is read
      as known at K: a closure or an avenant recorded late counts from its own date;
    - what has no date of its own (`simples`: département, type, entité, places autorisées, a
      groupe's places) takes effect when it is recorded: read as recorded at the end of D (or
      at K if earlier); a row recorded only after D keeps the values known at K;
    - a deletion takes effect when it is recorded: a row deleted after D still counts on D,
      with its last values, and says when it was deleted (`supprime_le`).

    With K = D this is « what the base said on D »."""
    moment = moment_connu(connu_au)
    vu_le = min(fin_du_jour(date), moment)
    connues = versions_au(modele, moment, champs, date if effet else None, **restriction)
    alors = {}
    if simples and vu_le < moment:
        alors = versions_au(modele, vu_le, simples, date if effet else None, **restriction)
    lignes = []
    for pk, version in connues.items():
        version["supprime_le"] = None
        if version["history_type"] == "-":
            if version["history_date"] <= vu_le:
                continue
            version["supprime_le"] = version["history_date"]
        ancienne = alors.get(pk)
        if ancienne and ancienne["history_type"] != "-":
            version.update({champ: ancienne[champ] for champ in simples})
        lignes.append(version)
    return lignes

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


# --- every day at once: the same rule over a row's whole history --------------------------------
#
# The 24-month curve needs the rows in effect on 24 days; reading `etats_au` 24 times would read
# the history 24 times. `chronologie` reads it once and cuts each row's life into spans of days
# over which `etats_au` gives the same version: `etat_du_jour` is the rule above, applied to the
# versions in memory, and a test checks both give the same rows on random histories.


def etat_du_jour(versions, date, moment, simples=(), effet=False):
    """What `etats_au` gives for one row on `date`, from its versions recorded up to `moment`
    (dicts sorted by recording order), or None when the row does not count that day."""
    vu_le = min(fin_du_jour(date), moment)

    def derniere(limite):
        choisie = None
        for version in versions:
            if version["history_date"] > limite:
                break
            if not effet or version["effet_le"] is None or version["effet_le"] <= date:
                choisie = version
        return choisie

    connue = derniere(moment)
    if connue is None:
        return None
    supprimee = connue["history_type"] == "-"
    if supprimee and connue["history_date"] <= vu_le:
        return None
    ligne = dict(connue, supprime_le=connue["history_date"] if supprimee else None)
    if simples and vu_le < moment:
        ancienne = derniere(vu_le)
        if ancienne and ancienne["history_type"] != "-":
            ligne.update({champ: ancienne[champ] for champ in simples})
    return ligne


def _ruptures(versions, moment, effet):
    """The days on which `etat_du_jour` may change for this row."""
    jours = {timezone.localdate(v["history_date"]) for v in versions}
    jours.add(timezone.localdate(moment))
    if effet:
        jours |= {v["effet_le"] for v in versions if v["effet_le"] is not None}
    return sorted(jours)


def chronologie(modele, champs, connu_au=None, simples=(), effet=False, **restriction):
    """{id: [(first day or None, last day or None, row)]}: the spans of days over which each row
    counts, as known at `connu_au` (None: now), with its row in effect on those days (the rows of
    `etats_au`, one history read for every date)."""
    moment = moment_connu(connu_au)
    historique = modele.history.model.objects
    lues = historique.filter(history_date__lte=moment)
    if restriction:
        lues = lues.filter(id__in=historique.filter(**restriction).values("id"))
    colonnes = {"id", "history_type", "history_date", "history_id", *champs}
    if effet:
        colonnes.add("effet_le")
    par_ligne = {}
    for version in lues.order_by("id", "history_date", "history_id").values(*colonnes):
        par_ligne.setdefault(version["id"], []).append(version)

    resultat = {}
    un_jour = datetime.timedelta(days=1)
    for pk, versions in par_ligne.items():
        ruptures = _ruptures(versions, moment, effet)
        # Spans: before the first break, then from each break to the day before the next.
        debuts = [None, *ruptures]
        fins = [r - un_jour for r in ruptures] + [None]
        morceaux = []
        for debut, fin in zip(debuts, fins, strict=True):
            ligne = etat_du_jour(versions, debut or fins[0], moment, simples, effet)
            if ligne is None:
                continue
            if morceaux and morceaux[-1][2] == ligne and morceaux[-1][1] == debut - un_jour:
                morceaux[-1] = (morceaux[-1][0], fin, ligne)  # same row: one span
            else:
                morceaux.append((debut, fin, ligne))
        if morceaux:
            resultat[pk] = morceaux
    return resultat

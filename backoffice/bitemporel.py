"""Rows on two time axes (docs/pilotage.md, « Deux axes »), read from django-simple-history:
« en vigueur au D » (what was in effect on day D) « connu au K » (as the base had recorded it by
the end of day K; absent: now). One rule for every table the figures read, and for a
convention's lines on its page: a value with a date of its own counts from that date, a value
without one from when it was recorded."""

import datetime
from collections import defaultdict

from django.db.models import Case, DateTimeField, F, Q, When, Window
from django.db.models.functions import RowNumber, TruncDate
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


def versions_au(modele, moment, champs, effet_au=None, apres=None, ids=None, **restriction):
    """{id: the latest version recorded up to `moment`} (deletions included, history_type "-").

    `restriction` narrows the *ids* (any version matching it), never the versions themselves:
    a row that matched once but changed since is judged on its version at `moment`.
    `effet_au`: only the versions in effect on that day (`effet_le` empty or not after it), for
    the rows whose values carry their own effective date (lines of a convention).
    `ids`: a further narrowing of the ids (a queryset of ids).
    `apres`: each row says `enregistre_le`, its recording instant when later than `apres`
    (None otherwise): reading a timestamp for every row of the park costs more than the rest."""
    historique = modele.history.model.objects
    versions = historique.filter(history_date__lte=moment)
    if restriction:
        versions = versions.filter(id__in=historique.filter(**restriction).values("id"))
    if ids is not None:
        versions = versions.filter(id__in=ids)
    if effet_au is not None:
        versions = versions.filter(Q(effet_le__isnull=True) | Q(effet_le__lte=effet_au))
    versions = versions.annotate(
        rang=Window(
            RowNumber(),
            partition_by=[F("id")],
            order_by=[F("history_date").desc(), F("history_id").desc()],
        )
    ).filter(rang=1)
    colonnes = {}
    if apres is not None:
        colonnes["enregistre_le"] = Case(
            When(history_date__gt=apres, then=F("history_date")),
            default=None,
            output_field=DateTimeField(),
        )
    # .order_by(): the history's default ordering would sort every version twice for nothing
    # (a third of the query's time on the national park).
    lues = versions.order_by().values("id", "history_type", *champs, **colonnes)
    return {v["id"]: v for v in lues}


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

    Each row says `enregistre_le` when its version was recorded after the end of D (a late
    record, shown as such). With K = D this is « what the base said on D »."""
    moment = moment_connu(connu_au)
    vu_le = min(fin_du_jour(date), moment)
    effet_au = date if effet else None
    connues = versions_au(modele, moment, champs, effet_au, apres=vu_le, **restriction)
    alors = {}
    if simples and vu_le < moment:
        # Only a row recorded again after D can have had other values on D.
        changees = modele.history.model.objects.filter(
            history_date__gt=vu_le, history_date__lte=moment
        ).values("id")
        alors = versions_au(modele, vu_le, simples, effet_au, ids=changees, **restriction)
    lignes = []
    for pk, version in connues.items():
        supprimee = version["history_type"] == "-"
        if supprimee and version["enregistre_le"] is None:
            continue  # deleted by the end of D
        version["supprime_le"] = version["enregistre_le"] if supprimee else None
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
# versions in memory and to days (a version recorded on day J is known at the end of every day
# from J on), and a test checks both give the same rows on random histories.


def etat_du_jour(versions, date, jour_connu, simples=(), effet=False):
    """What `etats_au` gives for one row on `date`, from its versions recorded up to the
    moment K (dicts in recording order, each with its local recording day `jour`; `jour_connu`
    is K's day), or None when the row does not count that day."""
    connue = ancienne = None
    for version in versions:
        if effet and version["effet_le"] is not None and version["effet_le"] > date:
            continue
        connue = version
        if version["jour"] <= date:
            ancienne = version
    if connue is None:
        return None
    supprimee = connue["history_type"] == "-"
    if supprimee and connue["jour"] <= date:
        return None  # deleted by the end of `date`
    ligne = dict(connue, supprime=supprimee)
    if simples and date < jour_connu and ancienne and ancienne["history_type"] != "-":
        ligne.update({champ: ancienne[champ] for champ in simples})
    return ligne


def _ruptures(versions, jour_connu, effet):
    """The days on which `etat_du_jour` may change for this row."""
    jours = {v["jour"] for v in versions}
    jours.add(jour_connu)
    if effet:
        jours |= {v["effet_le"] for v in versions if v["effet_le"] is not None}
    return sorted(jours)


UN_JOUR = datetime.timedelta(days=1)


def _morceaux(versions, jour_connu, simples, effet):
    derniere = versions[-1]
    constante = not effet and (
        len(versions) == 1
        or not simples
        or all(v[c] == derniere[c] for v in versions for c in simples)
    )
    if constante:
        # Nothing depends on the day but the deletion: the last version, until it.
        derniere["supprime"] = derniere["history_type"] == "-"
        if not derniere["supprime"]:
            return [(None, None, derniere)]
        return [(None, derniere["jour"] - UN_JOUR, derniere)]
    ruptures = _ruptures(versions, jour_connu, effet)
    # Spans: before the first break, then from each break to the day before the next.
    debuts = [None, *ruptures]
    fins = [r - UN_JOUR for r in ruptures] + [None]
    morceaux = []
    for debut, fin in zip(debuts, fins, strict=True):
        ligne = etat_du_jour(versions, debut or fins[0], jour_connu, simples, effet)
        if ligne is None:
            continue
        if morceaux and morceaux[-1][2] == ligne and morceaux[-1][1] == debut - UN_JOUR:
            morceaux[-1] = (morceaux[-1][0], fin, ligne)  # same row: one span
        else:
            morceaux.append((debut, fin, ligne))
    return morceaux


class JourLocal(TruncDate):
    """The local day of an instant, without Django's per-row conversion: PostgreSQL returns a
    date and SQLite's date converter parses its text, so TruncDate's own `convert_value` (for
    backends returning a datetime) only cost a call per history row (~0.1 s on the national
    curve)."""

    def get_db_converters(self, connection):
        return self.output_field.get_db_converters(connection)


def chronologie(modele, champs, connu_au=None, simples=(), effet=False, **restriction):
    """{id: [(first day or None, last day or None, row)]}: the spans of days over which each row
    counts, as known at `connu_au` (None: now), with its row in effect on those days (the rows of
    `etats_au`, `supprime` saying whether it was deleted since; one history read for every
    date)."""
    moment = moment_connu(connu_au)
    jour_connu = timezone.localdate(moment)
    historique = modele.history.model.objects
    lues = historique.filter(history_date__lte=moment)
    if restriction:
        lues = lues.filter(id__in=historique.filter(**restriction).values("id"))
    colonnes = {"id", "history_type", *champs}
    if effet:
        colonnes.add("effet_le")
    lues = lues.order_by("id", "history_date", "history_id").values(
        *colonnes, jour=JourLocal("history_date", tzinfo=timezone.get_current_timezone())
    )
    if not simples and not effet:
        # Only the last version of each row matters (see _morceaux): no list per row.
        par_ligne = {version["id"]: [version] for version in lues}
    else:
        par_ligne = defaultdict(list)
        for version in lues:
            par_ligne[version["id"]].append(version)
    resultat = {}
    for pk, versions in par_ligne.items():
        if len(versions) == 1 and not effet and versions[0]["history_type"] != "-":
            # Most rows: recorded once, never deleted (_morceaux's first case, inlined: it
            # runs for every row of the park).
            versions[0]["supprime"] = False
            resultat[pk] = [(None, None, versions[0])]
            continue
        morceaux = _morceaux(versions, jour_connu, simples, effet)
        if morceaux:
            resultat[pk] = morceaux
    return resultat

"""Monthly occupancy from the OFII's DN@ extract (docs/occupation.md): one sheet, one row per
dispositif and month, read by a django-import-export Resource behind the same job, preview and
confirmation as Temps 1 (imports/formats.py).

    extrait = lire_extrait(chemin, nom)          # FichierIllisible: French message, nothing read
    rapport = analyser(extrait, user)            # every row's errors at once, counts, plan
    appliquer(rapport, user, import_)            # all or nothing; the file's months replaced

Re-importing a month replaces it: for each month and département of the file, the rows of
dispositifs absent from the new file are removed (the analysis says how many, as a warning).
"""

import contextlib
import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from backoffice.acces.perimetres import NATIONAL, Perimetre
from backoffice.grammaire import compter
from backoffice.occupation.models import Occupation
from backoffice.offre.models import Dispositif

from ..formats import FichierDevenuInvalide
from ..temps1.analyse.perimetre import perimetre_import
from ..temps1.rapport import CREATED, UNCHANGED, UPDATED, Anomalie, Rapport
from .colonnes import NOM_ONGLET
from .lecture import LIGNE, Extrait, lire_extrait
from .ressource import CHAMPS_COMPARES, OccupationResource, entete_de
from .valeurs import MoisWidget, normaliser_code

__all__ = ["Extrait", "analyser", "appliquer", "lire_extrait"]


@dataclass
class ContexteImport:
    """What every row needs, read once for the whole file."""

    perimetre: Perimetre
    par_code: dict  # normalised DNA code → [dispositif ids]
    lieux: dict  # dispositif id → (département, entité)
    existantes: dict  # (dispositif id, mois) → Occupation already imported
    valeurs_existantes: dict  # Occupation pk → its counts (CHAMPS_COMPARES)
    import_: object = None
    maintenant: object = field(default_factory=timezone.now)

    def dans_le_perimetre(self, dispositif_id):
        if self.perimetre.national:
            return True
        departement, entite = self.lieux.get(dispositif_id, (None, None))
        return departement in self.perimetre.departements or entite in self.perimetre.entites


def _mois_du_fichier(donnees):
    widget, mois = MoisWidget(), set()
    for valeur in donnees["mois"]:
        with contextlib.suppress(ValueError):
            mois.add(widget.clean(valeur))
    return mois


def lire_contexte(extrait, user, import_=None):
    codes = {normaliser_code(v) for v in extrait.donnees["dispositif"]} - {""}
    par_code, lieux = defaultdict(list), {}
    for pk, code, departement, entite in (
        Dispositif.objects.exclude(code_dna="")
        .order_by()
        .values_list("pk", "code_dna", "departement_id", "entite_id")
    ):
        code = normaliser_code(code)
        if code in codes:
            par_code[code].append(pk)
            lieux[pk] = (departement, entite)
    existantes, valeurs = {}, {}
    mois = _mois_du_fichier(extrait.donnees)
    if mois:
        # Every département's rows of the file's months: those the file no longer carries
        # are replaced (_remplacees), wherever the file's rows are.
        for occupation in Occupation.objects.filter(mois__in=mois).annotate(
            departement=F("dispositif__departement_id")
        ):
            existantes[(occupation.dispositif_id, occupation.mois)] = occupation
            valeurs[occupation.pk] = tuple(getattr(occupation, c) for c in CHAMPS_COMPARES)
    return ContexteImport(
        perimetre=perimetre_import(user) if user is not None else NATIONAL,
        par_code=dict(par_code),
        lieux=lieux,
        existantes=existantes,
        valeurs_existantes=valeurs,
        import_=import_,
    )


def _affiche(valeur):
    """A cell as the person typed it (calamine reads every number as a float)."""
    if valeur is None:
        return ""
    if isinstance(valeur, float) and valeur.is_integer():
        return str(int(valeur))
    if isinstance(valeur, datetime.datetime | datetime.date):
        return f"{valeur:%d/%m/%Y}"
    return str(valeur)


def _anomalies(resultat, extrait):
    """Every error of every row: (sheet, Excel row, column, value, French message)."""
    anomalies = []
    for ligne in resultat.invalid_rows:
        valeurs = dict(zip(extrait.donnees.headers, extrait.donnees[ligne.number - 1], strict=True))
        numero = valeurs[LIGNE]
        for cle, messages in ligne.error_dict.items():
            cellule = valeurs.get("dispositif" if cle == "dispositif_id" else cle)
            for message in messages:
                anomalies.append(
                    Anomalie(
                        NOM_ONGLET,
                        numero,
                        entete_de(cle),
                        _affiche(cellule),
                        message,
                    )
                )
    for numero, erreurs in resultat.row_errors():
        for erreur in erreurs:
            anomalies.append(
                Anomalie(
                    NOM_ONGLET,
                    extrait.donnees[numero - 1][0],
                    None,
                    "",
                    f"Erreur inattendue sur cette ligne : {erreur.error}",
                )
            )
    for erreur in resultat.base_errors:
        anomalies.append(Anomalie(None, None, None, "", f"Erreur inattendue : {erreur.error}"))
    return anomalies


def _remplacees(contexte, vues):
    """The rows already imported for a month and département of the file that the file no
    longer carries: a re-import replaces the month."""
    couverts = {(mois, contexte.lieux[pk][0]) for pk, mois in vues}
    return [
        occupation
        for cle, occupation in contexte.existantes.items()
        if cle not in vues and (occupation.mois, occupation.departement) in couverts
    ]


def _importer(extrait, user, import_, dry_run):
    contexte = lire_contexte(extrait, user, import_)
    ressource = OccupationResource(contexte)
    # The library's own transaction: a dry run writes then rolls back (every database rule
    # is checked too); a real run commits only with no error at all (see appliquer).
    resultat = ressource.import_data(
        extrait.donnees, dry_run=dry_run, use_transactions=True, raise_errors=False
    )
    return contexte, ressource, resultat


def _rapport(extrait, contexte, ressource, resultat):
    rapport = Rapport(nom_fichier=extrait.nom_fichier, sheets={NOM_ONGLET: {}})
    totaux = resultat.totals
    rapport.sheets[NOM_ONGLET] = {
        CREATED: totaux.get("new", 0),
        UPDATED: totaux.get("update", 0),
        UNCHANGED: totaux.get("skip", 0),
    }
    rapport.errors = _anomalies(resultat, extrait)
    remplacees = _remplacees(contexte, ressource.vues) if rapport.ok else []
    if remplacees:
        mois = sorted({o.mois for o in remplacees})
        rapport.warnings.append(
            Anomalie(
                NOM_ONGLET,
                None,
                None,
                "",
                f"{compter(len(remplacees), 'ligne déjà importée', 'lignes déjà importées')} "
                f"pour {', '.join(f'{m:%m/%Y}' for m in mois)} "
                f"{'sera retirée' if len(remplacees) == 1 else 'seront retirées'} : ces "
                "dispositifs ne figurent plus dans l'extrait de leur mois et de leur département, "
                "que ce fichier remplace.",
            )
        )
    return rapport, remplacees


def analyser(extrait, user=None):
    """Check every row (nothing is kept); the report says what applying would do."""
    contexte, ressource, resultat = _importer(extrait, user, None, dry_run=True)
    rapport, _ = _rapport(extrait, contexte, ressource, resultat)
    rapport.plan = extrait
    return rapport


def preparer(extrait, user=None):
    """Before applying: nothing to re-check apart, `appliquer` checks every row as it writes."""
    return Rapport(nom_fichier=extrait.nom_fichier, sheets={NOM_ONGLET: {}}, plan=extrait)


def appliquer(rapport, user=None, import_=None, progression=None):
    """Write the file, all or nothing, and replace its months. Every row is checked again as
    it is written (the database may have changed since the analysis): any error rolls back
    everything and raises FichierDevenuInvalide with the new report."""
    extrait = rapport.plan
    with transaction.atomic():
        contexte, ressource, resultat = _importer(extrait, user, import_, dry_run=False)
        nouveau, remplacees = _rapport(extrait, contexte, ressource, resultat)
        if not nouveau.ok:
            raise FichierDevenuInvalide(nouveau)
        if remplacees:
            Occupation.objects.filter(pk__in=[o.pk for o in remplacees]).delete()
    rapport.sheets = nouveau.sheets
    rapport.warnings = nouveau.warnings
    rapport.applied = True
    if progression:
        progression(100)
    return rapport

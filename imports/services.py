"""The life of an import job (ImportTemps1, whatever its `nature`: formats.py), for the web UI's
views and tasks and for the command line: file → analyse → (confirm) → apply.

    deposee → en_analyse → analysee ─(confirm)→ en_application → appliquee
                        ↘ en_erreur                            ↘ echec (nothing written)

Every step reads the stored file again (the original is never modified). Applying re-checks the
file inside the same transaction as the writes, so a confirmation given hours after the analysis
applies to the database as it is then, and never half applies.
"""

import logging
import tempfile
from pathlib import Path

from django.core.files import File
from django.db import transaction
from django.utils import timezone

from .formats import FichierDevenuInvalide, format_de
from .models import ImportTemps1, NatureImport
from .temps1 import FichierIllisible, Rapport, libelle_perimetre, perimetre_import

logger = logging.getLogger(__name__)


def deposer(fichier, user=None, nom_fichier=None, nature=NatureImport.TEMPS1):
    """Store the file as sent (first, so nothing a person sends is ever lost), with who filed it
    and their perimeter. `fichier`: an uploaded file, a Django `File` or a path."""
    if isinstance(fichier, (str, Path)):
        chemin = Path(fichier)
        nom_fichier = nom_fichier or chemin.name
        with open(chemin, "rb") as flux:
            return _deposer(File(flux, name=chemin.name), user, nom_fichier, nature)
    nom_fichier = nom_fichier or Path(getattr(fichier, "name", "") or "classeur.xlsx").name
    return _deposer(fichier, user, nom_fichier, nature)


def _deposer(fichier, user, nom_fichier, nature):
    perimetre = perimetre_import(user)
    import_ = ImportTemps1(
        nature=nature,
        nom_fichier=nom_fichier[:255],
        deposant=user,
        perimetre_libelle=libelle_perimetre(perimetre),
    )
    import_.fichier.save(Path(nom_fichier).name, fichier, save=False)
    import_.save()
    if perimetre.departements:
        import_.departements.set(sorted(perimetre.departements))
    return import_


def _chemin(import_):
    return import_.fichier.path


def _etat(import_, etat, **champs):
    import_.etat = etat
    for nom, valeur in champs.items():
        setattr(import_, nom, valeur)
    import_.save(update_fields=["etat", "modifie_le", *champs])


def analyser_import(import_, user=None):
    """Check the stored file; store the report (and an annotated copy when there are problems).
    Returns the `Rapport`; the job ends `analysee` (ready to apply) or `en_erreur`."""
    user = user or import_.deposant
    format_ = format_de(import_.nature)
    _etat(import_, ImportTemps1.Etat.EN_ANALYSE, progression=10)
    try:
        lu = format_.lire(_chemin(import_), import_.nom_fichier)
    except FichierIllisible as exc:
        rapport = Rapport.illisible(exc, import_.nom_fichier)
        _etat(
            import_,
            ImportTemps1.Etat.EN_ERREUR,
            rapport=rapport.to_json(),
            message_echec=str(exc),
            progression=100,
        )
        return rapport
    rapport = format_.analyser(lu, user)
    champs = {"rapport": rapport.to_json(), "progression": 100}
    if format_.annoter and (rapport.errors or rapport.warnings):
        with tempfile.NamedTemporaryFile(suffix=".xlsx") as copie:
            format_.annoter(_chemin(import_), rapport, copie.name)
            nom = f"{Path(import_.nom_fichier).stem}-annote.xlsx"
            with open(copie.name, "rb") as flux:
                import_.fichier_annote.save(nom, File(flux), save=False)
        champs["fichier_annote"] = import_.fichier_annote
    etat = ImportTemps1.Etat.ANALYSEE if rapport.ok else ImportTemps1.Etat.EN_ERREUR
    _etat(import_, etat, **champs)
    return rapport


class DejaEnCours(Exception):
    """The import is not ready to apply (not analysed, or already being applied)."""


def appliquer_import(import_, user=None):
    """Apply an analysed import, all or nothing. Only one application ever runs: the job is
    claimed by a conditional update (analysee → en_application)."""
    reclamer_application(import_)
    return executer_application(import_, user)


def reclamer_application(import_):
    """Claim an analysed import for application (analysee → en_application), by a conditional
    update: of two confirmations at once, one wins, the other gets `DejaEnCours`. The web UI
    claims in the request (the person gets the answer at once) and applies in a task."""
    reclame = ImportTemps1.objects.filter(pk=import_.pk, etat=ImportTemps1.Etat.ANALYSEE).update(
        etat=ImportTemps1.Etat.EN_APPLICATION, progression=0, modifie_le=timezone.now()
    )
    if not reclame:
        raise DejaEnCours("Cet import n'est pas prêt à être appliqué (déjà appliqué ou en cours).")
    import_.refresh_from_db()


def executer_application(import_, user=None):
    """Apply an import claimed by `reclamer_application`; see `appliquer_import`."""
    import_.refresh_from_db()
    if import_.etat != ImportTemps1.Etat.EN_APPLICATION:
        raise DejaEnCours("Cet import n'a pas été confirmé pour application.")
    user = user or import_.deposant
    format_ = format_de(import_.nature)

    def progression(pourcentage):
        # Inside the transaction: only this connection sees it; kept for in-process callers.
        import_.progression = pourcentage

    try:
        with transaction.atomic():
            lu = format_.lire(_chemin(import_), import_.nom_fichier)
            rapport = (format_.preparer or format_.analyser)(lu, user)
            if rapport.ok:
                format_.appliquer(rapport, user, import_, progression=progression)
    except FichierDevenuInvalide as exc:
        rapport = exc.rapport  # nothing written: the transaction was rolled back
    except FichierIllisible as exc:
        _etat(
            import_,
            ImportTemps1.Etat.EN_ERREUR,
            message_echec=str(exc),
            rapport=Rapport.illisible(exc, import_.nom_fichier).to_json(),
        )
        return None
    except Exception as exc:
        logger.exception("Échec de l'application de l'import n° %s", import_.pk)
        _etat(
            import_,
            ImportTemps1.Etat.ECHEC,
            progression=0,
            message_echec=f"L'application a échoué, rien n'a été modifié : {exc}",
        )
        raise
    if not rapport.ok:  # the database changed since the analysis
        _etat(import_, ImportTemps1.Etat.EN_ERREUR, rapport=rapport.to_json(), progression=100)
        return rapport
    _etat(
        import_,
        ImportTemps1.Etat.APPLIQUEE,
        rapport=rapport.to_json(),
        progression=100,
        applique_le=timezone.now(),
    )
    return rapport


ETATS_EN_COURS = (
    ImportTemps1.Etat.DEPOSEE,
    ImportTemps1.Etat.EN_ANALYSE,
    ImportTemps1.Etat.EN_APPLICATION,
)


def marquer_echec(import_, message):
    """A task crashed: say so on the job, unless it already ended (the application records its
    own failure). Returns whether the job was changed."""
    change = ImportTemps1.objects.filter(pk=import_.pk, etat__in=ETATS_EN_COURS).update(
        etat=ImportTemps1.Etat.ECHEC,
        progression=0,
        message_echec=message,
        modifie_le=timezone.now(),
    )
    import_.refresh_from_db()
    return bool(change)

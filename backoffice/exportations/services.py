"""The rules of background exports: when a list export goes to the background, how a job is
created, written and purged."""

import os
import tempfile

from django.conf import settings
from django.core.files import File
from django.utils import timezone

from backoffice import exports

from . import registre
from .models import EtatExport, ExportDiffere


class ListeInconnue(Exception):
    pass


def en_arriere_plan(nom_liste, compter):
    """Above the threshold, and for a registered listing only; small exports stay immediate.
    `compter()` gives the list's number of rows (counted only for a registered listing)."""
    return (
        registre.constructeur(nom_liste) is not None and compter() > settings.EXPORTS_SEUIL_DIFFERE
    )


def creer(user, nom_liste, titre, nom_fichier, parametres, format_):
    return ExportDiffere.objects.create(
        demandeur=user,
        liste=nom_liste,
        titre=titre[:200],
        nom_fichier=nom_fichier[:100],
        parametres=parametres,
        format=format_,
    )


def _avancer(export, lignes):
    export.lignes = lignes
    export.progression = min(99, lignes * 100 // export.total) if export.total else 99
    ExportDiffere.objects.filter(pk=export.pk).update(
        lignes=export.lignes, progression=export.progression
    )


def _lignes_suivies(export, lignes):
    """The rows, with the job's progress written every `EXPORTS_PAS_PROGRESSION` rows."""
    pas = settings.EXPORTS_PAS_PROGRESSION
    rang = 0
    for rang, ligne in enumerate(lignes, start=1):
        yield ligne
        if rang % pas == 0:
            _avancer(export, rang)
    export.lignes = rang


def _ecrire_fichier(export, tableau, destination):
    lignes = _lignes_suivies(export, tableau.lignes)
    if export.format == "csv":
        with open(destination, "w", encoding="utf-8", newline="") as sortie:
            for morceau in exports.lignes_csv(tableau.entetes, lignes):
                sortie.write(morceau)
        return
    classeur = exports.Classeur()
    feuille = classeur.feuille(tableau.titre or tableau.nom_fichier)
    feuille.entete(tableau.entetes)
    for ligne in lignes:
        feuille.ligne(ligne, formats=tableau.formats)
    classeur.enregistrer(destination)


def ecrire(export):
    """Rebuild the list for the user who asked (their perimeter today, the list's filters) and
    write the file with the one spreadsheet writer."""
    constructeur = registre.constructeur(export.liste)
    if constructeur is None:
        raise ListeInconnue(export.liste)
    export.etat = EtatExport.EN_COURS
    export.save(update_fields=["etat"])
    tableau = constructeur(export.demandeur, export.parametres)
    export.total = tableau.total
    export.save(update_fields=["total"])
    descripteur, chemin = tempfile.mkstemp(suffix=f".{export.format}")
    os.close(descripteur)
    try:
        _ecrire_fichier(export, tableau, chemin)
        with open(chemin, "rb") as contenu:
            export.fichier.save(export.nom_telechargement, File(contenu), save=False)
    finally:
        os.unlink(chemin)
    export.etat = EtatExport.TERMINE
    export.progression = 100
    export.termine_le = timezone.now()
    export.save(update_fields=["fichier", "etat", "progression", "lignes", "termine_le"])


def marquer_echec(export, message):
    export.etat = EtatExport.ECHEC
    export.erreur = message
    export.termine_le = timezone.now()
    export.save(update_fields=["etat", "erreur", "termine_le"])


def purger(maintenant=None):
    """Delete the jobs older than the retention period, and their files. Returns how many."""
    nombre = 0
    for export in ExportDiffere.objects.expires(maintenant).iterator():
        if export.fichier:
            export.fichier.delete(save=False)
        export.delete()
        nombre += 1
    return nombre

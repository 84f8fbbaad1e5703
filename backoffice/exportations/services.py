"""The rules of background exports: when an export goes to the background, how a job is created,
written and purged."""

import io
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


class Suivi:
    """The job's progress while its file is written: rows are counted across every sheet, and
    written to the job every `EXPORTS_PAS_PROGRESSION` rows (one UPDATE per step, none per row)."""

    def __init__(self, export):
        self.export = export
        self.pas = settings.EXPORTS_PAS_PROGRESSION
        self.rang = 0

    def annoncer(self, total):
        self.export.total = total
        ExportDiffere.objects.filter(pk=self.export.pk).update(total=total)

    def _avancer(self):
        export = self.export
        export.lignes = self.rang
        export.progression = min(99, self.rang * 100 // export.total) if export.total else 99
        ExportDiffere.objects.filter(pk=export.pk).update(
            lignes=export.lignes, progression=export.progression
        )

    def lignes(self, lignes):
        for ligne in lignes:
            yield ligne
            self.rang += 1
            self.export.lignes = self.rang
            if self.rang % self.pas == 0:
                self._avancer()


def _ecrire_tableau(export, tableau, suivi, destination):
    suivi.annoncer(tableau.total)
    lignes = suivi.lignes(tableau.lignes)
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
    """Rebuild the file for the user who asked (their perimeter today, the page's parameters)
    and write it with the one spreadsheet writer."""
    constructeur = registre.constructeur(export.liste)
    if constructeur is None:
        raise ListeInconnue(export.liste)
    export.etat = EtatExport.EN_COURS
    export.save(update_fields=["etat"])
    production = constructeur(export.demandeur, export.parametres)
    suivi = Suivi(export)
    descripteur, chemin = tempfile.mkstemp(suffix=f".{export.format}")
    os.close(descripteur)
    try:
        if isinstance(production, registre.Fichier):
            production.ecrire(chemin, suivi)
        else:
            _ecrire_tableau(export, production, suivi, chemin)
        with open(chemin, "rb") as contenu:
            export.fichier.save(export.nom_telechargement, File(contenu), save=False)
    finally:
        os.unlink(chemin)
    export.etat = EtatExport.TERMINE
    export.progression = 100
    export.termine_le = timezone.now()
    export.save(update_fields=["fichier", "etat", "progression", "lignes", "termine_le"])


def reponse_immediate(production):
    """The download of a small `Fichier`, in the request: the same function writes it as the
    task would."""
    tampon = io.BytesIO()
    production.ecrire(tampon, registre.SansSuivi())
    return exports.reponse_xlsx(tampon.getvalue(), f"{production.nom_fichier}.xlsx")


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

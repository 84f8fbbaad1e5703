"""python manage.py import_temps1 FICHIER [--dry-run] [--user EMAIL] [--report CHEMIN]

Exit codes (docs/temps1.md): 0 the file has no error (applied unless --dry-run), 1 it has errors
(nothing applied), 2 it cannot be read at all (or the --user account does not exist).
"""

import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils import timezone

from backoffice.grammaire import compter
from imports.models import ImportTemps1
from imports.services import deposer
from imports.temps1 import FichierIllisible, Rapport, analyser, appliquer, lire_classeur

ERREURS_AFFICHEES = 200


class Command(BaseCommand):
    help = "Vérifie puis importe un classeur Temps 1 (.xlsx) : tout ou rien."

    def add_arguments(self, parser):
        parser.add_argument("fichier", help="classeur Temps 1 (.xlsx)")
        parser.add_argument(
            "--dry-run", action="store_true", help="vérifier seulement, ne rien écrire"
        )
        parser.add_argument(
            "--user",
            metavar="EMAIL",
            help="importer avec le périmètre de ce compte (par défaut : sans limite de "
            "périmètre, pour une reprise nationale)",
        )
        parser.add_argument("--report", metavar="CHEMIN", help="écrire le rapport JSON ici")

    def handle(self, *args, fichier, dry_run, user, report, **options):
        utilisateur = self._utilisateur(user, report) if user else None
        chemin = Path(fichier)
        try:
            if not chemin.is_file():
                raise FichierIllisible(f"Fichier introuvable : {chemin}")
            classeur = lire_classeur(chemin)
        except FichierIllisible as exc:
            self._ecrire(report, Rapport.illisible(exc, chemin.name))
            raise CommandError(str(exc), returncode=2) from exc

        rapport = analyser(classeur, utilisateur)
        for avertissement in rapport.warnings:
            self.stdout.write(self.style.WARNING(f"Avertissement — {avertissement}"))
        for erreur in rapport.errors[:ERREURS_AFFICHEES]:
            self.stderr.write(f"Erreur — {erreur}")
        if len(rapport.errors) > ERREURS_AFFICHEES:
            self.stderr.write(
                f"… et {len(rapport.errors) - ERREURS_AFFICHEES} autres erreurs "
                "(voir le rapport JSON)."
            )
        if not rapport.ok:
            self._ecrire(report, rapport)
            self._resume(rapport)
            raise CommandError(
                f"{compter(len(rapport.errors), 'erreur', 'erreurs')} : rien n'a été importé.",
                returncode=1,
            )
        if dry_run:
            self._ecrire(report, rapport)
            self._resume(rapport)
            self.stdout.write(
                self.style.SUCCESS(
                    "Aucune erreur. Vérification seule (--dry-run) : rien n'a été écrit."
                )
            )
            return

        import_ = deposer(chemin, utilisateur)
        import_.etat = ImportTemps1.Etat.EN_APPLICATION
        import_.save(update_fields=["etat"])
        try:
            appliquer(rapport, utilisateur, libelle=import_.libelle)
        except Exception as exc:
            import_.etat = ImportTemps1.Etat.ECHEC
            import_.message_echec = f"L'application a échoué, rien n'a été modifié : {exc}"
            import_.save(update_fields=["etat", "message_echec"])
            raise
        import_.etat = ImportTemps1.Etat.APPLIQUEE
        import_.rapport = rapport.to_json()
        import_.progression = 100
        import_.applique_le = timezone.now()
        import_.save(update_fields=["etat", "rapport", "progression", "applique_le"])
        self._ecrire(report, rapport)
        self._resume(rapport)
        self.stdout.write(self.style.SUCCESS(f"{import_.libelle} appliqué."))

    def _utilisateur(self, email, report):
        modele = get_user_model()
        utilisateur = modele.objects.filter(
            Q(email__iexact=email) | Q(username__iexact=email), is_active=True
        ).first()
        if utilisateur is None:
            message = f"Aucun compte actif pour « {email} »."
            self._ecrire(report, Rapport.illisible(FichierIllisible(message)))
            raise CommandError(message, returncode=2)
        return utilisateur

    def _resume(self, rapport):
        for ligne in rapport.resume():
            self.stdout.write(ligne)

    def _ecrire(self, report, rapport):
        if report:
            Path(report).write_text(
                json.dumps(rapport.to_json(), ensure_ascii=False, indent=2), encoding="utf-8"
            )

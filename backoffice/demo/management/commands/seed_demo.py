"""`manage.py seed_demo [--scale small|national] [--seed N] [--reset]`: load demo data.

- `small` (what `make run` loads): 4 départements (44 and 49 in the région 52, 75, 13), ~40
  entités, ~300 dispositifs with their groupes de places, three exercices of financements, ~60
  conventions in force and twelve months of DN@ occupancy for the ~90 asylum dispositifs
  (≈ 1,000 rows).
- `national`: the whole country at the size of the real park (≈ 3,000 entités, 12,000
  dispositifs, 30,000 groupes, 36,000 financements, ≈ 330,000 places, ≈ 1,500 conventions,
  ≈ 2,000 asylum dispositifs with twelve months of occupancy), for load tests.

Both create the same demo accounts (one per profile, one shared password printed at the end),
then play the same story in the demo départements (`recit`): requests, conventions, avenants and
calls at every step of their workflows, a Temps 1 import, so each account's home page has work
waiting. The data is deterministic for a given seed and day. The whole load is one transaction:
it either completes or leaves the database untouched.
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import ProtectedError
from django.test.utils import override_settings
from django.utils import timezone

from backoffice.demo import chargement, recit
from backoffice.demo.generateur import Generateur
from backoffice.demo.profils import ECHELLES
from backoffice.grammaire import compter
from backoffice.offre.models import (
    CompteurCode,
    Dispositif,
    EntiteGestionnaire,
    Programme,
    PublicSpecifique,
    TypeDispositif,
    exercice_courant,
)
from backoffice.qualite.services import recalculer as recalculer_qualite
from backoffice.schemas.demo import charger_schema_demo
from backoffice.territoires.models import Departement

SANS_COURRIEL = "django.core.mail.backends.dummy.EmailBackend"


class Command(BaseCommand):
    help = (
        "Charge un jeu de données de démonstration : entités, dispositifs, groupes de places, "
        "financements sur trois exercices, conventions en vigueur, douze mois d'occupation "
        "(DN@) du parc d'asile, un compte par profil, et des "
        "demandes, conventions, avenants et appels à projets à chaque étape de leur circuit."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            choices=list(ECHELLES),
            default="small",
            metavar="{small,national}",
            help="small : 4 départements, ~300 dispositifs (défaut) ; national : 101 "
            "départements, 12 000 dispositifs.",
        )
        parser.add_argument(
            "--seed", type=int, default=1, help="Graine du tirage (même graine, mêmes données)."
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Efface d'abord toute l'offre (entités, dispositifs, groupes, financements et "
            "leur historique), les conventions, appels à projets, demandes et imports Temps 1 "
            "qui s'y rattachent, et les comptes de démonstration.",
        )

    def handle(self, *args, scale, seed, reset, **options):
        debut = time.perf_counter()
        echelle = ECHELLES[scale]
        annee = exercice_courant()
        self.stdout.write(
            f"Jeu de démonstration « {scale} » (graine {seed}, exercice de référence {annee})"
        )
        chrono = chargement.Chronometre(self.stdout.write)
        try:
            # The story happened in the past: its workflow e-mails are not sent now.
            with override_settings(EMAIL_BACKEND=SANS_COURRIEL), transaction.atomic():
                existants = Dispositif.objects.count()
                if existants and not reset:
                    raise CommandError(
                        "La base contient déjà "
                        f"{compter(existants, 'dispositif', 'dispositifs')} : le jeu de "
                        "démonstration ne se charge que dans une base sans offre. Relancez avec "
                        "--reset pour effacer d'abord toute l'offre (entités, dispositifs, "
                        "groupes, financements, historique), les conventions, appels à projets, "
                        "demandes et imports qui s'y rattachent, et les comptes de "
                        "démonstration (irréversible)."
                    )
                if reset:
                    chargement.purger(chrono)
                jeu = self.generer(echelle, seed, annee)
                chrono(f"Données tirées ({len(jeu.dispositifs)} dispositifs en mémoire)")
                chargement.charger(jeu, annee, chrono)
                comptes = chargement.creer_comptes(jeu.entite_vitrine)
                chrono(f"{len(comptes)} comptes de démonstration")
                recit.raconter(jeu.entite_vitrine, chrono)
                charger_schema_demo()
                chrono("Schéma régional d'accueil des Pays de la Loire et sa première évaluation")
                bilan = recalculer_qualite()
                chrono(f"Contrôles de qualité : {bilan.ouvertes} anomalies ouvertes")
        except ProtectedError as exc:
            raise CommandError(
                "Effacement impossible : d'autres données (conventions, demandes…) font "
                f"référence à l'offre. Supprimez-les d'abord. Détail : {exc.args[0]}"
            ) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Jeu de démonstration chargé en {time.perf_counter() - debut:.1f} s."
            )
        )
        self.stdout.write("")
        self.stdout.write("Comptes de démonstration :")
        self.stdout.write(chargement.tableau_comptes(comptes))
        self.stdout.write(f"Mot de passe (tous les comptes) : {chargement.MOT_DE_PASSE}")

    @staticmethod
    def generer(echelle, seed, annee):
        departements = list(Departement.objects.order_by("code").values_list("code", "region_id"))
        types = {t.code: t for t in TypeDispositif.objects.select_related("nature")}
        generateur = Generateur(
            echelle,
            seed,
            annee,
            aujourdhui=timezone.localdate(),
            types=types,
            departements=[code for code, _ in departements],
            regions=dict(departements),
            programmes={p.code: p for p in Programme.objects.all()},
            publics=list(PublicSpecifique.objects.order_by("code").values_list("code", flat=True)),
            premiers_numeros=dict(CompteurCode.objects.values_list("departement_id", "dernier")),
            sirens_pris=EntiteGestionnaire.objects.values_list("siren", flat=True),
        )
        return generateur.generer()

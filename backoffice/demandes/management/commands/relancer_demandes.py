"""Daily reminder: e-mail each SIAO and DDETS administrator the requests idle at *their* step in
*their* perimeter for more than N days (SIAO: soumise; DDETS: pré-validée).

    manage.py relancer_demandes [--jours N] [--forcer]

Run it once a day (cron, systemd timer). A second run the same day sends nothing to those
already reminded (unless --forcer): the marker is kept in the cache (the database cache in
production), so the command can be retried safely after a partial failure.
"""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.mail import EmailMessage, get_connection
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils import timezone

from backoffice.acces.perimetres import affectations_de
from backoffice.acces.roles import Role
from backoffice.demandes.filters import File
from backoffice.demandes.models import Demande, EtatDemande
from backoffice.grammaire import compter

# The step each role holds, and its queue in the admin.
ETAPES = {
    Role.SIAO: (EtatDemande.SOUMISE, File.A_PRE_VALIDER),
    Role.DEPARTEMENTAL: (EtatDemande.PRE_VALIDEE, File.A_VALIDER),
}
JOURS_PAR_DEFAUT = 7


def jours_relance():
    return int(getattr(settings, "DEMANDES_RELANCE_JOURS", JOURS_PAR_DEFAUT))


def demandes_en_attente(user, jours, maintenant=None):
    """{role: [requests]} idle for more than `jours` days at the user's step, in its perimeter.

    Built from the user's SIAO and DDETS assignments only (never the national backup or a
    superuser's blanket perimeter: the reminder is for those whose step it is)."""
    limite = (maintenant or timezone.now()) - datetime.timedelta(days=jours)
    resultat = {}
    for role, (etat, _) in ETAPES.items():
        departements = set()
        for role_affectation, perimetre in affectations_de(user):
            if role_affectation == role:
                departements |= perimetre.departements
        if not departements:
            continue
        demandes = list(
            Demande.objects.filter(
                etat=etat, etat_depuis__lt=limite, departement_id__in=departements
            )
            .select_related("dispositif", "type_dispositif")
            .order_by("etat_depuis", "pk")
        )
        if demandes:
            resultat[role] = demandes
    return resultat


def _lien(chemin):
    return f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{chemin}"


def courriel(user, attentes, jours):
    total = sum(len(demandes) for demandes in attentes.values())
    lignes = [
        "Bonjour,",
        "",
        f"{total} demande{'s' if total > 1 else ''} "
        f"attend{'ent' if total > 1 else ''} votre action depuis plus de {jours} jours :",
    ]
    for role, demandes in attentes.items():
        _, file = ETAPES[role]
        lignes += ["", f"{File.LIBELLES[file]} ({Role(role).label}) :"]
        for demande in demandes:
            lignes.append(
                f"- {demande.numero} – {demande.get_type_demande_display()} – {demande.titre} "
                f"– département {demande.departement_id} – en attente depuis "
                f"{demande.age_jours} jours"
            )
            lignes.append(f"  {_lien(reverse('demande:inspect', args=[demande.pk]))}")
        lignes.append(f"File de travail : {_lien(reverse('demande:index'))}?file={file}")
    lignes += ["", "Ce message est envoyé chaque jour tant que des demandes attendent."]
    return EmailMessage(
        subject=f"Demandes en attente depuis plus de {jours} jours : {total}",
        body="\n".join(lignes) + "\n",
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
    )


class Command(BaseCommand):
    help = (
        "Envoie à chaque administrateur SIAO et DDETS la liste des demandes qui attendent son "
        "action depuis plus de N jours (DEMANDES_RELANCE_JOURS, 7 par défaut)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--jours", type=int, default=None, help="Délai d'attente en jours (défaut : réglage)."
        )
        parser.add_argument(
            "--forcer",
            action="store_true",
            help="Envoyer même aux administrateurs déjà relancés aujourd'hui.",
        )

    def handle(self, *args, jours=None, forcer=False, **options):
        jours = jours_relance() if jours is None else jours
        if jours < 0:
            raise CommandError("--jours doit être positif ou nul.")
        aujourdhui = timezone.localdate().isoformat()
        User = get_user_model()
        destinataires = (
            User.objects.filter(
                is_active=True,
                affectations__actif=True,
                affectations__role__in=list(ETAPES),
            )
            .exclude(email="")
            .distinct()
            .order_by("pk")
        )
        envoyes = deja = nb_demandes = 0
        connexion = get_connection()
        for user in destinataires:
            attentes = demandes_en_attente(user, jours)
            if not attentes:
                continue
            cle = f"demandes:relance:{aujourdhui}:{user.pk}"
            if not forcer and not cache.add(cle, True, timeout=36 * 3600):
                deja += 1
                continue
            try:
                message = courriel(user, attentes, jours)
                message.connection = connexion
                message.send()
            except Exception:
                cache.delete(cle)  # not sent: a retry today must send it
                raise
            envoyes += 1
            nb_demandes += sum(len(d) for d in attentes.values())
            self.stdout.write(f"  {user.email} : {sum(len(d) for d in attentes.values())}")
        self.stdout.write(
            f"Relance des demandes en attente depuis plus de {jours} jours : "
            f"{compter(envoyes, 'courriel envoyé', 'courriels envoyés')}, "
            f"{compter(nb_demandes, 'demande signalée', 'demandes signalées')}"
            + (
                f", {compter(deja, 'administrateur', 'administrateurs')} déjà "
                f"{'relancé' if deja < 2 else 'relancés'} aujourd'hui."
                if deja
                else "."
            )
        )

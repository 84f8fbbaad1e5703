"""Saves a generated demo data set in bulk, with its history, and creates the demo accounts.

Speed matters (the national scale is ~80,000 rows plus as many history rows, to load in well under
three minutes): rows go in with `bulk_create` in batches, and django-simple-history's
`bulk_create_with_history` writes the matching creation records, dated when each object came into
being (opening of the dispositif, start of the groupe or of the exercice, signature of the
convention) so that `history.as_of(date)` answers piloting questions on the demo too. Closures are
recorded as a later modification of the dispositif. The monthly occupancy (DN@) keeps no history:
its rows are dated by their month.

Every bulk insertion goes through `inserer`: whatever must happen on each bulk insertion of a
model goes there.
"""

import datetime
import time

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.test.utils import override_settings
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history
from wagtail.documents import get_document_model
from wagtail.models import ModelLogEntry, ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from backoffice.acces.models import AffectationRole
from backoffice.acces.roles import Portee, Role
from backoffice.appels.models import AppelAProjets, Candidature, DocumentAppel, DocumentCandidature
from backoffice.conventions.models import (
    Avenant,
    Compteur,
    Convention,
    DocumentConvention,
    LigneConvention,
    MontantConvention,
)
from backoffice.demandes.models import Demande
from backoffice.occupation.models import Occupation
from backoffice.offre.models import (
    CompteurCode,
    ContactReferent,
    Dispositif,
    EntiteGestionnaire,
    Financement,
    GroupeDePlaces,
)
from backoffice.territoires.models import Departement, Siao
from imports.models import ImportTemps1

TAILLE_LOT = 2000
MOTIF = "Jeu de données de démonstration"

# Shared by every demo account; must pass AUTH_PASSWORD_VALIDATORS (checked at creation).
MOT_DE_PASSE = "demo-parc-2026!"

# (courriel, prénom, nom, rôle, périmètre)
COMPTES = [
    ("national@demo.gouv.fr", "Claire", "Dubois", Role.NATIONAL, {}),
    ("dreets52@demo.gouv.fr", "Yann", "Le Goff", Role.REGIONAL, {"region": "52"}),
    ("ddets44@demo.gouv.fr", "Sophie", "Bernard", Role.DEPARTEMENTAL, {"departements": ["44"]}),
    ("ddets75@demo.gouv.fr", "Karim", "Benali", Role.DEPARTEMENTAL, {"departements": ["75"]}),
    ("siao44@demo.gouv.fr", "Julie", "Moreau", Role.SIAO, {"siao_de": "44"}),
    ("gestionnaire@demo.gouv.fr", "Thomas", "Lefèvre", Role.GESTIONNAIRE, {"entite": True}),
    ("lecteur@demo.gouv.fr", "Émilie", "Roux", Role.LECTEUR, {}),
]
COURRIELS = [compte[0] for compte in COMPTES]


class Chronometre:
    """Prints each step with its duration and the elapsed time."""

    def __init__(self, ecrire):
        self.ecrire = ecrire
        self.debut = self.etape = time.perf_counter()

    def __call__(self, message):
        maintenant = time.perf_counter()
        self.ecrire(
            f"  {message} ({maintenant - self.etape:.1f} s, total {maintenant - self.debut:.1f} s)"
        )
        self.etape = maintenant

    @property
    def total(self):
        return time.perf_counter() - self.debut


def nombre(n):
    return f"{n:,}".replace(",", "\u202f")


def purger(chrono):
    """Delete everything the demo loads: the offer (and its history), its monthly occupancy, the
    conventions, calls, requests and Temps 1 imports that hang on it, their documents and
    timelines, and the demo accounts.

    Per-row signal work is switched off while deleting: simple-history would write one deletion
    record per row and Wagtail's reference index would run two queries per row (tens of
    thousands of single statements at the national scale), for rows we are wiping anyway. The
    reference index rows of the offer are deleted in bulk instead.
    """
    modeles = (Financement, GroupeDePlaces, Dispositif, ContactReferent, EntiteGestionnaire)
    with override_settings(SIMPLE_HISTORY_ENABLED=False), disable_reference_index_auto_update():
        Occupation.objects.all().delete()  # before the imports it may name, and the offer
        purger_circuits()
        Financement.objects.all().delete()
        GroupeDePlaces.objects.all().delete()
        Dispositif.publics_specifiques.through.objects.all().delete()
        Dispositif.objects.all().delete()
        ContactReferent.objects.all().delete()
        EntiteGestionnaire.objects.filter(parent__isnull=False).delete()
        EntiteGestionnaire.objects.all().delete()
        for model in (Financement, GroupeDePlaces, Dispositif, EntiteGestionnaire):
            model.history.model.objects.all().delete()
        types = ContentType.objects.get_for_models(*modeles).values()
        ReferenceIndex.objects.filter(
            Q(base_content_type__in=types) | Q(to_content_type__in=types)
        ).delete()
        CompteurCode.objects.all().delete()
        supprimer_comptes()
    chrono("Offre existante, conventions, appels, demandes, imports et comptes supprimés")


def purger_circuits():
    """The objects of the workflows (they protect the offer they point to), their timelines,
    their documents (files included: Wagtail deletes a document's file with it) and their
    numbering counters."""
    documents = set()
    for lien in (DocumentConvention, DocumentAppel, DocumentCandidature):
        documents.update(lien.objects.values_list("document_id", flat=True))
    Candidature.objects.all().delete()
    AppelAProjets.objects.all().delete()
    # A renewal protects the convention it renews: newest first.
    while Convention.objects.exists():
        Convention.objects.filter(renouvellements__isnull=True).delete()
    for model in (Convention, LigneConvention, MontantConvention):
        model.history.model.objects.all().delete()
    Demande.objects.all().delete()  # attachments' files stay: they are never reused
    for import_ in ImportTemps1.objects.all():
        for fichier in (import_.fichier, import_.fichier_annote):
            if fichier:
                fichier.delete(save=False)
        import_.delete()
    get_document_model().objects.filter(pk__in=documents).delete()
    circuits = ContentType.objects.get_for_models(
        Convention, Avenant, AppelAProjets, Candidature, Demande
    ).values()
    ModelLogEntry.objects.filter(content_type__in=circuits).delete()
    Compteur.objects.all().delete()


def supprimer_comptes():
    get_user_model().objects.filter(username__in=COURRIELS).delete()


def _horodatage(jour, maintenant):
    """9 a.m. (Paris) on `jour`, never in the future (a history record is a past event)."""
    moment = timezone.make_aware(datetime.datetime.combine(jour, datetime.time(9)))
    return min(moment, maintenant)


def inserer(objets, model):
    """Every bulk insertion of the demo's domain rows goes through here (with their history
    records when the model keeps a history)."""
    if not hasattr(model, "history"):
        return model.objects.bulk_create(objets, batch_size=TAILLE_LOT)
    return bulk_create_with_history(
        objets, model, batch_size=TAILLE_LOT, default_change_reason=MOTIF
    )


def charger(jeu, annee, chrono):
    maintenant = timezone.now()
    recent = datetime.date(annee - 3, 1, 1)
    for entite in jeu.toutes_entites:
        premieres = [d.date_ouverture for d in entite._dispositifs]
        entite._history_date = _horodatage(min(premieres, default=recent), maintenant)
    for dispositif in jeu.dispositifs:
        dispositif._history_date = _horodatage(dispositif.date_ouverture, maintenant)
    for groupe in jeu.groupes:
        groupe._history_date = _horodatage(
            groupe.date_debut or groupe.dispositif.date_ouverture, maintenant
        )
    for financement in jeu.financements:
        financement._history_date = _horodatage(financement.date_debut, maintenant)

    # Parents first: bulk_create needs the primary key of every related object.
    inserer(jeu.operateurs, EntiteGestionnaire)
    inserer([e for e in jeu.entites if e.parent is None], EntiteGestionnaire)
    inserer([e for e in jeu.entites if e.parent is not None], EntiteGestionnaire)
    inserer(jeu.contacts, ContactReferent)
    chrono(
        f"{nombre(len(jeu.toutes_entites))} entités gestionnaires, "
        f"{nombre(len(jeu.contacts))} contacts"
    )

    inserer(jeu.dispositifs, Dispositif)
    Through = Dispositif.publics_specifiques.through
    Through.objects.bulk_create(
        [Through(dispositif_id=d.pk, publicspecifique_id=code) for d, code in jeu.publics],
        batch_size=TAILLE_LOT,
    )
    fermes = []
    for dispositif, fermeture in jeu.fermetures:
        dispositif.date_fermeture = fermeture
        dispositif._history_date = _horodatage(fermeture, maintenant)
        dispositif._change_reason = "Fermeture du dispositif (démonstration)"
        fermes.append(dispositif)
    bulk_update_with_history(fermes, Dispositif, ["date_fermeture"], batch_size=TAILLE_LOT)
    CompteurCode.objects.bulk_create(
        [CompteurCode(departement_id=dep, dernier=n) for dep, n in jeu.compteurs.items()],
        update_conflicts=True,
        unique_fields=["departement"],
        update_fields=["dernier"],
    )
    chrono(f"{nombre(len(jeu.dispositifs))} dispositifs dont {nombre(len(fermes))} fermés")

    inserer(jeu.groupes, GroupeDePlaces)
    places = sum(g.places for g in jeu.groupes)
    chrono(f"{nombre(len(jeu.groupes))} groupes de places ({nombre(places)} places)")

    inserer_conventions(jeu.parc, maintenant)
    chrono(
        f"{nombre(len(jeu.parc.conventions))} conventions en vigueur "
        f"({nombre(sum(ligne.places_conventionnees for ligne in jeu.parc.lignes))} places "
        "conventionnées)"
    )

    inserer(jeu.financements, Financement)
    exercices = sorted({f.exercice for f in jeu.financements})
    chrono(
        f"{nombre(len(jeu.financements))} financements "
        f"(exercices {', '.join(str(e) for e in exercices)})"
    )

    inserer(jeu.occupations, Occupation)
    mois = sorted({o.mois for o in jeu.occupations})
    chrono(
        f"{nombre(len(jeu.occupations))} occupations mensuelles DN@ "
        f"({nombre(len({id(o.dispositif) for o in jeu.occupations}))} dispositifs"
        + (f", {mois[0]:%m/%Y} à {mois[-1]:%m/%Y})" if mois else ")")
    )


def inserer_conventions(parc, maintenant):
    """The conventions in force, their lines and yearly amounts, history dated at signature, and
    the numbering counters set after the numbers used (the next convention continues)."""
    for convention in parc.conventions:
        convention._history_date = min(convention.signee_le, maintenant)
    for enfant in (*parc.lignes, *parc.montants):
        enfant._history_date = enfant.convention._history_date
    inserer(parc.conventions, Convention)
    inserer(parc.lignes, LigneConvention)
    inserer(parc.montants, MontantConvention)
    Compteur.objects.bulk_create(
        [Compteur(cle=cle, dernier=n) for cle, n in parc.compteurs.items()],
        update_conflicts=True,
        unique_fields=["cle"],
        update_fields=["dernier"],
    )


def creer_comptes(entite_vitrine):
    """One account per demo profile; returns [(courriel, rôle, périmètre)]."""
    User = get_user_model()
    supprimer_comptes()  # left over from an earlier demo whose offer was deleted by hand
    hache = make_password(MOT_DE_PASSE)  # hashed once: the same password for every account
    lignes = []
    for courriel, prenom, nom, role, perimetre in COMPTES:
        utilisateur = User(
            username=courriel, email=courriel, first_name=prenom, last_name=nom, is_active=True
        )
        validate_password(MOT_DE_PASSE, utilisateur)
        utilisateur.password = hache
        utilisateur.save()
        affectation = AffectationRole(utilisateur=utilisateur, role=role)
        if "region" in perimetre:
            affectation.portee = Portee.REGION
            affectation.region_id = perimetre["region"]
        elif "departements" in perimetre:
            affectation.portee = Portee.DEPARTEMENTS
        elif "siao_de" in perimetre:
            affectation.portee = Portee.SIAO
            affectation.siao = Siao.objects.filter(departements__code=perimetre["siao_de"]).first()
        elif "entite" in perimetre:
            affectation.portee = Portee.ENTITE
            affectation.entite = entite_vitrine
        else:
            affectation.portee = Portee.NATIONALE
        affectation.full_clean()
        affectation.save()
        if "departements" in perimetre:
            affectation.departements.set(perimetre["departements"])
        if "departements" in perimetre:
            libelle = ", ".join(
                str(d) for d in Departement.objects.filter(code__in=perimetre["departements"])
            )
        else:
            libelle = affectation.libelle_perimetre
        lignes.append((courriel, role.label, libelle))
    return lignes


def tableau_comptes(lignes):
    entetes = ("Identifiant (courriel)", "Rôle", "Périmètre")
    largeurs = [max(len(str(ligne[i])) for ligne in [entetes, *lignes]) for i in range(3)]
    separateur = "  ".join("-" * n for n in largeurs)
    texte = [
        "  ".join(str(c).ljust(n) for c, n in zip(ligne, largeurs, strict=True)).rstrip()
        for ligne in [entetes, *lignes]
    ]
    texte.insert(1, separateur)
    return "\n".join(texte)

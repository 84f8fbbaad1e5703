"""The export of the current offer in the Temps 1 format: national codes filled in, ready to
edit and import again, written by the template's writer (ecriture.py)."""

from django.db.models import Prefetch, Q

from backoffice.acces.perimetres import filtrer, perimetre_pour
from backoffice.exportations.registre import SansSuivi
from backoffice.offre.choices import RoleContact
from backoffice.offre.models import ContactReferent, Dispositif, EntiteGestionnaire, Financement

from .ecriture import Redacteur
from .referentiel import Referentiel, libelle_programme
from .schema import (
    FEUILLE_DISPOSITIFS,
    FEUILLE_ENTITES,
    FEUILLE_FINANCEMENTS,
)
from .valeurs import code_departement

# Dispositif ids per query: below SQLite's limit of variables.
LOT = 5000


def _libelle(choix, valeur):
    return choix.get(valeur, valeur) if valeur else ""


def exporter(destination, departements=None, user=None, suivi=None):
    """Write the current offer in the Temps 1 format; returns the row counts per sheet.

    `user`: limit to what this user may read (their perimeter); `departements`: limit to these
    COG codes. Entités are those with a dispositif exported, plus those whose siège is in the
    chosen départements (or the perimeter); financements are those of the exported dispositifs.
    `suivi`: a background job's progress (backoffice/exportations), the rows pass through it.
    """
    ref = Referentiel()
    dispositifs = Dispositif.objects.select_related("entite", "type__nature").order_by("code")
    entites = EntiteGestionnaire.objects.order_by("raison_sociale", "siren")
    if user is not None:
        dispositifs = filtrer(dispositifs, perimetre_pour(user, "offre.dispositif", "view"))
        entites = filtrer(entites, perimetre_pour(user, "offre.entitegestionnaire", "view"))
    if departements:
        codes = sorted({code_departement(d) for d in departements})
        dispositifs = dispositifs.filter(departement_id__in=codes)
        entites = entites.filter(
            Q(departement_id__in=codes) | Q(dispositifs__departement_id__in=codes)
        ).distinct()
    entites = entites.prefetch_related(
        Prefetch(
            "contacts",
            queryset=ContactReferent.objects.filter(role=RoleContact.GESTIONNAIRE).order_by("pk"),
            to_attr="contacts_gestionnaires",
        )
    )
    statuts = ref.libelles_statiques("statuts")
    publics = ref.libelles_statiques("publics")
    modes = ref.libelles_statiques("modes_hebergement")
    services = ref.libelles_statiques("services")
    modes_financement = ref.libelles_statiques("modes_financement")
    orientations = ref.libelles_statiques("orientations")
    programmes = {p.code: libelle_programme(p) for p in ref.programmes}

    dispositifs = list(dispositifs)
    ids_entites = {d.entite_id for d in dispositifs}
    entites = list(entites)
    manquantes = ids_entites - {e.pk for e in entites}
    if manquantes:  # the entité of an exported dispositif is always exported
        entites += list(
            EntiteGestionnaire.objects.filter(pk__in=manquantes).prefetch_related(
                Prefetch(
                    "contacts",
                    queryset=ContactReferent.objects.filter(role=RoleContact.GESTIONNAIRE).order_by(
                        "pk"
                    ),
                    to_attr="contacts_gestionnaires",
                )
            )
        )

    def lignes_entites():
        for e in entites:
            contact = e.contacts_gestionnaires[0] if e.contacts_gestionnaires else None
            yield {
                "siren": e.siren,
                "raison_sociale": e.raison_sociale,
                "statut_juridique": _libelle(statuts, e.statut_juridique),
                "adresse": e.adresse,
                "code_postal": e.code_postal,
                "commune": e.commune,
                "telephone": e.telephone,
                "courriel": e.courriel,
                "contact_nom": contact.nom if contact else "",
                "contact_courriel": contact.courriel if contact else "",
            }

    def lignes_dispositifs():
        for d in dispositifs:
            yield {
                "code": d.code,
                "reference_locale": d.reference_locale,
                "siren": d.entite.siren,
                "raison_sociale": d.entite.raison_sociale,
                "nom": d.nom,
                "nature": d.type.nature.libelle,
                "type": d.type.libelle,
                "departement": d.departement_id,
                "adresse": d.adresse,
                "code_postal": d.code_postal,
                "commune": d.commune,
                "siret": d.siret,
                "finess": d.finess,
                "code_dna": d.code_dna,
                "public": _libelle(publics, d.public),
                "mode_hebergement": _libelle(modes, d.mode_hebergement),
                "places_autorisees": d.places_autorisees,
                "places_pmr": d.places_pmr,
                "date_ouverture": d.date_ouverture,
                "telephone": d.telephone,
                "courriel": d.courriel,
            }

    noms = {d.pk: (d.code, d.nom) for d in dispositifs}

    def lignes_financements():
        requete = Financement.objects.order_by(
            "dispositif__code", "exercice", "programme_id", "action", "mode"
        )
        ids = list(noms)
        for debut in range(0, len(ids), LOT):
            for f in requete.filter(dispositif_id__in=ids[debut : debut + LOT]):
                code, nom = noms[f.dispositif_id]
                yield {
                    "dispositif": code,
                    "nom_dispositif": nom,
                    "exercice": f.exercice,
                    "programme": programmes.get(f.programme_id, f.programme_id),
                    "action": f.action,
                    "service_financeur": _libelle(services, f.service_financeur),
                    "mode": _libelle(modes_financement, f.mode),
                    "places_financees": f.places_financees,
                    "montant_annuel": f.montant_annuel,
                    "date_debut": f.date_debut,
                    "date_fin": f.date_fin,
                    "orientation": _libelle(orientations, f.orientation),
                }

    if suivi is None:
        suivi = SansSuivi()
    else:  # the progress bar's total: one count per batch of dispositifs, as read below
        suivi.annoncer(
            len(entites)
            + len(dispositifs)
            + sum(
                Financement.objects.filter(dispositif_id__in=ids[debut : debut + LOT]).count()
                for ids in [list(noms)]
                for debut in range(0, len(ids), LOT)
            )
        )
    redacteur = Redacteur(ref)
    compteurs = {
        FEUILLE_ENTITES.nom: redacteur.feuille(FEUILLE_ENTITES, suivi.lignes(lignes_entites())),
        FEUILLE_DISPOSITIFS.nom: redacteur.feuille(
            FEUILLE_DISPOSITIFS, suivi.lignes(lignes_dispositifs())
        ),
        FEUILLE_FINANCEMENTS.nom: redacteur.feuille(
            FEUILLE_FINANCEMENTS, suivi.lignes(lignes_financements())
        ),
    }
    redacteur.guide()
    redacteur.listes()
    redacteur.enregistrer(destination)
    return compteurs

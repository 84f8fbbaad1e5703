"""The requested values (JSON) shown with the registry's labels, the before/after diff of a
modification, and the possible duplicates of a creation."""

from django.core.exceptions import FieldDoesNotExist, ValidationError

from backoffice.acces import perimetres
from backoffice.offre.models import (
    Dispositif,
    EntiteGestionnaire,
    TypeDispositif,
)
from backoffice.offre.validators import normaliser_siren, normaliser_siret
from backoffice.recherche.filtres import rechercher
from backoffice.recherche.texte import normaliser
from backoffice.territoires.models import Departement

from ..materialisation import diff_modification

_REFERENCES = {"type": TypeDispositif, "departement": Departement}


def _champ(model, nom):
    try:
        return model._meta.get_field(nom)
    except FieldDoesNotExist:
        for champ in model._meta.concrete_fields:
            if champ.attname == nom:
                return champ
    return None


def valeur_affichee(champ, valeur):
    if valeur in (None, ""):
        return "—"
    if champ is None:
        return valeur
    if champ.choices:
        return dict(champ.flatchoices).get(valeur, valeur)
    if champ.is_relation and champ.related_model in _REFERENCES.values():
        objet = champ.related_model._default_manager.filter(pk=valeur).first()
        return str(objet) if objet else valeur
    if isinstance(valeur, bool):
        return "oui" if valeur else "non"
    try:
        python = champ.to_python(valeur)
    except (ValidationError, TypeError, ValueError):  # a stored value that no longer parses
        return valeur
    if hasattr(python, "strftime"):
        return python.strftime("%d/%m/%Y")
    return python


def lignes_donnees(model, donnees):
    """[(label, displayed value)] of a JSON dict of model values."""
    lignes = []
    for nom, valeur in donnees.items():
        champ = _champ(model, nom)
        libelle = str(champ.verbose_name) if champ is not None else nom
        lignes.append((libelle[:1].upper() + libelle[1:], valeur_affichee(champ, valeur)))
    return lignes


def tableau_lignes(model, lignes):
    """(headers, rows) of a list of JSON dicts (groupes, financements of a request)."""
    noms = []
    for ligne in lignes:
        noms += [nom for nom in ligne if nom not in noms]
    champs = [_champ(model, nom) for nom in noms]
    entetes = [
        str(c.verbose_name) if c is not None else n for n, c in zip(noms, champs, strict=True)
    ]
    rangees = [
        [valeur_affichee(c, ligne.get(n)) for n, c in zip(noms, champs, strict=True)]
        for ligne in lignes
    ]
    return entetes, rangees


def diff_affiche(demande):
    """diff_modification with the registry's labels instead of raw values."""
    par_libelle = {str(c.verbose_name): c for c in Dispositif._meta.concrete_fields}
    lignes = []
    for libelle, avant, apres in diff_modification(demande):
        champ = par_libelle.get(libelle)
        if champ is not None and champ.is_relation:
            avant, apres = getattr(avant, "pk", avant), getattr(apres, "pk", apres)
        lignes.append(
            (
                libelle[:1].upper() + libelle[1:],
                valeur_affichee(champ, avant),
                valeur_affichee(champ, apres),
            )
        )
    return lignes


def doublons_possibles(demande, user):
    """Existing entités and dispositifs that may be the requested ones, within the user's
    perimeter only: same SIREN; same name and commune; same SIRET; same FINESS."""
    donnees = demande.donnees_dispositif or {}
    entites = []
    siren = normaliser_siren((demande.nouvelle_entite or {}).get("siren", ""))
    if siren and not demande.entite_id:
        entites = list(
            perimetres.filtrer(
                EntiteGestionnaire.objects.filter(siren=siren),
                perimetres.perimetre_pour(user, "offre.entitegestionnaire", "view"),
            )
        )
    visibles = perimetres.filtrer(
        Dispositif.objects.select_related("entite", "type"),
        perimetres.perimetre_pour(user, "offre.dispositif", "view"),
    )
    if demande.dispositif_id:
        visibles = visibles.exclude(pk=demande.dispositif_id)
    trouves = []  # (raison, dispositifs), in the order the reasons are listed
    nom, commune = normaliser(donnees.get("nom")), normaliser(donnees.get("commune"))
    if nom and commune:
        # Same name and commune whatever the accents, case and punctuation ("Foyer l'Étape" is
        # "FOYER L ETAPE"): the search column narrows the rows, the exact comparison decides.
        candidats = rechercher(visibles, f"{nom} {commune}")
        trouves.append(
            (
                "même nom et même commune",
                [
                    d
                    for d in candidats
                    if (normaliser(d.nom), normaliser(d.commune)) == (nom, commune)
                ],
            )
        )
    siret = normaliser_siret(donnees.get("siret") or "")
    if siret:
        trouves.append(("même SIRET", visibles.filter(siret=siret)))
    finess = (donnees.get("finess") or "").strip().upper()
    if finess:
        trouves.append(("même FINESS", visibles.filter(finess=finess)))
    dispositifs = {}
    for raison, lignes in trouves:
        for dispositif in lignes:
            dispositifs.setdefault(dispositif.pk, (dispositif, []))[1].append(raison)
    return {
        "entites": [(entite, ["même SIREN"]) for entite in entites],
        "dispositifs": list(dispositifs.values()),
    }

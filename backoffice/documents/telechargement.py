"""The download side of documents: who may read a document (package docstring)."""

from django.db.models import Exists, OuterRef, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views import View

from backoffice.acces.perimetres import filtrer, perimetre_global, reference
from backoffice.acces.policies import policy_for
from workflows.acteurs import est_compte

LECTURE = ("view",)

# Link models (subclasses of DocumentRattache): registered by each app in its ready().
LIAISONS = []


def enregistrer_liaison(modele_lien):
    if modele_lien not in LIAISONS:
        LIAISONS.append(modele_lien)


def q_document(perimetre, prefixe=""):
    """Perimeter of a Wagtail document (declared in apps.py): the perimeter of the objects it
    is attached to; a document attached to nothing is reached by the national perimeter only."""
    condition = Q(pk__in=[])
    for modele_lien in LIAISONS:
        liens = modele_lien._base_manager.filter(document=OuterRef(reference(prefixe)))
        condition |= Q(Exists(filtrer(liens, perimetre)))
    return condition


def documents_visibles(user, documents):
    """The documents of `documents` a user may read: those attached to an object the user may
    view (each kind of attachment with its own right); every document for national accounts.
    Download and Wagtail's admin API both go through it."""
    if not est_compte(user) or not user.is_active:
        return documents.none()
    if perimetre_global(user).national:
        return documents
    condition = Q(pk__in=[])
    for modele_lien in LIAISONS:
        liens = modele_lien._base_manager.filter(document=OuterRef("pk"))
        condition |= Q(Exists(policy_for(modele_lien).filtrer(liens, user, LECTURE)))
    return documents.filter(condition)


def peut_telecharger(user, document):
    return documents_visibles(user, type(document).objects.filter(pk=document.pk)).exists()


def servir_fichier(ligne):
    """The response serving the file of a row the caller has already fetched within its rules
    (``ouvrir_fichier()``, ``nom_fichier``, ``type_mime``): always as an attachment, never
    sniffed into something a browser would run; a missing file is a 404."""
    try:
        fichier = ligne.ouvrir_fichier()
    except (FileNotFoundError, ValueError, OSError) as exc:
        raise Http404("Fichier introuvable.") from exc
    reponse = FileResponse(
        fichier,
        as_attachment=True,
        filename=ligne.nom_fichier,
        content_type=ligne.type_mime or "application/octet-stream",
    )
    reponse["X-Content-Type-Options"] = "nosniff"
    return reponse


def vue_telechargement(modele, actions=LECTURE):
    """A view serving the file of one row of `modele` (a link model: ``ouvrir_fichier()``,
    ``nom_fichier``, ``type_mime``) as an attachment, fetched through the model's policy: a row
    outside the user's perimeter is a 404, like one that does not exist; never the raw media
    URL."""

    class Telechargement(View):
        def get(self, request, pk):
            lignes = policy_for(modele).filtrer(
                modele._default_manager.all(), request.user, actions
            )
            return servir_fichier(get_object_or_404(lignes, pk=pk))

    Telechargement.__name__ = f"Telechargement{modele.__name__}"
    return Telechargement.as_view()

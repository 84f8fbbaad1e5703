"""Documents of conventions, avenants, calls and candidatures, stored as Wagtail documents.

- Upload: the site's one document checker (backoffice/fichiers/documents.py): kind read from the
  content (never the extension), macros, password-protected and old Office files refused,
  archives bounded, size capped (`settings.DOCUMENTS_TAILLE_MAX`, 10 Mo by default); French
  messages. The stored name takes the extension of the kind found. Wagtail's own library uses the
  same checker (`FormulaireDocumentWagtail`, setting WAGTAILDOCS_DOCUMENT_FORM_BASE).
- Download: Wagtail serves documents at /documents/<id>/<filename> with no row-level protection.
  The `before_serve_document` hook (wagtail_hooks.py) asks `peut_telecharger`: a document linked
  to one of our objects is served only to a user who may view one of those objects (perimeter);
  a document linked to nothing is served to national administrators only. Anything else is a 404,
  the same answer as for a document that does not exist. Wagtail's admin API lists the same
  documents (`documents_visibles`); its library and chooser are switched off (docs/securite.md).
"""

import os

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q
from django.template.defaultfilters import filesizeformat
from wagtail.documents import get_document_model
from wagtail.documents.forms import BaseDocumentForm
from wagtail.models import Collection

from backoffice.acces.perimetres import filtrer, perimetre_global, reference
from backoffice.acces.policies import policy_for
from backoffice.fichiers.documents import formats_acceptes, nom_affiche, verifier_document
from workflows.acteurs import est_compte

TAILLE_MAX_DEFAUT = 10 * 1024 * 1024


def taille_max():
    return getattr(settings, "DOCUMENTS_TAILLE_MAX", TAILLE_MAX_DEFAUT)


def valider_fichier(fichier):
    """Check an upload; return its kind (TypeFichier) or raise a French ValidationError."""
    if fichier is None:
        raise ValidationError("Joignez un fichier.")
    return verifier_document(fichier, taille_max=taille_max())


class ChampDocument(forms.FileField):
    default_error_messages = {
        "required": "Joignez un fichier.",
        "empty": "Le fichier envoyé est vide.",
    }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "help_text",
            f"{formats_acceptes()} ; {filesizeformat(taille_max())} au maximum.",
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        fichier = super().clean(data, initial)
        if fichier:
            valider_fichier(fichier)
        return fichier


class FormulaireDocumentWagtail(BaseDocumentForm):
    """Wagtail's document forms (add, edit, multiple upload) with our checker."""

    def clean_file(self):
        fichier = self.cleaned_data.get("file")
        if fichier and fichier != getattr(self, "original_file", None):
            type_fichier = valider_fichier(fichier)
            fichier.name = nom_affiche(fichier.name, type_fichier)
        return fichier


def collection(nom):
    """The Wagtail collection holding one kind of our documents (created on first use)."""
    racine = Collection.get_first_root_node()
    existante = racine.get_children().filter(name=nom).first()
    if existante:
        return existante
    return racine.add_child(name=nom)


def enregistrer_document(fichier, *, titre, nom_collection, acteur=None):
    """Store an upload as a Wagtail document (checked again here: every caller goes through it),
    under a name whose extension is that of its content."""
    type_fichier = valider_fichier(fichier)
    titre = (titre or os.path.basename(fichier.name))[:255]
    fichier.name = nom_affiche(fichier.name, type_fichier)
    Document = get_document_model()
    document = Document(
        title=titre,
        file=fichier,
        collection=collection(nom_collection),
        uploaded_by_user=acteur if est_compte(acteur) else None,
    )
    if hasattr(document, "_set_document_file_metadata"):
        document._set_document_file_metadata()
    document.save()
    return document


# ---------------------------------------------------------------------------------------------
# Download rights
# ---------------------------------------------------------------------------------------------

# (link model, name of the FK to the owning object): registered by each app at import time.
LIAISONS = []


def enregistrer_liaison(modele_lien, champ_objet):
    if (modele_lien, champ_objet) not in LIAISONS:
        LIAISONS.append((modele_lien, champ_objet))


def q_document(perimetre, prefixe=""):
    """Perimeter of a Wagtail document (declared in apps.py): the perimeter of the objects it
    is attached to; a document attached to nothing is reached by the national perimeter only."""
    condition = Q(pk__in=[])
    for modele_lien, _ in LIAISONS:
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
    for modele_lien, _ in LIAISONS:
        liens = modele_lien._base_manager.filter(document=OuterRef("pk"))
        condition |= Q(Exists(policy_for(modele_lien).filtrer(liens, user, ("view",))))
    return documents.filter(condition)


def peut_telecharger(user, document):
    return documents_visibles(user, type(document).objects.filter(pk=document.pk)).exists()

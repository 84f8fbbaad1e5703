"""The upload side of documents: every path that stores a document goes through
`valider_fichier` (the site's one checker, backoffice/fichiers/documents.py)."""

import os

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from wagtail.documents import get_document_model
from wagtail.models import Collection

from backoffice.fichiers.documents import (
    FAMILLES,
    formats_acceptes,
    nom_affiche,
    verifier_document,
)
from workflows.acteurs import est_compte

TAILLE_MAX_DEFAUT = 10 * 1024 * 1024


def taille_max():
    return getattr(settings, "DOCUMENTS_TAILLE_MAX", TAILLE_MAX_DEFAUT)


def valider_fichier(fichier, *, familles=FAMILLES, taille=None):
    """Check an upload; return its kind (TypeFichier) or raise a French ValidationError.

    A caller with narrower settings (the public pages: DEMANDE_TYPES_FICHIERS,
    DEMANDE_TAILLE_MAX_FICHIER) passes its `familles` and `taille`; the size bound is then the
    smaller of its own and the documents' one, so no path is looser than another."""
    if fichier is None:
        raise ValidationError("Joignez un fichier.")
    borne = taille_max() if taille is None else min(taille, taille_max())
    return verifier_document(fichier, familles=familles, taille_max=borne)


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


def collection(nom):
    """The Wagtail collection holding one kind of our documents (created on first use)."""
    racine = Collection.get_first_root_node()
    existante = racine.get_children().filter(name=nom).first()
    if existante:
        return existante
    return racine.add_child(name=nom)


def enregistrer_document(
    fichier, *, titre, nom_collection, acteur=None, nom_stocke=None, familles=FAMILLES, taille=None
):
    """Store an upload as a Wagtail document (checked again here: every caller goes through it),
    under a name whose extension is that of its content.

    `nom_stocke`: the name the file is written under instead (its extension follows the content
    too): a random one for the requesters' files, whose own names stay in the title and are never
    part of a storage path. `familles`, `taille`: see `valider_fichier`."""
    type_fichier = valider_fichier(fichier, familles=familles, taille=taille)
    titre = (titre or os.path.basename(fichier.name))[:255]
    fichier.name = nom_affiche(nom_stocke or fichier.name, type_fichier)
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

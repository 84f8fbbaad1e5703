"""Filing a request: the one way a request comes into being, for the public form, the
modification and closure requests of the admin, and the demo story.

The model checks the request (`full_clean`: its own rules, premier accueil without places…),
then the request and its documents are saved in one transaction, and the requester and the SIAO
are told once it is committed.
"""

import secrets

from django.conf import settings
from django.core.files import File
from django.db import transaction

from backoffice.documents.depot import enregistrer_document
from backoffice.fichiers.documents import LIBELLES_FAMILLES
from workflows.acteurs import est_compte

from .models import PieceJointe
from .notifications import notifier_nouvelle_demande


def deposer(demande, *, lot=None):
    """Check, save and announce an unsaved request; `lot` holds its first documents (anything
    with `pieces()`, `ouvrir(piece)` and `supprimer()`, emptied once the request is committed).

    Raises ValidationError (nothing saved) when the model refuses the request."""
    demande.full_clean()
    pieces = []
    try:
        with transaction.atomic():
            demande.save()
            if lot is not None:
                enregistrer_pieces(demande, lot, pieces=pieces)
                transaction.on_commit(lot.supprimer)
            notifier_nouvelle_demande(demande)
    except Exception:
        supprimer_fichiers(pieces)
        raise
    return demande


def enregistrer_pieces(demande, lot, *, par_demandeur=True, pieces=None, acteur=None):
    """Create the PieceJointe rows of the batch (inside the caller's transaction).

    Each file goes through the documents' one checker again (backoffice/documents/depot.py) and
    is written under a random name (the display name stays in `nom`); if the transaction fails,
    the caller deletes what was written with `supprimer_fichiers`.
    """
    pieces = [] if pieces is None else pieces
    for temporaire in lot.pieces():
        with lot.ouvrir(temporaire) as contenu:
            pieces.append(
                joindre_piece(
                    demande,
                    File(contenu, name=temporaire.nom),
                    nom=temporaire.nom,
                    par_demandeur=par_demandeur,
                    acteur=acteur,
                )
            )
    return pieces


def joindre_piece(demande, fichier, *, nom, par_demandeur=True, acteur=None):
    """Attach one checked file to a request: a Wagtail document in the « Demandes » collection
    (stored under a random name, titled with the requester's name for it) and its row."""
    document = enregistrer_document(
        fichier,
        titre=nom,
        nom_collection="Demandes",
        acteur=acteur,
        nom_stocke=secrets.token_hex(16),
        familles=familles_demande(),
        taille=settings.DEMANDE_TAILLE_MAX_FICHIER,
    )
    return PieceJointe.objects.create(
        demande=demande,
        nom=nom,
        document=document,
        ajoute_par=acteur if est_compte(acteur) else None,
        deposee_par_demandeur=par_demandeur,
    )


def familles_demande():
    """The kinds of files a request accepts (setting DEMANDE_TYPES_FICHIERS)."""
    return [f for f in settings.DEMANDE_TYPES_FICHIERS if f in LIBELLES_FAMILLES]


def supprimer_fichiers(pieces):
    for piece in pieces:
        if piece.fichier:
            piece.fichier.storage.delete(piece.fichier.name)

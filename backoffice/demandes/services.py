"""Filing a request: the one way a request comes into being, for the public form, the
modification and closure requests of the admin, and the demo story.

The model checks the request (`full_clean`: its own rules, premier accueil without places…),
then the request and its documents are saved in one transaction, and the requester and the SIAO
are told once it is committed.
"""

import os
import secrets

from django.core.files import File
from django.db import transaction

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


def enregistrer_pieces(demande, lot, *, par_demandeur=True, pieces=None):
    """Create the PieceJointe rows of the batch (inside the caller's transaction).

    Files are written under a random name (the display name stays in `nom`); if the transaction
    fails, the caller deletes what was written with `supprimer_fichiers`.
    """
    pieces = [] if pieces is None else pieces
    for temporaire in lot.pieces():
        piece = PieceJointe(
            demande=demande,
            nom=temporaire.nom,
            type_mime=temporaire.type_mime,
            taille=temporaire.taille,
            deposee_par_demandeur=par_demandeur,
        )
        extension = os.path.splitext(temporaire.nom)[1]
        with lot.ouvrir(temporaire) as contenu:
            piece.fichier.save(f"{secrets.token_hex(16)}{extension}", File(contenu), save=False)
        pieces.append(piece)
        piece.save()
    return pieces


def supprimer_fichiers(pieces):
    for piece in pieces:
        if piece.fichier:
            piece.fichier.storage.delete(piece.fichier.name)

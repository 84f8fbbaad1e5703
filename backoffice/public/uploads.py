"""Attachments of the public pages: checked by content, kept in a temporary area until the request
is filed.

- **Checked** by the site's one document checker (backoffice/documents/depot.py, with the
  request's settings: DEMANDE_TYPES_FICHIERS, DEMANDE_TAILLE_MAX_FICHIER): kind read
  from the content, macros, password-protected and old Office files refused, archives bounded.
  The stored name takes the extension of the detected kind, so a PDF renamed ``.xlsx`` is kept as
  a PDF and an executable renamed ``.pdf`` is refused.
- **Size**: the upload handler of backoffice/fichiers/envoi.py stops reading a file as soon as it
  passes `DEMANDE_TAILLE_MAX_FICHIER` (the views say so with `limite_envoi`): nothing larger is
  written to disk, and the check is repeated on the received file.
- **Temporary area** (``LotPieces``): files accepted while the rest of the form still has errors are
  kept server-side under a random batch id carried by a hidden field, listed as « déjà joints » on
  the re-displayed form, moved into ``PieceJointe`` rows when the request is filed, and purged
  after a day otherwise. The id is 128 random bits and is the only key: it is never derived from
  anything a third party can see.
"""

import json
import re
import secrets
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.template.defaultfilters import filesizeformat

from backoffice.demandes.services import familles_demande
from backoffice.documents.depot import valider_fichier
from backoffice.fichiers import documents
from backoffice.fichiers.documents import TYPES_PAR_MIME, detecter_type, nom_affiche

__all__ = ["LotPieces", "detecter_type", "nom_affiche", "verifier_fichier"]


def familles_autorisees():
    return familles_demande()


def formats_acceptes():
    """« PDF, PNG, JPEG… » for the hint next to the upload field."""
    return documents.formats_acceptes(familles_autorisees())


def extensions_acceptees():
    return documents.extensions_acceptees(familles_autorisees())


def taille_max():
    return settings.DEMANDE_TAILLE_MAX_FICHIER


def taille_max_lisible():
    return filesizeformat(taille_max())


def verifier_fichier(fichier):
    """Check an uploaded file (size, kind by content); return its TypeFichier or raise."""
    return valider_fichier(fichier, familles=familles_autorisees(), taille=taille_max())


# --- temporary area ---------------------------------------------------------------------------

FORMAT_ID = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
DUREE_CONSERVATION = 24 * 3600


@dataclass(frozen=True)
class PieceTemporaire:
    id: str
    nom: str
    type_mime: str
    taille: int

    @property
    def libelle_type(self):
        type_fichier = TYPES_PAR_MIME.get(self.type_mime)
        return type_fichier.libelle if type_fichier else self.type_mime


class LotPieces:
    """The files accepted for one form being filled, under a random id (see module doc)."""

    def __init__(self, identifiant):
        if not identifiant or not FORMAT_ID.match(identifiant):
            raise ValueError("Identifiant de lot invalide.")
        self.id = identifiant

    @classmethod
    def nouveau(cls):
        return cls(secrets.token_urlsafe(16))

    @classmethod
    def depuis(cls, identifiant):
        """The batch named by a hidden field, or a new one if the value is missing or malformed."""
        try:
            return cls(identifiant)
        except ValueError:
            return cls.nouveau()

    @property
    def dossier(self):
        return Path(settings.DEMANDE_DOSSIER_TEMPORAIRE) / self.id

    def _chemins(self, piece_id):
        if not FORMAT_ID.match(piece_id or ""):
            raise ValueError("Identifiant de pièce invalide.")
        return self.dossier / f"{piece_id}.bin", self.dossier / f"{piece_id}.json"

    def pieces(self):
        if not self.dossier.is_dir():
            return []
        pieces = []
        for meta in sorted(self.dossier.glob("*.json"), key=lambda p: p.stat().st_mtime_ns):
            try:
                donnees = json.loads(meta.read_text("utf-8"))
                piece = PieceTemporaire(
                    id=meta.stem,
                    nom=donnees["nom"],
                    type_mime=donnees["type_mime"],
                    taille=int(donnees["taille"]),
                )
            except (OSError, ValueError, KeyError):
                continue
            if (self.dossier / f"{piece.id}.bin").is_file():
                pieces.append(piece)
        return pieces

    def ajouter(self, fichier, type_fichier):
        """Copy an uploaded (already checked) file into the batch."""
        self.dossier.mkdir(parents=True, exist_ok=True)
        piece_id = secrets.token_urlsafe(16)
        donnees, meta = self._chemins(piece_id)
        with open(donnees, "wb") as sortie:
            for morceau in fichier.chunks():
                sortie.write(morceau)
        piece = PieceTemporaire(
            id=piece_id,
            nom=nom_affiche(fichier.name, type_fichier),
            type_mime=type_fichier.mime,
            taille=fichier.size,
        )
        meta.write_text(
            json.dumps({"nom": piece.nom, "type_mime": piece.type_mime, "taille": piece.taille}),
            "utf-8",
        )
        return piece

    def retirer(self, piece_id):
        try:
            for chemin in self._chemins(piece_id):
                chemin.unlink(missing_ok=True)
        except ValueError:
            pass

    def ouvrir(self, piece):
        return open(self._chemins(piece.id)[0], "rb")

    def supprimer(self):
        shutil.rmtree(self.dossier, ignore_errors=True)


def purger_lots_anciens(age=DUREE_CONSERVATION):
    """Delete batches untouched for `age` seconds (run at most once an hour, from the form)."""
    if not cache.add("demande-publique:purge-lots", 1, 3600):
        return
    racine = Path(settings.DEMANDE_DOSSIER_TEMPORAIRE)
    if not racine.is_dir():
        return
    limite = time.time() - age
    for dossier in racine.iterdir():
        try:
            if (
                dossier.is_dir()
                and FORMAT_ID.match(dossier.name)
                and dossier.stat().st_mtime < limite
            ):
                shutil.rmtree(dossier, ignore_errors=True)
        except OSError:
            continue

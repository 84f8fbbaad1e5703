"""Attachments of the public pages: checked by content, kept in a temporary area until the request
is filed.

- **Content, not name**: the kind of a file is read from its first bytes (``%PDF-``, the PNG and
  JPEG signatures) or, for a zip, from its members (``[Content_Types].xml`` for Office Open XML,
  ``mimetype`` for OpenDocument). The stored name takes the extension of the detected kind, so a
  PDF renamed ``.xlsx`` is kept as a PDF and an executable renamed ``.pdf`` is refused.
- **Size**: an upload handler stops reading a file as soon as it passes the limit (nothing larger
  is written to disk), and the check is repeated on the received file.
- **Temporary area** (``LotPieces``): files accepted while the rest of the form still has errors are
  kept server-side under a random batch id carried by a hidden field, listed as « déjà joints » on
  the re-displayed form, moved into ``PieceJointe`` rows when the request is filed, and purged
  after a day otherwise. The id is 128 random bits and is the only key: it is never derived from
  anything a third party can see.
"""

import json
import os
import re
import secrets
import shutil
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_valid_filename

# --- kinds of files, recognised by content ----------------------------------------------------


@dataclass(frozen=True)
class TypeFichier:
    famille: str  # the setting DEMANDE_TYPES_FICHIERS lists families
    mime: str
    extension: str
    libelle: str


PDF = TypeFichier("pdf", "application/pdf", ".pdf", "PDF")
PNG = TypeFichier("png", "image/png", ".png", "image PNG")
JPEG = TypeFichier("jpeg", "image/jpeg", ".jpg", "image JPEG")
XLSX = TypeFichier(
    "ooxml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".xlsx",
    "classeur Excel",
)
DOCX = TypeFichier(
    "ooxml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".docx",
    "document Word",
)
PPTX = TypeFichier(
    "ooxml",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".pptx",
    "présentation PowerPoint",
)
ODS = TypeFichier("odf", "application/vnd.oasis.opendocument.spreadsheet", ".ods", "classeur ODS")
ODT = TypeFichier("odf", "application/vnd.oasis.opendocument.text", ".odt", "document ODT")
ODP = TypeFichier(
    "odf", "application/vnd.oasis.opendocument.presentation", ".odp", "présentation ODP"
)
TYPES = [PDF, PNG, JPEG, XLSX, DOCX, PPTX, ODS, ODT, ODP]
TYPES_PAR_MIME = {t.mime: t for t in TYPES}

LIBELLES_FAMILLES = {
    "pdf": "PDF",
    "png": "PNG",
    "jpeg": "JPEG",
    "ooxml": "Excel, Word ou PowerPoint (.xlsx, .docx, .pptx)",
    "odf": "OpenDocument (.ods, .odt, .odp)",
}

# A zip member we read to identify a document is small; a bigger one is not a real document.
TAILLE_MAX_MEMBRE_LU = 1024 * 1024


def familles_autorisees():
    return [f for f in settings.DEMANDE_TYPES_FICHIERS if f in LIBELLES_FAMILLES]


def formats_acceptes():
    """« PDF, PNG, JPEG… » for the hint next to the upload field."""
    return ", ".join(LIBELLES_FAMILLES[f] for f in familles_autorisees())


def extensions_acceptees():
    """For the file picker's `accept` (a convenience: the server checks the content anyway)."""
    extensions = [t.extension for t in TYPES if t.famille in familles_autorisees()]
    if ".jpg" in extensions:
        extensions.append(".jpeg")
    return ",".join(extensions)


def taille_max_lisible():
    return filesizeformat(settings.DEMANDE_TAILLE_MAX_FICHIER)


def _type_zip(fichier):
    try:
        with zipfile.ZipFile(fichier) as archive:
            noms = set(archive.namelist())
            if "[Content_Types].xml" in noms:
                info = archive.getinfo("[Content_Types].xml")
                if info.file_size > TAILLE_MAX_MEMBRE_LU:
                    return None
                types = archive.read(info).decode("utf-8", "replace").lower()
                if "macroenabled" in types or "vbaproject" in types:
                    raise ValidationError(
                        "Les documents contenant des macros ne sont pas acceptés : enregistrez-le "
                        "sans macros (.xlsx, .docx).",
                        code="macros",
                    )
                if "spreadsheetml" in types:
                    return XLSX
                if "wordprocessingml" in types:
                    return DOCX
                if "presentationml" in types:
                    return PPTX
                return None
            if "mimetype" in noms:
                info = archive.getinfo("mimetype")
                if info.file_size > 200:
                    return None
                return TYPES_PAR_MIME.get(archive.read(info).decode("ascii", "replace").strip())
    except (zipfile.BadZipFile, KeyError, OSError, EOFError, ValueError):
        return None
    return None


def detecter_type(fichier):
    """The TypeFichier of an open binary file, read from its content; None if unknown."""
    fichier.seek(0)
    debut = fichier.read(8)
    fichier.seek(0)
    try:
        if debut.startswith(b"%PDF-"):
            return PDF
        if debut.startswith(b"\x89PNG\r\n\x1a\n"):
            return PNG
        if debut.startswith(b"\xff\xd8\xff"):
            return JPEG
        if debut.startswith(b"PK\x03\x04"):
            return _type_zip(fichier)
        return None
    finally:
        fichier.seek(0)


def nom_affiche(nom, type_fichier):
    """A safe display name ending with the extension of the detected kind."""
    base = os.path.splitext(os.path.basename(nom or ""))[0]
    base = get_valid_filename(base.replace("/", "_")) if base.strip() else "document"
    base = base[:120] or "document"
    return f"{base}{type_fichier.extension}"


def verifier_fichier(fichier):
    """Check an uploaded file (size, kind by content); return its TypeFichier or raise."""
    nom = os.path.basename(getattr(fichier, "name", "") or "fichier")
    if fichier.size > settings.DEMANDE_TAILLE_MAX_FICHIER:
        raise ValidationError(
            f"« {nom} » dépasse la taille maximale de {taille_max_lisible()}.", code="taille"
        )
    if fichier.size == 0:
        raise ValidationError(f"« {nom} » est vide.", code="vide")
    type_fichier = detecter_type(fichier)
    if type_fichier is None or type_fichier.famille not in familles_autorisees():
        raise ValidationError(
            f"« {nom} » n'est pas un fichier accepté (formats acceptés : {formats_acceptes()}). "
            "Le format est vérifié sur le contenu du fichier, pas sur son extension.",
            code="type",
        )
    return type_fichier


class LimiteTailleUploadHandler(FileUploadHandler):
    """Stop reading an uploaded file once it exceeds the limit (no huge file reaches the disk).

    The skipped file names are kept on the request (``fichiers_trop_gros``) so the form can say
    which one was refused. Install it before the request body is read (see views.py).
    """

    def __init__(self, request=None):
        super().__init__(request)
        self.recu = 0
        request.fichiers_trop_gros = []

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.recu = 0

    def receive_data_chunk(self, raw_data, start):
        self.recu += len(raw_data)
        if self.recu > settings.DEMANDE_TAILLE_MAX_FICHIER:
            self.request.fichiers_trop_gros.append(os.path.basename(self.file_name or ""))
            raise SkipFile()
        return raw_data

    def file_complete(self, file_size):
        return None


def erreurs_fichiers_trop_gros(request):
    return [
        ValidationError(
            f"« {nom} » dépasse la taille maximale de {taille_max_lisible()}.", code="taille"
        )
        for nom in getattr(request, "fichiers_trop_gros", [])
    ]


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

"""The one upload checker for documents: every path that stores a document a person sends (public
request form and follow-up page, conventions, calls and candidatures, Wagtail's own library)
calls `verifier_document`.

- **Content, not name**: the kind is read from the first bytes (``%PDF-``, the PNG and JPEG
  signatures) or, for a zip, from its parts (``[Content_Types].xml`` for Office Open XML,
  ``mimetype`` for OpenDocument). An executable, a script, an HTML page, any other zip is refused
  whatever its extension; a PDF named ``.xlsx`` is a PDF (`nom_affiche` gives it its extension).
- **Office files are opened as archives** before being accepted (archives.py): bounded entries,
  sizes and ratio, real inflation, no DTD, no macros (``vbaProject.bin``, macro-enabled content
  types, OpenDocument ``Basic/`` and ``Scripts/``).
- **OLE2 containers are refused**: a password-protected Office file (we could not check what it
  holds) and the old .doc/.xls/.ppt formats (macros hide in them without a marker we can read).
- **Size**: bounded by the caller (public pages and back office have their own setting).
"""

import os
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_valid_filename

from .archives import (
    MEGAOCTET,
    SIGNATURE_CFB,
    SIGNATURE_ZIP,
    FichierRefuse,
    LimitesArchive,
    nature_ole,
    verifier_archive,
)
from .envoi import limite_depassee


@dataclass(frozen=True)
class TypeFichier:
    famille: str  # the settings list families (DEMANDE_TYPES_FICHIERS)
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
FAMILLES = tuple(LIBELLES_FAMILLES)

# A document is stored, never read by us: the bounds only need to stop what would overwhelm
# whoever opens it (a 10 MB office file with its images inflates to a few tens of MB).
LIMITES = LimitesArchive(decompresse=100 * MEGAOCTET)
# A part we read to identify a document is small; a bigger one is not a real document.
TAILLE_MAX_MEMBRE_LU = 1024 * 1024
DOSSIERS_MACROS_ODF = ("basic/", "scripts/")


def formats_acceptes(familles=FAMILLES):
    """« PDF, PNG, JPEG… » for the hint next to an upload field and the refusals."""
    return ", ".join(LIBELLES_FAMILLES[f] for f in familles if f in LIBELLES_FAMILLES)


def extensions_acceptees(familles=FAMILLES):
    """For the file picker's `accept` (a convenience: the server checks the content anyway)."""
    extensions = [t.extension for t in TYPES if t.famille in familles]
    if ".jpg" in extensions:
        extensions.append(".jpeg")
    return ",".join(extensions)


def _nom(fichier):
    return os.path.basename(getattr(fichier, "name", "") or "fichier")


def _refus(fichier, exc):
    message = exc.message
    return ValidationError(
        f"« {_nom(fichier)} » est refusé : {message[:1].lower()}{message[1:]}", code=exc.code
    )


def _type_office(archive):
    noms = set(archive.namelist())
    if "[Content_Types].xml" in noms:
        info = archive.getinfo("[Content_Types].xml")
        if info.file_size > TAILLE_MAX_MEMBRE_LU:
            return None
        types = archive.read(info).decode("utf-8", "replace").lower()
        if "spreadsheetml" in types:
            return XLSX
        if "wordprocessingml" in types:
            return DOCX
        if "presentationml" in types:
            return PPTX
        return None
    if "mimetype" in noms:
        if any(n.lower().startswith(DOSSIERS_MACROS_ODF) for n in noms):
            raise FichierRefuse(
                "Les fichiers contenant des macros ne sont pas acceptés : enregistrez-le sans "
                "macros, puis déposez-le à nouveau.",
                code="macros",
            )
        info = archive.getinfo("mimetype")
        if info.file_size > 200:
            return None
        return TYPES_PAR_MIME.get(archive.read(info).decode("ascii", "replace").strip())
    return None


def _type_zip(fichier):
    try:
        with zipfile.ZipFile(fichier) as archive:
            if not ({"[Content_Types].xml", "mimetype"} & set(archive.namelist())):
                return None  # any other zip: not a document (checked before inflating it)
            verifier_archive(archive, LIMITES)
            return _type_office(archive)
    except FichierRefuse as exc:
        if exc.code == "endommage":
            return None
        raise _refus(fichier, exc) from exc
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, OSError, EOFError, ValueError):
        return None


def detecter_type(fichier):
    """The TypeFichier of an open binary file, read from its content; None if unknown. Raises
    `ValidationError` (French) for a file recognised but refused (macros, password, bomb…)."""
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
        if debut.startswith(SIGNATURE_ZIP):
            return _type_zip(fichier)
        if debut == SIGNATURE_CFB:
            _refuser_ole(fichier)
        return None
    finally:
        fichier.seek(0)


def _refuser_ole(fichier):
    nom = _nom(fichier)
    if nature_ole(fichier) == "chiffre":
        raise ValidationError(
            f"« {nom} » est protégé par un mot de passe : son contenu ne peut pas être vérifié. "
            "Retirez la protection, enregistrez-le, puis déposez-le à nouveau.",
            code="chiffre",
        )
    raise ValidationError(
        f"« {nom} » est au format Office 97-2003 (.doc, .xls, .ppt), qui n'est pas accepté : "
        "enregistrez-le au format .docx, .xlsx, .pptx ou PDF, puis déposez-le à nouveau.",
        code="ancien_format",
    )


def verifier_document(fichier, *, familles=FAMILLES, taille_max):
    """Check an uploaded document (size, kind by content); return its TypeFichier or raise a
    French `ValidationError`."""
    nom = _nom(fichier)
    limite = limite_depassee(fichier, taille_max)
    if limite is not None:
        raise ValidationError(
            f"« {nom} » dépasse la taille maximale de {filesizeformat(limite)}.", code="taille"
        )
    if fichier.size == 0:
        raise ValidationError(f"« {nom} » est vide.", code="vide")
    type_fichier = detecter_type(fichier)
    if type_fichier is None or type_fichier.famille not in familles:
        raise ValidationError(
            f"« {nom} » n'est pas un fichier accepté (formats acceptés : "
            f"{formats_acceptes(familles)}). Le format est vérifié sur le contenu du fichier, "
            "pas sur son extension.",
            code="type",
        )
    return type_fichier


def nom_affiche(nom, type_fichier):
    """A safe display name ending with the extension of the detected kind."""
    base = os.path.splitext(os.path.basename(nom or ""))[0]
    base = get_valid_filename(base.replace("/", "_")) if base.strip() else "document"
    base = base[:120] or "document"
    return f"{base}{type_fichier.extension}"

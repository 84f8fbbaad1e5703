"""The zip layer of office files (.xlsx, .docx, .pptx, .ods…), checked before anyone opens them.

An office file is a zip archive of XML parts. Whoever reads it (python-calamine, openpyxl, a
person's office suite) trusts the archive: this module refuses, with a French message, what would
make a reader blow up or run code.

- **Declared sizes first** (cheap, read from the central directory): number of entries, total
  uncompressed size, compression ratio of each large entry.
- **Then the real sizes**: every entry is inflated by streaming, never kept in memory. `zipfile`
  never inflates past an entry's declared size and checks its CRC, so an archive lying about its
  sizes is refused as damaged.
- **No DTD** in any part (the OPC format forbids them): no entity expansion (« billion laughs »)
  can reach a parser. Parts named ``.xml``/``.rels`` must be UTF-8 (no UTF-16 mark, no NUL byte
  up front), so a UTF-16 part cannot hide a DTD or a cell from a byte-level scan.
- **No macros**: a ``vbaProject.bin`` entry or a macro-enabled content type (.xlsm, .docm…
  renamed) is refused.

The same pass hands each entry's bytes to an optional observer (the workbook guard scans sheets
there), so an archive is inflated once.
"""

import re
import zipfile
from dataclasses import dataclass

MEGAOCTET = 1024 * 1024
SIGNATURE_ZIP = b"PK\x03\x04"
SIGNATURE_CFB = bytes.fromhex("D0CF11E0A1B11AE1")  # OLE2: .xls/.doc, or an encrypted OOXML file
FLUX_CHIFFRE = "EncryptedPackage".encode("utf-16-le")
MORCEAU = 4 * MEGAOCTET

# A DTD or an entity declaration, wherever it is: office parts never have one.
DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
CHEVAUCHEMENT = 16  # bytes kept from one chunk to the next so a marker cut in two is still seen
MEMBRES_MACROS = ("vbaproject.bin", "vbaprojectsignature.bin")
TYPES_MACROS = (b"macroenabled", b"vbaproject")


class FichierRefuse(ValueError):
    """A file we refuse to store or read. `message` is French and says what to do."""

    def __init__(self, message, code="refuse"):
        super().__init__(message)
        self.message = message
        self.code = code

    def __str__(self):
        return self.message


def taille_lisible(octets):
    """« 850 ko », « 1,5 Mo » (French decimal comma)."""
    if octets < MEGAOCTET:
        return f"{max(1, round(octets / 1024))} ko"
    return f"{octets / MEGAOCTET:.1f}".replace(".", ",").replace(",0", "") + " Mo"


@dataclass(frozen=True)
class LimitesArchive:
    membres: int = 1000  # an Excel workbook of 50 sheets with drawings holds about 300 entries
    decompresse: int = 200 * MEGAOCTET
    ratio: int = 100
    # Below this size an entry is harmless whatever its ratio (formatted blank rows compress
    # very well: a real workbook often has entries over 100×).
    seuil_ratio: int = 10 * MEGAOCTET


def nature_ole(flux):
    """For an OLE2 (CFB) container: "chiffre" for an encrypted OOXML file (it holds an
    "EncryptedPackage" stream), "ancien" for the old binary formats (.xls, .doc, .ppt)."""
    position = flux.tell()
    flux.seek(0)
    try:
        reste = b""
        while morceau := flux.read(MORCEAU):
            if FLUX_CHIFFRE in reste + morceau:
                return "chiffre"
            reste = morceau[-len(FLUX_CHIFFRE) :]
        return "ancien"
    finally:
        flux.seek(position)


def endommage():
    return FichierRefuse(
        "Le fichier est endommagé : il ne peut pas être lu. Ouvrez-le dans votre logiciel de "
        "bureautique, enregistrez-le à nouveau, puis déposez-le.",
        code="endommage",
    )


def verifier_archive(archive, limites=LimitesArchive(), observateur=None):
    """Check an open `zipfile.ZipFile` (see the module doc); raise `FichierRefuse`.

    `observateur(info, debut)`: called for each entry with its first bytes; may return a
    callable that then receives every chunk of that entry (then `None` at the end)."""
    try:
        membres = archive.infolist()
        _verifier_tailles_declarees(membres, limites)
        for membre in membres:
            _parcourir_membre(archive, membre, observateur)
    except FichierRefuse:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError) as exc:
        raise endommage() from exc
    except (OSError, ValueError, RuntimeError) as exc:
        # zlib errors, an encrypted entry (RuntimeError), a bad offset…
        raise endommage() from exc


def _verifier_tailles_declarees(membres, limites):
    if len(membres) > limites.membres:
        raise FichierRefuse(
            f"Le fichier contient {len(membres)} éléments internes (au plus "
            f"{limites.membres}) : il est refusé par sécurité.",
            code="membres",
        )
    total = sum(m.file_size for m in membres)
    trop_compresse = any(
        m.file_size > limites.seuil_ratio and m.file_size > limites.ratio * max(m.compress_size, 1)
        for m in membres
    )
    if total > limites.decompresse or trop_compresse:
        raise FichierRefuse(
            f"Le fichier se décompresse en un volume anormalement grand ({taille_lisible(total)})"
            " : il est refusé par sécurité. Vérifiez qu'il ne contient pas d'images ou d'objets "
            "incorporés inutiles.",
            code="volume",
        )
    for membre in membres:
        if membre.filename.lower().rsplit("/", 1)[-1] in MEMBRES_MACROS:
            raise _macros()


def _macros():
    return FichierRefuse(
        "Les fichiers contenant des macros ne sont pas acceptés : enregistrez-le sans macros "
        "(.xlsx, .docx, .pptx), puis déposez-le à nouveau.",
        code="macros",
    )


def _parcourir_membre(archive, membre, observateur):
    nom = membre.filename.lower()
    xml = nom.endswith((".xml", ".rels"))
    with archive.open(membre) as flux:
        debut = flux.read(MORCEAU)
        if xml and (debut.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\0" in debut[:1024]):
            raise FichierRefuse(
                "Le fichier contient une partie XML dans un encodage inattendu (UTF-16) : il est "
                "refusé par sécurité. Enregistrez-le à nouveau avec votre logiciel de bureautique.",
                code="encodage",
            )
        types = nom == "[content_types].xml"
        consommateur = observateur(membre, debut) if observateur else None
        morceau, reste = debut, b""
        while morceau:
            if DTD.search(reste + morceau):
                raise FichierRefuse(
                    "Le fichier contient une déclaration DTD, interdite dans un fichier "
                    "bureautique (elle peut servir à saturer le serveur) : il est refusé par "
                    "sécurité.",
                    code="dtd",
                )
            if types and any(t in (reste + morceau).lower() for t in TYPES_MACROS):
                raise _macros()
            if consommateur:
                consommateur(morceau)
            reste = morceau[-CHEVAUCHEMENT:]
            morceau = flux.read(MORCEAU)
        if consommateur:
            consommateur(None)


def ouvrir_zip(source):
    """A `zipfile.ZipFile` on a path or a binary file object; `FichierRefuse` if it is none."""
    try:
        return zipfile.ZipFile(source)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError) as exc:
        raise endommage() from exc

"""The workbook guard: every .xlsx we read goes through `ouvrir_classeur`, which checks it before
python-calamine sees it, and `lire_feuille`.

Why: python-calamine builds, for each sheet, a rectangle from A1 (or the first cell) to the last
cell, 32 bytes a cell. One cell at XFD1048576 next to one at A1 asks for 512 GB and the process
aborts (SIGABRT): no ``except`` catches that, so it must never be asked. Likewise the shared
strings' ``uniqueCount`` is reserved up front. The guard reads what a workbook *declares* and
where its cells *are*, before any allocation:

- the content, not the extension: empty, too big, OLE2 (encrypted workbook or .xls), PDF, text,
  .xlsb, .ods, Word… each gets its own French message;
- the archive (``archives.verifier_archive``): entries, uncompressed size, ratio, CRC, no DTD,
  no macros;
- sheets: their number (``<sheet>`` tags of the workbook part), each sheet's declared
  ``<dimension>``, and the real extent of its cells: the highest row and column of every
  ``<c r="…">`` tag of every XML part, whatever its name (calamine follows the workbook's
  relationships; we do not need to). Bounded per sheet (rows, columns) and in total (cells:
  rows × columns summed over the sheets, what calamine allocates);
- the shared strings' announced counts.

The cells are found by one regular expression over the inflated bytes (C speed: under a second
of CPU, 0.6 to 0.9 s measured, for a national Temps 1 workbook of 700,000 cells and 2.9 MB;
benchmarks/bench_temps1.py prints it as « garde du classeur »). It only
accepts the canonical tag every spreadsheet application writes (``<c r="B12"`` first, no second
``r``): a cell without a position, or with an unusual one, makes calamine infer it from the
previous cells, so such a file is refused with advice to save it again from Excel or LibreOffice
(fail closed rather than emulate calamine's inference).
"""

import contextlib
import io
import os
import re
from dataclasses import dataclass
from pathlib import Path

from .archives import (
    MEGAOCTET,
    SIGNATURE_CFB,
    SIGNATURE_ZIP,
    FichierRefuse,
    LimitesArchive,
    endommage,
    nature_ole,
    ouvrir_zip,
    taille_lisible,
    verifier_archive,
)
from .cellules import EtendueCellules, lettres_colonne, numero_colonne

CONSEIL_XLSX = (
    "Enregistrez le classeur au format « Classeur Excel (.xlsx) » (menu Fichier › Enregistrer "
    "sous) puis déposez-le à nouveau."
)
CONSEIL_ALLEGER = (
    "Supprimez les lignes et colonnes inutiles (même vides mais mises en forme) et les onglets "
    "superflus, enregistrez, puis déposez-le à nouveau."
)

FEUILLE = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?sheet(?=[\s/>])")
DIMENSION = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?dimension\s[^>]*?\bref\s*=\s*[\"']([^\"']*)")
PLAGE = re.compile(r"^\$?([A-Za-z]{1,3})\$?([0-9]{1,7})(?::\$?([A-Za-z]{1,3})\$?([0-9]{1,7}))?$")
RACINE_SST = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?sst\s[^>]*>")
COMPTE_SST = re.compile(rb"\b(?:count|uniqueCount)\s*=\s*[\"']\s*([0-9]+)")


@dataclass(frozen=True)
class LimitesClasseur(LimitesArchive):
    taille: int = 20 * MEGAOCTET
    feuilles: int = 50
    lignes: int = 200_000
    colonnes: int = 256  # Excel 97-2003's limit (IV); a Temps 1 sheet has about twenty
    # rows × columns summed over the sheets: calamine's allocation (32 bytes a cell) and the
    # Python lists it becomes; a national Temps 1 workbook covers about 700,000.
    cellules: int = 2_000_000


def nombre(n):
    return f"{n:,}".replace(",", "\u00a0")


# ---------------------------------------------------------------------------------------------
# The guard
# ---------------------------------------------------------------------------------------------


@contextlib.contextmanager
def _flux(source):
    if isinstance(source, bytes | bytearray):
        yield io.BytesIO(source), len(source)
    else:
        chemin = Path(source)
        with open(chemin, "rb") as flux:
            yield flux, os.fstat(flux.fileno()).st_size


def verifier_classeur(source, limites=LimitesClasseur()):
    """Refuse (`FichierRefuse`, French message) what is not a workbook safe to read.
    `source`: a path or the file's bytes."""
    with _flux(source) as (flux, taille):
        _verifier_format(flux, taille, limites)
        with ouvrir_zip(flux) as archive:
            _verifier_structure(archive)
            releve = _Releve(limites)
            verifier_archive(archive, limites, releve.observer)


def _verifier_format(flux, taille, limites):
    if taille == 0:
        raise FichierRefuse("Le fichier est vide.", code="vide")
    if taille > limites.taille:
        raise FichierRefuse(
            f"Le fichier pèse {taille_lisible(taille)} : la limite est de "
            f"{taille_lisible(limites.taille)}. Déposez un classeur plus léger (retirez les "
            "onglets, images ou objets inutiles).",
            code="taille",
        )
    debut = flux.read(8)
    flux.seek(0)
    if debut == SIGNATURE_CFB:
        if nature_ole(flux) == "chiffre":
            raise FichierRefuse(
                "Le classeur est protégé par un mot de passe : il ne peut pas être lu. Retirez la "
                "protection (Fichier › Informations › Protéger le classeur › Chiffrer avec mot "
                "de passe : effacez le mot de passe), enregistrez, puis déposez-le à nouveau.",
                code="chiffre",
            )
        raise FichierRefuse(
            "Ce fichier est au format Excel 97-2003 (.xls), qui n'est pas accepté. " + CONSEIL_XLSX,
            code="ancien_format",
        )
    if debut.startswith(b"%PDF"):
        raise FichierRefuse(
            "Ce fichier est un PDF : ce n'est pas un classeur Excel .xlsx. " + CONSEIL_XLSX,
            code="type",
        )
    if not debut.startswith(SIGNATURE_ZIP):
        raise FichierRefuse(
            "Ce fichier n'est pas un classeur Excel .xlsx (fichier texte, CSV, exécutable ou "
            "autre format). " + CONSEIL_XLSX,
            code="type",
        )


def _verifier_structure(archive):
    noms = {m.filename for m in archive.infolist()}
    # calamine recognises the format from the content and tries .xlsb and .ods after .xlsx:
    # a workbook carrying their parts too is refused, so only the .xlsx reader ever runs.
    if "xl/workbook.xml" in noms and not noms & {"xl/workbook.bin", "mimetype", "content.xml"}:
        return
    if "xl/workbook.bin" in noms:
        format_ = "un classeur binaire Excel (.xlsb)"
    elif "mimetype" in noms and b"opendocument.spreadsheet" in archive.read("mimetype")[:100]:
        format_ = "un classeur OpenDocument (.ods, LibreOffice)"
    elif "mimetype" in noms or "word/document.xml" in noms:
        format_ = "un document bureautique"
    else:
        format_ = "une archive compressée"
    raise FichierRefuse(
        f"Ce fichier est {format_}, pas un classeur Excel .xlsx. " + CONSEIL_XLSX, code="type"
    )


class _Releve:
    """What the archive pass learns about the sheets; refuses as soon as a bound is passed."""

    def __init__(self, limites):
        self.limites = limites
        self.cellules = 0

    def observer(self, membre, debut):
        if not debut.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
            return None  # not XML (an image, a printer setting…): calamine reads no cell in it
        return _Partie(self, membre.filename.lower(), debut).consommer

    def ajouter(self, lignes, colonnes):
        self.cellules += lignes * colonnes
        if self.cellules > self.limites.cellules:
            raise FichierRefuse(
                f"Le classeur couvre plus de {nombre(self.limites.cellules)} cellules (lignes × "
                "colonnes de ses onglets) : il est refusé par sécurité. " + CONSEIL_ALLEGER,
                code="cellules",
            )


class _Partie:
    """One XML part, fed chunk by chunk. A tag is never cut: the bytes after the last `<` of
    a chunk wait for the next one."""

    def __init__(self, releve, nom, debut):
        self.releve = releve
        self.limites = releve.limites
        self.nom = nom
        self.etendue = EtendueCellules()
        self.feuilles = 0
        self.reste = b""
        self._entete(debut)

    def _entete(self, debut):
        if self.nom.endswith("workbook.xml"):
            return  # counted on the whole part (see consommer)
        dimension = DIMENSION.search(debut)
        if dimension:
            self._verifier_dimension(dimension.group(1).decode("ascii", "replace"))
        if self.nom.endswith("sharedstrings.xml"):
            racine = RACINE_SST.search(debut)
            annonces = COMPTE_SST.findall(racine.group(0)) if racine else []
            if any(int(n) > self.limites.cellules for n in annonces):
                raise FichierRefuse(
                    f"Le classeur annonce plus de {nombre(self.limites.cellules)} textes : il "
                    "est refusé par sécurité. " + CONSEIL_ALLEGER,
                    code="textes",
                )

    def _verifier_dimension(self, plage):
        correspondance = PLAGE.match(plage.strip())
        if not correspondance:
            return  # calamine ignores the declared dimension; only a huge one is refused
        lettres_fin, ligne_fin = correspondance.group(3, 4)
        if lettres_fin is None:
            lettres_fin, ligne_fin = correspondance.group(1, 2)
        lignes, colonnes = int(ligne_fin), numero_colonne(lettres_fin)
        if lignes > self.limites.lignes or colonnes > self.limites.colonnes:
            raise FichierRefuse(
                f"Un onglet du classeur déclare une plage de {nombre(lignes)} lignes sur "
                f"{nombre(colonnes)} colonnes (« {plage.strip()[:40]} ») : au plus "
                f"{nombre(self.limites.lignes)} lignes et {nombre(self.limites.colonnes)} "
                "colonnes. Il est refusé par sécurité. " + CONSEIL_ALLEGER,
                code="dimension",
            )

    def consommer(self, morceau):
        if morceau is None:
            self._lire(self.reste, len(self.reste))
            if self.etendue.ligne:
                self.releve.ajouter(self.etendue.ligne, self.etendue.colonne)
            return
        texte = self.reste + morceau
        coupure = texte.rfind(b"<")
        if coupure <= 0:
            self.reste = texte
            return
        self._lire(texte, coupure)
        self.reste = texte[coupure:]

    def _lire(self, texte, fin):
        if self.nom.endswith("workbook.xml"):
            self.feuilles += len(FEUILLE.findall(texte, 0, fin))
            if self.feuilles > self.limites.feuilles:
                raise FichierRefuse(
                    f"Le classeur contient plus de {self.limites.feuilles} onglets : il est "
                    "refusé par sécurité. " + CONSEIL_ALLEGER,
                    code="feuilles",
                )
        etendue = self.etendue
        etendue.lire(texte, fin)
        if etendue.ligne > self.limites.lignes:
            raise FichierRefuse(
                f"Le classeur a des cellules jusqu'à la ligne {nombre(etendue.ligne)} (au plus "
                f"{nombre(self.limites.lignes)} lignes) : il est refusé par sécurité. "
                + CONSEIL_ALLEGER,
                code="lignes",
            )
        if etendue.colonne > self.limites.colonnes:
            raise FichierRefuse(
                f"Le classeur a des cellules jusqu'à la colonne "
                f"{lettres_colonne(etendue.colonne)} (au plus {nombre(self.limites.colonnes)} "
                "colonnes) : il est refusé par sécurité. " + CONSEIL_ALLEGER,
                code="colonnes",
            )


# ---------------------------------------------------------------------------------------------
# Reading with python-calamine, behind the guard
# ---------------------------------------------------------------------------------------------


@contextlib.contextmanager
def _erreurs_calamine(message=None):
    # import différé : l'extension de lecture n'est chargée qu'au premier classeur lu, pas au
    # démarrage de chaque commande et de chaque processus web.
    import python_calamine

    try:
        yield
    except FichierRefuse:
        raise
    except python_calamine.PasswordError as exc:
        raise FichierRefuse("Le classeur est protégé par un mot de passe.", code="chiffre") from exc
    except (KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except BaseException as exc:  # noqa: BLE001 — a Rust panic is a pyo3 PanicException, a
        # BaseException: a damaged file must not escape `except Exception` and kill a worker.
        if message:
            raise FichierRefuse(message, code="endommage") from exc
        raise endommage() from exc


def ouvrir_classeur(source, limites=LimitesClasseur()):
    """Check the workbook (`verifier_classeur`), then open it with python-calamine, the format
    told by the content (never by the file name). Close it after use."""
    import python_calamine  # import différé : voir _erreurs_calamine

    contenu = source if isinstance(source, bytes | bytearray) else Path(source).read_bytes()
    verifier_classeur(contenu, limites)
    with _erreurs_calamine():
        return python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(contenu))


def lire_feuille(classeur, nom, limites=LimitesClasseur()):
    """The rows of one sheet (lists of values from column A), at most `limites.lignes` rows."""
    with _erreurs_calamine(f"L'onglet « {nom} » est endommagé et ne peut pas être lu."):
        feuille = classeur.get_sheet_by_name(nom)
        fin = feuille.end
        if fin and (fin[0] >= limites.lignes or fin[1] >= limites.colonnes):
            # The guard has already seen every cell: this only happens if calamine places one
            # where no tag said. Refuse rather than read a truncated sheet.
            raise FichierRefuse(
                f"L'onglet « {nom} » dépasse {nombre(limites.lignes)} lignes ou "
                f"{nombre(limites.colonnes)} colonnes. " + CONSEIL_ALLEGER,
                code="lignes",
            )
        return feuille.to_python(skip_empty_area=False, nrows=limites.lignes)

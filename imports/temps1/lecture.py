"""Reading an uploaded Temps 1 workbook: refuse clearly what is not one, then read every data
sheet with python-calamine.

Why calamine and not openpyxl: on a national workbook (51,000 rows) openpyxl's read-only mode
takes about 20 s on our 2-core servers, calamine under a second. Calamine gives what TEMPS1.md
needs: a formula's cached value, dates as `date`/`datetime` for date cells, hidden rows, and it
stops at the last cell holding a value, so thousands of formatted blank rows cost nothing.
Known limits (docs/temps1.md): a formula saved without a cached value (files written by scripts,
never by Excel or LibreOffice) and an Excel error value (`#N/A`…) are read as empty cells.
"""

import os
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import python_calamine
from django.conf import settings

from .rapport import Anomalie, FichierIllisible
from .schema import (
    COLONNES_CLE_DISPOSITIF,
    DISPOSITIFS,
    FEUILLES,
    FEUILLES_DONNEES,
    FEUILLES_IGNOREES,
)
from .valeurs import cle, en_texte, est_vide

MEGAOCTET = 1024 * 1024
TAILLE_MAX = 20 * MEGAOCTET
DECOMPRESSE_MAX = 200 * MEGAOCTET
RATIO_MAX = 100
# Below this size a member is harmless whatever its ratio (formatted blank rows compress well).
SEUIL_RATIO = 10 * MEGAOCTET
LIGNES_ENTETE = 30  # the header row is looked for in the first rows (a title may come first)

SIGNATURE_ZIP = b"PK\x03\x04"
SIGNATURE_CFB = bytes.fromhex("D0CF11E0A1B11AE1")  # OLE2: .xls, or an encrypted .xlsx
FLUX_CHIFFRE = "EncryptedPackage".encode("utf-16-le")

CONSEIL_XLSX = (
    "Enregistrez le classeur au format « Classeur Excel (.xlsx) » (menu Fichier › Enregistrer "
    "sous) puis déposez-le à nouveau."
)


@dataclass
class LigneLue:
    numero: int  # Excel row number (1-based)
    cellules: list

    def valeur(self, indice):
        return self.cellules[indice] if indice < len(self.cellules) else ""


@dataclass
class FeuilleLue:
    nom: str  # canonical name (schema)
    titre: str  # the sheet's name in the file
    ligne_entete: int
    colonnes: dict  # column key → 0-based index
    lignes: list = field(default_factory=list)

    @property
    def schema(self):
        return FEUILLES[self.nom]


@dataclass
class Classeur:
    nom_fichier: str
    chemin: str
    feuilles: dict  # canonical name → FeuilleLue
    avertissements: list = field(default_factory=list)

    @property
    def nombre_lignes(self):
        return sum(len(f.lignes) for f in self.feuilles.values())


def _reglage(nom, defaut):
    return getattr(settings, nom, defaut)


def _taille_lisible(octets):
    if octets < MEGAOCTET:
        return f"{max(1, round(octets / 1024))} ko"
    return f"{octets / MEGAOCTET:.1f}".replace(".", ",") + " Mo"


def verifier_fichier(chemin):
    """Refuse, with a French message, what is not a safe .xlsx file. Reads the content, never
    trusts the extension."""
    taille = os.path.getsize(chemin)
    taille_max = _reglage("TEMPS1_TAILLE_MAX", TAILLE_MAX)
    if taille == 0:
        raise FichierIllisible("Le fichier est vide.")
    if taille > taille_max:
        raise FichierIllisible(
            f"Le fichier pèse {_taille_lisible(taille)} : la limite est de "
            f"{_taille_lisible(taille_max)}. Déposez un classeur par département ou retirez les "
            "onglets inutiles."
        )
    with open(chemin, "rb") as fichier:
        debut = fichier.read(8)
        if debut == SIGNATURE_CFB:
            # An encrypted OOXML file is an OLE2 container holding an "EncryptedPackage" stream;
            # any other OLE2 spreadsheet is the old binary format.
            fichier.seek(0)
            if FLUX_CHIFFRE in fichier.read():
                raise FichierIllisible(
                    "Le classeur est protégé par un mot de passe : le back office ne peut pas le "
                    "lire. Retirez la protection (Fichier › Informations › Protéger le classeur "
                    "› Chiffrer avec mot de passe : effacez le mot de passe), enregistrez, puis "
                    "déposez-le à nouveau."
                )
            raise FichierIllisible(
                "Ce fichier est au format Excel 97-2003 (.xls), qui n'est pas accepté. "
                + CONSEIL_XLSX
            )
    if debut.startswith(b"%PDF"):
        raise FichierIllisible("Ce fichier est un PDF, pas un classeur Excel. " + CONSEIL_XLSX)
    if not debut.startswith(SIGNATURE_ZIP):
        raise FichierIllisible(
            "Ce fichier n'est pas un classeur Excel .xlsx (fichier texte, CSV ou autre format). "
            + CONSEIL_XLSX
        )
    _verifier_archive(chemin)


def _verifier_archive(chemin):
    try:
        with zipfile.ZipFile(chemin) as archive:
            membres = archive.infolist()
            noms = {m.filename for m in membres}
            if "xl/workbook.xml" not in noms:
                if "xl/workbook.bin" in noms:
                    format_ = "un classeur binaire Excel (.xlsb)"
                elif "mimetype" in noms and b"opendocument.spreadsheet" in archive.read("mimetype"):
                    format_ = "un classeur OpenDocument (.ods, LibreOffice)"
                elif "mimetype" in noms or "word/document.xml" in noms:
                    format_ = "un document bureautique"
                else:
                    format_ = "une archive compressée"
                raise FichierIllisible(
                    f"Ce fichier est {format_}, pas un classeur Excel .xlsx. " + CONSEIL_XLSX
                )
            decompresse_max = _reglage("TEMPS1_DECOMPRESSE_MAX", DECOMPRESSE_MAX)
            ratio_max = _reglage("TEMPS1_RATIO_MAX", RATIO_MAX)
            total = sum(m.file_size for m in membres)
            trop_compresse = any(
                m.file_size > SEUIL_RATIO and m.file_size > ratio_max * max(m.compress_size, 1)
                for m in membres
            )
            if total > decompresse_max or trop_compresse:
                raise FichierIllisible(
                    "Le classeur se décompresse en un volume anormalement grand "
                    f"({_taille_lisible(total)}) : il est refusé par sécurité. Vérifiez qu'il ne "
                    "contient que les onglets Temps 1, sans images ni objets incorporés."
                )
            # The sizes above are declared by the archive itself: check the real ones. zipfile
            # never inflates past a member's declared size and then fails its CRC check, so a
            # forged header cannot smuggle a bomb past the limits.
            for membre in membres:
                with archive.open(membre) as flux:
                    while flux.read(4 * MEGAOCTET):
                        pass
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError) as exc:
        raise FichierIllisible(
            "Le fichier est endommagé : ce n'est pas un classeur Excel .xlsx lisible. "
            + CONSEIL_XLSX
        ) from exc


def _colonne_lettre(indice):
    lettres = ""
    indice += 1
    while indice:
        indice, reste = divmod(indice - 1, 26)
        lettres = chr(65 + reste) + lettres
    return lettres


def lire_classeur(source, nom_fichier=None):
    """Read a Temps 1 workbook. Raises `FichierIllisible` (French message) when it is not one.

    `source`: a path (str or Path). Structural problems (missing sheets, missing or duplicated
    columns) are all reported in one `FichierIllisible`; cell values are checked by `analyser`.
    """
    chemin = str(source)
    nom_fichier = nom_fichier or Path(chemin).name
    verifier_fichier(chemin)
    try:
        classeur = python_calamine.CalamineWorkbook.from_path(chemin)
    except python_calamine.PasswordError as exc:
        raise FichierIllisible("Le classeur est protégé par un mot de passe.") from exc
    except Exception as exc:  # calamine raises several error types for a damaged file
        raise FichierIllisible(
            "Le fichier est endommagé : ce n'est pas un classeur Excel .xlsx lisible. "
            + CONSEIL_XLSX
        ) from exc

    try:
        return _lire(classeur, chemin, nom_fichier)
    finally:
        classeur.close()


def _trouver_feuilles(noms):
    trouvees, inconnues = {}, []
    correspondances = {}
    for nom in FEUILLES_DONNEES:
        schema = FEUILLES[nom]
        for variante in (nom, *schema.alias):
            correspondances[cle(variante)] = nom
    for titre in noms:
        canonique = correspondances.get(cle(titre))
        if canonique and canonique not in trouvees:
            trouvees[canonique] = titre
        elif cle(titre) not in FEUILLES_IGNOREES:
            inconnues.append(titre)
    return trouvees, inconnues


def _lire(classeur, chemin, nom_fichier):
    titres, inconnues = _trouver_feuilles(classeur.sheet_names)
    problemes = []
    avertissements = [
        Anomalie(
            None,
            None,
            None,
            "",
            f"Onglet « {titre} » ignoré : il ne fait pas partie du format Temps 1.",
        )
        for titre in inconnues
    ]
    for nom in FEUILLES_DONNEES:
        if nom not in titres:
            problemes.append(
                f"Onglet « {nom} » introuvable (onglets présents : "
                f"{', '.join(classeur.sheet_names)})."
            )
    feuilles = {}
    for nom, titre in titres.items():
        try:
            lignes = classeur.get_sheet_by_name(titre).to_python(skip_empty_area=False)
        except Exception as exc:
            raise FichierIllisible(
                f"L'onglet « {titre} » est endommagé et ne peut pas être lu."
            ) from exc
        feuille = _lire_feuille(nom, titre, lignes, problemes, avertissements)
        if feuille:
            feuilles[nom] = feuille
    if problemes:
        raise FichierIllisible(
            "Ce classeur ne suit pas le format Temps 1 : rien n'a été importé.", problemes
        )
    resultat = Classeur(nom_fichier, chemin, feuilles, avertissements)
    if resultat.nombre_lignes == 0:
        raise FichierIllisible(
            "Le classeur ne contient aucune ligne de données (onglets Entités, Dispositifs et "
            "Financements vides) : rien à importer."
        )
    return resultat


def _lire_feuille(nom, titre, lignes, problemes, avertissements):
    schema = FEUILLES[nom]
    # The header row: among the first rows, the one naming the most columns of the format.
    meilleure, score = None, 0
    for indice, ligne in enumerate(lignes[:LIGNES_ENTETE]):
        reconnues = sum(1 for v in ligne if isinstance(v, str) and schema.par_entete(v))
        if reconnues > score:
            meilleure, score = indice, reconnues
    if meilleure is None:
        problemes.append(
            f"Onglet « {titre} » : ligne d'en-têtes introuvable (attendu par exemple : "
            f"{', '.join(c.entete for c in schema.colonnes[:3])}…)."
        )
        return None

    colonnes, entetes = {}, {}
    for indice, valeur in enumerate(lignes[meilleure]):
        if est_vide(valeur):
            continue
        colonne = schema.par_entete(en_texte(valeur))
        if colonne is None:
            avertissements.append(
                Anomalie(
                    nom,
                    meilleure + 1,
                    en_texte(valeur),
                    "",
                    f"Colonne inconnue ignorée (colonne {_colonne_lettre(indice)}).",
                    titre_feuille=titre,
                    indice_colonne=indice,
                )
            )
        elif colonne.cle in colonnes:
            problemes.append(
                f"Onglet « {titre} » : la colonne « {colonne.entete} » apparaît deux fois "
                f"(colonnes {_colonne_lettre(colonnes[colonne.cle])} et "
                f"{_colonne_lettre(indice)})."
            )
        else:
            colonnes[colonne.cle] = indice
            entetes[colonne.cle] = valeur
    for colonne in schema.colonnes:
        if colonne.obligatoire and colonne.cle not in colonnes:
            problemes.append(
                f"Onglet « {titre} » : colonne obligatoire « {colonne.entete} » absente."
            )
    if nom == DISPOSITIFS and not any(c in colonnes for c in COLONNES_CLE_DISPOSITIF):
        problemes.append(
            f"Onglet « {titre} » : il faut une colonne « Code dispositif » ou « Référence "
            "locale » pour reconnaître les dispositifs."
        )

    # Blank rows (even formatted, even thousands) are skipped; a row counts when a column of
    # the format holds something (notes in unknown columns do not make a row).
    utiles = [
        i for cle_colonne, i in colonnes.items() if not schema.colonne(cle_colonne).informative
    ]
    donnees = []
    for indice in range(meilleure + 1, len(lignes)):
        ligne = lignes[indice]
        if any(i < len(ligne) and not est_vide(ligne[i]) for i in utiles):
            donnees.append(LigneLue(indice + 1, ligne))
    return FeuilleLue(nom, titre, meilleure + 1, colonnes, donnees)

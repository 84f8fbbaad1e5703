"""The workbook guard (backoffice/fichiers/classeurs.py): hostile workbooks are refused with a
French message before python-calamine sees them; real workbooks pass and read as before."""

import io
import random
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import openpyxl
import pytest
import wagtail

from backoffice.fichiers.archives import FichierRefuse
from backoffice.fichiers.cellules import (
    CHIFFRES,
    LETTRES,
    EtendueCellules,
    lettres_colonne,
    numero_colonne,
    plus_grand_que,
)
from backoffice.fichiers.classeurs import (
    LimitesClasseur,
    lire_feuille,
    ouvrir_classeur,
    verifier_classeur,
)
from tests.fichiers import corpus

RACINE = Path(__file__).resolve().parents[2]


LIMITES = LimitesClasseur()


def refus(contenu, limites=LIMITES):
    with pytest.raises(FichierRefuse) as exc:
        verifier_classeur(contenu, limites)
    return exc.value.message


def _executer(code, chemin):
    """Run `code` in a fresh interpreter with `chemin` as CHEMIN: what a worker would do."""
    programme = f"CHEMIN = {str(chemin)!r}\n" + textwrap.dedent(code)
    return subprocess.run(
        [sys.executable, "-c", programme],
        cwd=RACINE,
        capture_output=True,
        text=True,
        timeout=120,
    )


# ---------------------------------------------------------------------------------------------
# The attack of the issue, proven on a real process
# ---------------------------------------------------------------------------------------------


def test_la_dimension_geante_tue_le_lecteur_sans_garde_et_pas_avec(tmp_path):
    chemin = tmp_path / "offre.xlsx"
    chemin.write_bytes(corpus.dimension_geante())

    sans_garde = _executer(
        """
        import python_calamine
        classeur = python_calamine.CalamineWorkbook.from_path(CHEMIN)
        feuille = classeur.get_sheet_by_name(classeur.sheet_names[0])
        print("lu", len(feuille.to_python(skip_empty_area=False)))
        """,
        chemin,
    )
    assert sans_garde.returncode == -6, sans_garde.stderr[-500:]  # SIGABRT: 512 GB asked
    assert "memory allocation of 549755813888 bytes failed" in sans_garde.stderr

    avec_garde = _executer(
        """
        from backoffice.fichiers.archives import FichierRefuse
        from backoffice.fichiers.classeurs import ouvrir_classeur
        try:
            ouvrir_classeur(CHEMIN)
        except FichierRefuse as exc:
            print(exc.message)
        """,
        chemin,
    )
    assert avec_garde.returncode == 0, avec_garde.stderr[-500:]
    assert "refusé par sécurité" in avec_garde.stdout


def test_les_textes_partages_annonces_tuent_le_lecteur_sans_garde(tmp_path):
    chemin = tmp_path / "offre.xlsx"
    chemin.write_bytes(corpus.textes_partages_annonces())
    sans_garde = _executer(
        """
        import python_calamine
        classeur = python_calamine.CalamineWorkbook.from_path(CHEMIN)
        classeur.get_sheet_by_name(classeur.sheet_names[0]).to_python()
        """,
        chemin,
    )
    assert sans_garde.returncode == -6, sans_garde.stderr[-500:]
    assert "refusé par sécurité" in refus(chemin.read_bytes())


def test_une_panique_de_calamine_n_echappe_plus_aux_lecteurs():
    """Without the guard, calamine's Rust panic is a BaseException: `except Exception` in the
    readers (and in the background task) let it through."""
    import python_calamine

    classeur = python_calamine.CalamineWorkbook.from_filelike(
        io.BytesIO(corpus.cellule_lointaine_seule())
    )
    feuille = classeur.get_sheet_by_name(classeur.sheet_names[0])
    with pytest.raises(BaseException) as exc:
        feuille.to_python(skip_empty_area=False)
    assert not isinstance(exc.value, Exception)
    # Behind the guard, the same file is a French refusal.
    assert "refusé par sécurité" in refus(corpus.cellule_lointaine_seule())


# ---------------------------------------------------------------------------------------------
# The corpus
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("nom", corpus.CLASSEURS)
def test_corpus_refuse_avec_un_message_francais(nom):
    _, fabrique, attendu = corpus.CLASSEURS[nom]
    assert attendu in refus(fabrique())


@pytest.mark.parametrize(
    ("cellule", "motif"),
    [
        ('<c r="A1" r="XFD1048576" t="inlineStr">', "a second r (calamine keeps the last)"),
        ('<c r="A1" t="s" r ="XFD1048576">', "a second r, spaced"),
        ('<c r="A1" a=">" r="XFD1048576">', "a second r after a quoted >"),
        ('<c t="inlineStr" r="C3">', "r not first"),
        ("<c r='D4' t='inlineStr'>", "single quotes"),
        ('<c\nr="F6" t="inlineStr">', "a newline"),
        ('<c r="g7" t="inlineStr">', "lower case"),
        ('<c r="$H$8" t="inlineStr">', "absolute reference"),
        ('<c r="I0009" t="inlineStr">', "leading zeros"),
        ('<c r="A99999999999" t="inlineStr">', "a row beyond any sheet (calamine aborts)"),
        ('<c x:r="C1" t="inlineStr">', "only a prefixed r"),
    ],
)
def test_cellule_mal_ecrite_refusee(cellule, motif):
    xml = corpus.feuille().replace('<c r="A1" t="inlineStr">', cellule, 1)
    assert cellule in xml
    assert "structure inhabituelle" in refus(corpus.classeur({"F": xml})), motif


def test_cellules_prefixees_lues():
    """Some generators write `<x:c r="…">` (namespace prefix): read, and bounded too."""
    prefixe = (
        f'<x:worksheet xmlns:x="{corpus.NS}"><x:sheetData><x:row r="1"><x:c r="E5" t="inlineStr">'
        "<x:is><x:t>a</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>"
    )
    classeur = ouvrir_classeur(corpus.classeur({"F": prefixe}))
    try:
        assert lire_feuille(classeur, "F")[4][4] == "a"
    finally:
        classeur.close()
    trop_loin = prefixe.replace('r="E5"', 'r="XFD5"')
    assert "colonne XFD" in refus(corpus.classeur({"F": trop_loin}))


@pytest.mark.parametrize(
    ("cellules", "limites", "attendu"),
    [
        ((("A1", "a"), ("B200001", "b")), LimitesClasseur(), "jusqu'à la ligne 200\u00a0001"),
        ((("A1", "a"), ("IW1", "b")), LimitesClasseur(), "jusqu'à la colonne IW"),
        ((("A1", "a"), ("J10", "b")), LimitesClasseur(cellules=99), "plus de 99 cellules"),
        ((("A1", "a"), ("B10", "b")), LimitesClasseur(lignes=9), "jusqu'à la ligne 10"),
    ],
)
def test_bornes_des_cellules(cellules, limites, attendu):
    assert attendu in refus(corpus.classeur({"F": corpus.feuille(cellules)}), limites)


def test_bornes_justes_acceptees():
    cellules = (("A1", "a"), ("J10", "b"))  # 10 rows × 10 columns
    limites = LimitesClasseur(lignes=10, colonnes=10, cellules=100)
    verifier_classeur(corpus.classeur({"F": corpus.feuille(cellules)}), limites)


def test_les_cellules_de_tous_les_onglets_comptent():
    feuilles = {f"F{i}": corpus.feuille((("A1", "a"), ("J10", "b"))) for i in range(3)}
    verifier_classeur(corpus.classeur(feuilles), LimitesClasseur(cellules=300))
    assert "plus de 299 cellules" in refus(corpus.classeur(feuilles), LimitesClasseur(cellules=299))


def test_une_cellule_lointaine_cachee_au_milieu_d_un_gros_onglet(tmp_path):
    """Cells in order, then one far away in the middle: found whatever chunk it falls in."""
    lignes = [(f"A{n}", "x" * 40) for n in range(1, 150_001)]
    lignes.insert(90_000, ("IZ90000", "loin"))
    xml = corpus.feuille(lignes)
    assert len(xml) > 8 * 1024 * 1024  # more than two chunks of the archive pass
    assert "jusqu'à la colonne IZ" in refus(corpus.classeur({"F": xml}))
    lignes[90_000] = ("B150002", "plus bas")
    lignes.append(("A150001", "fin"))
    message = refus(corpus.classeur({"F": corpus.feuille(lignes)}), LimitesClasseur(lignes=150_001))
    assert "jusqu'à la ligne 150\u00a0002" in message


def test_trop_d_onglets():
    feuilles = {f"F{i}": corpus.feuille() for i in range(4)}
    assert "plus de 3 onglets" in refus(corpus.classeur(feuilles), LimitesClasseur(feuilles=3))


@pytest.mark.parametrize(
    ("contenu", "attendu"),
    [
        (corpus.PDF, "Ce fichier est un PDF : ce n'est pas un classeur Excel .xlsx"),
        (bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 600, "Excel 97-2003 (.xls)"),
        (corpus._zip({"mimetype": "application/vnd.oasis.opendocument.spreadsheet"}), ".ods"),
        (corpus.classeur(autres={"xl/workbook.bin": b"\0"}), ".xlsb"),
        (corpus.document_word(), "un document bureautique"),
        (
            corpus.classeur(autres={"xl/worksheets/sheet9.xml": "\ufeff<x/>".encode("utf-16")}),
            "UTF-16",
        ),
    ],
)
def test_formats_nommes_dans_le_refus(contenu, attendu):
    assert attendu in refus(contenu)


# ---------------------------------------------------------------------------------------------
# Real workbooks pass
# ---------------------------------------------------------------------------------------------


def _openpyxl(lignes):
    classeur = openpyxl.Workbook()
    for ligne in lignes:
        classeur.active.append(ligne)
    tampon = io.BytesIO()
    classeur.save(tampon)
    return tampon.getvalue()


def test_un_classeur_openpyxl_passe_et_se_lit():
    contenu = _openpyxl([["Objectifs", "Actions"], ["Accueil", "Ouvrir 10 places"]])
    classeur = ouvrir_classeur(contenu)
    try:
        assert lire_feuille(classeur, classeur.sheet_names[0]) == [
            ["Objectifs", "Actions"],
            ["Accueil", "Ouvrir 10 places"],
        ]
    finally:
        classeur.close()


def test_un_classeur_d_une_autre_application_passe():
    """A workbook written by another application (shipped with Wagtail): cells `r`, `t`, `s`."""
    chemin = Path(wagtail.__file__).parent / "contrib/redirects/tests/files/example.xlsx"
    assert re.search(rb'<c r="A1" t="s" s="2">', _partie(chemin, "xl/worksheets/sheet1.xml"))
    verifier_classeur(chemin)


def _partie(chemin, nom):
    import zipfile

    with zipfile.ZipFile(chemin) as archive:
        return archive.read(nom)


@pytest.mark.django_db
def test_le_modele_temps1_passe(tmp_path):
    from imports.temps1 import generer_modele

    modele = tmp_path / "modele.xlsx"
    generer_modele(modele)
    verifier_classeur(modele)


def test_lignes_vides_mises_en_forme_acceptees():
    """Excel writes formatted blank cells (`<c r="T999" s="3"/>`): counted, and accepted."""
    classeur = openpyxl.Workbook()
    ws = classeur.active
    ws.append(["SIREN", "Raison sociale"])
    from openpyxl.styles import PatternFill

    for rang in range(2, 1000):
        for colonne in range(1, 21):
            ws.cell(rang, colonne).fill = PatternFill("solid", fgColor="FFFF99")
    tampon = io.BytesIO()
    classeur.save(tampon)
    verifier_classeur(tampon.getvalue())


# ---------------------------------------------------------------------------------------------
# The pieces
# ---------------------------------------------------------------------------------------------


def test_plus_grand_que_sur_les_nombres():
    alea = random.Random(7)
    valeurs = [0, 1, 9, 10, 99, 100, 36001, 99999, 100000, 999999, 1048576, 9999999]
    valeurs += [alea.randrange(1, 10_000_000) for _ in range(40)]
    essais = list(range(1, 2000)) + [alea.randrange(1, 10_000_000) for _ in range(3000)]
    essais += [v + d for v in valeurs for d in (-1, 0, 1) if 0 < v + d < 10_000_000]
    for valeur in valeurs:
        motif = re.compile(
            plus_grand_que(str(valeur) if valeur else "", CHIFFRES, 7, CHIFFRES[1:]) + "$"
        )
        for essai in essais:
            assert bool(motif.match(str(essai))) == (essai > valeur), (valeur, essai)


def test_plus_grand_que_sur_les_colonnes():
    toutes = range(1, 18_279)  # A … ZZZ
    for valeur in (1, 25, 26, 27, 52, 256, 702, 703, 16384, 18278):
        motif = re.compile(plus_grand_que(lettres_colonne(valeur), LETTRES, 3) + "$")
        for colonne in toutes[:: 7 if valeur > 1000 else 1]:
            assert bool(motif.match(lettres_colonne(colonne))) == (colonne > valeur)


def test_numero_et_lettres_de_colonne():
    for numero in (1, 26, 27, 52, 53, 702, 703, 16384):
        assert numero_colonne(lettres_colonne(numero)) == numero
    assert lettres_colonne(16384) == "XFD"


def test_etendue_exacte_meme_sans_ordre():
    etendue = EtendueCellules()
    texte = b'<c r="C3" t="s"/><c r="AB2"/><c r="B17" s="1"><v>1</v></c><c r="A4"/><'
    etendue.lire(texte, len(texte) - 1)
    assert (etendue.ligne, etendue.colonne) == (17, 28)

"""Hostile files, built byte by byte in the tests (nothing downloaded, nothing stored).

Each builder returns the bytes of a file and says in its docstring which attack it stands for.
`CLASSEURS` and `DOCUMENTS` name the corpus run against every upload path (tests/fichiers/).
"""

import io
import zipfile

MEGAOCTET = 1024 * 1024
NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
TYPE_CLASSEUR = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
TYPE_CLASSEUR_MACROS = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
TYPE_DOCUMENT = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
TYPE_DOCUMENT_MACROS = "application/vnd.ms-word.document.macroEnabled.main+xml"

EXECUTABLE = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"
    + b"\x00" * 48
    + b"This program cannot be run in DOS mode.\r\r\n$"
    + b"\x00" * 64
)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
RIRES = (  # « billion laughs »: ten levels of ten references, 10^9 « lol » once expanded
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol "lol">\n'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'
        for i in range(1, 10)
    )
    + "]>\n"
)


def _zip(membres, compression=zipfile.ZIP_DEFLATED):
    tampon = io.BytesIO()
    with zipfile.ZipFile(tampon, "w", compression) as archive:
        for nom, contenu in membres.items():
            archive.writestr(nom, contenu)
    return tampon.getvalue()


def _cellule(reference, valeur):
    return f'<c r="{reference}" t="inlineStr"><is><t>{valeur}</t></is></c>'


def feuille(cellules=(("A1", "Objectifs"),), dimension=None, avant=""):
    """A worksheet part; `cellules`: (reference, text) in row order."""
    lignes, courante = [], None
    for reference, valeur in cellules:
        numero = "".join(c for c in reference if c.isdigit())
        if numero != courante:
            if courante is not None:
                lignes.append("</row>")
            lignes.append(f'<row r="{numero}">')
            courante = numero
        lignes.append(_cellule(reference, valeur))
    if courante is not None:
        lignes.append("</row>")
    dimension_xml = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (
        f'{avant}<worksheet xmlns="{NS}">{dimension_xml}<sheetData>{"".join(lignes)}'
        "</sheetData></worksheet>"
    )


def classeur(feuilles=None, type_principal=TYPE_CLASSEUR, autres=None, partages=None):
    """A minimal .xlsx written by hand: `feuilles` {name: worksheet XML}."""
    feuilles = feuilles or {"Feuille 1": feuille()}
    types = [
        f'<Override PartName="/xl/workbook.xml" ContentType="{type_principal}"/>',
        *(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            for i in range(1, len(feuilles) + 1)
        ),
    ]
    relations = [
        f'<Relationship Id="rId{i}" Type="{NS_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, len(feuilles) + 1)
    ]
    membres = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats'
            '.org/package/2006/content-types"><Default Extension="rels" ContentType="application'
            '/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
            f'ContentType="application/xml"/>{"".join(types)}</Types>'
        ),
        "_rels/.rels": (
            f'<Relationships xmlns="{NS_PKG}"><Relationship Id="rId1" Type="{NS_REL}/'
            'officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'<workbook xmlns="{NS}" xmlns:r="{NS_REL}"><sheets>'
            + "".join(
                f'<sheet name="{nom}" sheetId="{i}" r:id="rId{i}"/>'
                for i, nom in enumerate(feuilles, 1)
            )
            + "</sheets></workbook>"
        ),
        "xl/_rels/workbook.xml.rels": (
            f'<Relationships xmlns="{NS_PKG}">{"".join(relations)}</Relationships>'
        ),
    }
    for i, xml in enumerate(feuilles.values(), 1):
        membres[f"xl/worksheets/sheet{i}.xml"] = xml
    if partages is not None:
        membres["xl/sharedStrings.xml"] = partages
    membres.update(autres or {})
    return _zip(membres)


def document_word(type_principal=TYPE_DOCUMENT, corps="<w:body/>", autres=None, avant=""):
    """A minimal .docx."""
    membres = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats'
            '.org/package/2006/content-types"><Default Extension="rels" ContentType="application'
            '/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
            'ContentType="application/xml"/><Override PartName="/word/document.xml" '
            f'ContentType="{type_principal}"/></Types>'
        ),
        "_rels/.rels": (
            f'<Relationships xmlns="{NS_PKG}"><Relationship Id="rId1" Type="{NS_REL}/'
            'officeDocument" Target="word/document.xml"/></Relationships>'
        ),
        "word/document.xml": (
            f'{avant}<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/'
            f'2006/main">{corps}</w:document>'
        ),
    }
    membres.update(autres or {})
    return _zip(membres)


# --- the attacks --------------------------------------------------------------------------------


def dimension_geante():
    """The attack of the issue: the dimension A1:XFD1048576, a cell at A1 (a header) and one at
    XFD1048576. python-calamine allocates 1,048,576 × 16,384 cells of 32 bytes (512 GB) and the
    process aborts (SIGABRT)."""
    return classeur(
        {"Entités": feuille((("A1", "SIREN"), ("XFD1048576", "x")), dimension="A1:XFD1048576")}
    )


def cellule_lointaine_seule():
    """Only one cell, at XFD1048576: calamine panics (a Rust panic is a BaseException, not an
    Exception: it escaped the readers' `except Exception`)."""
    return classeur({"Entités": feuille((("XFD1048576", "x"),))})


def dimension_declaree_seule():
    """A dimension A1:XFD1048576 declared over a single cell: harmless for today's calamine,
    refused all the same (a workbook may not declare more than we read)."""
    return classeur({"Entités": feuille((("A1", "SIREN"),), dimension="A1:XFD1048576")})


def textes_partages_annonces():
    """`uniqueCount` of the shared strings: calamine reserves that many strings up front
    (4 billion: 96 GB, the process aborts)."""
    return classeur(
        partages=(
            f'<sst xmlns="{NS}" count="4000000000" uniqueCount="4000000000"><si><t>a</t></si></sst>'
        )
    )


def cellule_sans_position():
    """Cells without `r`: calamine places them after the previous one. Here 300 of them after
    10 rows (harmless); 16,384 `<c/>` and a million `<row/>` would cost a few MB and make the
    same 512 GB rectangle."""
    lignes = (
        '<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row>'
        + "<row/>" * 10
        + "<row>"
        + "<c/>" * 300
        + '<c t="inlineStr"><is><t>z</t></is></c></row>'
    )
    return classeur({"Entités": f'<worksheet xmlns="{NS}"><sheetData>{lignes}</sheetData>'
                     "</worksheet>"})  # fmt: skip


def bombe_zip():
    """A workbook with a 40 MB member of zeros (compressed about a thousand times)."""
    tampon = io.BytesIO(classeur())
    with zipfile.ZipFile(tampon, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/image1.bin", b"\0" * (40 * MEGAOCTET))
    return tampon.getvalue()


def rires_classeur():
    """A billion-laughs DTD in a worksheet."""
    return classeur({"Entités": feuille(avant=RIRES).replace("Objectifs", "&lol9;")})


def ole_chiffre():
    """A password-protected workbook or document: an OLE2 (CFB) container holding the
    EncryptionInfo and EncryptedPackage streams (MS-OFFCRYPTO); names in the directory, UTF-16."""
    entrees = b"".join(
        n.encode("utf-16-le") + b"\0" * 10 for n in ("EncryptionInfo", "EncryptedPackage")
    )
    return bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 1000 + entrees + b"\0" * 512


def classeur_a_macros():
    """An .xlsm (macro-enabled content type, a VBA project) renamed .xlsx."""
    return classeur(
        type_principal=TYPE_CLASSEUR_MACROS, autres={"xl/vbaProject.bin": b"\xcc\x61" * 64}
    )


def document_a_macros():
    """A .docm renamed .docx."""
    return document_word(
        type_principal=TYPE_DOCUMENT_MACROS, autres={"word/vbaProject.bin": b"\xcc\x61" * 64}
    )


def bombe_document():
    """A .docx with a 40 MB member of zeros."""
    return document_word(autres={"word/media/image1.bin": b"\0" * (40 * MEGAOCTET)})


def rires_document():
    """A .docx whose main part carries a billion-laughs DTD."""
    return document_word(avant=RIRES, corps="<w:body><w:p>&lol9;</w:p></w:body>")


def tronque(contenu):
    """The first half of a file (an interrupted upload, a damaged disk)."""
    return contenu[: len(contenu) // 2]


# name → (file name as sent, bytes builder, words the French refusal must contain)
CLASSEURS = {
    "dimension_geante": ("offre.xlsx", dimension_geante, "refusé par sécurité"),
    "cellule_lointaine_seule": ("offre.xlsx", cellule_lointaine_seule, "refusé par sécurité"),
    "dimension_declaree": ("offre.xlsx", dimension_declaree_seule, "refusé par sécurité"),
    "textes_partages": ("offre.xlsx", textes_partages_annonces, "refusé par sécurité"),
    "cellule_sans_position": ("offre.xlsx", cellule_sans_position, "structure inhabituelle"),
    "bombe_zip": ("offre.xlsx", bombe_zip, "volume anormalement grand"),
    "milliard_de_rires": ("offre.xlsx", rires_classeur, "DTD"),
    "chiffre": ("offre.xlsx", ole_chiffre, "protégé par un mot de passe"),
    "macros": ("offre.xlsx", classeur_a_macros, "macros"),
    "executable": ("offre.xlsx", lambda: EXECUTABLE, "n'est pas un classeur Excel .xlsx"),
    "vide": ("offre.xlsx", lambda: b"", "vide"),
    "tronque": ("offre.xlsx", lambda: tronque(classeur()), "endommagé"),
}

DOCUMENTS = {
    "bombe_zip": ("annexe.docx", bombe_document, "volume anormalement grand"),
    "milliard_de_rires": ("annexe.docx", rires_document, "DTD"),
    "chiffre": ("annexe.docx", ole_chiffre, "protégé par un mot de passe"),
    "macros": ("annexe.docx", document_a_macros, "macros"),
    "classeur_a_macros": ("budget.xlsx", classeur_a_macros, "macros"),
    "executable_pdf": ("annexe.pdf", lambda: EXECUTABLE, "n'est pas un fichier accepté"),
    "executable_docx": ("annexe.docx", lambda: EXECUTABLE, "n'est pas un fichier accepté"),
    "vide": ("annexe.pdf", lambda: b"", "vide"),
    "tronque": ("annexe.docx", lambda: tronque(document_word()), "n'est pas un fichier accepté"),
}

"""Where the cells of a worksheet are, read from its XML bytes without parsing it.

python-calamine places a cell at its ``r`` attribute (``<c r="B12">``); without one, or when the
tag is unusual, it infers the position from the previous cells. So:

1. every cell tag must be canonical, as every spreadsheet application writes it: ``<c r="`` then
   upper-case letters and a row without leading zero, then only the attributes a cell may have
   (``s``, ``t``, ``cm``, ``vm``, ``ph``) up to the end of the tag. One regular expression finds
   the first cell tag that is not (a missing or second ``r``, odd spacing or quotes…): the file
   is then refused, never guessed;
2. the highest row and column are then exact, at the cost of a few scans in C: the row of the
   last cell of a chunk is a candidate maximum (rows come in order in real files), and a pattern
   built for « a row greater than it » (resp. « a column greater than the highest seen ») finds
   whether some cell lies beyond; only then are all the positions of that chunk read.

Tags with a namespace prefix (``<x:c``, written by some generators) take the slower exact path:
every position is read and the tags are counted.
"""

import re
from functools import lru_cache
from operator import itemgetter

from .archives import FichierRefuse

LIGNE_MAX_CHIFFRES = 7
COLONNE_MAX_LETTRES = 3
_ATTRIBUTS = rb'(?: (?:s|t|cm|vm|ph)="[^"<]*")* ?/?>'
_POSITION = rb'r="([A-Z]{1,3})([1-9][0-9]{0,6})"'
_PREFIXE = rb"<[A-Za-z_][\w.-]{0,30}:"

# A cell tag (`<c` then a space, `/` or `>`) that is not canonical.
INCORRECTE = re.compile(rb"<c(?=[\s/>])(?! " + _POSITION.replace(b"(", b"(?:") + _ATTRIBUTS + b")")
CELLULE = re.compile(rb"<c " + _POSITION + _ATTRIBUTS)
CELLULE_PREFIXEE = re.compile(_PREFIXE + rb"c " + _POSITION + _ATTRIBUTS)
AUTRE_BALISE_C = re.compile(rb"<c[^\s/>]")  # <col>, <cfRule>, <color>…: no cells
BALISE_PREFIXEE = re.compile(_PREFIXE + rb"c[\s/>]")
LIGNES = re.compile(rb'<c r="[A-Z]{1,3}([1-9][0-9]{0,6})"')
COLONNES = re.compile(rb'<c r="([A-Z]{1,3})[1-9]')
DERNIERE = re.compile(rb'<c r="[A-Z]{1,3}([1-9][0-9]{0,6})"')

STRUCTURE = (
    "Le classeur a une structure inhabituelle (position de cellule absente ou mal écrite) : il "
    "n'a pas été enregistré par un tableur courant. Ouvrez-le dans Excel ou LibreOffice, "
    "enregistrez-le au format .xlsx, puis déposez-le à nouveau."
)


def numero_colonne(lettres):
    """ "A" → 1, "XFD" → 16384."""
    numero = 0
    for lettre in lettres.upper():
        numero = numero * 26 + ord(lettre) - 64
    return numero


def lettres_colonne(numero):
    """1 → "A", 16384 → "XFD"."""
    lettres = ""
    while numero:
        numero, reste = divmod(numero - 1, 26)
        lettres = chr(65 + reste) + lettres
    return lettres


def plus_grand_que(valeur, alphabet, longueur_max, premier=None):
    """A regular expression (str) matching the words over `alphabet` (its characters in
    increasing order) of at most `longueur_max` characters that are greater than `valeur`, the
    order being: longer is greater, then alphabetical. That is the order of numbers written
    without leading zero (`premier`: the characters allowed first, "123456789"), and of column
    letters. An empty `valeur` is smaller than every word."""
    premier = premier or alphabet

    def classe(caracteres):
        return "[" + "".join(caracteres) + "]"

    def suivants(caractere, permis):
        return [c for c in permis if alphabet.index(c) > alphabet.index(caractere)]

    longueur = len(valeur)
    branches = []
    if longueur < longueur_max:
        plus_long = classe(premier)
        if longueur_max > 1:
            plus_long += f"{classe(alphabet)}{{{max(longueur, 0)},{longueur_max - 1}}}"
        branches.append(plus_long)
    for i, caractere in enumerate(valeur):
        plus_grands = suivants(caractere, premier if i == 0 else alphabet)
        if plus_grands:
            reste = longueur - i - 1
            queue = f"{classe(alphabet)}{{{reste}}}" if reste else ""
            branches.append(re.escape(valeur[:i]) + classe(plus_grands) + queue)
    return "(?:" + "|".join(branches) + ")" if branches else "(?!)"


CHIFFRES = "0123456789"
LETTRES = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


@lru_cache(maxsize=256)
def _cellule_au_dela_ligne(ligne):
    motif = plus_grand_que(str(ligne) if ligne else "", CHIFFRES, LIGNE_MAX_CHIFFRES, CHIFFRES[1:])
    return re.compile(rb'<c r="[A-Z]{1,3}' + motif.encode() + rb'"')


@lru_cache(maxsize=256)
def _cellule_au_dela_colonne(colonne):
    motif = plus_grand_que(lettres_colonne(colonne), LETTRES, COLONNE_MAX_LETTRES)
    return re.compile(rb'<c r="' + motif.encode() + rb"[1-9]")


class EtendueCellules:
    """The highest row and column (1-based) of the cells of one XML part, fed text by text
    (`fin`: where the text to read ends; a text never cuts a tag)."""

    def __init__(self):
        self.ligne = self.colonne = 0

    def lire(self, texte, fin):
        if texte.find(b":c", 0, fin) != -1:
            self._lire_tout(texte, fin)
            return
        if INCORRECTE.search(texte, 0, fin):
            raise FichierRefuse(STRUCTURE, code="structure")
        derniere = texte.rfind(b'<c r="', 0, fin)
        if derniere == -1:
            return  # no cell here
        self.ligne = max(self.ligne, int(DERNIERE.match(texte, derniere).group(1)))
        if _cellule_au_dela_ligne(self.ligne).search(texte, 0, fin):
            self.ligne = max(self.ligne, max(map(int, LIGNES.findall(texte, 0, fin))))
        if not self.colonne or _cellule_au_dela_colonne(self.colonne).search(texte, 0, fin):
            colonnes = set(COLONNES.findall(texte, 0, fin))
            self.colonne = max(self.colonne, *(numero_colonne(c.decode()) for c in colonnes))

    def _lire_tout(self, texte, fin):
        paires = CELLULE.findall(texte, 0, fin) + CELLULE_PREFIXEE.findall(texte, 0, fin)
        balises = (
            texte.count(b"<c", 0, fin)
            - len(AUTRE_BALISE_C.findall(texte, 0, fin))
            + len(BALISE_PREFIXEE.findall(texte, 0, fin))
        )
        if len(paires) != balises:
            raise FichierRefuse(STRUCTURE, code="structure")
        if paires:
            colonnes = set(map(itemgetter(0), paires))
            self.colonne = max(self.colonne, *(numero_colonne(c.decode()) for c in colonnes))
            self.ligne = max(self.ligne, max(map(int, map(itemgetter(1), paires))))

"""Cell values as people really type them, turned into model values (docs/temps1.md,
« Le format » and « Valeurs »).

Every parser takes the raw value python-calamine gives for a cell (``str``, ``float``, ``int``,
``bool``, ``datetime.date``/``datetime.datetime``, or ``""`` for an empty cell) and returns the
model value, or raises ``ValeurInvalide`` with the French message shown to the person. Identifiers
go through ``backoffice.offre.validators`` (one way to check each identifier); ``valider=False``
only normalises, for a field the model's own ``clean()`` checks anyway.
"""

import datetime
import functools
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from backoffice.offre.validators import (
    normaliser_siren,
    normaliser_siret,
    valider_code_postal,
    valider_finess,
    valider_siren,
    valider_siret,
    valider_telephone,
)
from backoffice.recherche.texte import normaliser
from backoffice.territoires.models import Departement


class ValeurInvalide(ValueError):
    """A cell whose value cannot be accepted; the message is French and shown as is."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


# Spaces people (and Excel's number formats) put inside numbers: space, no-break space,
# narrow no-break space, thin space.
_ESPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")


@functools.lru_cache(maxsize=16384)
def cle(texte):
    """Comparison key of a header, a sheet name or a list value.

    Case, accents, punctuation (a trailing ``*``, dashes, apostrophes, brackets) and extra spaces
    are ignored: "RAISON SOCIALE *", " raison  sociale" and "Raison sociale" give the same key,
    so do "Personnes isolées" and "personnes isolees ", "Contact référent – nom" and
    "contact referent - nom".
    """
    return normaliser(texte)


def est_vide(valeur):
    return valeur is None or (isinstance(valeur, str) and not valeur.strip())


def _entier_exact(valeur):
    """The int a float cell holds when it is a whole number (Excel stores every number as float)."""
    if isinstance(valeur, float) and valeur.is_integer() and abs(valeur) < 1e18:
        return int(valeur)
    return None


def en_texte(valeur):
    """The text a person sees in the cell: whole numbers without ".0", dates as dd/mm/yyyy."""
    if valeur is None:
        return ""
    if isinstance(valeur, str):
        return valeur.strip()
    if isinstance(valeur, bool):
        return "VRAI" if valeur else "FAUX"
    if isinstance(valeur, float):
        entier = _entier_exact(valeur)
        return str(entier) if entier is not None else repr(valeur)
    if isinstance(valeur, datetime.datetime):
        if valeur.time() == datetime.time(0, 0):
            return valeur.strftime("%d/%m/%Y")
        return valeur.strftime("%d/%m/%Y %H:%M")
    if isinstance(valeur, datetime.date):
        return valeur.strftime("%d/%m/%Y")
    return str(valeur).strip()


def texte(valeur, longueur_max=None):
    # A text cell is the common case (96,000 in a national file): no type dispatch for it.
    resultat = valeur.strip() if type(valeur) is str else en_texte(valeur)
    if longueur_max and len(resultat) > longueur_max:
        raise ValeurInvalide(
            f"Texte trop long : {len(resultat)} caractères pour {longueur_max} au plus."
        )
    return resultat


def _chiffres(valeur):
    """Digits of an identifier typed as a number or as text with spaces."""
    entier = _entier_exact(valeur)
    if entier is not None:
        return str(entier)
    return _ESPACES.sub("", en_texte(valeur))


def _message(exc):
    return " ".join(exc.messages)


def siren(valeur):
    numero = normaliser_siren(_chiffres(valeur))
    try:
        valider_siren(numero)
    except ValidationError as exc:
        raise ValeurInvalide(_message(exc)) from exc
    return numero


def siret(valeur, valider=True):
    numero = normaliser_siret(_chiffres(valeur))
    if not valider:
        return numero
    try:
        valider_siret(numero)
    except ValidationError as exc:
        raise ValeurInvalide(_message(exc)) from exc
    return numero


def _nombre(valeur):
    return isinstance(valeur, (int, float)) and not isinstance(valeur, bool)


def finess(valeur, valider=True):
    numero = _chiffres(valeur).upper()
    if _nombre(valeur) and len(numero) == 8:  # a number that lost its leading zero (01…09)
        numero = numero.zfill(9)
    if not valider:
        return numero
    try:
        valider_finess(numero)
    except ValidationError as exc:
        raise ValeurInvalide(_message(exc)) from exc
    return numero


def code_postal(valeur, valider=True):
    numero = _chiffres(valeur)
    if _nombre(valeur) and len(numero) == 4:  # 01000 typed as a number
        numero = numero.zfill(5)
    if not valider:
        return numero
    try:
        valider_code_postal(numero)
    except ValidationError as exc:
        raise ValeurInvalide(_message(exc)) from exc
    return numero


def telephone(valeur, longueur_max=20, valider=True):
    numero = en_texte(valeur)
    entier = _entier_exact(valeur) if isinstance(valeur, float) else None
    if entier is not None and len(str(entier)) == 9:  # 0612345678 typed as a number
        numero = f"0{entier}"
    if not valider:
        return numero
    try:
        valider_telephone(numero)
    except ValidationError as exc:
        raise ValeurInvalide(_message(exc)) from exc
    if len(numero) > longueur_max:
        raise ValeurInvalide(f"Numéro trop long : {longueur_max} caractères au plus.")
    return numero


def courriel(valeur, longueur_max=254):
    adresse = en_texte(valeur)
    try:
        validate_email(adresse)
    except ValidationError as exc:
        raise ValeurInvalide("Adresse électronique invalide.") from exc
    if len(adresse) > longueur_max:
        raise ValeurInvalide(f"Adresse trop longue : {longueur_max} caractères au plus.")
    return adresse


def action(valeur, longueur_max=10):
    """Budget action: a number that lost its leading zero is padded back (2 → "02")."""
    resultat = texte(valeur, longueur_max)
    if resultat.isdigit() and len(resultat) == 1:
        resultat = resultat.zfill(2)
    return resultat


def _nombre_texte(valeur):
    """Decimal of a number typed as text: "12 345,50", "12345.5", "1.234,5", "12 345 €"."""
    brut = _ESPACES.sub("", valeur).replace("€", "")
    if "," in brut and "." in brut:
        # The last separator is the decimal one; the other groups thousands.
        if brut.rfind(",") > brut.rfind("."):
            brut = brut.replace(".", "").replace(",", ".")
        else:
            brut = brut.replace(",", "")
    else:
        brut = brut.replace(",", ".")
    if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", brut):
        raise InvalidOperation
    return Decimal(brut)


def _decimal(valeur):
    if isinstance(valeur, bool):
        raise InvalidOperation
    if isinstance(valeur, int):
        return Decimal(valeur)
    if isinstance(valeur, float):
        return Decimal(repr(valeur))
    if isinstance(valeur, str):
        return _nombre_texte(valeur)
    raise InvalidOperation


def entier(valeur, minimum=0):
    # A whole number cell (Excel stores every number as a float) needs no Decimal.
    nombre = _entier_exact(valeur) if type(valeur) is float else None
    if nombre is None:
        try:
            nombre = _decimal(valeur)
        except InvalidOperation as exc:
            raise ValeurInvalide("Nombre entier attendu.") from exc
        if nombre != nombre.to_integral_value():
            raise ValeurInvalide("Nombre entier attendu (sans décimales).")
        nombre = int(nombre)
    if minimum is not None and nombre < minimum:
        raise ValeurInvalide(f"Le nombre doit être supérieur ou égal à {minimum}.")
    if nombre > 2_147_483_647:
        raise ValeurInvalide("Nombre trop grand.")
    return nombre


def montant(valeur, chiffres=14, decimales=2):
    try:
        nombre = _decimal(valeur)
    except InvalidOperation as exc:
        raise ValeurInvalide(
            "Montant attendu : un nombre, par exemple 12 345,50 ou 12345.5."
        ) from exc
    if nombre < 0:
        raise ValeurInvalide("Le montant ne peut pas être négatif.")
    nombre = nombre.quantize(Decimal(1).scaleb(-decimales), rounding=ROUND_HALF_UP)
    if nombre >= Decimal(10) ** (chiffres - decimales):
        raise ValeurInvalide("Montant trop grand.")
    return nombre


def annee(valeur, minimum=2000, maximum=2100):
    try:
        nombre = entier(valeur, minimum=None)
    except ValeurInvalide as exc:
        raise ValeurInvalide(f"Année attendue (entre {minimum} et {maximum}).") from exc
    if not minimum <= nombre <= maximum:
        raise ValeurInvalide(f"L'exercice doit être une année entre {minimum} et {maximum}.")
    return nombre


_FORMATS_DATE = [
    (re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})"), ("j", "m", "a")),
    (re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2})"), ("j", "m", "aa")),
    (re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"), ("a", "m", "j")),
    (re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})"), ("a", "m", "j")),
]
_ORIGINE_EXCEL = datetime.date(1899, 12, 30)
MESSAGE_DATE = "Date attendue : une cellule date, ou 31/12/2025, 31/12/25 ou 2025-12-31."


def date(valeur):
    if isinstance(valeur, datetime.datetime):
        return valeur.date()
    if isinstance(valeur, datetime.date):
        return valeur
    if isinstance(valeur, (int, float)) and not isinstance(valeur, bool):
        # A date cell that lost its date format shows Excel's serial number (45657 = 31/12/2024).
        if 20_000 <= valeur <= 80_000 and float(valeur).is_integer():
            return _ORIGINE_EXCEL + datetime.timedelta(days=int(valeur))
        raise ValeurInvalide(MESSAGE_DATE)
    brut = en_texte(valeur)
    # "2025-12-31 00:00:00" or "2025-12-31T00:00": the time part is dropped.
    brut = re.split(r"[ T]", brut, maxsplit=1)[0] if re.match(r"\d{4}-", brut) else brut
    for motif, ordre in _FORMATS_DATE:
        correspondance = motif.fullmatch(brut)
        if not correspondance:
            continue
        parties = dict(zip(ordre, correspondance.groups(), strict=True))
        if "aa" in parties:
            deux = int(parties["aa"])
            annee_complete = 2000 + deux if deux < 70 else 1900 + deux
        else:
            annee_complete = int(parties["a"])
        try:
            return datetime.date(annee_complete, int(parties["m"]), int(parties["j"]))
        except ValueError as exc:
            raise ValeurInvalide(f"Date inexistante : {brut}.") from exc
    raise ValeurInvalide(MESSAGE_DATE)


def code_departement(valeur):
    """COG code as typed: 1 → 01, 2a → 2A, 44.0 → 44, "44 – Loire-Atlantique" → 44."""
    entier_valeur = _entier_exact(valeur)
    brut = str(entier_valeur) if entier_valeur is not None else en_texte(valeur)
    correspondance = re.match(r"^\s*(\d{1,3}|2[abAB])\s*[-–—]\s*\S", brut)
    if correspondance:
        brut = correspondance.group(1)
    return Departement.normaliser_code(brut)


def departement_du_code_postal(code):
    """Département of a French postal code, when it tells: 44000 → 44, 20090 → 2A, 97400 → 974.

    Postal codes follow départements except at a few borders; good enough for the siège of an
    entité, which only feeds perimeters (docs/domaine.md §2).
    """
    if not code or not re.fullmatch(r"\d{5}", code):
        return ""
    if code.startswith("20"):
        return "2A" if int(code) < 20200 else "2B"
    if code.startswith("97"):
        return code[:3]
    if code.startswith("98"):
        return ""
    return code[:2]

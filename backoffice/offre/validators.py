"""Identifier checks shared by forms, models and Temps 1 (one way to check each identifier)."""

import re

from django.core.exceptions import ValidationError
from stdnum.exceptions import InvalidChecksum, InvalidFormat, InvalidLength
from stdnum.fr import siren as stdnum_siren
from stdnum.fr import siret as stdnum_siret

FINESS_RE = re.compile(r"^(\d{2}|2A|2B)\d{7}$")
CODE_POSTAL_RE = re.compile(r"^\d{5}$")
TELEPHONE_RE = re.compile(r"^\+?[\d .\-()]{6,20}$")


def _compact(valeur):
    texte = str(valeur if valeur is not None else "").strip()
    if re.fullmatch(r"\d+\.0", texte):  # a number read from a spreadsheet: 552100554.0
        texte = texte[:-2]
    return re.sub(r"[\s\u00a0.]", "", texte)


def normaliser_siren(valeur):
    """Remove spaces; pad a number that lost its leading zeros (Excel)."""
    texte = _compact(valeur)
    if texte.isdigit() and len(texte) < 9:
        texte = texte.zfill(9)
    return texte


def normaliser_siret(valeur):
    texte = _compact(valeur)
    if texte.isdigit() and 9 < len(texte) < 14:
        texte = texte.zfill(14)
    return texte


def valider_siren(valeur):
    try:
        stdnum_siren.validate(valeur)
    except InvalidLength as exc:
        raise ValidationError("Le SIREN doit comporter 9 chiffres.", code="siren_longueur") from exc
    except InvalidFormat as exc:
        raise ValidationError(
            "Le SIREN ne doit contenir que des chiffres.", code="siren_format"
        ) from exc
    except InvalidChecksum as exc:
        raise ValidationError(
            "Ce SIREN n'est pas valide (clé de contrôle incorrecte).", code="siren_cle"
        ) from exc


def valider_siret(valeur):
    # stdnum handles La Poste's SIRETs, which do not follow the Luhn rule.
    try:
        stdnum_siret.validate(valeur)
    except InvalidLength as exc:
        raise ValidationError(
            "Le SIRET doit comporter 14 chiffres.", code="siret_longueur"
        ) from exc
    except InvalidFormat as exc:
        raise ValidationError(
            "Le SIRET ne doit contenir que des chiffres.", code="siret_format"
        ) from exc
    except InvalidChecksum as exc:
        raise ValidationError(
            "Ce SIRET n'est pas valide (clé de contrôle incorrecte).", code="siret_cle"
        ) from exc


def valider_finess(valeur):
    if not FINESS_RE.match(valeur or ""):
        raise ValidationError(
            "Le numéro FINESS doit comporter 9 caractères : le département (2 chiffres, 2A ou 2B) "
            "puis 7 chiffres.",
            code="finess_format",
        )


def valider_code_postal(valeur):
    if not CODE_POSTAL_RE.match(valeur or ""):
        raise ValidationError("Le code postal doit comporter 5 chiffres.", code="code_postal")


def valider_telephone(valeur):
    if not TELEPHONE_RE.match(valeur or "") or sum(c.isdigit() for c in valeur) < 6:
        raise ValidationError(
            "Numéro de téléphone invalide (chiffres, espaces, points, tirets, « + »).",
            code="telephone",
        )

"""Text helpers of the schéma: cleaning cells pasted from web forms, comparison keys.

Evaluation grids are filled by hand, copied between files, sometimes pasted from an online
questionnaire: the same action comes back with other accents, capitals, spaces, or wrapped in
HTML (`<ul style="…"> ◦ first ◦ second`). Texts are stored cleaned (plain text, one line per
bullet) and matched on a key that ignores all of that.
"""

import hashlib
import html
import re

from backoffice.recherche.texte import normaliser

# Block-level tags become line breaks; every other tag is dropped.
_BALISES_BLOC = re.compile(
    r"<\s*/?\s*(?:br|p|div|ul|ol|li|tr|table|h[1-6])\b[^>]*>", flags=re.IGNORECASE
)
_BALISE = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")
# Bullets typed or pasted inside a cell start a new line (only real bullet characters: a
# middle dot or a hyphen can be part of a sentence).
_PUCES = "◦•▪‣●○■□➢➤►"
_PUCE = re.compile(rf"\s*([{_PUCES}])\s*")
_ESPACES = re.compile(r"[ \t\u00a0\u202f\u2007]+")


def nettoyer(valeur):
    """Plain text of a cell: HTML tags removed (block tags and bullets become line breaks),
    entities decoded, spaces collapsed, empty lines dropped. `None` → ""."""
    if valeur is None:
        return ""
    texte = str(valeur)
    if "<" in texte or "&" in texte:
        texte = _BALISES_BLOC.sub("\n", texte)
        texte = _BALISE.sub("", texte)
        texte = html.unescape(texte)
    texte = texte.replace("\r\n", "\n").replace("\r", "\n")
    texte = _PUCE.sub(lambda m: f"\n{m.group(1)} ", texte)
    lignes = (_ESPACES.sub(" ", ligne).strip() for ligne in texte.split("\n"))
    return "\n".join(ligne for ligne in lignes if ligne)


def cle(valeur):
    """Comparison key: case, accents, ligatures, punctuation, bullets and spacing ignored.
    "MIEUX REpondre AUX SITUATIONS D'URGENCE" and "Mieux répondre aux situations d’urgence"
    give the same key."""
    return normaliser(nettoyer(valeur))


def empreinte(valeur):
    """Fixed-length fingerprint of the key, stored and indexed (an action's text can be longer
    than what a unique index accepts)."""
    return hashlib.sha256(cle(valeur).encode()).hexdigest()[:40]

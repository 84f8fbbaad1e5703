"""The one normalisation of searched and compared text."""

import re
import unicodedata

# Anything that is neither a letter nor a digit separates words: apostrophes (' ’ ʼ), quotes,
# hyphens and dashes, dots, slashes, underscores, spaces of every width.
_SEPARATEURS = re.compile(r"[\W_]+")
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae"})


def normaliser(texte):
    """Lowercase words without accents, separated by single spaces.

    "L'Étape", "l’étape" and "L ETAPE" give "l etape"; "Châteaubriant" gives "chateaubriant";
    "Cœur-de-Ville" gives "coeur de ville"; `None` gives "".
    """
    if texte is None:
        return ""
    decompose = unicodedata.normalize("NFKD", str(texte))
    sans_accents = "".join(c for c in decompose if not unicodedata.combining(c))
    return _SEPARATEURS.sub(" ", sans_accents.casefold().translate(_LIGATURES)).strip()


def mots(texte):
    """The words of a typed query, each normalised, each once, in order.

    Words are what the person separated with spaces: "44-00001" stays one word ("44 00001"),
    which only that code contains, and "l'etape" is "l etape", not "l" and "etape" apart.
    """
    normalises = (normaliser(mot) for mot in (texte or "").split())
    return list(dict.fromkeys(mot for mot in normalises if mot))

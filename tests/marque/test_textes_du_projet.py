"""The project's own texts (messages, errors, e-mails, command output, templates) say « 3 actions
modifiées », never « 3 action(s) modifiée(s) »: counts go through backoffice.grammaire.compter."""

import re
import tokenize
from pathlib import Path

from django.conf import settings

from backoffice.grammaire import compter
from tests.marque.outils import GENERIQUE

RACINE = Path(settings.BASE_DIR)
DOSSIERS = ["backoffice", "imports", "workflows", "templates"]
# The module that names the gender-blind forms in order to explain what it replaces.
EXEMPTES = {RACINE / "backoffice" / "grammaire.py"}


def _texte_litteral(chaine):
    """A string token without the expressions of an f-string (« {str(e)} » is code)."""
    prefixe = re.match(r"[A-Za-z]*", chaine).group(0).lower()
    return re.sub(r"\{[^{}]*\}", "", chaine) if "f" in prefixe else chaine


def _textes():
    for dossier in DOSSIERS:
        for chemin in sorted((RACINE / dossier).rglob("*.py")):
            if "migrations" in chemin.parts or chemin in EXEMPTES:
                continue
            with chemin.open("rb") as fichier:
                for jeton in tokenize.tokenize(fichier.readline):
                    if jeton.type == tokenize.STRING:
                        yield chemin, jeton.start[0], _texte_litteral(jeton.string)
        for chemin in sorted((RACINE / dossier).rglob("*.html")):
            for numero, ligne in enumerate(chemin.read_text(encoding="utf-8").splitlines(), 1):
                yield chemin, numero, ligne


def test_aucun_pluriel_ni_genre_entre_parentheses():
    defauts = [
        f"{chemin.relative_to(RACINE)}:{numero} {texte.strip()[:90]}"
        for chemin, numero, texte in _textes()
        if GENERIQUE.search(texte)
    ]
    assert not defauts, "\n".join(defauts)


def test_compter_accorde_en_nombre():
    assert compter(0, "action modifiée", "actions modifiées") == "0 action modifiée"
    assert compter(1, "action modifiée", "actions modifiées") == "1 action modifiée"
    assert compter(3, "action modifiée", "actions modifiées") == "3 actions modifiées"

"""The project's translation catalogue (locale/): the committed .mo is the compiled .po, and it
replaces every generic French string of the installed apps (« un(e) », « créé(e) »…)."""

import ast
import gettext
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.utils import translation
from django.utils.translation.trans_real import DjangoTranslation

from tests.marque.outils import GENERIQUE

LOCALE = Path(settings.BASE_DIR) / "locale"
CATALOGUES = sorted(LOCALE.glob("*/LC_MESSAGES/*.po"))


def lire_po(chemin):
    """{key: translation} as GNU gettext stores a compiled catalogue: « msgctxt\\x04msgid » for
    a context, (msgid, n) for plural forms; fuzzy and untranslated entries are left out, as msgfmt
    does. Also returns the python-format entries for the placeholder check."""
    entrees, courante, champ = [], None, None

    def nouvelle():
        return {"flags": set(), "msgctxt": None, "msgid": "", "msgid_plural": None, "msgstr": {}}

    for ligne in chemin.read_text(encoding="utf-8").splitlines() + [""]:
        ligne = ligne.strip()
        if not ligne:
            if courante is not None:
                entrees.append(courante)
            courante, champ = None, None
            continue
        if courante is None:
            courante = nouvelle()
        if ligne.startswith("#,"):
            courante["flags"] |= {f.strip() for f in ligne[2:].split(",")}
            continue
        if ligne.startswith("#"):
            continue
        if ligne.startswith('"'):
            valeur = ast.literal_eval(ligne)
        else:
            champ, _, reste = ligne.partition(" ")
            valeur = ast.literal_eval(reste)
        if champ.startswith("msgstr["):
            index = int(champ[7:-1])
            courante["msgstr"][index] = courante["msgstr"].get(index, "") + valeur
        elif champ == "msgstr":
            courante["msgstr"][0] = courante["msgstr"].get(0, "") + valeur
        else:
            courante[champ] = (courante[champ] or "") + valeur

    catalogue = {}
    for entree in entrees:
        if not entree["msgstr"]:  # a block of comments only
            continue
        if "fuzzy" in entree["flags"] or not all(entree["msgstr"].values()):
            continue
        cle = entree["msgid"]
        if entree["msgctxt"] is not None:
            cle = f"{entree['msgctxt']}\x04{cle}"
        if entree["msgid_plural"] is None:
            catalogue[cle] = entree["msgstr"][0]
        else:
            for index, texte in entree["msgstr"].items():
                catalogue[(cle, index)] = texte
    return catalogue, entrees


def test_il_y_a_un_catalogue_francais():
    assert LOCALE / "fr/LC_MESSAGES/django.po" in CATALOGUES


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: str(p.relative_to(LOCALE)))
def test_le_mo_commite_est_le_po_compile(po):
    mo = po.with_suffix(".mo")
    assert mo.exists(), f"{mo} manque : make messages"
    with mo.open("rb") as fichier:
        compile_ = gettext.GNUTranslations(fichier)._catalog
    attendu, _ = lire_po(po)
    assert compile_ == attendu, f"{mo.name} ne correspond plus à {po.name} : make messages"


def _variables(texte, accolades):
    if accolades:
        return set(re.findall(r"\{(\w+)\}", texte))
    return set(re.findall(r"%\((\w+)\)[sdfi]", texte))


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: str(p.relative_to(LOCALE)))
def test_les_traductions_gardent_les_variables(po):
    """A missing or misspelt « %(model_name)s » would raise at runtime (KeyError) or lose text."""
    _, entrees = lire_po(po)
    defauts = []
    for entree in filter(lambda e: e["msgstr"], entrees):
        accolades = "python-brace-format" in entree["flags"]
        if not ({"python-format", "python-brace-format"} & entree["flags"]):
            continue
        singulier = _variables(entree["msgid"], accolades)
        pluriel = _variables(entree["msgid_plural"] or "", accolades)
        for index, texte in entree["msgstr"].items():
            variables = _variables(texte, accolades)
            if entree["msgid_plural"] is None:
                bon = variables == singulier
            elif index == 0:  # the singular may leave out a count, as msgfmt allows
                bon = variables <= singulier | pluriel
            else:
                bon = variables == pluriel
            if not bon:
                defauts.append(f"{entree['msgid']!r} → {texte!r}")
    assert not defauts, "\n".join(defauts)


def _catalogues_installes(domaine):
    """(app, catalogue) of the French .mo shipped by each installed app and by Django."""
    dossiers = [(app.name, Path(app.path) / "locale") for app in apps.get_app_configs()]
    dossiers.append(("django", Path(translation.__file__).parents[2] / "conf" / "locale"))
    for nom, dossier in dossiers:
        mo = dossier / "fr" / "LC_MESSAGES" / f"{domaine}.mo"
        if mo.exists() and LOCALE not in mo.parents:
            with mo.open("rb") as fichier:
                yield nom, gettext.GNUTranslations(fichier)._catalog


def _traduire(active, cle):
    msgid, nombre = (cle[0], 2 if cle[1] else 1) if isinstance(cle, tuple) else (cle, None)
    contexte, _, msgid = msgid.rpartition("\x04")
    if contexte and nombre is not None:
        return active.npgettext(contexte, msgid, msgid, nombre)
    if contexte:
        return active.pgettext(contexte, msgid)
    if nombre is not None:
        return active.ngettext(msgid, msgid, nombre)
    return active.gettext(msgid)


@pytest.mark.parametrize("domaine", ["django", "djangojs"])
def test_aucune_chaine_generique_ne_subsiste(domaine):
    """Every string an installed app translates as « créé(e) », « un(e) », « ce/cette »… is
    translated by the project's catalogue instead, in proper French."""
    if domaine == "django":
        active = translation.trans_real.translation("fr")
    else:
        dossiers = [str(Path(app.path) / "locale") for app in apps.get_app_configs()]
        active = DjangoTranslation("fr", domain="djangojs", localedirs=dossiers)
    defauts = []
    for app, catalogue in _catalogues_installes(domaine):
        for cle, texte in catalogue.items():
            if cle and GENERIQUE.search(texte):
                traduit = _traduire(active, cle)
                if GENERIQUE.search(traduit):
                    defauts.append(f"{app} : {cle!r} → {traduit!r}")
    assert not defauts, f"{len(defauts)} chaînes :\n" + "\n".join(sorted(set(defauts)))

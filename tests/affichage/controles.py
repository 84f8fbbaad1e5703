"""What a person reads on a page, and the display faults looked for in it: Python values,
raw state or action codes, dates that are not Paris time in French format."""

import re
from html.parser import HTMLParser

from django.apps import apps
from django.db import models
from django_fsm import FSMField

# Attributes read aloud or shown (screen readers, tooltips, placeholders, buttons' values).
ATTRIBUTS_LUS = {
    "aria-label",
    "aria-description",
    "title",
    "alt",
    "placeholder",
    "data-w-tooltip-content-value",
}
TYPES_SAISIE_VISIBLES = {"text", "submit", "button", "search", "email", "tel", "url", "number", ""}
BALISES_MUETTES = {"script", "style"}
BALISES_VIDES = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta"}

PYTHON = re.compile(r"\b(None|True|False)\b")
MICROSECONDES = re.compile(r"\d{1,2}:\d{2}:\d{2}[.,]\d{3,6}")
FUSEAU = re.compile(r"\+00:?00\b|\bUTC\b|\bGMT\b")
DATE_ISO = re.compile(r"(?<![\w-])\d{4}-\d{2}-\d{2}(?![\w-])")

APPS_DU_PROJET = {
    "territoires",
    "offre",
    "acces",
    "demandes",
    "conventions",
    "appels",
    "pilotage",
    "qualite",
    "schemas",
    "imports",
    "workflows",
}

# State and action codes that are also ordinary French words: seen in a sentence, they are the
# word, not the code (« une date valide », « l'appel se termine »). The others are never French.
MOTS_FRANCAIS = {
    "valide",
    "publie",
    "termine",
    "annule",
    "soumettre",
    "valider",
    "publier",
    "signer",
    "clore",
    "terminer",
    "annuler",
    "retenir",
    "instruire",
    "refuser",
    "renvoyer",
    "expirer",
    "abandonner",
    "conventionner",
}


class Lecteur(HTMLParser):
    """Collects the text of a page as people get it: text nodes (not scripts, styles or
    elements marked `hidden`) and the attributes that are displayed or read aloud."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.morceaux = []
        self._ouverts = []  # (tag, muet) of the open elements

    @property
    def _muet(self):
        return any(muet for _, muet in self._ouverts)

    def handle_starttag(self, tag, attrs):
        attributs = dict(attrs)
        muet = tag in BALISES_MUETTES or "hidden" in attributs
        if tag not in BALISES_VIDES:
            self._ouverts.append((tag, muet))
        if muet or self._muet:
            return
        for nom, valeur in attributs.items():
            if valeur and nom in ATTRIBUTS_LUS:
                self.morceaux.append(f"[{nom}] {valeur}")
        saisie_visible = tag == "input" and attributs.get("type", "") in TYPES_SAISIE_VISIBLES
        if saisie_visible and attributs.get("value"):
            self.morceaux.append(f"[value] {attributs['value']}")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in BALISES_VIDES:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        for rang in range(len(self._ouverts) - 1, -1, -1):
            if self._ouverts[rang][0] == tag:
                del self._ouverts[rang:]
                break

    def handle_data(self, data):
        if not self._muet and data.strip():
            self.morceaux.append(" ".join(data.split()))


def textes(html):
    lecteur = Lecteur()
    lecteur.feed(html)
    lecteur.close()
    return lecteur.morceaux


def modeles_du_projet():
    return [m for m in apps.get_models() if m._meta.app_label in APPS_DU_PROJET]


def codes_bruts():
    """Codes of the states (every FSM field, and the other state fields) and of the transitions
    of the project's models that must never be shown as such."""
    codes = set()
    for model in modeles_du_projet():
        for champ in model._meta.concrete_fields:
            if isinstance(champ, FSMField) or (
                champ.name == "etat" and isinstance(champ, models.CharField) and champ.choices
            ):
                for code, libelle in champ.flatchoices:
                    if code != str(libelle).lower():
                        codes.add(code)
            if isinstance(champ, FSMField):
                for methode in vars(model).values():
                    meta = getattr(methode, "_django_fsm", None)
                    if meta is not None and meta.field.name == champ.name:
                        codes.update(t.name for t in meta.transitions.values())
    # Entries of the timelines that are not transitions (workflows.services).
    codes.update({"creer", "deposer", "ajouter_pieces", "declarer"})
    return {code for code in codes if code not in MOTS_FRANCAIS}


def motif_codes(codes):
    return re.compile(r"(?<![\w-])(" + "|".join(sorted(map(re.escape, codes))) + r")(?![\w-])")


def defauts(morceaux, codes_motif, heures_interdites=()):
    """The faults found in a page's text fragments, as readable strings."""
    trouves = []
    for morceau in morceaux:
        for motif, nature in (
            (PYTHON, "valeur Python"),
            (MICROSECONDES, "microsecondes"),
            (FUSEAU, "fuseau UTC"),
            (DATE_ISO, "date ISO"),
            (codes_motif, "code brut"),
        ):
            if trouve := motif.search(morceau):
                trouves.append(f"{nature} « {trouve.group(0)} » dans « {morceau[:160]} »")
        for heure in heures_interdites:
            if re.search(rf"(?<!\d){heure}(?!\d)", morceau):
                trouves.append(f"heure UTC « {heure} » dans « {morceau[:160]} »")
    return trouves

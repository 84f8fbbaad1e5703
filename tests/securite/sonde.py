"""Calling one URL as one account and judging the answer: status, markers of the 75 world in
the answer, rows of the 75 world changed, mails sent. Each call runs in a savepoint rolled
back afterwards, so every call meets the same world.

Every SQL statement of the call is watched: only a call that wrote to a watched table (monde.py)
pays for a full snapshot of the 75 world, to say what it changed. The walk stays fast and a
write by GET is caught as surely as one by POST.
"""

import contextlib
import datetime
import re
import traceback
from dataclasses import dataclass

from django import forms
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction

from tests.acces.outils import donnees_formulaire

from .monde import PDF, differences, tables_surveillees

TEXTE_SONDE = "Sonde-modifie"
ECRITURE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)


class Ecritures:
    """The tables a call wrote to (a `connection.execute_wrapper`)."""

    def __init__(self):
        self.tables = set()

    def __call__(self, execute, sql, params, many, context):
        trouve = ECRITURE.match(sql)
        if trouve:
            self.tables.add(trouve.group(1))
        return execute(sql, params, many, context)


@dataclass
class Resultat:
    statut: int  # 500 when the view raised
    corps: bytes
    ecarts: list  # what the call changed in the 75 world (empty: nothing)
    mails: int
    erreur: str = ""
    reponse: object = None


def _corps(reponse):
    entetes = "\n".join(f"{k}: {v}" for k, v in reponse.headers.items()).encode()
    if getattr(reponse, "streaming", False):
        return entetes + b"".join(reponse.streaming_content)
    return entetes + reponse.content


def appeler(client, methode, url, donnees, monde, photo_initiale=None):
    """Call `url`; with `photo_initiale`, compare the 75 world after the call to it."""
    client.cookies.pop("messages", None)  # no message left over from an earlier call
    mails = len(mail.outbox)
    ecritures = Ecritures()
    with transaction.atomic():
        try:
            with connection.execute_wrapper(ecritures):
                if methode == "get":
                    reponse = client.get(url)
                else:
                    reponse = client.post(url, donnees() if callable(donnees) else donnees)
            resultat = Resultat(reponse.status_code, _corps(reponse), [], 0, reponse=reponse)
        except Exception as exc:  # noqa: BLE001 — the view's crash is what we report
            pile = traceback.format_exception(exc)
            resultat = Resultat(500, b"", [], 0, erreur="".join(pile[-6:]))
        ecrit = ecritures.tables & tables_surveillees()
        if photo_initiale is not None and ecrit and not resultat.erreur:
            resultat.ecarts = differences(photo_initiale, monde.photo())
        resultat.mails = len(mail.outbox) - mails
        transaction.set_rollback(True)
    del mail.outbox[mails:]
    return resultat


def _formulaire(reponse):
    contexte = getattr(reponse, "context", None)
    if not contexte:
        return None
    for cle in ("form", "formulaire"):
        try:
            valeur = contexte[cle]
        except KeyError:
            continue
        if isinstance(valeur, forms.BaseForm):
            return valeur
    return None


def _valeur_requise(champ):
    if isinstance(champ, forms.FileField):
        return SimpleUploadedFile("sonde.pdf", PDF, content_type="application/pdf")
    if isinstance(champ, forms.DateField):
        return datetime.date.today().isoformat()
    if isinstance(champ, forms.IntegerField | forms.DecimalField | forms.FloatField):
        return "1"
    if isinstance(champ, forms.ChoiceField):
        for valeur, _ in champ.choices:
            if valeur not in ("", None):
                return str(getattr(valeur, "value", valeur))
        return ""
    if isinstance(champ, forms.BooleanField):
        return "on"
    return TEXTE_SONDE


def corps_plausible(reponse, cible):
    """What the form the national administrator is served on this URL would send, with its
    texts changed (an edit that would change something), its empty required fields filled and
    a file in each file field: the body of a request that performs the action. A callable: a
    file is read once, so each call builds its own body."""
    formulaire = _formulaire(reponse)

    def construire():
        donnees = {"commentaire": TEXTE_SONDE, "motif": TEXTE_SONDE, **cible.donnees}
        if formulaire is None:
            return donnees
        # An unusual form: keep the defaults.
        with contextlib.suppress(Exception):
            donnees.update(donnees_formulaire(formulaire))
        for nom, champ in formulaire.fields.items():
            cle = formulaire.add_prefix(nom)
            valeur = donnees.get(cle)
            if isinstance(champ, forms.FileField) or (champ.required and valeur in ("", None)):
                donnees[cle] = _valeur_requise(champ)
            elif isinstance(valeur, str) and "Lutetia-" in valeur:
                donnees[cle] = TEXTE_SONDE
        return donnees

    return construire

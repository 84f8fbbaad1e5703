"""Controls for the tests. States are reached through the real transition service (never by
writing the state), with the national administrator unless told otherwise."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from backoffice.controle.choix import E, Theme, TypeMesure
from backoffice.controle.models import Controle, Mesure
from workflows.services import executer_transition

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(nom="rapport.pdf", contenu=PDF):
    return SimpleUploadedFile(nom, contenu, content_type="application/pdf")


def jours(n):
    return timezone.localdate() + datetime.timedelta(days=n)


def nouveau_controle(dispositif, **kwargs):
    kwargs.setdefault("themes", [Theme.FINANCIER.value, Theme.SECURITE.value])
    kwargs.setdefault("date_prevue", jours(10))
    kwargs.setdefault("inspecteurs", "Inspection de la DDETS")
    controle = Controle(dispositif=dispositif, **kwargs)
    controle.save()
    return controle


def mesure_pour(controle, type_mesure=TypeMesure.RECOMMANDATION, **kwargs):
    kwargs.setdefault("texte", "Mettre à jour le projet d'établissement.")
    if type_mesure in (TypeMesure.INJONCTION, TypeMesure.MISE_EN_DEMEURE):
        kwargs.setdefault("echeance", jours(60))
    if type_mesure == TypeMesure.MISE_EN_DEMEURE:
        kwargs.setdefault("date_notification", jours(0))
    return Mesure.objects.create(controle=controle, type_mesure=type_mesure, **kwargs)


# Each state, the transitions leading to it from the previous one (with their parameters).
ETAPES = [
    (E.PREPARE, "preparer", lambda: {}),
    (E.REALISE, "realiser", lambda: {"date_realisation": jours(0)}),
    (E.RAPPORT_PROVISOIRE, "joindre_rapport_provisoire", lambda: {"fichier": pdf()}),
    (E.PROCEDURE_CONTRADICTOIRE, "ouvrir_contradictoire", lambda: {}),
    (
        E.RAPPORT_DEFINITIF,
        "arreter_rapport_definitif",
        # The entité did not answer: the deadline (30 days) has passed on that day.
        lambda: {"fichier": pdf("definitif.pdf"), "aujourdhui": jours(31)},
    ),
]


def amener(controle, etat, acteur):
    """Run the transitions leading a programmed control to `etat`; `suites_en_cours` adds a
    recommendation first, `clos` closes without measures, `annule` cancels when programmed."""
    if etat == E.ANNULE:
        return executer_transition(
            Controle, controle.pk, "annuler", acteur, commentaire="Dispositif fermé entre-temps"
        )
    cible = {E.SUITES_EN_COURS: E.RAPPORT_DEFINITIF, E.CLOS: E.RAPPORT_DEFINITIF}.get(etat, etat)
    for etat_etape, nom, parametres in ETAPES:
        if controle.etat == cible:
            break
        controle = executer_transition(Controle, controle.pk, nom, acteur, **parametres())
        assert controle.etat == etat_etape
    if etat == E.SUITES_EN_COURS:
        mesure_pour(controle)
        controle = executer_transition(Controle, controle.pk, "engager_suites", acteur)
    elif etat == E.CLOS:
        controle = executer_transition(Controle, controle.pk, "clore", acteur)
    assert controle.etat == etat
    return controle


def controle_en(dispositif, etat, acteur, **kwargs):
    return amener(nouveau_controle(dispositif, **kwargs), etat, acteur)

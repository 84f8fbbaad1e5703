"""The convention state machine through the one transition service: role × perimeter × state.

Every refusal leaves the convention unchanged; every success is logged in its timeline."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from backoffice.conventions.models import Convention, EtatConvention
from tests.conventions.factories import amener, convention_pour, pdf
from workflows.services import TransitionImpossible, chronologie, executer_transition

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_temporaire")]

OK, REFUS, INTROUVABLE = "ok", "refus", "404"

# (transition, starting state, actor fixture, expected)
MATRICE = [
    ("soumettre", "brouillon", "ddets44", OK),
    ("soumettre", "brouillon", "regional52", OK),
    ("soumettre", "brouillon", "national", OK),
    ("soumettre", "brouillon", "ddets75", INTROUVABLE),
    ("soumettre", "brouillon", "regional11", INTROUVABLE),
    ("soumettre", "brouillon", "siao44", REFUS),
    ("soumettre", "brouillon", "lecteur44", REFUS),
    ("soumettre", "brouillon", "gestionnaire44", REFUS),
    ("pre_valider", "soumise", "ddets44", OK),
    ("pre_valider", "soumise", "national", OK),
    ("pre_valider", "soumise", "regional52", REFUS),
    ("pre_valider", "soumise", "siao44", REFUS),
    ("pre_valider", "soumise", "ddets75", INTROUVABLE),
    ("valider", "pre_validee", "regional52", OK),
    ("valider", "pre_validee", "national", OK),
    ("valider", "pre_validee", "ddets44", REFUS),
    ("valider", "pre_validee", "lecteur44", REFUS),
    ("valider", "pre_validee", "regional11", INTROUVABLE),
    ("renvoyer", "soumise", "ddets44", OK),
    ("renvoyer", "soumise", "regional52", REFUS),
    ("renvoyer", "pre_validee", "regional52", OK),
    ("renvoyer", "pre_validee", "ddets44", REFUS),
    ("signer", "validee", "ddets44", OK),
    ("signer", "validee", "regional52", OK),
    ("signer", "validee", "gestionnaire44", REFUS),
    ("signer", "validee", "ddets75", INTROUVABLE),
    ("abandonner", "validee", "ddets44", OK),
    ("abandonner", "validee", "siao44", REFUS),
    ("resilier", "signee", "ddets44", OK),
    ("resilier", "signee", "lecteur44", REFUS),
    ("mettre_en_vigueur", "signee", "ddets44", REFUS),
    ("mettre_en_vigueur", "signee", "national", REFUS),
]

PARAMETRES = {
    "signer": lambda: {"fichier": pdf(), "date_signature": None},
    "renvoyer": lambda: {"commentaire": "Compléter les objectifs"},
    "abandonner": lambda: {"commentaire": "Projet retiré par l'opérateur"},
    "resilier": lambda: {"commentaire": "Fermeture du site"},
}


@pytest.mark.parametrize(("nom", "etat", "acteur", "attendu"), MATRICE)
def test_matrice_des_droits(request, national, dispositif44, nom, etat, acteur, attendu):
    from django.utils import timezone

    convention = convention_pour(dispositif44)
    if etat != "brouillon":
        convention = amener(convention, etat, national)
    user = request.getfixturevalue(acteur)
    params = PARAMETRES.get(nom, dict)()
    if "date_signature" in params:
        params["date_signature"] = timezone.localdate()
    commentaire = params.pop("commentaire", "")
    evenements_avant = len(chronologie(convention))

    if attendu == OK:
        resultat = executer_transition(
            Convention, convention.pk, nom, user, commentaire=commentaire, **params
        )
        assert resultat.etat != etat
        dernier = chronologie(resultat)[-1]
        assert (dernier["transition"], dernier["de"], dernier["vers"]) == (nom, etat, resultat.etat)
        return

    erreur = PermissionDenied if attendu == REFUS else Http404
    with pytest.raises(erreur):
        executer_transition(Convention, convention.pk, nom, user, commentaire=commentaire, **params)
    convention.refresh_from_db()
    assert convention.etat == etat
    assert len(chronologie(convention)) == evenements_avant


def test_convention_nationale_validee_par_le_national_seulement(national, regional52, dispositif44):
    convention = amener(convention_pour(dispositif44, nationale=True), "pre_validee", national)
    with pytest.raises(PermissionDenied):
        executer_transition(Convention, convention.pk, "valider", regional52)
    convention = executer_transition(Convention, convention.pk, "valider", national)
    assert convention.etat == EtatConvention.VALIDEE


def test_circuit_complet_et_historique(ddets44, regional52, dispositif44):
    convention = convention_pour(dispositif44)
    executer_transition(Convention, convention.pk, "soumettre", ddets44)
    executer_transition(Convention, convention.pk, "pre_valider", ddets44, commentaire="RAS")
    executer_transition(Convention, convention.pk, "valider", regional52)
    from django.utils import timezone

    convention = executer_transition(
        Convention,
        convention.pk,
        "signer",
        ddets44,
        date_signature=timezone.localdate(),
        fichier=pdf(),
    )
    assert convention.etat == EtatConvention.SIGNEE
    assert convention.signee_le is not None
    copie = convention.documents.get()
    assert copie.nature == "copie_signee" and copie.document.file.read().startswith(b"%PDF")
    etapes = [(e["de"], e["vers"]) for e in chronologie(convention)]
    assert etapes == [
        ("brouillon", "soumise"),
        ("soumise", "pre_validee"),
        ("pre_validee", "validee"),
        ("validee", "signee"),
    ]
    # django-simple-history keeps one version of the convention per change of state.
    assert list(convention.history.order_by("history_date").values_list("etat", flat=True)) == [
        "brouillon",
        "soumise",
        "pre_validee",
        "validee",
        "signee",
    ]


def test_signer_une_convention_non_validee_est_refuse(ddets44, dispositif44):
    from django.utils import timezone

    convention = convention_pour(dispositif44)
    with pytest.raises(TransitionImpossible, match="n'est plus possible"):
        executer_transition(
            Convention,
            convention.pk,
            "signer",
            ddets44,
            date_signature=timezone.localdate(),
            fichier=pdf(),
        )
    convention.refresh_from_db()
    assert convention.etat == EtatConvention.BROUILLON
    assert not convention.documents.exists()


def test_une_action_deja_faite_par_un_autre_est_refusee(ddets44, dispositif44):
    convention = convention_pour(dispositif44)
    executer_transition(Convention, convention.pk, "soumettre", ddets44)
    with pytest.raises(TransitionImpossible, match="n'est plus possible"):
        executer_transition(Convention, convention.pk, "soumettre", ddets44)


def test_notification_au_prochain_acteur(
    django_capture_on_commit_callbacks, mailoutbox, ddets44, regional52, regional11, dispositif44
):
    convention = amener(convention_pour(dispositif44), "soumise", ddets44)
    with django_capture_on_commit_callbacks(execute=True):
        executer_transition(Convention, convention.pk, "pre_valider", ddets44)
    assert [m.to for m in mailoutbox] == [[regional52.email]]
    assert mailoutbox[0].subject.startswith("Convention à valider")
    assert f"/admin/conventions/inspect/{convention.pk}/" in mailoutbox[0].body


def test_aucun_courriel_si_la_transition_echoue(
    django_capture_on_commit_callbacks, mailoutbox, ddets44, dispositif44
):
    convention = convention_pour(dispositif44, places=500)  # above the authorised capacity
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(TransitionImpossible):
        executer_transition(Convention, convention.pk, "soumettre", ddets44)
    assert mailoutbox == []

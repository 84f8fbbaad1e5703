"""The control's state machine through the one transition service: each transition, who may run
it (role AND perimeter), its refusals in French, nothing changed on a refusal, the e-mails."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.http import Http404

from backoffice.controle.choix import E, NatureDocument, SuiviMesure, TypeMesure
from backoffice.controle.models import Controle, Mesure, joindre_document
from tests.controle.factories import controle_en, jours, mesure_pour, nouveau_controle, pdf
from workflows.libelles import transitions_sans_libelle
from workflows.services import TransitionImpossible, chronologie, executer_transition

pytestmark = pytest.mark.django_db


def transition(controle, nom, acteur, **params):
    return executer_transition(Controle, controle.pk, nom, acteur, **params)


def test_chaque_transition_declare_son_libelle():
    assert transitions_sans_libelle(Controle) == []
    assert transitions_sans_libelle(Mesure) == []


def test_le_parcours_complet_par_la_ddets(dispositif44, ddets44, gestionnaire44):
    controle = nouveau_controle(dispositif44, cree_par=ddets44)
    assert controle.etat == E.PROGRAMME
    assert (controle.entite_id, controle.departement_id) == (dispositif44.entite_id, "44")
    controle = transition(controle, "preparer", ddets44)
    controle = transition(controle, "realiser", ddets44, date_realisation=jours(-1))
    assert controle.date_realisation == jours(-1)
    controle = transition(controle, "joindre_rapport_provisoire", ddets44, fichier=pdf())
    assert controle.documents.get().nature == NatureDocument.RAPPORT_PROVISOIRE
    controle = transition(controle, "ouvrir_contradictoire", ddets44)
    assert controle.etat == E.PROCEDURE_CONTRADICTOIRE
    assert controle.date_limite_reponse == jours(30)  # the default delay
    controle = transition(
        controle,
        "repondre",
        gestionnaire44,
        commentaire="Nous contestons le constat 2.",
        fichier=pdf("reponse.pdf"),
    )
    assert controle.reponse_entite == "Nous contestons le constat 2."
    assert controle.repondu_par == gestionnaire44
    assert controle.documents.filter(nature=NatureDocument.REPONSE_ENTITE).count() == 1
    controle = transition(controle, "arreter_rapport_definitif", ddets44, fichier=pdf("def.pdf"))
    mesure_pour(controle, TypeMesure.INJONCTION)
    controle = transition(controle, "engager_suites", ddets44)
    mesure = controle.mesures.get()
    executer_transition(Mesure, mesure.pk, "lever", ddets44)
    controle = transition(controle, "clore", ddets44)
    assert controle.etat == E.CLOS
    assert [e["transition"] for e in chronologie(controle)] == [
        "preparer",
        "realiser",
        "joindre_rapport_provisoire",
        "ouvrir_contradictoire",
        "repondre",
        "arreter_rapport_definitif",
        "engager_suites",
        "clore",
    ]
    assert chronologie(controle)[4]["action"] == "Répondre au rapport provisoire"


def test_clos_sans_suite_depuis_le_rapport_definitif(dispositif44, national):
    controle = controle_en(dispositif44, E.RAPPORT_DEFINITIF, national)
    assert transition(controle, "clore", national).etat == E.CLOS


@pytest.mark.parametrize(
    ("etat", "nom", "params", "message"),
    [
        (E.PROGRAMME, "annuler", {}, "Indiquez le motif de l'annulation."),
        (E.PREPARE, "realiser", {}, "Indiquez la date à laquelle le contrôle a eu lieu."),
        (E.PREPARE, "realiser", {"date_realisation": jours(2)}, "ne peut pas être dans le futur"),
        (E.REALISE, "joindre_rapport_provisoire", {}, "Joignez le rapport provisoire."),
        (
            E.RAPPORT_PROVISOIRE,
            "ouvrir_contradictoire",
            {"date_limite_reponse": jours(0)},
            "doit être postérieure à aujourd'hui",
        ),
        (
            E.PROCEDURE_CONTRADICTOIRE,
            "arreter_rapport_definitif",
            {"fichier": pdf()},
            "pour répondre : le rapport définitif s'arrête après sa réponse",
        ),
        (
            E.PROCEDURE_CONTRADICTOIRE,
            "prolonger_delai",
            {"date_limite_reponse": jours(10)},
            "La nouvelle date limite doit suivre l'actuelle",
        ),
        (E.RAPPORT_DEFINITIF, "engager_suites", {}, "Ajoutez au moins une mesure"),
    ],
)
def test_refus_en_francais_sans_rien_changer(dispositif44, national, etat, nom, params, message):
    controle = controle_en(dispositif44, etat, national)
    avant = Controle.objects.filter(pk=controle.pk).values().get()
    with pytest.raises(TransitionImpossible) as refus:
        transition(controle, nom, national, **params)
    assert message in refus.value.message
    assert Controle.objects.filter(pk=controle.pk).values().get() == avant


def test_preparer_demande_date_et_inspecteurs(dispositif44, ddets44):
    controle = nouveau_controle(dispositif44, date_prevue=None, inspecteurs="")
    with pytest.raises(TransitionImpossible) as refus:
        transition(controle, "preparer", ddets44)
    assert refus.value.message == (
        "Indiquez la date prévue et les inspecteurs (« Modifier ») avant de préparer le contrôle."
    )


def test_annuler_seulement_avant_la_realisation(dispositif44, ddets44):
    controle = controle_en(dispositif44, E.PREPARE, ddets44)
    annule = transition(controle, "annuler", ddets44, commentaire="Doublon")
    assert (annule.etat, annule.motif_annulation) == (E.ANNULE, "Doublon")
    realise = controle_en(dispositif44, E.REALISE, ddets44)
    with pytest.raises(TransitionImpossible) as refus:
        transition(realise, "annuler", ddets44, commentaire="Trop tard")
    assert "Cette action n'est plus possible" in refus.value.message


def test_mise_en_demeure_datee_avec_son_document(dispositif44, national):
    controle = controle_en(dispositif44, E.RAPPORT_DEFINITIF, national)
    mesure = mesure_pour(controle, TypeMesure.MISE_EN_DEMEURE)
    with pytest.raises(TransitionImpossible) as refus:
        transition(controle, "engager_suites", national)
    assert "attend sa date et son document" in refus.value.message
    joindre_document(
        controle, pdf("mise.pdf"), NatureDocument.MISE_EN_DEMEURE, national, mesure=mesure
    )
    assert transition(controle, "engager_suites", national).etat == E.SUITES_EN_COURS


def test_clore_exige_des_mesures_suivies(dispositif44, national):
    controle = controle_en(dispositif44, E.SUITES_EN_COURS, national)
    with pytest.raises(TransitionImpossible) as refus:
        transition(controle, "clore", national)
    assert refus.value.message == (
        "1 mesure encore à suivre : constatez pour chacune si elle est levée ou non avant de "
        "clôturer le contrôle."
    )
    mesure = controle.mesures.get()
    with pytest.raises(TransitionImpossible) as refus:
        executer_transition(Mesure, mesure.pk, "constater_non_levee", national)
    assert refus.value.message == "Indiquez ce qui n'a pas été fait."
    mesure = executer_transition(
        Mesure, mesure.pk, "constater_non_levee", national, commentaire="Rien n'a changé"
    )
    assert (mesure.etat, mesure.date_suivi) == (SuiviMesure.NON_LEVEE, jours(0))
    assert transition(controle, "clore", national).etat == E.CLOS


def test_une_mesure_ne_se_suit_qu_apres_l_engagement_des_suites(dispositif44, national):
    controle = controle_en(dispositif44, E.RAPPORT_DEFINITIF, national)
    mesure = mesure_pour(controle)
    with pytest.raises(TransitionImpossible) as refus:
        executer_transition(Mesure, mesure.pk, "lever", national)
    assert refus.value.message == "Une mesure se suit une fois les suites du contrôle engagées."


# --- who may ----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["lecteur44", "regional52", "siao44"])
def test_les_autres_roles_ne_conduisent_pas(request, dispositif44, national, role):
    user = request.getfixturevalue(role)
    controle = nouveau_controle(dispositif44)
    with pytest.raises((PermissionDenied, Http404)):
        transition(controle, "preparer", user)
    assert Controle.objects.get(pk=controle.pk).etat == E.PROGRAMME


def test_hors_perimetre_introuvable(dispositif44, ddets75):
    controle = nouveau_controle(dispositif44)
    with pytest.raises(Http404):
        transition(controle, "preparer", ddets75)


def test_l_entite_ne_voit_rien_avant_le_contradictoire(dispositif44, gestionnaire44, national):
    controle = controle_en(dispositif44, E.RAPPORT_PROVISOIRE, national)
    # Not even a refusal: the control does not exist for the entité yet.
    with pytest.raises(Http404):
        transition(controle, "repondre", gestionnaire44, commentaire="Réponse")


def test_l_entite_repond_dans_le_delai_une_seule_fois(dispositif44, gestionnaire44, national):
    controle = controle_en(dispositif44, E.PROCEDURE_CONTRADICTOIRE, national)
    with pytest.raises(TransitionImpossible) as refus:
        transition(controle, "repondre", gestionnaire44, commentaire="  ")
    assert refus.value.message == "Votre réponse est obligatoire."
    transition(controle, "repondre", gestionnaire44, commentaire="Nos observations")
    with pytest.raises(TransitionImpossible) as refus:
        transition(controle, "repondre", gestionnaire44, commentaire="Encore")
    assert "La réponse de l'entité a déjà été enregistrée le" in refus.value.message


def test_l_entite_ne_repond_plus_apres_le_delai(dispositif44, gestionnaire44, national):
    controle = controle_en(dispositif44, E.PROCEDURE_CONTRADICTOIRE, national)
    with pytest.raises(TransitionImpossible) as refus:
        transition(
            controle, "repondre", gestionnaire44, commentaire="Trop tard", aujourdhui=jours(31)
        )
    assert refus.value.message == (
        f"Le délai de réponse a expiré le {jours(30):%d/%m/%Y} : la réponse n'est plus recevable."
    )
    assert Controle.objects.get(pk=controle.pk).repondu_le is None


def test_l_entite_ne_conduit_pas_le_controle(dispositif44, gestionnaire44, national):
    controle = controle_en(dispositif44, E.PROCEDURE_CONTRADICTOIRE, national)
    with pytest.raises(PermissionDenied):
        transition(controle, "arreter_rapport_definitif", gestionnaire44, fichier=pdf())


def test_la_ddets_ne_repond_pas_a_la_place_de_l_entite(dispositif44, ddets44, national):
    controle = controle_en(dispositif44, E.PROCEDURE_CONTRADICTOIRE, national)
    with pytest.raises(PermissionDenied):
        transition(controle, "repondre", ddets44, commentaire="Réponse")


def test_prolonger_le_delai_relance_les_rappels(dispositif44, ddets44, national):
    controle = controle_en(dispositif44, E.PROCEDURE_CONTRADICTOIRE, national)
    Controle.objects.filter(pk=controle.pk).update(relance_palier=7)
    controle = transition(controle, "prolonger_delai", ddets44, date_limite_reponse=jours(45))
    assert (controle.date_limite_reponse, controle.relance_palier) == (jours(45), None)


# --- e-mails ----------------------------------------------------------------------------------


def test_l_entite_n_est_prevenue_qu_a_partir_du_contradictoire(
    django_capture_on_commit_callbacks, dispositif44, ddets44, gestionnaire44, national
):
    with django_capture_on_commit_callbacks(execute=True):
        controle = controle_en(dispositif44, E.RAPPORT_PROVISOIRE, national)
    assert not [m for m in mail.outbox if gestionnaire44.email in m.to]
    with django_capture_on_commit_callbacks(execute=True):
        transition(controle, "ouvrir_contradictoire", ddets44)
    (courriel,) = [m for m in mail.outbox if gestionnaire44.email in m.to]
    assert f"réponse attendue avant le {jours(30):%d/%m/%Y}" in courriel.subject
    assert f"/admin/controles/inspect/{controle.pk}/" in courriel.body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        transition(controle, "repondre", gestionnaire44, commentaire="Nos observations")
    assert [m.to for m in mail.outbox] == [[ddets44.email]]


def test_le_dispositif_est_celui_du_depart(dispositif44, dispositif75, national):
    controle = controle_en(dispositif44, E.REALISE, national)
    controle.dispositif = dispositif75
    with pytest.raises(Exception) as refus:
        controle.full_clean()
    assert "Le dispositif d'un contrôle réalisé ne change plus." in str(refus.value)

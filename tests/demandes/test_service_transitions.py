"""The transition service on requests: role × perimeter, materialisation, refusals."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from backoffice.demandes.models import Demande, EtatDemande
from backoffice.offre.models import Dispositif, EntiteGestionnaire, TypeDispositif
from tests.demandes.factories import DemandeFactory
from workflows.acteurs import Demandeur
from workflows.services import TransitionImpossible, chronologie, executer_transition

pytestmark = pytest.mark.django_db


def test_circuit_complet_materialise_exactement_la_demande(siao44, ddets44):
    demande = DemandeFactory()
    executer_transition(Demande, demande.pk, "pre_valider", siao44, commentaire="RAS")
    demande = executer_transition(Demande, demande.pk, "valider", ddets44)
    assert demande.etat == EtatDemande.VALIDEE
    dispositif = demande.dispositif
    assert dispositif.nom == demande.donnees_dispositif["nom"]
    assert dispositif.code.startswith("44-")
    assert dispositif.places_autorisees == 60
    assert list(dispositif.groupes.values_list("places", flat=True)) == [60]
    assert list(dispositif.financements.values_list("places_financees", flat=True)) == [60]
    assert dispositif.entite.siren == demande.nouvelle_entite["siren"]
    assert dispositif.history.first().history_change_reason == f"Demande {demande.numero}"
    etapes = [(e["de"], e["vers"]) for e in chronologie(demande)]
    assert etapes == [("soumise", "pre_validee"), ("pre_validee", "validee")]


def test_le_siao_d_un_autre_departement_ne_trouve_pas_la_demande(siao44):
    demande = DemandeFactory(departement_id="75")
    with pytest.raises(Http404):
        executer_transition(Demande, demande.pk, "pre_valider", siao44)
    demande.refresh_from_db()
    assert demande.etat == EtatDemande.SOUMISE


def test_le_ddets_ne_peut_pas_pre_valider_a_la_place_du_siao(ddets44):
    demande = DemandeFactory()
    with pytest.raises(PermissionDenied):
        executer_transition(Demande, demande.pk, "pre_valider", ddets44)


def test_validation_directe_par_le_siao_pour_les_natures_simples(siao44):
    hotel = TypeDispositif.objects.get(code="HEB_HOTEL")
    demande = DemandeFactory(type_dispositif=hotel, financements=[])
    demande = executer_transition(Demande, demande.pk, "valider", siao44)
    assert demande.etat == EtatDemande.VALIDEE
    assert demande.dispositif.type == hotel


def test_pas_de_validation_directe_pour_un_cada(siao44):
    demande = DemandeFactory()
    with pytest.raises(PermissionDenied):
        executer_transition(Demande, demande.pk, "valider", siao44)
    assert not Dispositif.objects.exists()


def test_une_seconde_action_sur_un_etat_deja_change_est_refusee_proprement(siao44, ddets44):
    demande = DemandeFactory()
    executer_transition(Demande, demande.pk, "pre_valider", siao44)
    executer_transition(Demande, demande.pk, "valider", ddets44)
    with pytest.raises(TransitionImpossible, match="n'est plus possible"):
        executer_transition(Demande, demande.pk, "valider", ddets44)
    assert Dispositif.objects.count() == 1


def test_refus_sans_motif_ne_change_rien(siao44):
    demande = DemandeFactory()
    with pytest.raises(TransitionImpossible, match="motif"):
        executer_transition(Demande, demande.pk, "refuser", siao44, commentaire="  ")
    demande.refresh_from_db()
    assert demande.etat == EtatDemande.SOUMISE


def test_validation_invalide_annule_tout(siao44, ddets44):
    demande = DemandeFactory(
        groupes=[{"libelle": "A", "places": 10}, {"libelle": "B", "places": -3}]
    )
    executer_transition(Demande, demande.pk, "pre_valider", siao44)
    with pytest.raises(TransitionImpossible, match="Groupe de places n° 2"):
        executer_transition(Demande, demande.pk, "valider", ddets44)
    demande.refresh_from_db()
    assert demande.etat == EtatDemande.PRE_VALIDEE
    assert not Dispositif.objects.exists()
    assert not EntiteGestionnaire.objects.exists()


def test_le_demandeur_complete_et_annule_avec_son_jeton(siao44):
    demande = DemandeFactory()
    executer_transition(
        Demande, demande.pk, "demander_complements", siao44, commentaire="Budget manquant"
    )
    demandeur = Demandeur(demande.jeton)
    executer_transition(Demande, demande.pk, "completer", demandeur, commentaire="Voici")
    with pytest.raises(Http404):
        executer_transition(Demande, demande.pk, "annuler", Demandeur("mauvais-jeton"))
    demande = executer_transition(Demande, demande.pk, "annuler", demandeur)
    assert demande.etat == EtatDemande.ANNULEE

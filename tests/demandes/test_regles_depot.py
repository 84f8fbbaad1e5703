"""The rules of a request checked by the model (every path obeys them) and the one way a
request is filed (demandes/services.py)."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from backoffice.acces.roles import Role
from backoffice.demandes import services
from backoffice.demandes.models import Demande
from backoffice.offre.models import TypeDispositif
from tests.demandes.factories import DemandeFactory
from tests.demandes.test_admin_changements import formulaire_modification
from tests.factories import DispositifFactory, UserFactory, affecter

pytestmark = pytest.mark.django_db


def _premier_accueil(**champs):
    return DemandeFactory.build(
        type_dispositif=TypeDispositif.objects.get(code="PA_SANTE"),
        groupes=[],
        financements=[],
        **champs,
    )


def test_le_modele_refuse_des_places_pour_un_premier_accueil():
    demande = _premier_accueil(donnees_dispositif={"nom": "Point santé", "places_pmr": 40})
    with pytest.raises(ValidationError) as erreur:
        demande.full_clean()
    assert "premier accueil n'a pas de places" in str(erreur.value.message_dict)


@pytest.mark.parametrize(
    ("champ", "titre"), [("groupes", "Groupes de places"), ("financements", "Financements")]
)
def test_le_modele_refuse_des_lignes_pour_un_premier_accueil(champ, titre):
    demande = _premier_accueil(donnees_dispositif={"nom": "Point santé"})
    setattr(demande, champ, [{"libelle": "Bâtiment", "places": 40}])
    with pytest.raises(ValidationError) as erreur:
        demande.full_clean()
    assert f"retirez les lignes « {titre} »" in " ".join(erreur.value.message_dict[champ])


def test_un_premier_accueil_sans_places_est_accepte():
    _premier_accueil(donnees_dispositif={"nom": "Point santé"}).full_clean()


def test_le_depot_refuse_ce_que_le_modele_refuse_et_n_enregistre_rien():
    demande = _premier_accueil(donnees_dispositif={"nom": "Point santé", "places_autorisees": 40})
    with pytest.raises(ValidationError):
        services.deposer(demande)
    assert not Demande.objects.exists()
    assert mail.outbox == []


def test_le_depot_enregistre_et_previent_apres_validation(
    siao44, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        demande = services.deposer(DemandeFactory.build())
    assert Demande.objects.get() == demande
    assert [m.to for m in mail.outbox] == [[demande.demandeur_courriel], [siao44.email]]


def test_la_demande_de_modification_obeit_aussi_a_la_regle_du_premier_accueil(client):
    """The admin's modification request goes through the same filing as the public form: a
    premier accueil dispositif cannot be asked for places there either."""
    point = DispositifFactory(
        type=TypeDispositif.objects.get(code="PA_SANTE"), places_autorisees=None
    )
    gestionnaire = UserFactory(username="gestionnaire-pa@example.org")
    affecter(gestionnaire, Role.GESTIONNAIRE, entite=point.entite)
    client.force_login(gestionnaire)
    donnees = formulaire_modification(client, point, places_pmr="40", motif="Rampe d'accès.")
    response = client.post(reverse("demande:demander_modification", args=[point.pk]), donnees)
    assert response.status_code == 200
    assert "premier accueil n'a pas de places" in " ".join(
        response.context["form"].non_field_errors()
    )
    assert not Demande.objects.exists()

"""The requester's phone number on the public request form: optional; French numbers written as
people write them (spaces, dots, dashes, +33) are kept as typed; anything else is refused next to
the field, in French, and the rest of the form is kept. Each branch of the check: empty, blanks
only, valid, invalid by its characters, invalid by too few digits."""

import pytest

from backoffice.demandes.models import Demande
from backoffice.public.forms.sections import DemandeurForm
from tests.public.outils import donnees_valides, erreur_du_champ

pytestmark = pytest.mark.django_db

URL = "/demande/"
MESSAGE = "Numéro de téléphone invalide (chiffres, espaces, points, tirets, « + »)."

VALIDES = [
    "02 40 12 34 56",
    "0240123456",
    "02.40.12.34.56",
    "02-40-12-34-56",
    "+33 2 40 12 34 56",
    "+33240123456",
    "06 12 34 56 78",
    "+33 (0)2 40 12 34 56",
]
INVALIDES = [
    "deux quarante",  # letters
    "02/40/12/34/56",  # slashes
    "02 40 12 34 56 p.12",  # a word after the number
    "12345",  # too short
    "+ 3 3 3",  # allowed characters only, too few digits
    "--- ...",  # no digit at all
]


def formulaire(telephone):
    donnees = {
        "demandeur_nom": "Claire Dubois",
        "demandeur_courriel": "claire.dubois@asso-horizon.fr",
        "demandeur_organisation": "Association Horizon",
        "demandeur_telephone": telephone,
    }
    return DemandeurForm(donnees)


@pytest.mark.parametrize("telephone", VALIDES)
def test_un_numero_francais_est_accepte_tel_que_saisi(telephone):
    form = formulaire(f"  {telephone} ")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["demandeur_telephone"] == telephone


@pytest.mark.parametrize("telephone", ["", "   "])
def test_le_telephone_est_facultatif(telephone):
    form = formulaire(telephone)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["demandeur_telephone"] == ""


@pytest.mark.parametrize("telephone", INVALIDES)
def test_un_numero_invalide_est_refuse_en_francais(telephone):
    form = formulaire(telephone)
    assert not form.is_valid()
    assert form.errors["demandeur_telephone"] == [MESSAGE]
    assert set(form.errors) == {"demandeur_telephone"}


def test_un_numero_trop_long_est_refuse_par_sa_longueur():
    form = formulaire("02 40 12 34 56 78 90 12")
    assert not form.is_valid()
    assert form.errors["demandeur_telephone"] == [
        "Assurez-vous que cette valeur comporte au plus 20 caractères (actuellement 23)."
    ]


def test_par_la_page_un_numero_valide_est_enregistre(client):
    reponse = client.post(URL, donnees_valides(demandeur_telephone="+33 2 40 12 34 56"))
    assert reponse.status_code == 302, erreur_du_champ(reponse, "id_demandeur_telephone")
    assert Demande.objects.get().demandeur_telephone == "+33 2 40 12 34 56"


def test_par_la_page_un_numero_invalide_est_signale_sans_rien_perdre(client):
    reponse = client.post(URL, donnees_valides(demandeur_telephone="02/40/12/34/56"))
    assert reponse.status_code == 200
    assert not Demande.objects.exists()
    assert erreur_du_champ(reponse, "id_demandeur_telephone") == MESSAGE
    html = reponse.content.decode()
    assert 'value="02/40/12/34/56"' in html  # what was typed is shown back, to be corrected
    assert 'value="Claire Dubois"' in html

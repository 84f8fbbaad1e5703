"""The requester's phone number: optional, a French number when given (the model's rule, so
that every path that files a request checks it; the public form shows it beside the field)."""

import pytest
from django.core.exceptions import ValidationError

from backoffice.demandes.models import Demande
from tests.demandes.factories import DemandeFactory
from tests.public.outils import donnees_valides, erreur_du_champ

pytestmark = pytest.mark.django_db

URL = "/demande/"


@pytest.mark.parametrize(
    ("saisi", "enregistre"),
    [
        ("", ""),
        ("02 40 12 34 56", "02 40 12 34 56"),
        ("  +33 2 40 12 34 56 ", "+33 2 40 12 34 56"),
        ("06.12.34.56.78", "06.12.34.56.78"),
    ],
)
def test_un_numero_francais_ou_rien_est_accepte(client, saisi, enregistre):
    reponse = client.post(URL, donnees_valides(demandeur_telephone=saisi))
    assert reponse.status_code == 302
    assert Demande.objects.get().demandeur_telephone == enregistre


# Refused by its characters (letters, slashes, too short), or by too few digits (1-2-3-4).
@pytest.mark.parametrize("saisi", ["abc", "12345", "02/40/12/34/56", "1-2-3-4"])
def test_un_numero_invalide_est_signale_sans_rien_perdre(client, saisi):
    reponse = client.post(URL, donnees_valides(demandeur_telephone=saisi))
    assert reponse.status_code == 200
    assert not Demande.objects.exists()
    assert "Numéro de téléphone invalide" in erreur_du_champ(reponse, "id_demandeur_telephone")
    assert f'value="{saisi}"' in reponse.content.decode()


@pytest.mark.parametrize("saisi", ["abc", "12345", "1-2-3-4"])
def test_le_modele_refuse_un_numero_invalide(saisi):
    demande = DemandeFactory.build(demandeur_telephone=saisi)
    with pytest.raises(ValidationError) as erreur:
        demande.full_clean()
    assert "Numéro de téléphone invalide" in " ".join(
        erreur.value.message_dict["demandeur_telephone"]
    )


def test_le_modele_accepte_un_numero_valide_ou_vide():
    DemandeFactory.build(demandeur_telephone="02 40 12 34 56").full_clean()
    DemandeFactory.build(demandeur_telephone="").full_clean()

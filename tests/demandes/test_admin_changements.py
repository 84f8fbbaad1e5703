"""Modification and closure requests filed by an entité's gestionnaire from the dispositif page:
what is stored, who is told, the before/after diff, and what validation applies."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse

from backoffice.demandes.models import Demande, EtatDemande, TypeDemande
from backoffice.offre.models import Dispositif, Financement, GroupeDePlaces, TypeDispositif
from tests.demandes.factories import DemandeFactory
from tests.factories import DispositifFactory
from workflows.services import transitions_disponibles

pytestmark = pytest.mark.django_db


def formulaire_modification(client, dispositif, **changements):
    """The modification form as rendered (every field pre-filled), with `changements`."""
    response = client.get(reverse("demande:demander_modification", args=[dispositif.pk]))
    assert response.status_code == 200
    donnees = {}
    for form in (response.context["form"], response.context["form_financement"]):
        for champ in form:
            valeur = champ.value()
            if valeur is None:
                valeur = ""
            elif isinstance(valeur, datetime.date):
                valeur = valeur.isoformat()
            donnees[champ.html_name] = valeur
    donnees.update(changements)
    return donnees


def transition(client, demande, nom, **donnees):
    response = client.post(reverse("demande:transition", args=[demande.pk, nom]), donnees)
    assert response.status_code == 302
    resultat = [str(m) for m in get_messages(response.wsgi_request)]
    client.cookies.pop("messages", None)  # judged here: not carried to the next response
    return resultat


def test_boutons_sur_la_fiche_du_dispositif(
    client, gestionnaire44, ddets44, lecteur44, dispositif44
):
    url = reverse("dispositif:inspect", args=[dispositif44.pk])
    client.force_login(gestionnaire44)
    page = client.get(url).content.decode()
    assert reverse("demande:demander_modification", args=[dispositif44.pk]) in page
    assert reverse("demande:demander_fermeture", args=[dispositif44.pk]) in page
    # Who edits the structure directly, or only reads, is not offered to ask.
    for user in (ddets44, lecteur44):
        client.force_login(user)
        page = client.get(url).content.decode()
        assert "data-demander" not in page


def test_demande_de_modification_ne_garde_que_les_changements(
    client, gestionnaire44, siao44, dispositif44, django_capture_on_commit_callbacks
):
    client.force_login(gestionnaire44)
    donnees = formulaire_modification(
        client,
        dispositif44,
        places_autorisees="95",
        public="isoles",
        motif="Extension de 15 places accordée par l'arrêté du 3 mars.",
        **{
            "financement-exercice": "2026",
            "financement-programme": "P303",
            "financement-action": "02",
            "financement-mode": "dgf",
            "financement-places_financees": "15",
            "financement-montant_annuel": "106762.50",
        },
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("demande:demander_modification", args=[dispositif44.pk]), donnees
        )
    demande = Demande.objects.get()
    assert response["Location"] == reverse("demande:inspect", args=[demande.pk])
    assert demande.type_demande == TypeDemande.MODIFICATION
    assert demande.etat == EtatDemande.SOUMISE
    assert demande.dispositif == dispositif44
    assert demande.departement_id == dispositif44.departement_id
    assert demande.compte_demandeur == gestionnaire44
    assert demande.entite == dispositif44.entite
    assert demande.donnees_dispositif == {"places_autorisees": 95, "public": "isoles"}
    assert demande.financements == [
        {
            "exercice": 2026,
            "programme_id": "P303",
            "action": "02",
            "mode": "dgf",
            "places_financees": 15,
            "montant_annuel": "106762.50",
        }
    ]
    # Acknowledgement to the requester, new request to the SIAO of the département.
    assert sorted(tuple(m.to) for m in mail.outbox) == sorted(
        [(gestionnaire44.email,), (siao44.email,)]
    )
    assert next(m for m in mail.outbox if m.to == [siao44.email]).subject == (
        f"Nouvelle demande à pré-valider : {demande.numero}"
    )
    # The gestionnaire follows it on its page and on the dispositif's.
    page = client.get(reverse("dispositif:inspect", args=[dispositif44.pk])).content.decode()
    assert demande.numero in page


def test_modification_invalide_ou_vide_refusee(client, gestionnaire44, dispositif44):
    client.force_login(gestionnaire44)
    url = reverse("demande:demander_modification", args=[dispositif44.pk])
    donnees = formulaire_modification(client, dispositif44, places_pmr="500", motif="PMR")
    response = client.post(url, donnees)
    assert response.status_code == 200
    assert "places_pmr" in response.context["form"].errors
    donnees = formulaire_modification(client, dispositif44, motif="Rien")
    response = client.post(url, donnees)
    assert response.status_code == 200
    assert "Aucun changement demandé" in response.content.decode()
    assert not Demande.objects.exists()


def test_le_validateur_voit_l_avant_apres_puis_la_validation_l_applique_exactement(
    client, gestionnaire44, siao44, ddets44, dispositif44, django_capture_on_commit_callbacks
):
    client.force_login(gestionnaire44)
    donnees = formulaire_modification(
        client,
        dispositif44,
        places_autorisees="95",
        type="CPH",
        motif="Transformation en CPH",
    )
    client.post(reverse("demande:demander_modification", args=[dispositif44.pk]), donnees)
    demande = Demande.objects.get()
    avant = Dispositif.objects.values().get(pk=dispositif44.pk)

    client.force_login(siao44)
    response = client.get(reverse("demande:inspect", args=[demande.pk]))
    assert response.context["diff"] == [
        (
            "Type",
            str(TypeDispositif.objects.get(code="CADA")),
            str(TypeDispositif.objects.get(code="CPH")),
        ),
        ("Places autorisées", 80, 95),
    ]
    assert transition(client, demande, "pre_valider") == [f"{demande.numero} : pré-validée."]

    mail.outbox.clear()
    client.force_login(ddets44)
    nb = {m: m.objects.count() for m in (Dispositif, GroupeDePlaces, Financement)}
    with django_capture_on_commit_callbacks(execute=True):
        assert transition(client, demande, "valider") == [f"{demande.numero} : validée."]
    apres = Dispositif.objects.values().get(pk=dispositif44.pk)
    changes = {k for k in avant if avant[k] != apres[k]} - {"modifie_le"}
    assert changes == {"type_id", "places_autorisees"}
    assert (apres["type_id"], apres["places_autorisees"]) == ("CPH", 95)
    assert {m: m.objects.count() for m in nb} == nb  # nothing created
    assert [m.to for m in mail.outbox] == [[gestionnaire44.email]]
    # After validation the page shows what was applied (the live diff is empty by then).
    page = client.get(reverse("demande:inspect", args=[demande.pk])).content.decode()
    assert "Valeurs demandées (appliquées)" in page


def test_fermeture_demandee_puis_validee(
    client, gestionnaire44, siao44, ddets44, dispositif44, django_capture_on_commit_callbacks
):
    client.force_login(gestionnaire44)
    url = reverse("demande:demander_fermeture", args=[dispositif44.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"date_fermeture": "2026-12-31", "motif": "Fin du bail"})
    demande = Demande.objects.get()
    assert demande.type_demande == TypeDemande.FERMETURE
    assert demande.date_fermeture == datetime.date(2026, 12, 31)
    assert demande.donnees_dispositif == {}
    # A second closure request while the first is open is refused.
    response = client.post(url, {"date_fermeture": "2027-01-31", "motif": "Doublon"})
    assert response.status_code == 200
    assert Demande.objects.count() == 1

    client.force_login(siao44)
    transition(client, demande, "pre_valider")
    client.force_login(ddets44)
    assert transition(client, demande, "valider") == [f"{demande.numero} : validée."]
    dispositif44.refresh_from_db()
    assert dispositif44.date_fermeture == datetime.date(2026, 12, 31)


def test_fermeture_avant_ouverture_refusee(client, gestionnaire44, dispositif44):
    client.force_login(gestionnaire44)
    response = client.post(
        reverse("demande:demander_fermeture", args=[dispositif44.pk]),
        {"date_fermeture": "2010-01-01", "motif": "?"},
    )
    assert response.status_code == 200
    assert "date_fermeture" in response.context["form"].errors
    assert not Demande.objects.exists()


@pytest.mark.parametrize(
    ("type_avant", "type_apres", "directe"),
    [
        ("HEB_HOTEL", None, True),  # hotel stays a hotel: the SIAO validates
        ("HEB_HOTEL", "CADA", False),  # a hotel turned into a CADA: the DDETS validates
        ("CADA", "HEB_HOTEL", False),  # and the reverse too
    ],
)
def test_validation_directe_d_une_modification(siao44, type_avant, type_apres, directe):
    dispositif = DispositifFactory(type=TypeDispositif.objects.get(code=type_avant))
    changements = {"places_autorisees": 12}
    if type_apres:
        changements["type_id"] = type_apres
    demande = DemandeFactory(
        type_demande=TypeDemande.MODIFICATION,
        dispositif=dispositif,
        entite=dispositif.entite,
        type_dispositif_id=type_apres or type_avant,
        nouvelle_entite={},
        donnees_dispositif=changements,
        groupes=[],
        financements=[],
    )
    assert ("valider" in transitions_disponibles(demande, siao44)) is directe

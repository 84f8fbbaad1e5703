"""The permission matrix of every transition of a request, through the admin's HTTP views: the
transition button (one POST per transition) and the bulk action of the queues.

Every role (national, SIAO, DDETS, régional, lecteur, gestionnaire) × own / other département
× every state. The expected outcome is written out below from docs/domaine.md §5.1, independently of
the code under test:
- allowed → the state changes, with a success message;
- out of perimeter → 404, nothing changes;
- wrong role or wrong state → an error message, nothing changes.
"""

import pytest
from django.contrib.messages import constants, get_messages
from django.urls import reverse

from backoffice.acces.roles import Role
from backoffice.demandes.models import Demande, EtatDemande, TypeDemande
from tests.demandes.factories import DemandeFactory, piece_jointe
from tests.factories import DispositifFactory, UserFactory, affecter, siao_de

pytestmark = pytest.mark.django_db

ETATS = [e.value for e in EtatDemande]
CIBLE = {
    "pre_valider": EtatDemande.PRE_VALIDEE,
    "valider": EtatDemande.VALIDEE,
    "demander_complements": EtatDemande.A_COMPLETER,
    "refuser": EtatDemande.REFUSEE,
    "completer": EtatDemande.SOUMISE,
    "annuler": EtatDemande.ANNULEE,
}

# (transition, state) → who may run it on a request of their département. "demandeur" is the
# account that filed the request. Absent: nobody (state not a source of the transition). The
# requests here are for a CADA: no direct validation by the SIAO (tested in test_admin_vues).
AUTORISES = {
    ("pre_valider", "soumise"): {"siao", "national"},
    ("valider", "pre_validee"): {"ddets", "national"},
    ("demander_complements", "soumise"): {"siao", "ddets", "national"},
    ("demander_complements", "pre_validee"): {"ddets", "national"},
    ("refuser", "soumise"): {"siao", "ddets", "national"},
    ("refuser", "pre_validee"): {"ddets", "national"},
    # A requester who never answers: whoever may instruct closes the request.
    ("refuser", "a_completer"): {"siao", "ddets", "national"},
    ("completer", "a_completer"): {"demandeur"},
    ("annuler", "soumise"): {"demandeur"},
    ("annuler", "a_completer"): {"demandeur"},
    ("annuler", "pre_validee"): {"demandeur"},
}

# user → (kind, départements whose requests it can see)
UTILISATEURS = {
    "national": ("national", {"44", "75"}),
    "siao44": ("siao", {"44"}),
    "ddets44": ("ddets", {"44"}),
    "regional52": ("autre", {"44"}),  # Pays de la Loire: reads the 44
    "lecteur44": ("autre", {"44"}),
    "gestionnaire44": ("demandeur", {"44"}),  # filed the 44 request (its entité's dispositif)
    "siao75": ("siao", {"75"}),
    "ddets75": ("ddets", {"75"}),
}


def attendu(utilisateur, transition, etat, departement):
    """ "ok", "404" or "refus"."""
    genre, visibles = UTILISATEURS[utilisateur]
    if departement not in visibles:
        return "404"
    return "ok" if genre in AUTORISES.get((transition, etat), set()) else "refus"


@pytest.fixture
def siao75(db):
    user = UserFactory(username="siao75@example.gouv.fr")
    affecter(user, Role.SIAO, siao=siao_de("75"))
    return user


@pytest.fixture
def acteurs(national, siao44, ddets44, regional52, lecteur44, gestionnaire44, siao75, ddets75):
    return {
        "national": national,
        "siao44": siao44,
        "ddets44": ddets44,
        "regional52": regional52,
        "lecteur44": lecteur44,
        "gestionnaire44": gestionnaire44,
        "siao75": siao75,
        "ddets75": ddets75,
    }


def demande_modification(dispositif, etat, demandeur=None):
    """A modification request of `dispositif`, created directly in `etat` (test set-up only:
    the application itself never sets the state but through the transition service)."""
    return DemandeFactory(
        type_demande=TypeDemande.MODIFICATION,
        etat=etat,
        departement_id=dispositif.departement_id,
        dispositif=dispositif,
        entite=dispositif.entite,
        type_dispositif=dispositif.type,
        nouvelle_entite={},
        donnees_dispositif={"places_autorisees": 95},
        groupes=[],
        financements=[],
        compte_demandeur=demandeur,
        demandeur_courriel=demandeur.email if demandeur else "claire.dubois@asso-exemple.fr",
    )


@pytest.fixture
def demandes(acteurs, dispositif44, dispositif75):
    """One request per (département, state): {(departement, etat): Demande}."""
    return {
        (dispositif.departement_id, etat): demande_modification(
            dispositif, etat, acteurs["gestionnaire44"] if dispositif == dispositif44 else None
        )
        for dispositif in (dispositif44, dispositif75)
        for etat in ETATS
    }


def niveaux(client, response):
    """Levels of the messages this response left, then forget them (as displaying the next
    page would): each POST of a loop is judged on its own messages."""
    resultat = [m.level for m in get_messages(response.wsgi_request)]
    client.cookies.pop("messages", None)
    return resultat


@pytest.mark.parametrize("transition", list(CIBLE))
@pytest.mark.parametrize("utilisateur", list(UTILISATEURS))
def test_bouton_de_transition(client, acteurs, demandes, utilisateur, transition):
    client.force_login(acteurs[utilisateur])
    for (departement, etat), demande in demandes.items():
        url = reverse("demande:transition", args=[demande.pk, transition])
        response = client.post(url, {"commentaire": "Motif de la décision"})
        resultat = attendu(utilisateur, transition, etat, departement)
        demande.refresh_from_db()
        cas = f"{utilisateur} {transition} sur {departement}/{etat}"
        if resultat == "404":
            assert response.status_code == 404, cas
            assert demande.etat == etat, cas
            assert niveaux(client, response) == [], cas
            continue
        assert response.status_code == 302, cas
        assert response["Location"] == reverse("demande:inspect", args=[demande.pk]), cas
        recus = niveaux(client, response)
        if resultat == "ok":
            assert demande.etat == CIBLE[transition], cas
            assert recus == [constants.SUCCESS], cas
        else:
            assert demande.etat == etat, cas
            assert recus == [constants.ERROR], cas


BULK = ["pre_valider", "valider"]


@pytest.mark.parametrize("transition", BULK)
@pytest.mark.parametrize("utilisateur", list(UTILISATEURS))
def test_action_groupee(client, acteurs, demandes, utilisateur, transition):
    client.force_login(acteurs[utilisateur])
    index = reverse("demande:index")
    response = client.post(
        reverse("demande:actions_groupees"),
        {
            "action": transition,
            "demandes": [d.pk for d in demandes.values()],
            "commentaire": "Lot du jour",
            "next": f"{index}?file=a_valider",
        },
    )
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    genre, _ = UTILISATEURS[utilisateur]
    if genre in {"autre", "demandeur"}:
        # No right to act on requests at all: the whole action is refused (Wagtail's
        # "permission denied" redirect), nothing changes.
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_home")
        for (_, etat), demande in demandes.items():
            demande.refresh_from_db()
            assert demande.etat == etat
        return
    assert response.status_code == 302
    assert response["Location"] == f"{index}?file=a_valider"
    for (departement, etat), demande in demandes.items():
        demande.refresh_from_db()
        resultat = attendu(utilisateur, transition, etat, departement)
        cas = f"{utilisateur} {transition} sur {departement}/{etat}: {messages}"
        if resultat == "ok":
            assert demande.etat == CIBLE[transition], cas
            assert any(m.startswith(f"{demande.numero} : ") and "—" not in m for m in messages)
        else:
            assert demande.etat == etat, cas
            if resultat == "404":
                # Reported without its number or title: it is not the user's to know.
                assert f"Demande n° {demande.pk} : introuvable." in messages, cas
                assert not any(demande.numero in m for m in messages), cas
            else:
                assert any(m.startswith(f"{demande.numero} : refusé — ") for m in messages), cas
    # One report per request, no more.
    assert len(messages) == len(demandes)


def test_une_demande_d_un_autre_departement_est_introuvable_partout(client, siao44, dispositif75):
    """List, inspect, export, history, attachment download and transition of another
    département's request: not found (or absent from the list)."""
    demande = demande_modification(dispositif75, EtatDemande.SOUMISE)
    piece = piece_jointe(demande, "budget.pdf", b"%PDF")
    client.force_login(siao44)
    for url in (
        reverse("demande:inspect", args=[demande.pk]),
        reverse("demande:history", args=[demande.pk]),
        reverse("demande:edit", args=[demande.pk]),
        reverse("demande:piece", args=[piece.pk]),
    ):
        assert client.get(url).status_code == 404, url
    response = client.post(reverse("demande:transition", args=[demande.pk, "pre_valider"]))
    assert response.status_code == 404
    response = client.get(reverse("demande:index"))
    assert demande.pk not in {d.pk for d in response.context["object_list"]}
    response = client.get(reverse("demande:index"), {"export": "csv"})
    assert demande.numero not in b"".join(response.streaming_content).decode("utf-8-sig")
    demande.refresh_from_db()
    assert demande.etat == EtatDemande.SOUMISE


def test_dispositif_d_une_autre_entite_introuvable_pour_le_gestionnaire(client, gestionnaire44):
    autre = DispositifFactory(departement_id="44")
    client.force_login(gestionnaire44)
    for nom in ("demander_modification", "demander_fermeture"):
        url = reverse(f"demande:{nom}", args=[autre.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, {"motif": "x", "date_fermeture": "2030-01-01"}).status_code == 404
    assert not Demande.objects.exists()


@pytest.mark.parametrize("utilisateur", ["lecteur44", "regional52", "siao44"])
def test_sans_droit_de_demander_refuse(client, acteurs, dispositif44, utilisateur):
    """Roles without the "add" right on requests cannot file one, even in their perimeter."""
    client.force_login(acteurs[utilisateur])
    response = client.get(reverse("demande:demander_modification", args=[dispositif44.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")

"""Signalements of serious adverse events: filed through the page by the structure's manager
(or by the DDETS on its behalf), the DDETS notified at once, analysed through the transition
service, seen by each account within its perimeter only."""

import datetime
import html

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from backoffice.offre.models import TypeDispositif
from backoffice.signalements.models import Signalement
from tests.affichage.controles import codes_bruts, defauts, motif_codes, textes
from tests.demandes.test_admin_vues import messages_de
from tests.factories import DispositifFactory, departement

pytestmark = pytest.mark.django_db

HIER = timezone.localdate() - datetime.timedelta(days=1)


def formulaire(dispositif, **valeurs):
    return {
        "dispositif": dispositif.pk,
        "categorie": "violence",
        "date_evenement": HIER.isoformat(),
        "faits": "Altercation entre deux résidents dans la cuisine commune.",
        "usagers_concernes": 2,
        "personnels_concernes": 1,
        "mesures_prises": "Médiation le soir même, rappel du règlement.",
        "suites_envisagees": "",
        **valeurs,
    }


def declarer(client, user, dispositif, **valeurs):
    client.force_login(user)
    return client.post(reverse("signalement:add"), formulaire(dispositif, **valeurs))


def test_le_gestionnaire_declare_et_la_ddets_est_prevenue(
    client, gestionnaire44, ddets44, dispositif44, django_capture_on_commit_callbacks
):
    page = client.get(reverse("dispositif:inspect", args=[dispositif44.pk]))
    client.force_login(gestionnaire44)
    page = client.get(reverse("dispositif:inspect", args=[dispositif44.pk])).content.decode()
    assert f"{reverse('signalement:add')}?dispositif={dispositif44.pk}" in page
    with django_capture_on_commit_callbacks(execute=True):
        reponse = declarer(client, gestionnaire44, dispositif44)
    signalement = Signalement.objects.get()
    assert reponse.status_code == 302
    assert reponse["Location"] == reverse("signalement:inspect", args=[signalement.pk])
    assert signalement.etat == "declare"
    assert signalement.declare_par == gestionnaire44 and not signalement.pour_le_compte
    [courriel] = mail.outbox
    assert courriel.to == [ddets44.email]
    assert courriel.subject.startswith("Signalement d'un événement indésirable grave")


def test_la_ddets_declare_pour_le_compte(client, ddets44, dispositif44):
    declarer(client, ddets44, dispositif44)
    assert Signalement.objects.get().pour_le_compte


def test_refus_en_francais(client, gestionnaire44, dispositif44):
    reponse = declarer(
        client,
        gestionnaire44,
        dispositif44,
        date_evenement=(HIER + datetime.timedelta(days=5)).isoformat(),
        usagers_concernes="-1",
    )
    assert reponse.status_code == 200
    erreurs = reponse.context["form"].errors
    assert erreurs["date_evenement"] == ["L'événement ne peut pas être daté dans le futur."]
    assert "usagers_concernes" in erreurs
    assert not Signalement.objects.exists()


def test_structure_hors_regime_refusee(client, ddets44):
    prahda = DispositifFactory(type=TypeDispositif.objects.get(code="PRAHDA"))
    reponse = declarer(client, ddets44, prahda)
    assert reponse.status_code == 200
    assert "dispositif" in reponse.context["form"].errors
    assert not Signalement.objects.exists()


def test_analyse_par_la_ddets(
    client, gestionnaire44, ddets44, dispositif44, django_capture_on_commit_callbacks
):
    declarer(client, gestionnaire44, dispositif44)
    signalement = Signalement.objects.get()
    url = reverse("signalement:transition", args=[signalement.pk, "prendre_en_charge"])
    # The manager sees it but may not analyse it.
    client.force_login(gestionnaire44)
    page = client.get(reverse("signalement:inspect", args=[signalement.pk]))
    assert page.status_code == 200 and "data-transition" not in page.content.decode()
    assert "Vous n'avez pas le droit" in " ".join(messages_de(client.post(url)))
    client.force_login(ddets44)
    page = client.get(reverse("signalement:inspect", args=[signalement.pk])).content.decode()
    assert 'data-transition="prendre_en_charge"' in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    signalement.refresh_from_db()
    assert signalement.etat == "en_analyse"
    assert mail.outbox[-1].to == [gestionnaire44.email]
    clore = reverse("signalement:transition", args=[signalement.pk, "clore"])
    reponse = client.post(clore, {"commentaire": ""})
    assert "Conclusion de l'analyse : ce champ est obligatoire." in html.unescape(
        reponse.content.decode()
    )
    client.post(clore, {"commentaire": "Mesures adaptées, pas de suite."})
    signalement.refresh_from_db()
    assert signalement.etat == "clos" and signalement.conclusion.startswith("Mesures")
    page = client.get(reverse("signalement:inspect", args=[signalement.pk])).content.decode()
    texte = " ".join(textes(page))
    assert "Déclarer" in texte and "Prendre en charge" in texte and "Clore" in texte
    assert defauts(textes(page), motif_codes(codes_bruts())) == []


@pytest.mark.parametrize(
    ("compte", "voit"),
    [("ddets44", True), ("gestionnaire44", True), ("ddets75", False), ("national", True)],
)
def test_perimetres(client, request, ddets44, dispositif44, compte, voit):
    declarer(client, ddets44, dispositif44)
    signalement = Signalement.objects.get()
    client.force_login(request.getfixturevalue(compte))
    liste = client.get(reverse("signalement:index"))
    assert (signalement in liste.context["object_list"]) is voit
    fiche = client.get(reverse("signalement:inspect", args=[signalement.pk]))
    assert fiche.status_code == (200 if voit else 404)
    transition = client.post(
        reverse("signalement:transition", args=[signalement.pk, "prendre_en_charge"])
    )
    if not voit:
        assert transition.status_code == 404
    for vue in ("edit", "delete"):  # a declaration is a record: no such page
        with pytest.raises(NoReverseMatch):
            reverse(f"signalement:{vue}", args=[signalement.pk])


def test_liste_en_requetes_fixes(client, ddets44):
    def requetes():
        client.force_login(ddets44)
        with CaptureQueriesContext(connection) as contexte:
            assert client.get(reverse("signalement:index")).status_code == 200
        return len(contexte.captured_queries)

    def signalements(n):
        for _ in range(n):
            Signalement.objects.create(
                dispositif=DispositifFactory(departement=departement("44")),
                categorie="sinistre",
                date_evenement=HIER,
                faits="Dégât des eaux",
                mesures_prises="Relogement",
            )

    signalements(2)
    requetes()  # the account's rights, read once and kept
    petit = requetes()
    signalements(8)
    assert requetes() == petit


def test_file_d_attente_de_la_ddets(client, ddets44, ddets75, gestionnaire44, dispositif44):
    from backoffice.pilotage.charge import charge_de

    declarer(client, gestionnaire44, dispositif44)

    def files(user):
        return [x for x in charge_de(user)["lignes"] if "Signalements" in x["libelle"]]

    [ligne] = files(ddets44)
    assert ligne["libelle"] == "Signalements à prendre en charge" and ligne["nombre"] == 1
    assert ligne["url"] == reverse("signalement:index") + "?etat=declare"
    assert files(ddets75) == files(gestionnaire44) == []

"""Admin screens of conventions over HTTP: forms (bad input → French message, nothing saved),
the transition view (role × perimeter × state), queues, exports, bulk transitions, renewal and
linking of financing lines."""

import datetime
import html

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from backoffice.conventions.models import Convention, EtatConvention
from tests.acces.outils import cellules_export, donnees_formulaire, formulaire_de, pks_listes
from tests.conventions.factories import amener, convention_pour, pdf
from tests.factories import DispositifFactory, EntiteFactory, FinancementFactory, departement
from workflows.services import chronologie

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_temporaire")]


def messages_de(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def texte(response):
    return html.unescape(response.content.decode())


def donnees_convention(client, lignes, **valeurs):
    form = formulaire_de(client, reverse("convention:add"))
    data = donnees_formulaire(form)
    data.update(
        {
            "intitule": "CADA de la Loire",
            "type_convention": "cada",
            "date_debut": "2027-01-01",
            "date_fin": "",
            "signataire": "prefet_departement",
        }
    )
    prefixe = form.formsets["lignes"].prefix
    data[f"{prefixe}-TOTAL_FORMS"] = str(len(lignes))
    for rang, (dispositif, places) in enumerate(lignes):
        data[f"{prefixe}-{rang}-dispositif"] = str(dispositif.pk) if dispositif else ""
        data[f"{prefixe}-{rang}-places_conventionnees"] = str(places)
    data.update(valeurs)
    return data


def test_creation_par_le_formulaire(client, ddets44, dispositif44):
    client.force_login(ddets44)
    data = donnees_convention(
        client, [(dispositif44, 60)], entite=str(dispositif44.entite_id), departement="44"
    )
    response = client.post(reverse("convention:add"), data)
    assert response.status_code == 302, response.context["form"].errors
    convention = Convention.objects.get()
    assert convention.numero == "CV-44-2027-0001"
    assert convention.date_fin == datetime.date(2031, 12, 31)  # CADA: five years
    assert convention.cree_par == ddets44
    assert list(convention.lignes.values_list("places_conventionnees", flat=True)) == [60]
    assert chronologie(convention)[0]["transition"] == "creer"


@pytest.mark.parametrize(
    ("places", "valeurs", "message"),
    [
        ("-5", {}, "supérieure ou égale à 0"),
        ("beaucoup", {}, "Saisissez un nombre entier"),
        ("81", {}, "81 places conventionnées dépassent les 80 places autorisées"),
        ("60", {"date_fin": "2026-12-31"}, "La date de fin précède la date de début"),
        ("60", {"date_debut": "31/31/2027"}, "Saisissez une date valide"),
        (
            "60",
            {
                "montants-TOTAL_FORMS": "1",
                "montants-0-exercice": "2027",
                "montants-0-montant": "-100",
            },
            "Le montant ne peut pas être négatif",
        ),
        (
            "60",
            {
                "montants-TOTAL_FORMS": "1",
                "montants-0-exercice": "2027",
                "montants-0-montant": "mille",
            },
            "Saisissez un nombre",
        ),
    ],
)
def test_saisies_invalides(client, ddets44, dispositif44, places, valeurs, message):
    client.force_login(ddets44)
    data = donnees_convention(
        client,
        [(dispositif44, places)],
        entite=str(dispositif44.entite_id),
        departement="44",
        **valeurs,
    )
    response = client.post(reverse("convention:add"), data)
    assert response.status_code == 200
    assert message in texte(response)
    assert not Convention.objects.exists()


def test_dispositif_d_une_autre_entite_refuse_par_le_formulaire(client, ddets44, dispositif44):
    autre = DispositifFactory(departement_id="44")
    client.force_login(ddets44)
    data = donnees_convention(
        client,
        [(dispositif44, 10), (autre, 10)],
        entite=str(dispositif44.entite_id),
        departement="44",
    )
    response = client.post(reverse("convention:add"), data)
    assert "n'appartient pas à l'entité gestionnaire" in texte(response)
    assert not Convention.objects.exists()


def test_choix_limites_au_perimetre(client, ddets44, dispositif44):
    dispositif75 = DispositifFactory(
        departement_id="75", entite=EntiteFactory(departement=departement("75"))
    )
    client.force_login(ddets44)
    form = formulaire_de(client, reverse("convention:add"))
    dispositifs = form.formsets["lignes"].empty_form.fields["dispositif"].queryset
    assert dispositif44 in dispositifs and dispositif75 not in dispositifs
    assert dispositif75.entite not in form.fields["entite"].queryset
    assert set(form.fields["departement"].queryset.values_list("code", flat=True)) == {"44"}


def url_transition(convention, nom):
    return reverse("convention:transition", args=[convention.pk, nom])


def test_transition_par_la_vue(client, ddets44, dispositif44):
    convention = convention_pour(dispositif44)
    client.force_login(ddets44)
    response = client.post(url_transition(convention, "soumettre"))
    assert response.status_code == 302
    assert response["Location"] == reverse("convention:inspect", args=[convention.pk])
    assert any("désormais « soumise »" in m for m in messages_de(response))
    convention.refresh_from_db()
    assert convention.etat == EtatConvention.SOUMISE


@pytest.mark.parametrize(
    ("acteur", "etat", "nom", "attendu"),
    [
        ("ddets75", "brouillon", "soumettre", 404),
        ("regional11", "pre_validee", "valider", 404),
        ("siao44", "soumise", "pre_valider", "refus"),
        ("ddets44", "pre_validee", "valider", "refus"),
        ("lecteur44", "validee", "abandonner", "refus"),
        ("regional52", "pre_validee", "valider", "ok"),
    ],
)
def test_matrice_http(request, client, national, dispositif44, acteur, etat, nom, attendu):
    convention = convention_pour(dispositif44)
    if etat != "brouillon":
        convention = amener(convention, etat, national)
    client.force_login(request.getfixturevalue(acteur))
    response = client.post(url_transition(convention, nom), {"commentaire": "Motif"})
    convention.refresh_from_db()
    if attendu == 404:
        assert response.status_code == 404
        assert convention.etat == etat
    elif attendu == "refus":
        assert response.status_code == 302
        assert "Vous n'avez pas le droit d'effectuer cette action ici." in messages_de(response)
        assert convention.etat == etat
    else:
        assert response.status_code == 302
        assert convention.etat != etat


def test_signer_une_convention_non_validee_par_la_vue(client, ddets44, dispositif44):
    convention = convention_pour(dispositif44)
    client.force_login(ddets44)
    assert client.get(url_transition(convention, "signer")).status_code == 200
    response = client.post(
        url_transition(convention, "signer"),
        {"date_signature": timezone.localdate().isoformat(), "fichier": pdf()},
    )
    assert response.status_code == 200
    assert "Action non effectuée : Cette action n'est plus possible" in texte(response)
    convention.refresh_from_db()
    assert convention.etat == EtatConvention.BROUILLON
    assert not convention.documents.exists()


@pytest.mark.parametrize(
    ("donnees", "message"),
    [
        ({"date_signature": "31/02/2026"}, "Saisissez une date valide"),
        ({"date_signature": ""}, "Indiquez la date de signature"),
        ({"fichier": None}, "Joignez un fichier"),
        ({"fichier": "exe"}, "Type de fichier refusé"),
        ({"fichier": "gros"}, "trop volumineux"),
        ({"date_signature": "2999-01-01"}, "ne peut pas être dans le futur"),
    ],
)
def test_signature_saisies_invalides(
    client, settings, national, ddets44, dispositif44, donnees, message
):
    settings.DOCUMENTS_TAILLE_MAX = 1024
    convention = amener(convention_pour(dispositif44), "validee", national)
    client.force_login(ddets44)
    data = {"date_signature": timezone.localdate().isoformat(), "fichier": pdf(), **donnees}
    if data["fichier"] == "exe":
        data["fichier"] = SimpleUploadedFile("copie.exe", b"MZ\x90\x00")
    elif data["fichier"] == "gros":
        data["fichier"] = pdf(contenu=b"%PDF-1.4\n" + b"0" * 2048)
    elif data["fichier"] is None:
        del data["fichier"]
    response = client.post(url_transition(convention, "signer"), data)
    assert response.status_code == 200
    assert message in texte(response)
    convention.refresh_from_db()
    assert convention.etat == EtatConvention.VALIDEE
    assert not convention.documents.exists()


def test_renvoi_sans_commentaire(client, national, ddets44, dispositif44):
    convention = amener(convention_pour(dispositif44), "soumise", national)
    client.force_login(ddets44)
    response = client.post(url_transition(convention, "renvoyer"), {"commentaire": ""})
    assert "Ce qui doit être repris : ce champ est obligatoire." in texte(response)
    convention.refresh_from_db()
    assert convention.etat == EtatConvention.SOUMISE
    response = client.post(url_transition(convention, "renvoyer"), {"commentaire": "Dates"})
    convention.refresh_from_db()
    assert convention.etat == EtatConvention.BROUILLON
    assert chronologie(convention)[-1]["commentaire"] == "Dates"


def test_action_inconnue(client, ddets44, dispositif44):
    convention = convention_pour(dispositif44)
    client.force_login(ddets44)
    assert client.post(url_transition(convention, "supprimer_tout")).status_code == 404
    assert client.post(url_transition(convention, "save")).status_code == 404


def test_fiche_boutons_et_chronologie(client, ddets44, lecteur44, dispositif44):
    convention = convention_pour(dispositif44)
    client.force_login(ddets44)
    contenu = client.get(reverse("convention:inspect", args=[convention.pk])).content.decode()
    assert 'data-transition="soumettre"' in contenu
    assert 'data-transition="abandonner"' in contenu
    assert 'data-transition="valider"' not in contenu
    client.force_login(lecteur44)
    contenu = client.get(reverse("convention:inspect", args=[convention.pk])).content.decode()
    assert "data-transition=" not in contenu
    assert "Aucune action à votre main" in contenu


def test_modification_refusee_apres_soumission(client, national, ddets44, dispositif44):
    convention = amener(convention_pour(dispositif44), "soumise", national)
    client.force_login(ddets44)
    response = client.get(reverse("convention:edit", args=[convention.pk]))
    assert response.status_code == 302
    assert "ne se modifie plus" in messages_de(response)[0]


def test_files_liste_et_export_limites_au_perimetre(
    client, national, ddets44, dispositif44, dispositif75
):
    brouillon = convention_pour(dispositif44)
    soumise = amener(convention_pour(DispositifFactory(departement_id="44")), "soumise", national)
    paris = amener(convention_pour(dispositif75), "soumise", national)
    client.force_login(ddets44)
    response = client.get(reverse("convention:index"))
    assert pks_listes(response) == {brouillon.pk, soumise.pk}
    response = client.get(reverse("convention:index"), {"file": "a_pre_valider"})
    assert pks_listes(response) == {soumise.pk}
    assert "À pré-valider (1)" in response.content.decode()
    cellules = cellules_export(client.get(reverse("convention:index"), {"export": "csv"}), "csv")
    assert soumise.numero in cellules and paris.numero not in cellules
    cellules = cellules_export(
        client.get(reverse("convention:index"), {"export": "xlsx", "file": "a_pre_valider"}),
        "xlsx",
    )
    assert soumise.numero in cellules and brouillon.numero not in cellules


def test_traitement_groupe(client, national, ddets44, dispositif44, dispositif75):
    a = amener(convention_pour(dispositif44), "soumise", national)
    b = amener(convention_pour(DispositifFactory(departement_id="44")), "soumise", national)
    paris = amener(convention_pour(dispositif75), "soumise", national)
    url = reverse("convention:transition_groupee", args=["pre_valider"])
    client.force_login(ddets44)
    response = client.get(url)
    assert {o.pk for o, _ in response.context["lignes"]} == {a.pk, b.pk}
    response = client.post(url, {"objets": [a.pk, b.pk, paris.pk], "commentaire": "Lot"})
    assert response.status_code == 302
    messages = messages_de(response)
    assert "effectué pour 2 éléments" in messages[0]
    assert f"n° {paris.pk} : introuvable" in messages[1]
    etats = dict(Convention.objects.values_list("pk", "etat"))
    assert (etats[a.pk], etats[b.pk], etats[paris.pk]) == ("pre_validee", "pre_validee", "soumise")
    assert client.get(reverse("convention:transition_groupee", args=["signer"])).status_code == 404


def test_renouvellement(client, national, ddets44, dispositif44):
    ancienne = amener(convention_pour(dispositif44, places=42), "signee", national)
    client.force_login(ddets44)
    response = client.post(reverse("convention:renouveler", args=[ancienne.pk]))
    nouvelle = Convention.objects.exclude(pk=ancienne.pk).get()
    assert response["Location"] == reverse("convention:edit", args=[nouvelle.pk])
    assert nouvelle.etat == EtatConvention.BROUILLON
    assert nouvelle.convention_precedente == ancienne
    assert nouvelle.date_debut == ancienne.date_fin + datetime.timedelta(days=1)
    assert list(nouvelle.lignes.values_list("dispositif_id", "places_conventionnees")) == [
        (dispositif44.pk, 42)
    ]
    contenu = client.get(reverse("convention:inspect", args=[ancienne.pk])).content.decode()
    assert "Renouvelée par" in contenu and nouvelle.numero in contenu


def test_rattachement_des_financements(client, national, ddets44, dispositif44):
    convention = amener(convention_pour(dispositif44), "signee", national)
    financement = FinancementFactory(dispositif=dispositif44)
    autre = FinancementFactory(dispositif=DispositifFactory(departement_id="44"))
    assert Convention.objects.sans_financement().filter(pk=convention.pk).exists()
    client.force_login(ddets44)
    url = reverse("convention:rattacher_financements", args=[convention.pk])
    form = client.get(url).context["form"]
    assert set(form.fields["financements"].queryset) == {financement}
    response = client.post(url, {"financements": [financement.pk, autre.pk]})
    assert "Sélectionnez un choix valide" in texte(response)  # `autre`: not offered
    financement.refresh_from_db()
    assert financement.convention is None
    client.post(url, {"financements": [financement.pk]})
    financement.refresh_from_db()
    autre.refresh_from_db()
    assert financement.convention == convention and autre.convention is None
    assert not Convention.objects.sans_financement().filter(pk=convention.pk).exists()
    assert financement.history.first().history_change_reason.startswith("Rattachement")

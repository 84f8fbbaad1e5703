"""AvenantForm.verifier_lignes, each branch, through the real form (the page's own fields): a
line is checked against its convention (the dispositif's entité, the places autorisées); a
line left without dispositif is skipped; without a convention there is nothing to check
against; in an edit, the avenant's own convention is the reference. Bad input: a French
message, nothing saved."""

import datetime
import html
from types import SimpleNamespace

import pytest
from django.urls import reverse

from backoffice.conventions.models import Avenant
from backoffice.conventions.views.formulaires import AvenantForm
from tests.acces.outils import donnees_formulaire, formulaire_de
from tests.conventions.factories import amener, convention_pour, jours
from tests.factories import DispositifFactory, EntiteFactory, departement

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_temporaire")]


@pytest.fixture
def convention(national, dispositif44):
    return amener(
        convention_pour(dispositif44, places=50, date_debut=jours(10)), "signee", national
    )


def envoyer(client, convention, lignes, **valeurs):
    url = reverse("avenant:add") + f"?convention={convention.pk}"
    form = formulaire_de(client, url)
    data = donnees_formulaire(form)
    prefixe = form.formsets["lignes"].prefix
    data.update(
        {
            "convention": str(convention.pk),
            "objet": "Extension",
            "date_effet": (convention.date_debut + datetime.timedelta(days=30)).isoformat(),
            f"{prefixe}-TOTAL_FORMS": str(len(lignes)),
        }
    )
    for rang, (dispositif, places) in enumerate(lignes):
        data[f"{prefixe}-{rang}-dispositif"] = str(dispositif.pk) if dispositif else ""
        data[f"{prefixe}-{rang}-places_conventionnees"] = str(places)
    data.update(valeurs)
    return client.post(url, data)


def texte(reponse):
    return html.unescape(reponse.content.decode())


def test_ligne_valide_enregistree(client, ddets44, convention, dispositif44):
    client.force_login(ddets44)
    reponse = envoyer(client, convention, [(dispositif44, 70)])
    assert reponse.status_code == 302
    avenant = Avenant.objects.get()
    assert list(avenant.lignes.values_list("places_conventionnees", flat=True)) == [70]


def test_dispositif_d_une_autre_entite(client, ddets44, convention, dispositif44):
    autre = DispositifFactory(
        departement_id="44", entite=EntiteFactory(departement=departement("44"))
    )
    client.force_login(ddets44)
    reponse = envoyer(client, convention, [(autre, 10)])
    assert reponse.status_code == 200
    assert "n'appartient pas à l'entité gestionnaire de la convention" in texte(reponse)
    assert not Avenant.objects.exists()


def test_au_dela_des_places_autorisees(client, ddets44, convention, dispositif44):
    client.force_login(ddets44)
    reponse = envoyer(client, convention, [(dispositif44, 81)])
    assert reponse.status_code == 200
    assert "81 places conventionnées dépassent les 80 places autorisées" in texte(reponse)
    assert not Avenant.objects.exists()


def test_chaque_ligne_verifiee(client, ddets44, convention, dispositif44):
    """Two lines, one wrong: the wrong one is named, the avenant is not saved."""
    autre = DispositifFactory(
        departement_id="44", entite=EntiteFactory(departement=departement("44"))
    )
    client.force_login(ddets44)
    reponse = envoyer(client, convention, [(dispositif44, 60), (autre, 10)])
    assert reponse.status_code == 200
    page = texte(reponse)
    assert f"Le dispositif {autre} n'appartient pas" in page
    assert f"Le dispositif {dispositif44} n'appartient pas" not in page
    assert not Avenant.objects.exists()


class FormulaireSansPage:
    """The state `verifier_lignes` reads from a bound form (its instance, its line formset)
    and the errors it adds: the branches the page cannot reach (the convention field is
    required there) are run on it."""

    def __init__(self, instance, lignes):
        self.instance = instance
        sous = [
            SimpleNamespace(cleaned_data={"dispositif": d, "places_conventionnees": p})
            for d, p in lignes
        ]
        self.formsets = {"lignes": SimpleNamespace(forms=sous)}
        self.erreurs = []

    def add_error(self, champ, erreur):
        self.erreurs.append(erreur)


def test_sans_convention_rien_a_verifier(dispositif44):
    autre = DispositifFactory(
        departement_id="44", entite=EntiteFactory(departement=departement("44"))
    )
    formulaire = FormulaireSansPage(Avenant(), [(autre, 10), (dispositif44, 81)])
    AvenantForm.verifier_lignes(formulaire, {})
    assert formulaire.erreurs == []


def test_convention_de_l_avenant_en_modification(convention, dispositif44):
    """No convention in the submitted data: the avenant's own convention is the reference."""
    formulaire = FormulaireSansPage(Avenant(convention=convention), [(None, 5), (dispositif44, 81)])
    AvenantForm.verifier_lignes(formulaire, {})
    assert formulaire.erreurs == [
        f"{dispositif44} : 81 places conventionnées dépassent les 80 places autorisées."
    ]

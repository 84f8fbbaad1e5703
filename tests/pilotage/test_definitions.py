"""One definition per figure (docs/pilotage.md): the tiles, the table, the curve, the lists behind
the figures, the quality rules and the dispositif page read the same rule."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from backoffice.acces.perimetres import NATIONAL
from backoffice.offre.models import Dispositif, TypeDispositif, jours_exercice
from backoffice.pilotage.evolution import calculer_evolution
from backoffice.pilotage.indicateurs import photographie
from backoffice.qualite import regles
from tests.factories import DispositifFactory, FinancementFactory, GroupeFactory

pytestmark = pytest.mark.django_db

AUJOURDHUI = timezone.localdate()


def _type(code):
    return TypeDispositif.objects.get(code=code)


def _lien_de_la_case(html, code_type, capacite):
    """The href of a figure of the table by type (row of `code_type`, column `capacite`)."""
    ligne = re.search(rf'<tr[^>]*data-type="{code_type}"[^>]*>(.*?)</tr>', html, flags=re.DOTALL)
    assert ligne, code_type
    case = re.search(rf'data-colonne="{capacite}">\s*<a href="([^"]+)"', ligne.group(1))
    assert case, (code_type, capacite)
    return case.group(1).replace("&amp;", "&")


# --- class 3: the list behind « autorisées » lists what the figure counts -----------------------


def test_la_liste_des_autorisees_ne_contient_pas_les_dispositifs_fermes(client, ddets44):
    ouvert = DispositifFactory(places_autorisees=80, nom="CADA ouvert")
    ferme = DispositifFactory(
        places_autorisees=50,
        nom="CADA fermé",
        date_fermeture=AUJOURDHUI - datetime.timedelta(days=10),
    )
    client.force_login(ddets44)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    url = _lien_de_la_case(html, "CADA", "autorisees")
    liste = client.get(url).content.decode()
    assert ouvert.code in liste
    assert ferme.code not in liste
    assert 'data-total="80"' in liste  # the list sums to the figure


# --- class 4: one daily cost ---------------------------------------------------------------------


def test_un_seul_cout_journalier_pour_le_tableau_et_la_regle_qualite():
    """Co-financing: a line with an amount and 0 places counts in the amount; a line without an
    amount weighs on neither the amount nor the places of the cost."""
    cada = _type("CADA")
    cada.cout_journalier_reference = Decimal("20.00")
    cada.save()
    dispositif = DispositifFactory(type=cada)
    exercice = AUJOURDHUI.year
    FinancementFactory(
        dispositif=dispositif, exercice=exercice, places_financees=10, montant_annuel=100_000
    )
    FinancementFactory(
        dispositif=dispositif,
        exercice=exercice,
        places_financees=0,
        montant_annuel=50_000,
        action="co",
    )
    FinancementFactory(
        dispositif=dispositif,
        exercice=exercice,
        places_financees=5,
        montant_annuel=None,
        action="sans",
    )
    attendu = (Decimal(150_000) / (10 * jours_exercice(exercice))).quantize(Decimal("0.01"))

    assert photographie(NATIONAL).total().cout_jour_place(exercice) == attendu
    assert photographie(NATIONAL).total().financees == 15  # the figure keeps every place

    contexte = regles.Contexte(Dispositif.objects.filter(pk=dispositif.pk), AUJOURDHUI)
    (constat,) = regles.cout_journalier(contexte)
    assert f"{attendu}".replace(".", ",") + " €" in constat.message


# --- class 5: the curve and the tiles agree -----------------------------------------------------


def test_la_courbe_et_les_tuiles_ont_la_meme_definition_des_autorisees():
    dans_un_mois = AUJOURDHUI + datetime.timedelta(days=30)
    DispositifFactory(places_autorisees=60, date_autorisation=dans_un_mois, date_ouverture=None)
    DispositifFactory(places_autorisees=25, date_autorisation=None, date_ouverture=dans_un_mois)
    DispositifFactory(places_autorisees=40, date_autorisation=None, date_ouverture=None)
    ouvert = DispositifFactory(places_autorisees=30)
    GroupeFactory(dispositif=ouvert, places=30)
    FinancementFactory(dispositif=ouvert, exercice=AUJOURDHUI.year, places_financees=30)

    tuiles = photographie(NATIONAL).total()
    courbe = calculer_evolution(NATIONAL, AUJOURDHUI)[-1]
    assert tuiles.autorisees == 40 + 30
    for code in ("autorisees", "financees", "conventionnees", "ouvertes"):
        assert courbe[code] == getattr(tuiles, code), code


# --- class 6: « autorisées » only for the types under the authorisation regime -----------------


def test_les_autorisees_ne_somment_que_les_types_sous_autorisation():
    DispositifFactory(type=_type("CADA"), places_autorisees=80)
    DispositifFactory(type=_type("HUDA"), places_autorisees=38)  # an old record
    photo = photographie(NATIONAL)
    assert photo.total().autorisees == 80
    assert photo.par_type().get("HUDA") is None or photo.par_type()["HUDA"].autorisees == 0


def test_le_formulaire_refuse_des_places_autorisees_sur_un_huda():
    dispositif = DispositifFactory(type=_type("HUDA"), places_autorisees=None)
    dispositif.places_autorisees = 38
    with pytest.raises(ValidationError) as erreur:
        dispositif.full_clean()
    message = " ".join(erreur.value.message_dict["places_autorisees"])
    assert "régime d'autorisation" in message
    assert "HUDA" in message


def test_la_fiche_du_dispositif_lit_les_memes_chiffres(client, ddets44):
    huda = DispositifFactory(type=_type("HUDA"), places_autorisees=38)
    FinancementFactory(dispositif=huda, exercice=AUJOURDHUI.year, places_financees=20)
    GroupeFactory(dispositif=huda, places=12)
    client.force_login(ddets44)
    html = client.get(reverse("dispositif:inspect", args=[huda.pk])).content.decode()
    capacites = dict(re.findall(r'data-capacite="(\w+)"[^>]*>\s*([^<]*)<', html))
    assert capacites["autorisees"].strip() == "—"  # no authorised capacity for a HUDA
    assert capacites["financees"].strip() == "20"
    assert capacites["ouvertes"].strip() == "12"

"""Choice lists stay in the user's perimeter, everywhere: for each role and each form page it can
open (add, edit, list filters, the other forms of the admin), every option of every `<select>`
(and every checkbox of a multiple choice) is an object the user may see.

What « in the perimeter » means is written out here, independently of the code under test:
- départements: those of the user's assignments, plus, for an entité's gestionnaire, the
  départements of its entité (siège and dispositifs); régions and SIAO: those holding one;
- rows of perimeter-bound models (entités, dispositifs, conventions, appels…): those the user
  may read (the permission policy, itself tested in tests/acces);
- reference data (types, natures, programmes…): anything.
The value already recorded on the object being edited stays offered (it is its own value).
"""

import contextlib

import pytest
from bs4 import BeautifulSoup
from django.forms import BaseForm, BaseFormSet
from django.urls import NoReverseMatch, reverse
from wagtail.admin.viewsets import viewsets as registre

from backoffice.acces.perimetres import est_perimetre
from backoffice.acces.policies import policy_for
from backoffice.acces.viewsets import LECTURE, PerimetreModelViewSet
from backoffice.appels.models import AppelAProjets, EtatAppel
from backoffice.conventions.models import Avenant
from backoffice.qualite.services import recalculer
from backoffice.territoires.models import Departement, Region, Siao
from tests.appels.factories import appel_44, deposer, publier
from tests.conventions.factories import amener, convention_pour, jours
from tests.demandes.factories import DemandeFactory
from tests.factories import (
    DispositifFactory,
    EntiteFactory,
    FinancementFactory,
    departement,
    siao_de,
)
from tests.schemas.outils import petit_schema

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_temporaire")]

REGION_52 = {"44", "49", "53", "72", "85"}


@pytest.fixture
def media_temporaire(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def territoire_attendu(nom):
    """The départements each test account works on (None: all), from its assignment."""
    return {
        "national": None,
        "ddets44": {"44"},
        "ddets75": {"75"},
        "siao44": set(siao_de("44").departements.values_list("code", flat=True)),
        "regional52": REGION_52,
        "lecteur44": {"44"},
        "gestionnaire44": {"44"},  # its entité: siège and dispositif in the 44
    }[nom]


@pytest.fixture
def parc(national, dispositif44, dispositif75):
    """Objects in and out of every perimeter: the 44 and the 49 (région 52), the 75 (région 11),
    the 35 (région 53)."""
    dispositif75.entite.departement = departement("75")
    dispositif75.entite.save()
    d49 = DispositifFactory(
        departement_id="49", entite=EntiteFactory(departement=departement("49"))
    )
    d35 = DispositifFactory(
        departement_id="35", entite=EntiteFactory(departement=departement("35"))
    )
    for dispositif in (dispositif44, dispositif75, d49, d35):
        FinancementFactory(dispositif=dispositif)
        convention_pour(dispositif)  # a draft of each département
    for dispositif in (dispositif44, dispositif75):
        signee = amener(
            convention_pour(dispositif, date_debut=jours(-30), intitule="Signée"),
            "signee",
            national,
        )
        Avenant.objects.create(convention=signee, objet="Extension", date_effet=jours(20))
        DemandeFactory(departement_id=dispositif.departement_id)
    # Calls: a draft of the 44, published calls of the 44 and of the 75 (their candidatures).
    appel_44()
    publie44 = publier(appel_44(), national)
    deposer(national, publie44, dispositif44.entite)
    publie75 = appel_44(repartition=(("75", 30),), region=Region.objects.get(code="11"))
    publie75 = publier(publie75, national)
    deposer(national, publie75, dispositif75.entite, departement="75")
    petit_schema("52")
    petit_schema("11")
    recalculer()


def _formulaires(response):
    """Every form (formsets' forms and empty forms included) the page was rendered with."""
    vus, formulaires = set(), []

    def ajouter(objet):
        if isinstance(objet, BaseForm) and id(objet) not in vus:
            vus.add(id(objet))
            formulaires.append(objet)
            for formset in getattr(objet, "formsets", {}).values():
                ajouter(formset)
        elif isinstance(objet, BaseFormSet) and id(objet) not in vus:
            vus.add(id(objet))
            for sous in [*objet.forms, objet.empty_form]:
                ajouter(sous)
        elif hasattr(objet, "form") and hasattr(objet, "filters"):  # a django-filter FilterSet
            ajouter(objet.form)

    for contexte in response.context or []:
        for valeur in contexte.flatten().values():
            ajouter(valeur)
    return formulaires


def _champs(response):
    """{html name: form field} of every form of the page."""
    champs = {}
    for formulaire in _formulaires(response):
        for nom, champ in formulaire.fields.items():
            champs[formulaire.add_prefix(nom)] = champ
    return champs


def _options(html):
    """[(html name, value, label, selected)] of every select option and multiple-choice
    checkbox of the page."""
    soupe = BeautifulSoup(html, "html.parser")
    options = []
    for select in soupe.select("select[name]"):
        for option in select.select("option"):
            options.append(
                (
                    select["name"],
                    option.get("value", ""),
                    option.get_text(strip=True),
                    option.has_attr("selected"),
                )
            )
    for case in soupe.select("input[type=checkbox][name][value]"):
        options.append((case["name"], case["value"], case["value"], case.has_attr("checked")))
    # Empty forms of inline panels are rendered inside <template> (html.parser reads them too).
    return options


class Oracle:
    def __init__(self, nom, user):
        self.user = user
        self.departements = territoire_attendu(nom)
        self.cache = {}

    def lisibles(self, modele):
        if modele not in self.cache:
            self.cache[modele] = {
                str(pk)
                for pk in policy_for(modele)
                .instances_user_has_any_permission_for(self.user, LECTURE)
                .values_list("pk", flat=True)
            }
        return self.cache[modele]

    def permis(self, modele, valeur, page):
        if self.departements is None:
            return True
        if modele is Departement:
            if valeur in self.departements:
                return True
            # A candidature is in the perimeter of its call: the départements of the published
            # calls the user sees (an operator bids outside its own département).
            return page == "candidature" and valeur in self.departements_des_appels()
        if modele is Region:
            return Departement.objects.filter(region_id=valeur, code__in=self.departements).exists()
        if modele is Siao:
            return Siao.objects.filter(pk=valeur, departements__code__in=self.departements).exists()
        if not est_perimetre(modele._meta.label_lower):
            return True  # reference data
        return valeur in self.lisibles(modele)

    def departements_des_appels(self):
        appels = policy_for(AppelAProjets).instances_user_has_any_permission_for(self.user, LECTURE)
        codes = set()
        for appel in appels.filter(etat=EtatAppel.PUBLIE):
            codes |= set(appel.departements)
        return codes


def _pages(user):
    """(name, url) of every form page of the admin worth opening for `user`: each viewset's
    list (filters), add and edit (first object the user may change) pages, and the other forms."""
    reverse("wagtailadmin_home")
    pages = []
    for viewset in registre.viewsets:
        if not isinstance(viewset, PerimetreModelViewSet):
            continue
        for vue in ("index", "add"):
            with contextlib.suppress(NoReverseMatch):
                pages.append((viewset.name, reverse(viewset.get_url_name(vue))))
        modifiables = policy_for(viewset.model).instances_user_has_permission_for(user, "change")
        for objet in modifiables.order_by("pk")[:3]:
            try:
                url = reverse(viewset.get_url_name("edit"), args=[objet.pk])
            except NoReverseMatch:
                break
            pages.append((viewset.name, url))
    dispositifs = policy_for(DispositifFactory._meta.model).instances_user_has_any_permission_for(
        user, ["view"]
    )
    for dispositif in dispositifs.order_by("pk")[:1]:
        for nom in ("demander_modification", "demander_fermeture"):
            pages.append(("demande", reverse(f"demande:{nom}", args=[dispositif.pk])))
    pages.append(("import_temps1", reverse("import_temps1:export")))
    return pages


def _modele_du_champ(nom_html, champ):
    queryset = getattr(champ, "queryset", None)
    if queryset is not None:
        return queryset.model
    if nom_html.split("-")[-1] in ("departement", "departements"):
        return Departement  # a list of département codes (the Temps 1 export's choice)
    return None


@pytest.mark.parametrize(
    "nom",
    ["national", "ddets44", "ddets75", "siao44", "regional52", "lecteur44", "gestionnaire44"],
)
def test_listes_de_choix_dans_le_perimetre(client, request, parc, nom):
    user = request.getfixturevalue(nom)
    client.force_login(user)
    oracle = Oracle(nom, user)
    hors_perimetre, ouvertes = [], 0
    for espace, url in _pages(user):
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        ouvertes += 1
        champs = _champs(response)
        for nom_html, valeur, libelle, choisie in _options(response.content.decode()):
            if not valeur or choisie or valeur == "tous":
                continue
            champ = champs.get(nom_html)
            modele = _modele_du_champ(nom_html, champ) if champ is not None else None
            if modele is None:
                continue
            if not oracle.permis(modele, valeur, espace):
                hors_perimetre.append(f"{url} — {nom_html} : « {libelle} »")
    assert ouvertes >= 10, ouvertes
    assert hors_perimetre == [], "\n".join(sorted(set(hors_perimetre)))


def test_appel_d_une_ddets_region_de_son_departement(client, ddets44, parc):
    """The issue's own case: a DDETS 44 creating a call sees only its région."""
    client.force_login(ddets44)
    options = _options(client.get(reverse("appel:add")).content.decode())
    regions = {valeur for nom, valeur, _, _ in options if nom == "region" and valeur}
    assert regions == {"52"}


def test_le_gestionnaire_ne_voit_pas_les_champs_des_agents(
    client, gestionnaire44, ddets44, parc, dispositif44
):
    client.force_login(gestionnaire44)
    appel = AppelAProjets.objects.filter(etat=EtatAppel.PUBLIE).order_by("pk").first()
    formulaire = client.get(reverse("candidature:add") + f"?appel={appel.pk}").context["form"]
    assert "siren_entite" not in formulaire.fields  # recording a candidature for an operator
    entites = {str(e.pk) for e in formulaire.fields["entite"].queryset}
    assert entites == {str(dispositif44.entite_id)}
    client.force_login(ddets44)
    formulaire = client.get(reverse("candidature:add") + f"?appel={appel.pk}").context["form"]
    assert "siren_entite" in formulaire.fields


def test_les_listes_filtrent_par_le_perimetre(client, ddets44, parc):
    """A filter value out of the perimeter is refused by the filter form, not applied."""
    client.force_login(ddets44)
    response = client.get(reverse("dispositif:index"), {"departement": "75"})
    assert response.status_code == 200
    assert "departement" in response.context["filters"].form.errors


def test_chaque_liste_filtre_dans_le_perimetre():
    """Every list's filters derive from the perimeter-bound filter set."""
    from backoffice.acces.filtres import PerimetreFilterSet

    reverse("wagtailadmin_home")
    for viewset in registre.viewsets:
        if not isinstance(viewset, PerimetreModelViewSet):
            continue
        classe = viewset.get_index_view_kwargs().get("filterset_class")
        if not isinstance(classe, type):
            # Built by the index view from `list_filter`, on its base_filterset_class.
            classe = viewset.index_view_class.base_filterset_class
        assert issubclass(classe, PerimetreFilterSet), viewset.name

"""Perimeters on every admin view: list, search, filters, export, inspect, edit, delete, history,
usage, form choices. An object out of perimeter is answered as not found (docs/domaine.md §2)."""

import re
from types import SimpleNamespace

import pytest

from backoffice.acces.roles import Role
from backoffice.offre.models import (
    Dispositif,
    EntiteGestionnaire,
    Financement,
    GroupeDePlaces,
    Nature,
)
from tests.acces.outils import (
    VUES_OBJET,
    assert_introuvable,
    assert_refuse,
    cellules_export,
    donnees_formulaire,
    formulaire_de,
    lignes_export,
    pks_listes,
    url_vue,
)
from tests.factories import (
    DispositifFactory,
    EntiteFactory,
    FinancementFactory,
    GroupeFactory,
    UserFactory,
    affecter,
    departement,
)

pytestmark = pytest.mark.django_db

VIEWSETS = ["dispositif", "entite", "groupe", "financement"]
MODELES = {
    "dispositif": Dispositif,
    "entite": EntiteGestionnaire,
    "groupe": GroupeDePlaces,
    "financement": Financement,
}
# A text field changed by the edit POSTs, per viewset.
CHAMP_MODIFIE = {
    "dispositif": "nom",
    "entite": "raison_sociale",
    "groupe": "libelle",
    "financement": "action",
}


def _jeu(dep, entite_nom, dispositif_nom, groupe_libelle, commune, code_postal):
    entite = EntiteFactory(
        raison_sociale=entite_nom,
        departement=departement(dep),
        commune=commune,
        code_postal=code_postal,
    )
    dispositif = DispositifFactory(
        nom=dispositif_nom,
        entite=entite,
        departement=departement(dep),
        commune=commune,
        code_postal=code_postal,
    )
    groupe = GroupeFactory(dispositif=dispositif, libelle=groupe_libelle, commune=commune)
    financement = FinancementFactory(dispositif=dispositif)
    return {
        "objets": {
            "dispositif": dispositif,
            "entite": entite,
            "groupe": groupe,
            "financement": financement,
        },
        # A text shown in the listing, the export and matched by the search, per viewset.
        "marqueurs": {
            "dispositif": dispositif_nom,
            "entite": entite_nom,
            "groupe": groupe_libelle,
            "financement": dispositif_nom,
        },
    }


@pytest.fixture
def offre(db):
    jeux = {
        "44": _jeu(
            "44",
            "Association Erdre Accueil",
            "CADA Rive Erdre",
            "Appartements Erdre",
            "Nantes",
            "44000",
        ),
        "75": _jeu(
            "75",
            "Association Belleville Solidaire",
            "CADA Canal Saint-Martin",
            "Appartements Canal",
            "Paris",
            "75011",
        ),
        "49": _jeu(
            "49",
            "Association Maine Hospitalité",
            "CADA Bords de Maine",
            "Appartements Maine",
            "Angers",
            "49000",
        ),
    }
    return SimpleNamespace(
        objet=lambda viewset, dep: jeux[dep]["objets"][viewset],
        marqueur=lambda viewset, dep: jeux[dep]["marqueurs"][viewset],
        jeux=jeux,
    )


def _recharger(objet):
    return type(objet).objects.get(pk=objet.pk)


# ---------------------------------------------------------------------------------------------
# DDETS 75 against the 44 (and the reverse for lists): object views
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("vue", VUES_OBJET)
@pytest.mark.parametrize("viewset", VIEWSETS)
def test_vues_objet_hors_perimetre_introuvables(client, offre, ddets44, ddets75, viewset, vue):
    url = url_vue(viewset, vue, offre.objet(viewset, "44"))
    client.force_login(ddets44)  # control: the URL is right and answers its owner
    assert client.get(url).status_code == 200
    client.force_login(ddets75)
    assert_introuvable(client, url)


@pytest.mark.parametrize("viewset", VIEWSETS)
def test_modification_hors_perimetre_sans_effet(client, offre, ddets44, ddets75, viewset):
    objet = offre.objet(viewset, "44")
    champ = CHAMP_MODIFIE[viewset]
    avant = getattr(objet, champ)
    url = url_vue(viewset, "edit", objet)
    client.force_login(ddets44)
    data = donnees_formulaire(formulaire_de(client, url))
    data[champ] = "77"  # short enough for every field, different from the current value

    client.force_login(ddets75)
    assert_introuvable(client, url, "post", data)
    assert getattr(_recharger(objet), champ) == avant

    # Control: the very same payload is valid and changes the object for its owner.
    client.force_login(ddets44)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    assert getattr(_recharger(objet), champ) == "77"


@pytest.mark.parametrize("viewset", VIEWSETS)
def test_suppression_hors_perimetre_sans_effet(client, offre, ddets75, viewset):
    objet = offre.objet(viewset, "44")
    client.force_login(ddets75)
    assert_introuvable(client, url_vue(viewset, "delete", objet), "post")
    assert type(objet).objects.filter(pk=objet.pk).exists()


def test_suppression_dans_le_perimetre_controle(client, offre, ddets44):
    """Control of the test above: the same POST deletes when the object is in perimeter."""
    groupe = offre.objet("groupe", "44")
    client.force_login(ddets44)
    response = client.post(url_vue("groupe", "delete", groupe))
    assert response.status_code == 302
    assert not GroupeDePlaces.objects.filter(pk=groupe.pk).exists()


# ---------------------------------------------------------------------------------------------
# Lists, search, filters and exports
# ---------------------------------------------------------------------------------------------

VUS_CACHES = [("ddets75", "75", "44"), ("ddets44", "44", "75")]


@pytest.mark.parametrize(("utilisateur", "visible", "cache"), VUS_CACHES)
@pytest.mark.parametrize("viewset", VIEWSETS)
def test_liste_limitee_au_perimetre(request, client, offre, viewset, utilisateur, visible, cache):
    client.force_login(request.getfixturevalue(utilisateur))
    response = client.get(url_vue(viewset, "index"))
    assert response.status_code == 200
    pks = pks_listes(response)
    assert offre.objet(viewset, visible).pk in pks
    assert offre.objet(viewset, cache).pk not in pks
    html = response.content.decode()
    assert offre.marqueur(viewset, visible) in html
    assert offre.marqueur(viewset, cache) not in html


@pytest.mark.parametrize(("utilisateur", "visible", "cache"), VUS_CACHES)
@pytest.mark.parametrize("viewset", VIEWSETS)
def test_recherche_limitee_au_perimetre(
    request, client, offre, viewset, utilisateur, visible, cache
):
    client.force_login(request.getfixturevalue(utilisateur))
    url = url_vue(viewset, "index")
    trouve = client.get(url, {"q": offre.marqueur(viewset, visible)})
    assert offre.objet(viewset, visible).pk in pks_listes(trouve)
    response = client.get(url, {"q": offre.marqueur(viewset, cache)})
    assert response.status_code == 200
    assert pks_listes(response) == set()
    html = response.content.decode()
    # The search box echoes the query; the object itself must not show anywhere else.
    assert html.count(offre.marqueur(viewset, cache)) == html.count(
        f'value="{offre.marqueur(viewset, cache)}"'
    )


def _options(html, nom):
    """Option values of the <select name=nom> of a page."""
    select = re.search(rf'<select[^>]*name="{nom}"[^>]*>(.*?)</select>', html, re.S)
    assert select, f"pas de liste déroulante {nom!r}"
    return set(re.findall(r'<option value="([^"]*)"', select.group(1))) - {""}


@pytest.mark.parametrize(("utilisateur", "visible", "cache"), VUS_CACHES)
@pytest.mark.parametrize("viewset", VIEWSETS)
def test_filtre_departement_limite(request, client, offre, viewset, utilisateur, visible, cache):
    client.force_login(request.getfixturevalue(utilisateur))
    response = client.get(url_vue(viewset, "index"))
    champ = response.context["filters"].form.fields["departement"]
    codes = {d.code for d in champ.queryset}
    assert codes == {visible}
    assert _options(response.content.decode(), "departement") == {visible}


@pytest.mark.parametrize(("utilisateur", "visible", "cache"), VUS_CACHES)
def test_filtre_entite_des_dispositifs_limite(request, client, offre, utilisateur, visible, cache):
    client.force_login(request.getfixturevalue(utilisateur))
    response = client.get(url_vue("dispositif", "index"))
    entites = set(response.context["filters"].form.fields["entite"].queryset)
    assert offre.objet("entite", visible) in entites
    assert offre.objet("entite", cache) not in entites
    options = _options(response.content.decode(), "entite")
    assert str(offre.objet("entite", visible).pk) in options
    assert str(offre.objet("entite", cache).pk) not in options


@pytest.mark.parametrize("viewset", VIEWSETS)
def test_filtre_force_sur_un_autre_departement(client, offre, ddets75, viewset):
    """Typing ?departement=44 in the URL does not open the 44 to the 75."""
    client.force_login(ddets75)
    response = client.get(url_vue(viewset, "index"), {"departement": "44"})
    assert response.status_code == 200
    assert offre.objet(viewset, "44").pk not in pks_listes(response)
    assert offre.marqueur(viewset, "44") not in response.content.decode()


def test_filtre_entite_force_sur_une_autre_entite(client, offre, ddets75):
    client.force_login(ddets75)
    response = client.get(
        url_vue("dispositif", "index"), {"entite": offre.objet("entite", "44").pk}
    )
    assert response.status_code == 200
    assert offre.objet("dispositif", "44").pk not in pks_listes(response)


@pytest.mark.parametrize("format_", ["csv", "xlsx"])
@pytest.mark.parametrize(("utilisateur", "visible", "cache"), VUS_CACHES)
@pytest.mark.parametrize("viewset", VIEWSETS)
def test_export_limite_au_perimetre(
    request, client, offre, viewset, utilisateur, visible, cache, format_
):
    client.force_login(request.getfixturevalue(utilisateur))
    response = client.get(url_vue(viewset, "index"), {"export": format_})
    cellules = cellules_export(response, format_)
    assert offre.marqueur(viewset, visible) in cellules
    assert offre.marqueur(viewset, cache) not in cellules
    assert offre.marqueur(viewset, "49") not in cellules


# ---------------------------------------------------------------------------------------------
# Foreign-key choices in add/edit forms
# ---------------------------------------------------------------------------------------------

CHOIX_FK = [
    ("dispositif", "entite", "entite"),
    ("dispositif", "departement", None),
    ("entite", "departement", None),
    ("entite", "parent", "entite"),
    ("groupe", "dispositif", "dispositif"),
    ("financement", "dispositif", "dispositif"),
]


@pytest.mark.parametrize(("viewset", "champ", "cible"), CHOIX_FK)
def test_choix_des_formulaires_limites(client, offre, ddets75, viewset, champ, cible):
    client.force_login(ddets75)
    for url in (url_vue(viewset, "add"), url_vue(viewset, "edit", offre.objet(viewset, "75"))):
        form = formulaire_de(client, url)
        choix = set(form.fields[champ].queryset)
        if cible is None:  # départements
            assert {d.code for d in choix} == {"75"}, url
        else:
            assert offre.objet(cible, "44") not in choix, url
            assert offre.objet(cible, "49") not in choix, url
            assert offre.objet(cible, "75") in choix, url


def _donnees_creation_dispositif(offre, dep, entite_dep):
    return {
        "nom": "CADA Nouveau",
        "entite": offre.objet("entite", entite_dep).pk,
        "type": "CADA",
        "departement": dep,
        "public": "familles",
        "mode_hebergement": "diffus",
        "places_autorisees": "30",
    }


@pytest.mark.parametrize(
    ("dep", "entite_dep", "champ"), [("44", "75", "departement"), ("75", "44", "entite")]
)
def test_creation_hors_perimetre_refusee(client, offre, ddets75, dep, entite_dep, champ):
    client.force_login(ddets75)
    avant = Dispositif.objects.count()
    response = client.post(
        url_vue("dispositif", "add"), _donnees_creation_dispositif(offre, dep, entite_dep)
    )
    assert response.status_code == 200
    assert champ in response.context["form"].errors
    assert Dispositif.objects.count() == avant

    # Control: the same payload inside the perimeter creates the dispositif.
    response = client.post(
        url_vue("dispositif", "add"), _donnees_creation_dispositif(offre, "75", "75")
    )
    assert response.status_code == 302, response.context["form"].errors
    assert Dispositif.objects.count() == avant + 1
    assert Dispositif.objects.get(nom="CADA Nouveau").code.startswith("75-")


def test_deplacer_un_dispositif_hors_perimetre_refuse(client, offre, ddets75):
    dispositif = offre.objet("dispositif", "75")
    url = url_vue("dispositif", "edit", dispositif)
    client.force_login(ddets75)
    data = donnees_formulaire(formulaire_de(client, url))
    data["departement"] = "44"
    response = client.post(url, data)
    assert response.status_code == 200
    assert "departement" in response.context["form"].errors
    assert _recharger(dispositif).departement_id == "75"


# ---------------------------------------------------------------------------------------------
# Other roles
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("viewset", VIEWSETS)
def test_national_voit_tout(client, offre, national, viewset):
    client.force_login(national)
    pks = pks_listes(client.get(url_vue(viewset, "index")))
    cellules = cellules_export(client.get(url_vue(viewset, "index"), {"export": "csv"}), "csv")
    for dep in ("44", "75", "49"):
        objet = offre.objet(viewset, dep)
        assert objet.pk in pks
        assert offre.marqueur(viewset, dep) in cellules
        assert client.get(url_vue(viewset, "inspect", objet)).status_code == 200


@pytest.mark.parametrize("viewset", VIEWSETS)
def test_siao_lit_son_departement_sans_modifier(client, offre, siao44, viewset):
    objet = offre.objet(viewset, "44")
    champ = CHAMP_MODIFIE[viewset]
    avant = getattr(objet, champ)
    client.force_login(siao44)
    assert client.get(url_vue(viewset, "inspect", objet)).status_code == 200
    assert_introuvable(client, url_vue(viewset, "inspect", offre.objet(viewset, "75")))
    pks = pks_listes(client.get(url_vue(viewset, "index")))
    assert objet.pk in pks and offre.objet(viewset, "75").pk not in pks

    assert_refuse(client.get(url_vue(viewset, "edit", objet)))
    assert_refuse(client.post(url_vue(viewset, "edit", objet), {champ: "77"}))
    assert getattr(_recharger(objet), champ) == avant
    assert_refuse(client.get(url_vue(viewset, "add")))


@pytest.mark.parametrize("utilisateur", ["siao44", "lecteur44"])
@pytest.mark.parametrize("viewset", VIEWSETS)
def test_lecture_seule_ne_supprime_pas(request, client, offre, viewset, utilisateur):
    objet = offre.objet(viewset, "44")
    client.force_login(request.getfixturevalue(utilisateur))
    for methode in ("get", "post"):
        response = getattr(client, methode)(url_vue(viewset, "delete", objet))
        # Refused (redirect with a message) or not found: never a deletion.
        if response.status_code != 404:
            assert_refuse(response)
    assert type(objet).objects.filter(pk=objet.pk).exists()


@pytest.mark.parametrize("viewset", VIEWSETS)
def test_regional_lit_sa_region(client, offre, regional52, viewset):
    client.force_login(regional52)
    pks = pks_listes(client.get(url_vue(viewset, "index")))
    for dep in ("44", "49"):
        objet = offre.objet(viewset, dep)
        assert objet.pk in pks
        assert client.get(url_vue(viewset, "inspect", objet)).status_code == 200
    assert offre.objet(viewset, "75").pk not in pks
    assert_introuvable(client, url_vue(viewset, "inspect", offre.objet(viewset, "75")))
    assert_refuse(client.get(url_vue(viewset, "edit", offre.objet(viewset, "44"))))


@pytest.mark.parametrize("format_", ["csv", "xlsx"])
@pytest.mark.parametrize("viewset", VIEWSETS)
def test_lecteur_lit_et_exporte_sans_modifier(client, offre, lecteur44, viewset, format_):
    objet = offre.objet(viewset, "44")
    champ = CHAMP_MODIFIE[viewset]
    avant = getattr(objet, champ)
    client.force_login(lecteur44)
    assert client.get(url_vue(viewset, "inspect", objet)).status_code == 200
    cellules = cellules_export(client.get(url_vue(viewset, "index"), {"export": format_}), format_)
    assert offre.marqueur(viewset, "44") in cellules
    assert offre.marqueur(viewset, "75") not in cellules

    response = client.get(url_vue(viewset, "index"))
    assert response.context["can_add"] is False
    assert_refuse(client.get(url_vue(viewset, "add")))
    assert_refuse(client.get(url_vue(viewset, "edit", objet)))
    assert_refuse(client.post(url_vue(viewset, "edit", objet), {champ: "77"}))
    assert getattr(_recharger(objet), champ) == avant


def test_lecteur_ne_cree_pas(client, offre, lecteur44):
    client.force_login(lecteur44)
    avant = Dispositif.objects.count()
    assert_refuse(
        client.post(url_vue("dispositif", "add"), _donnees_creation_dispositif(offre, "44", "44"))
    )
    assert Dispositif.objects.count() == avant


# --- Gestionnaire d'entité --------------------------------------------------------------------


@pytest.fixture
def autre_dispositif44(offre):
    """A dispositif of the same département, managed by another entité."""
    return DispositifFactory(
        nom="CADA Autre Gestionnaire", entite=EntiteFactory(), departement=departement("44")
    )


@pytest.fixture
def gestionnaire(offre):
    user = UserFactory(username="gestionnaire-erdre@example.org")
    affecter(user, Role.GESTIONNAIRE, entite=offre.objet("entite", "44"))
    return user


def test_gestionnaire_ne_voit_que_son_entite(client, offre, gestionnaire, autre_dispositif44):
    client.force_login(gestionnaire)
    sien = offre.objet("dispositif", "44")
    assert pks_listes(client.get(url_vue("dispositif", "index"))) == {sien.pk}
    assert pks_listes(client.get(url_vue("entite", "index"))) == {sien.entite_id}
    assert client.get(url_vue("dispositif", "inspect", sien)).status_code == 200
    for vue in VUES_OBJET:
        assert_introuvable(client, url_vue("dispositif", vue, autre_dispositif44))
    assert_introuvable(client, url_vue("entite", "inspect", autre_dispositif44.entite))
    cellules = cellules_export(client.get(url_vue("dispositif", "index"), {"export": "csv"}), "csv")
    assert sien.nom in cellules and autre_dispositif44.nom not in cellules


def test_gestionnaire_modifie_seulement_les_champs_mineurs(client, offre, gestionnaire):
    dispositif = offre.objet("dispositif", "44")
    url = url_vue("dispositif", "edit", dispositif)
    client.force_login(gestionnaire)
    form = formulaire_de(client, url)
    assert set(form.fields) == set(Dispositif.CHAMPS_MINEURS)

    data = donnees_formulaire(form)
    data.update(telephone="02 40 12 34 56", places_autorisees="999", nom="Nom pirate")
    response = client.post(url, data)
    assert response.status_code == 302
    dispositif = _recharger(dispositif)
    assert dispositif.telephone == "02 40 12 34 56"
    assert dispositif.places_autorisees == 80
    assert dispositif.nom == "CADA Rive Erdre"


def test_gestionnaire_ne_modifie_pas_un_autre_dispositif(
    client, offre, gestionnaire, autre_dispositif44
):
    client.force_login(gestionnaire)
    url = url_vue("dispositif", "edit", autre_dispositif44)
    assert_introuvable(client, url, "post", {"telephone": "02 40 00 00 00"})
    assert _recharger(autre_dispositif44).telephone == ""


def test_gestionnaire_ne_cree_ni_ne_supprime(client, offre, gestionnaire):
    sien = offre.objet("dispositif", "44")
    client.force_login(gestionnaire)
    assert_refuse(client.get(url_vue("dispositif", "add")))
    response = client.post(url_vue("dispositif", "delete", sien))
    if response.status_code != 404:
        assert_refuse(response)
    assert Dispositif.objects.filter(pk=sien.pk).exists()
    assert_refuse(client.get(url_vue("entite", "edit", sien.entite)))


# --- Reference data ---------------------------------------------------------------------------

TOUS = ["national", "ddets44", "siao44", "regional52", "lecteur44", "gestionnaire44"]


@pytest.mark.parametrize("utilisateur", TOUS)
@pytest.mark.parametrize("viewset", ["nature", "typedispositif", "programme", "departement"])
def test_referentiels_lisibles_par_tous(request, client, utilisateur, viewset):
    client.force_login(request.getfixturevalue(utilisateur))
    response = client.get(url_vue(viewset, "index"))
    assert response.status_code == 200
    assert len(response.context["object_list"]) > 0


def test_seul_le_national_modifie_une_nature(client, national, ddets44):
    nature = Nature.objects.get(code="HEB")
    url = url_vue("nature", "edit", nature)
    client.force_login(national)
    data = donnees_formulaire(formulaire_de(client, url))
    data["libelle"] = "Hébergement (modifié)"

    client.force_login(ddets44)
    assert_refuse(client.get(url))
    assert_refuse(client.post(url, data))
    assert Nature.objects.get(code="HEB").libelle == "Hébergement"
    assert_refuse(client.get(url_vue("nature", "add")))

    client.force_login(national)
    assert client.post(url, data).status_code == 302
    assert Nature.objects.get(code="HEB").libelle == "Hébergement (modifié)"


# --- An entité present in several départements --------------------------------------------------


@pytest.fixture
def entite_multi(offre):
    """The 44 entité also runs one dispositif in Paris: ddets75 sees the entité, not its 44 rows."""
    entite = offre.objet("entite", "44")
    DispositifFactory(nom="CADA Rive Erdre bis", entite=entite, departement=departement("44"))
    a_paris = DispositifFactory(
        nom="HUDA Porte de la Chapelle", entite=entite, departement=departement("75")
    )
    return entite, a_paris


def test_entite_multi_departements_fiche_limitee(client, offre, ddets75, entite_multi):
    entite, a_paris = entite_multi
    client.force_login(ddets75)
    html = client.get(url_vue("entite", "inspect", entite)).content.decode()
    assert a_paris.nom in html
    assert "CADA Rive Erdre" not in html
    assert "Dispositifs (1)" in html


@pytest.mark.parametrize("format_", [None, "csv", "xlsx"])
def test_entite_multi_departements_nombre_de_dispositifs_limite(
    client, offre, ddets75, national, entite_multi, format_
):
    """The « Dispositifs » count of the entité list is a figure: limited to the perimeter."""
    entite, _ = entite_multi
    for user, attendu in ((national, 3), (ddets75, 1)):
        client.force_login(user)
        if format_ is None:
            response = client.get(url_vue("entite", "index"))
            lignes = {e.pk: e.nb_dispositifs for e in response.context["object_list"]}
            assert lignes[entite.pk] == attendu, user
        else:
            response = client.get(url_vue("entite", "index"), {"export": format_})
            lignes = lignes_export(response, format_)
            colonne = lignes[0].index("Nombre de dispositifs")
            ligne = next(ligne for ligne in lignes if entite.raison_sociale in ligne)
            assert ligne[colonne] == str(attendu), user

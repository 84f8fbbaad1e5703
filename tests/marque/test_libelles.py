"""Proper French on every admin screen: no « Ajouter un(e) », « Le(la) … créé(e) », « Aucun(e) ».

Each registered viewset's add button, empty-list text, search-without-result text, success and
error messages, delete confirmation and « new » breadcrumb are read from the views themselves
(what Wagtail shows), then the listings are rendered for real."""

import re

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory
from django.urls import reverse
from wagtail.admin.views import generic
from wagtail.admin.viewsets import viewsets as registre
from wagtail.admin.viewsets.model import ModelViewSet

from backoffice.grammaire import Nom
from tests.marque.outils import GENERIQUE

pytestmark = pytest.mark.django_db


def viewsets_de_modele():
    reverse("wagtailadmin_home")  # loads the admin URLconf, which registers the viewsets
    return [vs for vs in registre.viewsets if isinstance(vs, ModelViewSet)]


def _vue(viewset, attribut, user, params=None):
    classe = getattr(viewset, f"{attribut}_view_class")
    # As ViewSet.construct_view builds it: common arguments, the view's own, those it accepts.
    arguments = {
        **viewset.get_common_view_kwargs(),
        **getattr(viewset, f"get_{attribut}_view_kwargs")(),
    }
    vue = classe(
        **{
            cle: v
            for cle, v in arguments.items()
            if hasattr(classe, cle) and v is not viewset.UNDEFINED
        }
    )
    requete = RequestFactory().get("/", params or {})
    requete.user = user
    vue.request = requete
    vue.args, vue.kwargs = (), {}
    return vue


def libelles(viewset, user):
    """{what: text} of the generic strings this viewset's views put on screen."""
    objet = viewset.model()
    textes = {}
    index = _vue(viewset, "index", user)
    index.setup(index.request)
    textes["bouton d'ajout"] = str(index.add_item_label)
    textes["liste vide"] = str(index.no_results_message)
    recherche = _vue(viewset, "index", user, {"q": "zzzzzz"})
    recherche.setup(recherche.request)
    textes["recherche sans résultat"] = str(recherche.no_results_message)
    if issubclass(viewset.add_view_class, generic.CreateView):
        ajout = _vue(viewset, "add", user)
        textes["création réussie"] = str(ajout.get_success_message(objet))
        textes["création refusée"] = str(ajout.get_error_message())
        textes["fil d'Ariane de création"] = " / ".join(
            str(item["label"]) for item in ajout.get_breadcrumbs_items()
        )
        textes["titre de création"] = str(ajout.get_header_title())
    if issubclass(viewset.edit_view_class, generic.EditView):
        modification = _vue(viewset, "edit", user)
        modification.object = objet
        textes["modification réussie"] = str(modification.get_success_message())
        textes["modification refusée"] = str(modification.get_error_message())
    if issubclass(viewset.delete_view_class, generic.DeleteView):
        suppression = _vue(viewset, "delete", user)
        suppression.object = objet
        textes["suppression réussie"] = str(suppression.get_success_message())
        textes["confirmation de suppression"] = str(suppression.confirmation_message)
    return textes


def test_aucun_libelle_generique_dans_aucun_viewset(national, monkeypatch):
    defauts = []
    vus = viewsets_de_modele()
    assert len(vus) > 20
    for viewset in vus:
        monkeypatch.setattr(viewset.model, "__str__", lambda self: "Exemple")
        for quoi, texte in libelles(viewset, national).items():
            if GENERIQUE.search(texte):
                defauts.append(f"{viewset.name} — {quoi} : {texte}")
    assert not defauts, "\n".join(defauts)


@pytest.mark.parametrize(
    "viewset, attendus",
    [
        (
            "convention",
            {
                "bouton d'ajout": "Ajouter une convention",
                "liste vide": "Aucune convention à afficher.",
                "recherche sans résultat": "Aucune convention ne correspond à votre recherche.",
                "création réussie": "La convention « Exemple » a été créée.",
                "création refusée": "La convention n'a pas pu être créée : corrigez les erreurs "
                "signalées.",
                "fil d'Ariane de création": "Accueil / Conventions / Nouvelle convention",
                "titre de création": "Nouvelle convention",
                "modification réussie": "La convention « Exemple » a été modifiée.",
                "suppression réussie": "La convention « Exemple » a été supprimée.",
                "confirmation de suppression": "Voulez-vous vraiment supprimer cette convention ?",
            },
        ),
        (
            "avenant",
            {
                "bouton d'ajout": "Ajouter un avenant",
                "liste vide": "Aucun avenant à afficher.",
                "création réussie": "L'avenant « Exemple » a été créé.",
                "fil d'Ariane de création": "Accueil / Avenants / Nouvel avenant",
                "confirmation de suppression": "Voulez-vous vraiment supprimer cet avenant ?",
            },
        ),
        (
            "entite",
            {
                "bouton d'ajout": "Ajouter une entité gestionnaire",
                "modification réussie": "L'entité gestionnaire « Exemple » a été modifiée.",
                "modification refusée": "L'entité gestionnaire n'a pas pu être enregistrée : "
                "corrigez les erreurs signalées.",
                "confirmation de suppression": "Voulez-vous vraiment supprimer cette entité "
                "gestionnaire ?",
            },
        ),
        (
            "dispositif",
            {
                "bouton d'ajout": "Ajouter un dispositif",
                "recherche sans résultat": "Aucun dispositif ne correspond à votre recherche.",
                "titre de création": "Nouveau dispositif",
                "suppression réussie": "Le dispositif « Exemple » a été supprimé.",
            },
        ),
    ],
)
def test_francais_accorde_au_genre_du_modele(national, monkeypatch, viewset, attendus):
    viewset = next(vs for vs in viewsets_de_modele() if vs.name == viewset)
    monkeypatch.setattr(viewset.model, "__str__", lambda self: "Exemple")
    textes = libelles(viewset, national)
    assert {quoi: textes[quoi] for quoi in attendus} == attendus


@pytest.mark.parametrize(
    "nom, feminin, formes",
    [
        ("convention", True, ("une convention", "la convention", "cette convention")),
        ("avenant", False, ("un avenant", "l'avenant", "cet avenant")),
        (
            "entité gestionnaire",
            True,
            ("une entité gestionnaire", "l'entité gestionnaire", "cette entité gestionnaire"),
        ),  # noqa: E501
        ("dispositif", False, ("un dispositif", "le dispositif", "ce dispositif")),
        ("SIAO", False, ("un SIAO", "le SIAO", "ce SIAO")),
        (
            "import de fichier",
            False,
            ("un import de fichier", "l'import de fichier", "cet import de fichier"),
        ),
    ],
)
def test_articles_et_elision(nom, feminin, formes):
    mot = Nom(nom, feminin=feminin)
    assert (mot.un, mot.le, mot.ce) == formes


def test_un_modele_sans_genre_declare_est_refuse():
    class SansGenre:  # stands in for a model: only _meta is read
        _meta = type("Meta", (), {"label": "essai.sansgenre", "verbose_name": "essai"})()

    with pytest.raises(ImproperlyConfigured, match="genre_grammatical"):
        Nom.du_modele(SansGenre)


@pytest.mark.parametrize("role", ["national", "ddets75"])
def test_listes_rendues_sans_libelle_generique(client, request, role):
    """Every listing, searched without result (national) and empty (a 75 with no data)."""
    user = request.getfixturevalue(role)
    client.force_login(user)
    defauts = []
    for viewset in viewsets_de_modele():
        url = reverse(viewset.get_url_name("index"))
        response = client.get(url, {"q": "zzzzzz"} if role == "national" else {})
        if response.status_code != 200:
            continue
        html = re.sub(r"<(script|template)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
        if trouve := GENERIQUE.search(html):
            defauts.append(f"{url} : …{html[trouve.start() - 60 : trouve.end() + 20]}…")
    assert not defauts, "\n".join(defauts)


def test_liste_vide_propose_l_ajout_en_bon_francais(client, ddets75):
    client.force_login(ddets75)
    html = client.get(reverse("convention:index")).content.decode()
    assert "Aucune convention à afficher." in html
    assert f'<a href="{reverse("convention:add")}">Ajouter une convention</a>' in html


def test_page_de_suppression_accordee(client, national, dispositif44):
    client.force_login(national)
    html = client.get(reverse("dispositif:delete", args=[dispositif44.pk])).content.decode()
    assert "Voulez-vous vraiment supprimer ce dispositif ?" in html
    assert re.search(r"Ce dispositif est référencé \d+ fois\.", html)


@pytest.mark.parametrize("url", ["dispositif:index", "nature:index", "wagtailusers_users:index"])
def test_pas_de_valeur_python_dans_les_listes(client, national, dispositif44, url):
    """Tick columns' hidden text and plain boolean cells read « Oui » / « Non »."""
    client.force_login(national)
    html = client.get(reverse(url)).content.decode()
    cellules = re.findall(r"<td\b[^>]*>(.*?)</td>", html, flags=re.S)
    textes = {re.sub(r"<[^>]+>|\s+", " ", cellule).strip() for cellule in cellules}
    assert not {t for t in textes if re.search(r"\b(True|False|None)\b", t)}

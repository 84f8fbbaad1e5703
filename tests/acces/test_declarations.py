# ruff: noqa: DJ008  (throwaway models of isolate_apps: never displayed)
"""Perimeters fail closed: every model declares its scope next to itself (or is declared by
acces/tiers.py for an installed app), an undeclared model is refused, `manage.py check` names
it; every endpoint of an installed app has a decision; the answer in Python (`contient`) is the
answer of the database (`filtrer`); acces knows no domain app (no import circle)."""

import ast
import pathlib
import re

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.http import HttpResponse
from django.test.utils import isolate_apps
from django.urls import ResolverMatch, path, resolve, reverse

from backoffice.acces import checks, perimetres, tiers
from backoffice.acces.middleware import refuse
from backoffice.acces.perimetres import NATIONAL, filtrer, perimetre_global
from tests.appels.factories import appel_44, deposer, publier
from tests.conventions.factories import amener, avenant_pour, convention_pour, jours
from tests.factories import DispositifFactory, FinancementFactory, GroupeFactory

RACINE = pathlib.Path(__file__).resolve().parents[2]


# --- Models ----------------------------------------------------------------------------------


class ModeleDEssai(models.Model):
    """Base of the throwaway models below (each test registers them in its own registry)."""

    class Meta:
        abstract = True
        app_label = "acces"


def test_chaque_modele_installe_declare_un_seul_perimetre():
    assert checks.perimetres_declares() == []
    for model in apps.get_models():
        assert len(perimetres.declarations_de(model)) == 1, model._meta.label_lower


@isolate_apps("backoffice.acces")
def test_un_modele_sans_declaration_est_refuse_et_signale():
    class Oublie(ModeleDEssai):
        nom = models.CharField(max_length=10)

    # Not even the national perimeter reads it: a forgotten declaration shows at once.
    for perimetre in (NATIONAL, perimetres.VIDE):
        with pytest.raises(ImproperlyConfigured):
            filtrer(Oublie.objects.all(), perimetre)
    with pytest.raises(ImproperlyConfigured):
        perimetres.contient(NATIONAL, Oublie(nom="x"))
    assert [e.id for e in checks.verifier_modeles([Oublie])] == ["acces.E001"]


@isolate_apps("backoffice.acces")
def test_declarations_contradictoires_ou_parent_inconnu_signales():
    class Double(ModeleDEssai):
        REFERENTIEL = True
        PERIMETRE_NATIONAL = True

    class ParentInconnu(ModeleDEssai):
        PERIMETRE_PAR = "nom"
        nom = models.CharField(max_length=10)

    assert [e.id for e in checks.verifier_modeles([Double, ParentInconnu])] == [
        "acces.E002",
        "acces.E003",
    ]


@isolate_apps("backoffice.acces")
def test_chaque_genre_de_declaration():
    class Nomenclature(ModeleDEssai):
        REFERENTIEL = True

    class Interne(ModeleDEssai):
        PERIMETRE_NATIONAL = True

    class Propre(ModeleDEssai):
        departement = models.CharField(max_length=3)

        @classmethod
        def q_perimetre(cls, perimetre, prefixe=""):
            return models.Q(**{f"{prefixe}departement__in": perimetre.departements})

    class Enfant(ModeleDEssai):
        PERIMETRE_PAR = "parent"
        parent = models.ForeignKey(Propre, on_delete=models.CASCADE)

    assert checks.verifier_modeles([Nomenclature, Interne, Propre, Enfant]) == []
    dans_44 = perimetres.Perimetre(departements=frozenset({"44"}))
    assert perimetres.q_modele(Nomenclature, dans_44) == models.Q()
    assert perimetres.q_modele(Interne, dans_44) == models.Q(pk__in=[])
    assert perimetres.q_modele(Enfant, dans_44) == models.Q(
        parent__departement__in=frozenset({"44"})
    )


# --- Endpoints of installed apps ---------------------------------------------------------------


def _vue_d_une_application_installee(request):
    return HttpResponse("liste de tout")


_vue_d_une_application_installee.__module__ = "wagtail.nouveautes.views"


def test_chaque_point_d_acces_installe_a_une_decision():
    assert checks.points_d_acces_decides() == []


def test_un_point_d_acces_installe_sans_decision_est_signale_et_ferme(national):
    motifs = [path("nouveaute/", _vue_d_une_application_installee, name="wagtail_nouveaute")]
    erreurs = checks.verifier_points_d_acces(motifs)
    assert [e.id for e in erreurs] == ["acces.E004"]
    assert "wagtail_nouveaute" in erreurs[0].msg
    # Until decided, it answers 404 to everyone, national administrators included.
    match = ResolverMatch(_vue_d_une_application_installee, (), {}, "wagtail_nouveaute")
    assert refuse(match, national)


def test_une_decision_vaut_meme_pour_une_vue_a_nous(national, ddets44):
    # An installed app's URL given a view of ours keeps its decision (the API's endpoint).
    from backoffice.acces.views import AffectationRoleViewSet

    vue = AffectationRoleViewSet().index_view
    match = ResolverMatch(
        vue, (), {}, "wagtailusers_users:index", namespaces=["wagtailusers_users"]
    )
    assert tiers.decision("wagtailusers_users:index", ("wagtailusers_users",))[0] == tiers.NATIONAL
    assert refuse(match, ddets44)
    assert not refuse(match, national)


# --- contient() and filtrer() agree ---------------------------------------------------------


@pytest.fixture
def donnees(national, ddets44):
    """Rows of most row-scoped models, in the 44 and in the 75."""
    for code in ("44", "75"):
        dispositif = DispositifFactory(departement_id=code)
        GroupeFactory(dispositif=dispositif)
        FinancementFactory(dispositif=dispositif)
        convention = amener(convention_pour(dispositif), "signee", national)
        avenant_pour(convention, dispositif, 60, jours(30))
    appel = publier(appel_44(), national)
    deposer(national, appel, dispositif.entite)


@pytest.fixture
def media_temporaire(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.mark.usefixtures("media_temporaire")
def test_contient_repond_comme_filtrer(
    donnees, national, ddets44, ddets75, siao44, regional52, lecteur44, gestionnaire44
):
    perimetres_testes = [
        perimetre_global(u)
        for u in (national, ddets44, ddets75, siao44, regional52, lecteur44, gestionnaire44)
    ]
    modeles_verifies = set()
    for model in apps.get_models():
        genre = perimetres.declaration(model).genre
        if genre == perimetres.REFERENTIEL:
            continue
        for objet in model._base_manager.all()[:20]:
            for perimetre in perimetres_testes:
                attendu = filtrer(model._base_manager.filter(pk=objet.pk), perimetre).exists()
                assert perimetres.contient(perimetre, objet) == attendu, (model, objet, perimetre)
            modeles_verifies.add(model._meta.label_lower)
    # The data reaches the domain's row-scoped models (else this test would prove little).
    assert {
        "offre.dispositif",
        "offre.groupedeplaces",
        "offre.financement",
        "offre.entitegestionnaire",
        "conventions.convention",
        "conventions.avenant",
        "conventions.documentconvention",
        "appels.appelaprojets",
        "appels.candidature",
        "acces.affectationrole",
        "wagtaildocs.document",
    } <= modeles_verifies


# --- No import circle ---------------------------------------------------------------------------

DOMAINE = (
    "backoffice.offre",
    "backoffice.demandes",
    "backoffice.conventions",
    "backoffice.appels",
    "backoffice.pilotage",
    "backoffice.qualite",
    "backoffice.schemas",
    "imports",
    "workflows",
)


def _imports(fichier):
    """Every module a file imports, at its top or inside a function."""
    arbre = ast.parse(fichier.read_text())
    for noeud in ast.walk(arbre):
        if isinstance(noeud, ast.ImportFrom) and noeud.module and not noeud.level:
            yield noeud.module
        elif isinstance(noeud, ast.Import):
            yield from (alias.name for alias in noeud.names)


def test_acces_ne_connait_aucune_application_du_domaine():
    # The policy is central, the knowledge of rows stays with each model: acces imports none of
    # the apps that import it (offre, conventions, appels, workflows…), even lazily.
    fautifs = []
    for fichier in sorted((RACINE / "backoffice" / "acces").rglob("*.py")):
        if "migrations" in fichier.parts:
            continue
        for module in _imports(fichier):
            if module.startswith(DOMAINE):
                fautifs.append(f"{fichier.relative_to(RACINE)} → {module}")
    assert fautifs == []


# The role is fetched by name: the mark tells pytest-django the test uses the database (run with
# the others, before the transactional tests, which recreate the content types).
@pytest.mark.django_db
@pytest.mark.parametrize("role", ["ddets44", "gestionnaire44", "national"])
def test_aucun_lien_des_menus_vers_une_adresse_refusee(request, client, role):
    user = request.getfixturevalue(role)
    client.force_login(user)
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    liens = set(re.findall(r'href="(/admin/[^"?#]*)', page))
    assert liens
    refuses = [lien for lien in liens if refuse(resolve(lien), user)]
    assert refuses == []

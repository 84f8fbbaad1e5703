"""Roles → model permissions (RoleBackend), several assignments per user, inactive assignments,
admin access, and the consistency rules of AffectationRole."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from backoffice.acces import perimetres
from backoffice.acces.models import AffectationRole
from backoffice.acces.policies import policy_for
from backoffice.acces.roles import Portee, Role
from backoffice.offre.models import Dispositif
from backoffice.territoires.models import Region
from tests.acces.outils import assert_introuvable, url_vue
from tests.factories import DispositifFactory, EntiteFactory, UserFactory, affecter, siao_de

pytestmark = pytest.mark.django_db


def _perms(user):
    return {p for p in user.get_all_permissions() if p.startswith(("offre.", "wagtailadmin."))}


@pytest.mark.parametrize(
    ("utilisateur", "accordees", "refusees"),
    [
        (
            "national",
            {"offre.add_dispositif", "offre.delete_entitegestionnaire", "offre.change_nature"},
            set(),
        ),
        (
            "ddets44",
            {
                "offre.add_dispositif",
                "offre.change_dispositif",
                "offre.delete_financement",
                "offre.view_nature",
            },
            {"offre.change_nature", "offre.add_typedispositif"},
        ),
        (
            "siao44",
            {"offre.view_dispositif", "offre.view_entitegestionnaire"},
            {"offre.change_dispositif", "offre.add_dispositif", "offre.delete_dispositif"},
        ),
        (
            "regional52",
            {"offre.view_dispositif", "offre.view_financement"},
            {"offre.change_dispositif", "offre.add_financement"},
        ),
        (
            "lecteur44",
            {"offre.view_dispositif", "offre.view_groupedeplaces"},
            {"offre.change_dispositif", "offre.add_groupedeplaces", "offre.delete_dispositif"},
        ),
        (
            "gestionnaire44",
            {"offre.view_dispositif", "offre.change_dispositif", "offre.view_entitegestionnaire"},
            {
                "offre.add_dispositif",
                "offre.delete_dispositif",
                "offre.change_entitegestionnaire",
                "offre.change_financement",
            },
        ),
    ],
)
def test_permissions_issues_des_roles(request, utilisateur, accordees, refusees):
    user = request.getfixturevalue(utilisateur)
    assert user.has_perm("wagtailadmin.access_admin")
    for perm in accordees:
        assert user.has_perm(perm), perm
    for perm in refusees:
        assert not user.has_perm(perm), perm


def test_national_a_toutes_les_permissions_metier(national, ddets44):
    assert _perms(ddets44) < _perms(national)
    assert "auth.change_user" in national.get_all_permissions()
    assert "auth.change_user" not in ddets44.get_all_permissions()


def test_plusieurs_affectations(client, dispositif44, dispositif75):
    """DDETS 44 + lecteur 75: edits the 44, reads the 75, cannot edit the 75."""
    user = UserFactory()
    affecter(user, Role.DEPARTEMENTAL, departements=["44"])
    affecter(user, Role.LECTEUR, departements=["75"])
    policy = policy_for(Dispositif)
    assert policy.user_has_permission_for_instance(user, "change", dispositif44)
    assert policy.user_has_permission_for_instance(user, "view", dispositif75)
    assert not policy.user_has_permission_for_instance(user, "change", dispositif75)
    assert not policy.user_has_permission_for_instance(user, "delete", dispositif75)
    modifiables = policy.instances_user_has_permission_for(user, "change")
    assert set(modifiables) == {dispositif44}
    assert set(policy.instances_user_has_permission_for(user, "view")) == {
        dispositif44,
        dispositif75,
    }

    client.force_login(user)
    assert client.get(url_vue("dispositif", "edit", dispositif44)).status_code == 200
    assert client.get(url_vue("dispositif", "inspect", dispositif75)).status_code == 200
    assert_introuvable(client, url_vue("dispositif", "edit", dispositif75))
    assert_introuvable(client, url_vue("dispositif", "edit", dispositif75), "post", {"nom": "x"})
    assert Dispositif.objects.get(pk=dispositif75.pk).nom == dispositif75.nom


def test_affectation_inactive_ne_donne_rien(client, dispositif44):
    user = UserFactory()
    affectation = affecter(user, Role.DEPARTEMENTAL, departements=["44"])
    affectation.actif = False
    affectation.save()
    assert not user.has_perm("offre.view_dispositif")
    assert not user.has_perm("wagtailadmin.access_admin")
    assert perimetres.perimetre_pour(user, "offre.dispositif", "view").vide
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_une_affectation_inactive_n_ajoute_pas_son_perimetre(dispositif44, dispositif75):
    user = UserFactory()
    affecter(user, Role.DEPARTEMENTAL, departements=["44"])
    inactive = affecter(user, Role.DEPARTEMENTAL, departements=["75"])
    inactive.actif = False
    inactive.save()
    visibles = policy_for(Dispositif).instances_user_has_permission_for(user, "view")
    assert set(visibles) == {dispositif44}


@pytest.mark.parametrize("url_name", ["wagtailadmin_home", "dispositif:index"])
def test_sans_role_pas_d_acces_a_l_admin(client, db, url_name):
    user = UserFactory()
    client.force_login(user)
    response = client.get(reverse(url_name))
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_utilisateur_desactive_n_a_plus_de_droits(ddets44):
    ddets44.is_active = False
    ddets44.save()
    ddets44 = type(ddets44).objects.get(pk=ddets44.pk)
    assert not ddets44.has_perm("offre.view_dispositif")


def test_perimetre_regional_couvre_les_departements_de_la_region(regional52):
    perimetre = perimetres.perimetre_pour(regional52, "offre.dispositif", "view")
    attendus = set(Region.objects.get(code="52").departements.values_list("code", flat=True))
    assert perimetre.departements == attendus
    assert {"44", "49", "53", "72", "85"} == attendus


def test_perimetre_siao(siao44):
    perimetre = perimetres.perimetre_pour(siao44, "offre.dispositif", "view")
    assert perimetre.departements == {"44"}
    assert perimetres.perimetre_pour(siao44, "offre.dispositif", "change").vide


# ---------------------------------------------------------------------------------------------
# AffectationRole.clean() and the DB constraint
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("champs", "champ_en_erreur"),
    [
        ({"role": Role.DEPARTEMENTAL, "portee": Portee.REGION, "region_id": "52"}, "portee"),
        ({"role": Role.SIAO, "portee": Portee.DEPARTEMENTS}, "portee"),
        ({"role": Role.GESTIONNAIRE, "portee": Portee.NATIONALE}, "portee"),
        ({"role": Role.NATIONAL, "portee": Portee.DEPARTEMENTS}, "portee"),
        ({"role": Role.REGIONAL, "portee": Portee.REGION}, "region"),
        ({"role": Role.SIAO, "portee": Portee.SIAO}, "siao"),
        ({"role": Role.GESTIONNAIRE, "portee": Portee.ENTITE}, "entite"),
    ],
)
def test_affectation_incoherente_refusee(db, champs, champ_en_erreur):
    affectation = AffectationRole(utilisateur=UserFactory(), **champs)
    with pytest.raises(ValidationError) as exc:
        affectation.full_clean()
    assert champ_en_erreur in exc.value.message_dict


@pytest.mark.parametrize(
    "champs",
    [
        {"role": Role.LECTEUR, "portee": Portee.NATIONALE},
        {"role": Role.LECTEUR, "portee": Portee.REGION, "region_id": "52"},
        {"role": Role.REGIONAL, "portee": Portee.REGION, "region_id": "52"},
        {"role": Role.DEPARTEMENTAL, "portee": Portee.DEPARTEMENTS},
    ],
)
def test_affectation_coherente_acceptee(db, champs):
    AffectationRole(utilisateur=UserFactory(), **champs).full_clean()


def test_affectation_siao_et_entite_acceptees(db):
    AffectationRole(
        utilisateur=UserFactory(), role=Role.SIAO, portee=Portee.SIAO, siao=siao_de("44")
    ).full_clean()
    AffectationRole(
        utilisateur=UserFactory(),
        role=Role.GESTIONNAIRE,
        portee=Portee.ENTITE,
        entite=EntiteFactory(),
    ).full_clean()


def test_contrainte_base_portee_renseignee(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        AffectationRole.objects.create(
            utilisateur=UserFactory(), role=Role.REGIONAL, portee=Portee.REGION
        )


def test_contrainte_base_role_valide(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        AffectationRole.objects.create(
            utilisateur=UserFactory(), role="pape", portee=Portee.NATIONALE
        )


def test_gestionnaire_de_plusieurs_entites(dispositif44):
    autre = DispositifFactory()
    user = UserFactory()
    affecter(user, Role.GESTIONNAIRE, entite=dispositif44.entite)
    affecter(user, Role.GESTIONNAIRE, entite=autre.entite)
    troisieme = DispositifFactory()
    visibles = set(policy_for(Dispositif).instances_user_has_permission_for(user, "view"))
    assert visibles == {dispositif44, autre}
    assert troisieme not in visibles

"""The admin sidebar (Wagtail's menu, serialised on every admin page) is computed once per
person and set of rights, then reused: it depends on nothing else. Each test here changes one
of its inputs and expects the menu to follow."""

import json
import re
from pathlib import Path
from unittest import mock

import wagtail
from django.contrib.auth.models import Permission
from django.urls import reverse
from wagtail.admin import menu

from backoffice.acces.roles import Role
from tests.factories import UserFactory, affecter


def _barre(client, url=None):
    html = client.get(url or reverse("wagtailadmin_home")).content.decode()
    donnees = re.search(r'<script id="wagtail-sidebar-props"[^>]*>(.*?)</script>', html, re.S)
    assert donnees, "pas de barre latérale dans la page"
    return json.loads(donnees.group(1))


def _liens(barre):
    return set(re.findall(r'"url": "([^"]+)"', json.dumps(barre)))


def test_la_barre_est_construite_une_fois_pour_plusieurs_pages(client, ddets44):
    client.force_login(ddets44)
    vrai = menu.Menu.menu_items_for_request
    construire = mock.patch.object(
        menu.Menu, "menu_items_for_request", autospec=True, side_effect=vrai
    )
    with construire as espion:
        premiere = _barre(client)
        appels = espion.call_count
        seconde = _barre(client, reverse("dispositif:index"))
        _barre(client, reverse("financement:index"))
    assert appels > 0
    assert espion.call_count == appels  # the second and third pages reuse the first menu
    assert seconde == premiere


COMPTES = "/admin/comptes/"  # role assignments: a departmental administrator's, not a lecteur's


def test_un_nouveau_role_change_la_barre(client, db):
    personne = UserFactory(username="personne@example.gouv.fr")
    affecter(personne, Role.LECTEUR, departements=["44"])
    client.force_login(personne)
    assert COMPTES not in _liens(_barre(client))

    affecter(personne, Role.DEPARTEMENTAL, departements=["44"])
    assert COMPTES in _liens(_barre(client))


def test_un_role_retire_disparait_de_la_barre(client, db):
    personne = UserFactory(username="personne@example.gouv.fr")
    affecter(personne, Role.LECTEUR, departements=["44"])
    affectation = affecter(personne, Role.DEPARTEMENTAL, departements=["44"])
    client.force_login(personne)
    assert COMPTES in _liens(_barre(client))

    affectation.actif = False
    affectation.save()
    assert COMPTES not in _liens(_barre(client))


def test_une_permission_django_directe_change_la_barre(client, gestionnaire44):
    client.force_login(gestionnaire44)
    imports = reverse("import_temps1:index")
    assert imports not in _liens(_barre(client))
    gestionnaire44.user_permissions.add(Permission.objects.get(codename="view_importtemps1"))
    assert imports in _liens(_barre(client))


def test_deux_personnes_aux_memes_droits_gardent_chacune_son_nom(client, db):
    for prenom in ("Alice", "Bruno"):
        personne = UserFactory(username=f"{prenom.lower()}@example.gouv.fr", first_name=prenom)
        affecter(personne, Role.DEPARTEMENTAL, departements=["44"])
        client.force_login(personne)
        assert f'"name": "{prenom}"' in json.dumps(_barre(client))


def test_un_nom_change_se_voit_aussitot(client, ddets44):
    client.force_login(ddets44)
    _barre(client)
    ddets44.first_name = "Nouveau-Prénom"
    ddets44.save()
    assert "Nouveau-Prénom" in json.dumps(_barre(client), ensure_ascii=False)


def test_notre_gabarit_de_base_ne_differe_de_celui_de_wagtail_que_par_la_barre():
    """templates/wagtailadmin/base.html copies Wagtail's `furniture` block to show the
    bloc-marque and call our cached tag: a Wagtail upgrade that changes the block must be seen
    here, not in production."""
    wagtail_base = Path(wagtail.__file__).parent / "admin/templates/wagtailadmin/base.html"
    notre_base = Path(__file__).resolve().parents[2] / "templates/wagtailadmin/base.html"
    bloc = re.compile(r"{% block furniture %}.*?\n{% endblock %}", re.S)
    le_leur = bloc.search(wagtail_base.read_text()).group(0)
    le_notre = bloc.search(notre_base.read_text()).group(0)
    logo = '{% include "marque/_bloc_marque.html" with variante="barre" %}'
    attendu = le_leur.replace("{% sidebar_props %}", "{% barre_laterale %}")
    attendu = attendu.replace(
        "{% block branding_logo %}{% endblock %}",
        "{% block branding_logo %}" + logo + "{% endblock %}",
    )
    assert le_notre == attendu

"""Admin screens: list, inspect, justification, counts per département, exports; perimeters
hold in each (the 75 sees nothing of the 44, a gestionnaire only their entité's)."""

import pytest
from django.contrib.messages import constants, get_messages
from django.urls import reverse
from wagtail.models import ModelLogEntry

from backoffice.acces import perimetres
from backoffice.qualite import services
from backoffice.qualite.models import Anomalie, EtatAnomalie, Regle, Severite
from tests.acces.outils import assert_introuvable, cellules_export, lignes_export, pks_listes
from tests.factories import DispositifFactory, FinancementFactory, GroupeFactory

from .outils import anomalie

pytestmark = pytest.mark.django_db

INDEX = "anomalie:index"


def url(nom, objet=None):
    return reverse(nom, args=[objet.pk] if objet is not None else [])


@pytest.fixture
def donnees(dispositif44, dispositif75):
    """Anomalies in the 44 (two entités) and in the 75."""
    autre44 = DispositifFactory(nom="CADA Autre entité")
    FinancementFactory(dispositif=dispositif44, places_financees=100)
    services.recalculer()
    return {
        "d44": dispositif44,
        "autre44": autre44,
        "d75": dispositif75,
        "a44": anomalie(dispositif44, Regle.FINANCEES_SUP_AUTORISEES),
        "a75": anomalie(dispositif75, Regle.SANS_GROUPE),
    }


def _connecter(client, user):
    client.force_login(user)
    return client


# ---------------------------------------------------------------------------------------------
# List
# ---------------------------------------------------------------------------------------------


def test_liste_par_defaut_ouvertes_et_justifiees(client, ddets44, donnees):
    d44 = donnees["d44"]
    justifiee = anomalie(d44, Regle.FINESS_MANQUANT)
    services.justifier(justifiee, ddets44, "Numéro demandé à l'ARS")
    GroupeFactory(dispositif=d44)
    services.recalculer()
    resolue = anomalie(d44, Regle.SANS_GROUPE)
    assert resolue.resolue_le is not None

    _connecter(client, ddets44)
    listees = pks_listes(client.get(url(INDEX)))
    assert justifiee.pk in listees and donnees["a44"].pk in listees
    assert resolue.pk not in listees

    assert pks_listes(client.get(url(INDEX), {"etat": "resolue"})) == {resolue.pk}
    assert pks_listes(client.get(url(INDEX), {"etat": "justifiee"})) == {justifiee.pk}
    assert resolue.pk in pks_listes(client.get(url(INDEX), {"etat": "toutes"}))
    assert justifiee.pk not in pks_listes(client.get(url(INDEX), {"etat": "ouverte"}))


def test_filtres_et_recherche(client, ddets44, donnees):
    _connecter(client, ddets44)
    haute = pks_listes(client.get(url(INDEX), {"severite": Severite.HAUTE}))
    assert haute == {donnees["a44"].pk}
    par_regle = pks_listes(client.get(url(INDEX), {"regle": Regle.SANS_GROUPE}))
    assert par_regle == set(
        Anomalie.objects.filter(regle=Regle.SANS_GROUPE, departement_id="44").values_list(
            "pk", flat=True
        )
    )
    assert len(par_regle) == 2
    cherche = pks_listes(client.get(url(INDEX), {"q": "autre"}))
    assert cherche and all(
        a.dispositif_id == donnees["autre44"].pk for a in Anomalie.objects.filter(pk__in=cherche)
    )
    code = pks_listes(client.get(url(INDEX), {"q": donnees["d44"].code}))
    assert donnees["a44"].pk in code and not code & set(
        donnees["autre44"].anomalies.values_list("pk", flat=True)
    )
    par_dispositif = pks_listes(client.get(url(INDEX), {"dispositif": donnees["d44"].pk}))
    assert par_dispositif == set(donnees["d44"].anomalies.values_list("pk", flat=True))


def test_liste_colonnes(client, ddets44, donnees):
    _connecter(client, ddets44)
    page = client.get(url(INDEX), {"severite": "haute"}).content.decode()
    assert "100 places financées" in page
    assert url("dispositif:inspect", donnees["d44"]) in page
    assert url("anomalie:inspect", donnees["a44"]) in page
    assert url(INDEX) + "add/" not in page


def test_perimetre_liste_et_export(client, ddets75, donnees):
    _connecter(client, ddets75)
    listees = pks_listes(client.get(url(INDEX), {"etat": "toutes"}))
    assert donnees["a75"].pk in listees
    assert not Anomalie.objects.filter(pk__in=listees, departement_id="44").exists()
    assert not pks_listes(client.get(url(INDEX), {"q": donnees["d44"].code}))
    cellules = cellules_export(client.get(url(INDEX), {"export": "xlsx"}), "xlsx")
    assert donnees["d75"].code in cellules
    assert donnees["d44"].code not in cellules and donnees["autre44"].code not in cellules


def test_export_xlsx(client, ddets44, donnees):
    _connecter(client, ddets44)
    services.justifier(donnees["a44"], ddets44, "Extension en cours")
    lignes = lignes_export(client.get(url(INDEX), {"export": "xlsx"}), "xlsx")
    entetes = lignes[0]
    assert entetes[:4] == ["Sévérité", "Règle", "Code dispositif", "Dispositif"]
    ligne = next(ligne for ligne in lignes if ligne[5].startswith("100 places financées"))
    assert ligne[0] == "Haute" and ligne[2] == donnees["d44"].code
    assert ligne[entetes.index("État")] == "Justifiée"
    assert ligne[entetes.index("Justification")] == "Extension en cours"
    assert ligne[entetes.index("Justifiée par")] == ddets44.get_full_name()


def test_gestionnaire_ne_voit_que_son_entite(client, gestionnaire44, donnees):
    _connecter(client, gestionnaire44)
    listees = pks_listes(client.get(url(INDEX)))
    assert listees == set(donnees["d44"].anomalies.values_list("pk", flat=True))
    autre = donnees["autre44"].anomalies.first()
    assert_introuvable(client, url("anomalie:inspect", autre))
    assert client.get(url("anomalie:inspect", donnees["a44"])).status_code == 200


# ---------------------------------------------------------------------------------------------
# Inspect and justification
# ---------------------------------------------------------------------------------------------


def test_inspect(client, ddets44, donnees):
    _connecter(client, ddets44)
    page = client.get(url("anomalie:inspect", donnees["a44"])).content.decode()
    assert "100 places financées" in page
    assert url("anomalie:justifier", donnees["a44"]) in page


def test_justifier(client, ddets44, donnees):
    a = donnees["a44"]
    _connecter(client, ddets44)
    assert client.get(url("anomalie:justifier", a)).status_code == 200

    # The comment is mandatory: nothing recorded without it.
    reponse = client.post(url("anomalie:justifier", a), {"justification": "   "})
    assert reponse.status_code == 200
    assert "La justification est obligatoire." in reponse.content.decode()
    a.refresh_from_db()
    assert a.justifiee_le is None

    reponse = client.post(
        url("anomalie:justifier", a), {"justification": "Extension autorisée le 3 mars"}
    )
    assert reponse.status_code == 302
    a.refresh_from_db()
    assert a.etat == EtatAnomalie.JUSTIFIEE
    assert (a.justification, a.justifiee_par) == ("Extension autorisée le 3 mars", ddets44)
    assert a.justifiee_le is not None
    entree = ModelLogEntry.objects.get(object_id=str(a.pk), action=services.ACTION_JUSTIFICATION)
    assert entree.user == ddets44 and entree.data["commentaire"] == "Extension autorisée le 3 mars"
    # Still listed (as justified), and shown with who and when on its page.
    assert a.pk in pks_listes(client.get(url(INDEX)))
    page = client.get(url("anomalie:inspect", a)).content.decode()
    assert "Extension autorisée le 3 mars" in page and ddets44.get_full_name() in page
    historique = client.get(url("anomalie:history", a))
    assert historique.status_code == 200
    assert "Anomalie justifiée : Extension autorisée le 3 mars" in historique.content.decode()
    assert client.get(url("anomalie:usage", a)).status_code == 200

    reponse = client.post(url("anomalie:retirer_justification", a))
    assert reponse.status_code == 302
    a.refresh_from_db()
    assert a.etat == EtatAnomalie.OUVERTE and a.justification == ""
    assert ModelLogEntry.objects.filter(
        object_id=str(a.pk), action=services.ACTION_RETRAIT_JUSTIFICATION, user=ddets44
    ).exists()


def test_regional_justifie(client, regional52, donnees):
    _connecter(client, regional52)
    client.post(url("anomalie:justifier", donnees["a44"]), {"justification": "Vu en CRAH"})
    donnees["a44"].refresh_from_db()
    assert donnees["a44"].justifiee_par == regional52


def test_une_anomalie_resolue_ne_se_justifie_pas(client, ddets44, donnees):
    a = anomalie(donnees["d44"], Regle.SANS_GROUPE)
    GroupeFactory(dispositif=donnees["d44"])
    services.recalculer()
    _connecter(client, ddets44)
    reponse = client.post(url("anomalie:justifier", a), {"justification": "Pour voir"})
    assert reponse.status_code == 302
    a.refresh_from_db()
    assert a.justifiee_le is None
    messages = [m.message for m in get_messages(reponse.wsgi_request)]
    assert "Cette anomalie est résolue : il n'y a plus rien à justifier." in messages


@pytest.mark.parametrize("role", ["lecteur44", "siao44", "gestionnaire44"])
def test_lecture_seule_ne_justifie_pas(client, request, role, donnees):
    user = request.getfixturevalue(role)
    a = donnees["a44"]
    _connecter(client, user)
    assert client.get(url("anomalie:inspect", a)).status_code == 200
    assert (
        url("anomalie:justifier", a) not in client.get(url("anomalie:inspect", a)).content.decode()
    )
    for methode, nom, data in [
        ("get", "anomalie:justifier", {}),
        ("post", "anomalie:justifier", {"justification": "Je n'en ai pas le droit"}),
    ]:
        reponse = getattr(client, methode)(url(nom, a), data)
        assert reponse.status_code == 302
        assert constants.ERROR in [m.level for m in get_messages(reponse.wsgi_request)]
    a.refresh_from_db()
    assert a.justifiee_le is None


def test_retrait_par_lecteur_refuse(client, ddets44, lecteur44, donnees):
    a = donnees["a44"]
    services.justifier(a, ddets44, "Accepté")
    _connecter(client, lecteur44)
    client.post(url("anomalie:retirer_justification", a))
    a.refresh_from_db()
    assert a.justification == "Accepté"


def test_hors_perimetre_introuvable(client, ddets75, donnees):
    a = donnees["a44"]
    _connecter(client, ddets75)
    for nom in ("anomalie:inspect", "anomalie:history", "anomalie:usage", "anomalie:justifier"):
        assert_introuvable(client, url(nom, a))
    assert_introuvable(client, url("anomalie:justifier", a), "post", {"justification": "X"})
    assert_introuvable(client, url("anomalie:retirer_justification", a), "post")
    a.refresh_from_db()
    assert a.justifiee_le is None


def test_pas_de_creation_ni_modification(client, ddets44, donnees):
    _connecter(client, ddets44)
    base = url(INDEX)
    for suffixe in ("add/", f"edit/{donnees['a44'].pk}/", f"delete/{donnees['a44'].pk}/"):
        assert client.get(base + suffixe).status_code == 404


# ---------------------------------------------------------------------------------------------
# Counts per département
# ---------------------------------------------------------------------------------------------


def test_synthese(client, ddets44, donnees):
    services.justifier(anomalie(donnees["d44"], Regle.FINESS_MANQUANT), ddets44, "ARS saisie")
    _connecter(client, ddets44)
    reponse = client.get(url("anomalie:synthese"))
    assert reponse.status_code == 200
    tableau = reponse.context["tableau"]
    assert [ligne["departement"].code for ligne in tableau["lignes"]] == ["44"]
    ligne = tableau["lignes"][0]
    attendu = services.compter_par_departement(
        perimetres.perimetre_pour(ddets44, "qualite.anomalie", "view")
    )["44"]
    assert {code: n for code, n, _ in ligne["valeurs"]} == {s: attendu[s] for s in Severite.values}
    assert (
        ligne["total"]
        == attendu["total"]
        == Anomalie.objects.filter(
            departement_id="44", resolue_le__isnull=True, justifiee_le__isnull=True
        ).count()
    )
    assert ligne["justifiees"] == 1
    # Each figure links to the list filtered the same way, which shows as many rows.
    code, n, lien = next(v for v in ligne["valeurs"] if v[0] == Severite.HAUTE)
    assert n == 1
    assert len(pks_listes(client.get(lien))) == n

    par_regle = client.get(url("anomalie:synthese"), {"par": "regle"}).context["tableau"]
    valeurs = {code: n for code, n, _ in par_regle["lignes"][0]["valeurs"]}
    assert valeurs[Regle.FINESS_MANQUANT] == 1  # the other dispositif's; the justified one not
    assert valeurs[Regle.FINANCEES_SUP_AUTORISEES] == 1


def test_synthese_perimetre(client, ddets75, regional52, donnees):
    _connecter(client, ddets75)
    reponse = client.get(url("anomalie:synthese"))
    assert [ligne["departement"].code for ligne in reponse.context["tableau"]["lignes"]] == ["75"]
    cellules = cellules_export(client.get(url("anomalie:synthese"), {"export": "xlsx"}), "xlsx")
    assert "75" in cellules and "44" not in cellules

    _connecter(client, regional52)
    codes = [
        ligne["departement"].code
        for ligne in client.get(url("anomalie:synthese")).context["tableau"]["lignes"]
    ]
    assert codes == ["44", "49", "53", "72", "85"]


def test_synthese_export(client, ddets44, donnees):
    _connecter(client, ddets44)
    lignes = lignes_export(client.get(url("anomalie:synthese"), {"export": "xlsx"}), "xlsx")
    assert lignes[0] == [
        "Département",
        "Nom",
        "Haute",
        "Moyenne",
        "Basse",
        "Total à traiter",
        "Justifiées",
    ]
    attendu = services.compter_par_departement(
        perimetres.perimetre_pour(ddets44, "qualite.anomalie", "view")
    )["44"]
    assert lignes[1][0] == "44"
    assert lignes[1][2:6] == [str(attendu[s]) for s in ("haute", "moyenne", "basse", "total")]
    assert lignes[-1][0] == "Total"


# ---------------------------------------------------------------------------------------------
# API for the dashboard and the dispositif page
# ---------------------------------------------------------------------------------------------


def test_compter_par_departement(ddets44, donnees):
    services.justifier(donnees["a44"], ddets44, "Accepté")
    perimetre44 = perimetres.perimetre_pour(ddets44, "qualite.anomalie", "view")
    comptes = services.compter_par_departement(perimetre44)
    assert set(comptes) == {"44"}
    ouvertes44 = Anomalie.objects.a_traiter().filter(departement_id="44")
    assert comptes["44"]["total"] == ouvertes44.count()
    assert comptes["44"]["haute"] == 0  # the only high one is justified
    assert comptes["44"]["basse"] == ouvertes44.filter(severite="basse").count() > 0

    national = services.compter_par_departement(perimetres.NATIONAL)
    assert set(national) == {"44", "75"}
    vide = services.compter_par_departement(perimetres.Perimetre(departements=frozenset({"01"})))
    assert vide == {"01": {"haute": 0, "moyenne": 0, "basse": 0, "total": 0}}


def test_compter_par_departement_une_requete(django_assert_num_queries, donnees):
    with django_assert_num_queries(1):
        services.compter_par_departement(perimetres.NATIONAL)


def test_url_liste(client, ddets44, donnees):
    lien = services.url_liste(departement="44", severite=Severite.HAUTE, etat="ouverte")
    assert lien == url(INDEX) + "?departement=44&severite=haute&etat=ouverte"
    _connecter(client, ddets44)
    assert pks_listes(client.get(lien)) == {donnees["a44"].pk}
    assert services.url_liste() == url(INDEX)
    with pytest.raises(ValueError, match="Filtres inconnus : couleur"):
        services.url_liste(couleur="rouge")


def test_anomalies_ouvertes_du_dispositif(ddets44, ddets75, donnees):
    d44 = donnees["d44"]
    ouvertes = services.anomalies_ouvertes(d44)
    assert ouvertes[0] == donnees["a44"]  # the most serious first
    assert {a.pk for a in ouvertes} == set(
        d44.anomalies.filter(resolue_le__isnull=True).values_list("pk", flat=True)
    )
    assert services.anomalies_ouvertes(d44, user=ddets75) == []


def test_gabarit_du_dispositif(rf, ddets44, donnees):
    from django.template import Context, Template

    requete = rf.get("/")
    requete.user = ddets44
    rendu = Template("{% load qualite_tags %}{% anomalies_du_dispositif dispositif %}").render(
        Context({"request": requete, "dispositif": donnees["d44"]})
    )
    assert "100 places financées en" in rendu
    assert url("anomalie:inspect", donnees["a44"]) in rendu
    assert (
        services.url_liste(dispositif=donnees["d44"].pk, etat="toutes").replace("&", "&amp;")
        in rendu
    )


def test_national_voit_tout_et_justifie(client, national, donnees):
    _connecter(client, national)
    listees = pks_listes(client.get(url(INDEX)))
    assert {donnees["a44"].pk, donnees["a75"].pk} <= listees
    client.post(url("anomalie:justifier", donnees["a75"]), {"justification": "Vu DGEF"})
    donnees["a75"].refresh_from_db()
    assert donnees["a75"].justifiee_par == national


def test_menu(client, ddets44, lecteur44):
    for user in (ddets44, lecteur44):
        _connecter(client, user)
        page = client.get(reverse("wagtailadmin_home")).content.decode()
        assert url(INDEX) in page and url("anomalie:synthese") in page


def test_anonyme_renvoye_a_la_connexion(client, donnees):
    for lien in (
        url(INDEX),
        url("anomalie:synthese"),
        url("anomalie:justifier", donnees["a44"]),
        url("anomalie:inspect", donnees["a44"]),
    ):
        reponse = client.get(lien)
        assert reponse.status_code == 302 and "login" in reponse["Location"]

"""The yearly programme proposed from risk: each criterion in words, the ranking, what is left
out (a control under way, already programmed, another département), the proposal creating
controls in state `programme`, the DDETS adjusting it, the coverage shown (planned vs done)."""

import datetime
import html

import pytest
from django.urls import reverse
from django.utils import timezone

from backoffice.controle.choix import E
from backoffice.controle.models import Controle, ProgrammeControle
from backoffice.controle.risques import evaluer, proposer
from backoffice.occupation.models import Occupation
from backoffice.qualite.models import Anomalie, Regle, Severite
from tests.controle.factories import amener, controle_en, nouveau_controle
from tests.conventions.factories import amener as amener_convention
from tests.conventions.factories import convention_pour
from tests.factories import DispositifFactory
from tests.occupation.outils import mois_passe
from tests.qualite.outils import convention_en_vigueur, jours

pytestmark = pytest.mark.django_db


def occupation(dispositif, mois, en_service=100, occupees=80, refugies=0, deboutes=0):
    return Occupation.objects.create(
        dispositif=dispositif,
        mois=mois,
        places_en_service=en_service,
        places_occupees=occupees,
        presence_indue_refugies=refugies,
        presence_indue_deboutes=deboutes,
        places_vacantes=en_service - occupees,
    )


def anomalie(dispositif, regle=Regle.SANS_FINANCEMENT, severite=Severite.MOYENNE):
    maintenant = timezone.now()
    return Anomalie.objects.create(
        regle=regle,
        severite=severite,
        departement_id=dispositif.departement_id,
        dispositif=dispositif,
        cle=f"{regle}-{dispositif.pk}",
        message="Constat de test",
        detectee_le=maintenant,
        vue_le=maintenant,
    )


@pytest.fixture
def parc(national):
    """Dispositifs of the 44 with known risks, and one of the 75."""
    d = {}
    d["sous_cible"] = DispositifFactory(nom="CADA Sous la cible")
    convention_en_vigueur(d["sous_cible"], national, debut=-400)
    for rang in (3, 2, 1):
        occupation(d["sous_cible"], mois_passe(rang), occupees=80, refugies=6)
    d["anomalies"] = DispositifFactory(nom="CADA Anomalies")
    anomalie(d["anomalies"])
    anomalie(d["anomalies"], Regle.FINESS_MANQUANT, Severite.HAUTE)
    d["fin_convention"] = DispositifFactory(nom="CADA Fin de convention")
    amener_convention(
        convention_pour(d["fin_convention"], date_debut=jours(-700), date_fin=jours(120)),
        "signee",
        national,
    )
    d["controle_recent"] = DispositifFactory(nom="CADA Contrôlé l'an dernier")
    recent = controle_en(d["controle_recent"], E.CLOS, national)
    Controle.objects.filter(pk=recent.pk).update(date_realisation=jours(-365))
    d["controle_ancien"] = DispositifFactory(nom="CADA Contrôlé il y a longtemps")
    ancien = controle_en(d["controle_ancien"], E.CLOS, national)
    Controle.objects.filter(pk=ancien.pk).update(date_realisation=datetime.date(2015, 3, 2))
    d["en_cours"] = DispositifFactory(nom="CADA Contrôle en cours")
    nouveau_controle(d["en_cours"])
    d["ferme"] = DispositifFactory(nom="CADA Fermé", date_fermeture=jours(-10))
    d["paris"] = DispositifFactory(departement_id="75", commune="Paris", code_postal="75011")
    return d


def test_chaque_critere_en_mots(parc):
    risques = {r.dispositif.pk: r for r in evaluer("44")}
    sous_cible = risques[parc["sous_cible"].pk]
    assert sous_cible.score == 3 + 2 + 2  # occupancy, présence indue, never controlled
    premier, dernier = mois_passe(3), mois_passe(1)
    assert sous_cible.motifs[0].startswith(
        "Occupation sous l'objectif de 97,0\u00a0% 3 mois de suite "
        f"(de {premier:%m/%Y} à {dernier:%m/%Y}, convention CV-44-"
    )
    assert sous_cible.motifs[1] == (
        f"Présence indue au-dessus de l'objectif en {dernier:%m/%Y} : réfugiés 7,5\u00a0% pour "
        "moins de 3,0\u00a0%."
    )
    assert "Jamais contrôlé." in sous_cible.motifs
    assert risques[parc["anomalies"].pk].motifs[0] == (
        "2 anomalies de données à traiter (dont 1 de sévérité haute)."
    )
    assert risques[parc["anomalies"].pk].score == 3 + 2
    fin = risques[parc["fin_convention"].pk]
    assert fin.score == 1 + 2
    assert f"se terminant le {jours(120):%d/%m/%Y}" in fin.motifs[0]
    assert risques[parc["controle_ancien"].pk].motifs == [
        "Dernier contrôle le 02/03/2015, il y a plus de 5 ans."
    ]
    # Controlled last year: nothing known against it; a control under way, a closed
    # dispositif or one of another département: not proposed.
    for cle in ("controle_recent", "en_cours", "ferme", "paris"):
        assert parc[cle].pk not in risques
    assert [r.dispositif for r in evaluer("44")][:2] == [parc["sous_cible"], parc["anomalies"]]


def test_la_proposition_cree_les_controles_programmes(parc, ddets44):
    programme = ProgrammeControle.objects.create(departement_id="44", annee=2026)
    crees = proposer(programme, ddets44, nombre=2)
    assert [c.dispositif for c in crees] == [parc["sous_cible"], parc["anomalies"]]
    controle = crees[0]
    assert (controle.etat, controle.programme, controle.score_risque) == (E.PROGRAMME, programme, 7)
    assert controle.themes == ["convention", "accompagnement"]
    assert controle.motifs_risque[-1] == "Jamais contrôlé."
    assert crees[1].themes == ["financier", "accompagnement"]
    # A second proposal adds the next ones, never the same dispositif twice.
    suivants = proposer(programme, ddets44, nombre=10)
    assert {c.dispositif.pk for c in suivants} == {
        parc["fin_convention"].pk,
        parc["controle_ancien"].pk,
    }
    assert proposer(programme, ddets44, nombre=10) == []


def test_l_anomalie_d_occupation_est_l_origine(parc, ddets44):
    trace = anomalie(parc["sous_cible"], Regle.OCCUPATION_SOUS_CIBLE)
    programme = ProgrammeControle.objects.create(departement_id="44", annee=2026)
    (controle,) = proposer(programme, ddets44, nombre=1)
    assert controle.anomalie_origine == trace


def test_la_ddets_ajuste_et_voit_la_couverture(client, parc, ddets44, national):
    client.force_login(ddets44)
    response = client.post(reverse("programme_controle:add"), {"departement": "44", "annee": 2026})
    assert response.status_code == 302
    programme = ProgrammeControle.objects.get()
    assert programme.cree_par == ddets44
    url = reverse("programme_controle:proposer", args=[programme.pk])
    page = html.unescape(client.get(url).content.decode())
    assert "Jamais contrôlé." in page and str(parc["sous_cible"]) in page
    response = client.post(url, {"nombre": "3"})
    assert response.status_code == 302
    assert programme.controles.count() == 3
    # The DDETS removes one proposal, adds one by hand.
    retire = programme.controles.order_by("pk").last()
    assert client.post(reverse("controle:delete", args=[retire.pk])).status_code == 302
    ajout = f"{reverse('controle:add')}?programme={programme.pk}"
    fiche = html.unescape(
        client.get(reverse("programme_controle:inspect", args=[programme.pk])).content.decode()
    )
    assert ajout in fiche
    # Dated and staffed (« Modifier »), then carried out.
    controle = programme.controles.order_by("pk").first()
    Controle.objects.filter(pk=controle.pk).update(date_prevue=jours(3), inspecteurs="DDETS 44")
    controle.refresh_from_db()
    amener(controle, E.REALISE, national)
    reponse = client.get(reverse("programme_controle:inspect", args=[programme.pk]))
    couverture = reponse.context["couverture"]
    assert (couverture.prevus, couverture.realises) == (2, 1)
    assert couverture.dispositifs_ouverts == 6  # the closed one and the 75 are not counted
    assert couverture.dispositifs_controles == 1
    page = html.unescape(reponse.content.decode())
    assert "1 (50\u00a0% des contrôles prévus)" in page
    assert "1 sur 6 (17\u00a0%)" in page
    liste = client.get(reverse("programme_controle:index"))
    (ligne,) = liste.context["object_list"]
    assert (ligne.nb_prevus, ligne.nb_realises) == (2, 1)


def test_un_programme_par_departement_et_par_an(client, ddets44):
    ProgrammeControle.objects.create(departement_id="44", annee=2026)
    client.force_login(ddets44)
    response = client.post(reverse("programme_controle:add"), {"departement": "44", "annee": 2026})
    assert response.status_code == 200
    assert "Ce département a déjà un programme de contrôle pour cette année." in html.unescape(
        response.content.decode()
    )
    response = client.post(reverse("programme_controle:add"), {"departement": "44", "annee": 1999})
    assert "L'année doit être comprise entre 2000 et 2100." in html.unescape(
        response.content.decode()
    )


def test_un_programme_qui_a_des_controles_ne_se_supprime_pas(client, parc, ddets44):
    programme = ProgrammeControle.objects.create(departement_id="44", annee=2026)
    proposer(programme, ddets44, nombre=1)
    client.force_login(ddets44)
    client.post(reverse("programme_controle:delete", args=[programme.pk]))
    assert ProgrammeControle.objects.filter(pk=programme.pk).exists()


def test_le_controle_d_un_programme_est_de_son_departement(parc, ddets44):
    programme = ProgrammeControle.objects.create(departement_id="75", annee=2026)
    controle = Controle(dispositif=parc["sous_cible"], programme=programme, themes=["financier"])
    with pytest.raises(Exception) as refus:
        controle.full_clean()
    assert "Le dispositif n'est pas dans le département du programme (75)." in str(refus.value)

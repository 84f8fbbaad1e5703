"""Figures on two time axes: in effect on D as known on K (docs/pilotage.md, « Deux axes »).

A dated story runs with a frozen clock moving forward (create, finance, convention signed, avenant
signed late with a past effect, résiliation recorded late, closure recorded late, moved, deleted).
At each step the test records what the surfaces show *that day*; afterwards it checks that
« connu au D » gives back exactly those records, and that « en vigueur au D » (as known at the
end) counts each late record from its own date."""

import datetime
import io
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from backoffice.acces.perimetres import NATIONAL, Perimetre
from backoffice.conventions.models import Avenant, Convention
from backoffice.exportations.registre import SansSuivi
from backoffice.pilotage.axes import Axes
from backoffice.pilotage.comparaison import comparer
from backoffice.pilotage.detail import lignes_du_chiffre
from backoffice.pilotage.exports import fichier_pilotage
from backoffice.pilotage.indicateurs import photographie
from backoffice.pilotage.tableau import CAPACITES, tableau_de_bord
from backoffice.pilotage.views import ComparaisonView
from tests.conventions.factories import amener, avenant_pour, convention_pour, pdf
from tests.factories import DispositifFactory, FinancementFactory, GroupeFactory
from workflows.services import executer_transition

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_temporaire")]

P44 = Perimetre(departements=frozenset({"44"}))
P75 = Perimetre(departements=frozenset({"75"}))


def jour(mois, j, annee=2025):
    return datetime.date(annee, mois, j)


def surfaces_du_compte(utilisateur, axes):
    """The dashboard's total, the map's départements and the XLSX export's total row."""
    tableau = tableau_de_bord(utilisateur, axes, avec_evolution=False)
    tampon = io.BytesIO()
    fichier_pilotage(utilisateur, urlencode(axes.parametres())).ecrire(tampon, SansSuivi())
    feuille = load_workbook(tampon)["Par type"]
    export = next(ligne for ligne in feuille.iter_rows(values_only=True) if ligne[0] == "Total")
    return {
        "tableau": [tableau["total"].valeur(code) for code, _ in CAPACITES],
        "carte": sum(ligne.chiffres.ouvertes for ligne in tableau["lignes_departement"]),
        "export": list(export[2:6]),  # after the label and the dispositifs
    }


def releve_des_surfaces(perimetre=NATIONAL, date=None, connu_au=None, utilisateur=None):
    """What the dashboard engine, the list behind each figure and, for a user, the dashboard,
    the map and the export say, on the two axes."""
    photo = photographie(perimetre, date, connu_au).total()
    axes = Axes(date, connu_au)
    listes = {
        chiffre: lignes_du_chiffre(perimetre, chiffre, axes)[1]
        for chiffre in ("dispositifs", "autorisees", "financees", "conventionnees", "ouvertes")
    }
    if utilisateur:
        listes["surfaces"] = surfaces_du_compte(utilisateur, axes)
    return {
        "dispositifs": photo.dispositifs,
        "autorisees": photo.autorisees,
        "financees": photo.financees,
        "conventionnees": photo.conventionnees,
        "ouvertes": photo.ouvertes,
        "listes": listes,
    }


def avenant_signe(convention, dispositif, places, effet, signe_le, national):
    avenant = avenant_pour(convention, dispositif, places, effet)
    executer_transition(Avenant, avenant.pk, "valider", national)
    executer_transition(
        Avenant, avenant.pk, "signer", national, date_signature=signe_le, fichier=pdf()
    )


@pytest.fixture
def histoire(horloge, national):
    """The story; returns {day: (national record, 44 record)} as shown at the end of each day."""
    vus = {}

    def noter():
        vus[horloge.aujourdhui] = (
            releve_des_surfaces(utilisateur=national),
            releve_des_surfaces(P44),
        )

    horloge.aller_au(jour(10, 1))
    cada = DispositifFactory(  # a CADA in 44 (the factory's defaults)
        places_autorisees=100,
        date_autorisation=jour(1, 1),
        date_ouverture=jour(1, 1),
    )
    GroupeFactory(dispositif=cada, places=80, date_debut=jour(1, 1), date_fin=None)
    FinancementFactory(dispositif=cada, exercice=2025, places_financees=90)
    autre = DispositifFactory(places_autorisees=30)
    convention = convention_pour(cada, places=60, date_debut=jour(10, 1))
    amener(convention, "signee", national, date_signature=jour(10, 1))
    noter()

    horloge.aller_au(jour(11, 16))
    noter()

    # 26 November: an avenant signed today takes effect on 6 November.
    horloge.aller_au(jour(11, 26))
    avenant_signe(convention, cada, 70, jour(11, 6), jour(11, 26), national)
    noter()

    horloge.aller_au(jour(12, 5))
    noter()

    # 10 December: a résiliation recorded today takes effect on 1 December.
    horloge.aller_au(jour(12, 10))
    executer_transition(
        Convention,
        convention.pk,
        "resilier",
        national,
        commentaire="Fin du projet",
        date_resiliation=jour(12, 1),
    )
    noter()

    horloge.aller_au(jour(12, 15))
    noter()

    # 20 December: a closure on 12 December recorded today; the other dispositif moves to 75.
    horloge.aller_au(jour(12, 20))
    cada.date_fermeture = jour(12, 12)
    cada.save()
    autre.departement_id = "75"
    autre.save()
    noter()

    # 23 December: the other dispositif is deleted.
    horloge.aller_au(jour(12, 23))
    autre.lignes_convention.all().delete()
    autre.delete()
    noter()

    horloge.aller_au(jour(12, 30))
    return vus


def test_connu_au_jour_rend_ce_que_la_base_disait_ce_jour_la(histoire, national):
    for date, (vu, p44) in histoire.items():
        assert releve_des_surfaces(NATIONAL, date, date, national) == vu, date
        assert releve_des_surfaces(P44, date, connu_au=date) == p44, date


def test_chaque_liste_somme_a_son_chiffre_sur_les_deux_axes(histoire, national):
    for date in histoire:
        for connu_au in (date, None):
            vu = releve_des_surfaces(NATIONAL, date, connu_au, national)
            surfaces = vu["listes"].pop("surfaces")
            assert vu["listes"] == {c: vu[c] for c in vu["listes"]}, (date, connu_au)
            capacites = [vu[code] for code, _ in CAPACITES]
            assert surfaces["tableau"] == surfaces["export"] == capacites, (date, connu_au)
            assert surfaces["carte"] == vu["ouvertes"]


def test_un_avenant_tardif_compte_des_sa_date_d_effet_sans_reecrire_ce_que_la_base_disait(
    histoire,
):
    # On 16 November the base said 60: the avenant was recorded on the 26th.
    assert photographie(NATIONAL, jour(11, 16), jour(11, 16)).total().conventionnees == 60
    # As known now, it was in effect from 6 November.
    assert photographie(NATIONAL, jour(11, 16)).total().conventionnees == 70
    assert photographie(NATIONAL, jour(11, 5)).total().conventionnees == 60


def test_une_resiliation_tardive_suit_la_meme_regle_que_l_avenant(histoire):
    assert photographie(NATIONAL, jour(12, 5), jour(12, 5)).total().conventionnees == 70
    assert photographie(NATIONAL, jour(12, 5)).total().conventionnees == 0
    assert photographie(NATIONAL, jour(11, 30)).total().conventionnees == 70


def test_une_fermeture_tardive_compte_des_sa_date(histoire):
    dit_alors = photographie(NATIONAL, jour(12, 15), jour(12, 15)).total()
    en_vigueur = photographie(NATIONAL, jour(12, 15)).total()
    assert (dit_alors.autorisees, dit_alors.ouvertes) == (130, 80)
    assert (en_vigueur.autorisees, en_vigueur.ouvertes) == (30, 0)


def test_un_dispositif_transfere_puis_supprime_compte_la_ou_il_etait(histoire):
    # On 15 December it was in 44 (a département has no date of its own: recorded on the 20th).
    # (the CADA closed on the 12th: only the other one, 30 places autorisées)
    dans_44 = photographie(P44, jour(12, 15)).total()
    assert (dans_44.dispositifs, dans_44.autorisees) == (1, 30)
    assert photographie(P75, jour(12, 15)).total().dispositifs == 0
    assert photographie(P75, jour(12, 21)).total().dispositifs == 1
    # Deleted on the 23rd: it existed on the 21st, and its list says it is gone.
    lignes, total = lignes_du_chiffre(P75, "dispositifs", Axes(jour(12, 21)))
    assert total == 1 and not lignes[0].existe
    assert photographie(P75, jour(12, 24)).total().dispositifs == 0


def test_le_tableau_de_bord_offre_les_deux_axes(histoire, client, national):
    client.force_login(national)
    page = client.get(
        reverse("wagtailadmin_home"), {"date": "2025-11-16", "connu_au": "2025-11-16"}
    )
    contenu = page.content.decode()
    assert "Tableau de bord au 16/11/2025, selon la base au 16/11/2025" in contenu
    assert 'name="connu_au"' in contenu
    # Every figure's link carries both axes.
    assert "connu_au=2025-11-16" in contenu
    erreur = client.get(reverse("wagtailadmin_home"), {"connu_au": "2999-01-01"})
    assert "La date de connaissance ne peut pas être dans le futur" in erreur.content.decode()


def test_comparer_deux_dates_reconcilie_les_deux_photographies(histoire):
    du, au = jour(11, 5), jour(12, 24)
    for perimetre in (NATIONAL, P44, P75):
        for connu_au in (None, jour(12, 21)):
            resultat = comparer(perimetre, du, au, connu_au)
            avant = photographie(perimetre, du, connu_au).total()
            apres = photographie(perimetre, au, connu_au).total()
            assert (resultat.total_avant, resultat.total_apres) == (avant, apres)
            for champ in ("dispositifs", "autorisees", "financees", "conventionnees", "ouvertes"):
                assert sum(v.ecart(champ) for v in resultat.variations) == getattr(
                    apres, champ
                ) - getattr(avant, champ), (perimetre, connu_au, champ)


def test_comparer_deux_dates_dit_ce_qui_a_change(histoire):
    resultat = comparer(NATIONAL, jour(11, 5), jour(12, 24))
    mouvements = sorted(v.mouvements for v in resultat.variations)
    # The CADA: closed on the 12th (its places go), its convention résiliée; the other one:
    # moved to 75 on the 20th, then deleted on the 23rd.
    assert mouvements == [
        "fermé, autorisées −100, conventionnées −60, ouvertes −80",
        "supprimé, autorisées −30",
    ]
    en_44 = comparer(P44, jour(11, 5), jour(12, 21))
    assert [v.mouvements for v in en_44.variations if v.dispositif["places_autorisees"] == 30] == [
        "transféré du 44 au 75, autorisées −30"
    ]


def test_la_page_de_comparaison_et_son_export(histoire, client, national):
    client.force_login(national)
    url = reverse("pilotage_comparaison")
    page = client.get(url, {"du": "2025-11-05", "au": "2025-12-24"})
    contenu = page.content.decode()
    assert page.status_code == 200
    assert "fermé, autorisées −100" in contenu
    assert 'data-total-ecart="-130"' in contenu  # autorisées: 130 → 0
    export = client.get(url, {"du": "2025-11-05", "au": "2025-12-24", "format": "csv"})
    texte = b"".join(export.streaming_content).decode("utf-8-sig")
    assert "Total du périmètre" in texte and "supprimé" in texte


def test_la_liste_montre_les_enregistrements_tardifs(histoire, client, national):
    client.force_login(national)
    url = reverse("pilotage_detail")
    page = client.get(url, {"chiffre": "conventionnees", "date": "2025-11-16"})
    contenu = page.content.decode()
    assert "places conventionnées enregistrées le 26/11/2025 avec effet au 06/11/2025" in contenu
    # What the base said that day has nothing late in it.
    alors = client.get(
        url, {"chiffre": "conventionnees", "date": "2025-11-16", "connu_au": "2025-11-16"}
    )
    assert "enregistrées le" not in alors.content.decode()
    resiliee = client.get(url, {"chiffre": "conventionnees", "date": "2025-11-30"})
    assert "résiliation avec effet au 01/12/2025" in resiliee.content.decode()


def test_la_comparaison_se_lit_par_pages_et_garde_son_total(
    histoire, client, national, monkeypatch
):
    monkeypatch.setattr(ComparaisonView, "LIGNES_PAR_PAGE", 1)
    client.force_login(national)
    url = reverse("pilotage_comparaison")
    vues = []
    for numero in ("1", "2"):
        page = client.get(url, {"du": "2025-11-05", "au": "2025-12-24", "p": numero})
        contenu = page.content.decode()
        assert contenu.count("<tr data-dispositif=") == 1
        assert 'data-total-ecart="-130"' in contenu  # the total covers every row
        vues.append(page.context["items"][0].dispositif["id"])
    assert len(set(vues)) == 2

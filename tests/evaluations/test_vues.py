"""The evaluations' screens for every kind of account: the list (filters, export), the page, the
form recording the report and its download, the renewals screen, the dispositif's section, the
menu — each bound to the perimeter (out of it: 404), the gestionnaire reading its own only."""

import datetime
import html

import pytest
from django.core.files.base import ContentFile
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from wagtail.admin.menu import admin_menu
from wagtail.documents import get_document_model

from backoffice.evaluations.cycle import synchroniser
from backoffice.evaluations.models import Evaluation
from tests.acces.outils import (
    assert_introuvable,
    assert_refuse,
    contenu,
    lignes_export,
    pks_listes,
)
from tests.affichage.parcours import urls_des_menus
from tests.factories import DispositifFactory

from .outils import evaluations_de, pdf, type_

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_temporaire")]

D = datetime.date


@pytest.fixture
def parc(dispositif44, dispositif75):
    """The 44 dispositif (entité of gestionnaire44, opened in 2015: due 2020, 2025, 2030), a
    neighbour in the 44 (another entité, authorised in 2012), the 75 one, and a HUDA (not
    evaluated)."""
    voisin = DispositifFactory(departement_id="44", date_autorisation=D(2012, 3, 15))
    huda = DispositifFactory(departement_id="44", type=type_("HUDA"), places_autorisees=None)
    synchroniser()
    return {"44": dispositif44, "voisin": voisin, "75": dispositif75, "huda": huda}


def _pks(*dispositifs):
    return {e.pk for d in dispositifs for e in evaluations_de(d)}


VISIBLES = {
    "national": ("44", "voisin", "75"),
    "ddets44": ("44", "voisin"),
    "ddets75": ("75",),
    "regional52": ("44", "voisin"),
    "lecteur44": ("44", "voisin"),
    "gestionnaire44": ("44",),
}


@pytest.mark.parametrize("compte", list(VISIBLES))
def test_liste_et_fiches_dans_le_perimetre(client, request, parc, compte):
    user = request.getfixturevalue(compte)
    client.force_login(user)
    reponse = client.get(reverse("evaluation:index"))
    assert reponse.status_code == 200
    attendus = _pks(*(parc[c] for c in VISIBLES[compte]))
    assert pks_listes(reponse) == attendus
    for evaluation in Evaluation.objects.all():
        for vue in ("inspect", "history", "usage", "rapport"):
            url = reverse(f"evaluation:{vue}", args=[evaluation.pk])
            if evaluation.pk not in attendus:
                assert_introuvable(client, url)
            elif vue in ("inspect", "history"):
                # (Wagtail's usage page asks for a right to change; no report here yet.)
                assert client.get(url).status_code == 200, (compte, vue)


def test_le_siao_n_a_pas_acces(client, siao44, parc):
    client.force_login(siao44)
    assert_refuse(client.get(reverse("evaluation:index")))
    reponse = client.get(reverse("evaluation:renouvellements"))
    assert reponse.status_code == 302 and reponse["Location"] == reverse("wagtailadmin_home")


def test_ni_ajout_ni_copie_ni_suppression():
    for vue, args in (("add", []), ("copy", [1]), ("delete", [1])):
        with pytest.raises(NoReverseMatch):
            reverse(f"evaluation:{vue}", args=args)


# ---------------------------------------------------------------------------------------------
# Recording the report
# ---------------------------------------------------------------------------------------------


def _donnees(**champs):
    donnees = {
        "organisme_evaluateur": "Cabinet Qualis",
        "date_reception": "2025-02-10",
        "conclusion": "Bonne dynamique d'amélioration continue.",
    }
    donnees.update(champs)
    return donnees


def test_la_ddets_enregistre_le_rapport_recu(client, ddets44, gestionnaire44, ddets75, parc):
    evaluation = evaluations_de(parc["44"])[1]  # due 01/01/2025
    url = reverse("evaluation:edit", args=[evaluation.pk])
    client.force_login(ddets44)
    page = client.get(url)
    assert page.status_code == 200
    assert "rapport" in page.context["form"].fields
    reponse = client.post(url, _donnees(rapport=pdf("rapport-qualis.pdf")))
    assert reponse.status_code == 302, reponse.context["form"].errors
    assert reponse["Location"] == reverse("evaluation:inspect", args=[evaluation.pk])
    evaluation.refresh_from_db()
    assert evaluation.date_reception == D(2025, 2, 10)
    assert evaluation.organisme_evaluateur == "Cabinet Qualis"
    assert evaluation.etat == "recue" and evaluation.document_id
    assert evaluation.document.title.startswith(f"Rapport – 2e évaluation – {parc['44'].code}")
    # Its page says so, and the report is downloaded within the perimeter only.
    fiche = client.get(reverse("evaluation:inspect", args=[evaluation.pk])).content.decode()
    assert "Reçue" in fiche and "Télécharger le rapport" in fiche and "Cabinet Qualis" in fiche
    telechargement = reverse("evaluation:rapport", args=[evaluation.pk])
    assert client.get(telechargement).status_code == 200
    client.force_login(gestionnaire44)
    reponse = client.get(telechargement)
    assert reponse.status_code == 200 and contenu(reponse).startswith(b"%PDF")
    client.force_login(ddets75)
    assert_introuvable(client, telechargement)
    assert_introuvable(client, evaluation.document.url)  # Wagtail's own serving, same rule


def test_remplacer_le_rapport_supprime_l_ancien(client, ddets44, parc):
    evaluation = evaluations_de(parc["44"])[1]
    url = reverse("evaluation:edit", args=[evaluation.pk])
    client.force_login(ddets44)
    client.post(url, _donnees(rapport=pdf("v1.pdf")))
    evaluation.refresh_from_db()
    ancien = evaluation.document_id
    assert "Rapport enregistré" in client.get(url).content.decode()
    client.post(url, _donnees(rapport=pdf("v2.pdf")))
    evaluation.refresh_from_db()
    assert evaluation.document_id != ancien
    assert not get_document_model().objects.filter(pk=ancien).exists()
    # Without a new file, the report stays.
    client.post(url, _donnees(conclusion="Complétée"))
    evaluation.refresh_from_db()
    assert evaluation.document_id and evaluation.conclusion == "Complétée"


@pytest.mark.parametrize(
    ("champs", "champ", "message"),
    [
        (
            {"organisme_evaluateur": ""},
            "organisme_evaluateur",
            "Indiquez l'organisme évaluateur du rapport reçu.",
        ),
        (
            {"date_reception": ""},
            "date_reception",
            "Indiquez la date à laquelle le rapport a été reçu.",
        ),
        (
            {"date_reception": (timezone.localdate() + datetime.timedelta(days=3)).isoformat()},
            "date_reception",
            "La date de réception ne peut pas être dans le futur.",
        ),
    ],
)
def test_saisie_refusee_en_francais(client, ddets44, parc, champs, champ, message):
    evaluation = evaluations_de(parc["44"])[0]
    client.force_login(ddets44)
    reponse = client.post(
        reverse("evaluation:edit", args=[evaluation.pk]), _donnees(rapport=pdf(), **champs)
    )
    assert reponse.status_code == 200
    assert message in reponse.context["form"].errors[champ]
    evaluation.refresh_from_db()
    assert evaluation.date_reception is None and evaluation.document_id is None


def test_un_fichier_qui_n_est_pas_un_document_est_refuse(client, ddets44, parc):
    evaluation = evaluations_de(parc["44"])[0]
    client.force_login(ddets44)
    reponse = client.post(
        reverse("evaluation:edit", args=[evaluation.pk]),
        _donnees(rapport=pdf("rapport.pdf", b"MZ\x90\x00 pas un pdf")),
    )
    assert reponse.status_code == 200
    assert reponse.context["form"].errors["rapport"]
    assert not get_document_model().objects.exists()


@pytest.mark.parametrize("compte", ["ddets75"])
def test_modifier_hors_perimetre_404(client, request, parc, compte):
    client.force_login(request.getfixturevalue(compte))
    evaluation = evaluations_de(parc["44"])[0]
    url = reverse("evaluation:edit", args=[evaluation.pk])
    assert_introuvable(client, url)
    assert_introuvable(client, url, "post", _donnees())
    evaluation.refresh_from_db()
    assert evaluation.date_reception is None


@pytest.mark.parametrize("compte", ["gestionnaire44", "regional52", "lecteur44"])
def test_lecture_seule(client, request, parc, compte):
    """The gestionnaire reads its own evaluations, the région and the reader theirs: no form."""
    client.force_login(request.getfixturevalue(compte))
    evaluation = evaluations_de(parc["44"])[0]
    url = reverse("evaluation:edit", args=[evaluation.pk])
    assert_refuse(client.get(url))
    assert_refuse(client.post(url, _donnees()))
    evaluation.refresh_from_db()
    assert evaluation.date_reception is None
    fiche = client.get(reverse("evaluation:inspect", args=[evaluation.pk])).content.decode()
    assert "Enregistrer le rapport reçu" not in fiche
    assert reverse("evaluation:edit", args=[evaluation.pk]) not in fiche


# ---------------------------------------------------------------------------------------------
# Filters, export
# ---------------------------------------------------------------------------------------------


def test_filtres(client, national, ddets44, parc):
    client.force_login(national)
    index = reverse("evaluation:index")
    par_departement = pks_listes(client.get(index, {"departement": "75"}))
    assert par_departement == _pks(parc["75"])
    aujourdhui = timezone.localdate()
    en_retard = pks_listes(client.get(index, {"etat": "en_retard"}))
    assert (
        en_retard == {e.pk for e in Evaluation.objects.all() if e.echeance < aujourdhui}
        and en_retard
    )
    a_venir = pks_listes(client.get(index, {"etat": "a_venir"}))
    assert all(e.etat == "a_venir" for e in Evaluation.objects.filter(pk__in=a_venir))
    annee = pks_listes(client.get(index, {"annee": "2030"}))
    assert annee == set(Evaluation.objects.filter(echeance__year=2030).values_list("pk", flat=True))
    assert pks_listes(client.get(index, {"q": parc["voisin"].code})) == _pks(parc["voisin"])
    # A département out of the perimeter is not a choice.
    client.force_login(ddets44)
    reponse = client.get(index, {"departement": "75"})
    assert reponse.status_code == 200
    assert not pks_listes(reponse) & _pks(parc["75"])


def test_export_dans_le_perimetre(client, ddets75, parc):
    client.force_login(ddets75)
    reponse = client.get(reverse("evaluation:index"), {"export": "csv"})
    lignes = lignes_export(reponse, "csv")
    assert lignes[0][:7] == [
        "Code dispositif",
        "Dispositif",
        "Département",
        "Type",
        "Rang dans le cycle",
        "Échéance",
        "État",
    ]
    codes = {ligne[0] for ligne in lignes[1:]}
    assert codes == {parc["75"].code}
    assert len(lignes) == 4
    assert "Fin d'autorisation" in lignes[0]
    assert lignes[1][5] == "01/01/2020"  # opened 01/01/2015, no authorisation date


# ---------------------------------------------------------------------------------------------
# Dispositif's section, renewals, menu
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("compte", ["ddets44", "gestionnaire44", "regional52"])
def test_section_de_la_fiche_dispositif(client, request, parc, compte):
    client.force_login(request.getfixturevalue(compte))
    page = client.get(reverse("dispositif:inspect", args=[parc["44"].pk])).content.decode()
    section = html.unescape(page.split("data-evaluations")[1].split("</section>")[0])
    assert "Évaluations de l'ESSMS" in page
    assert "Fin de l'autorisation : <strong>01/01/2030</strong>" in section
    assert "date d'ouverture + 15 ans (date d'autorisation inconnue)" in section
    assert "0 reçue sur 3" in section
    for evaluation in evaluations_de(parc["44"]):
        assert reverse("evaluation:inspect", args=[evaluation.pk]) in section
    assert "None" not in section and "True" not in section


def test_pas_de_section_hors_regime_d_autorisation(client, ddets44, parc):
    client.force_login(ddets44)
    page = client.get(reverse("dispositif:inspect", args=[parc["huda"].pk])).content.decode()
    assert "data-evaluations" not in page


def test_section_sans_date(client, ddets44, parc):
    sans_date = DispositifFactory(departement_id="44", date_ouverture=None)
    client.force_login(ddets44)
    page = client.get(reverse("dispositif:inspect", args=[sans_date.pk])).content.decode()
    assert "ni la date d'autorisation ni la date d'ouverture ne sont renseignées" in page


def test_renouvellements(client, ddets44, national, parc):
    premiere = evaluations_de(parc["voisin"])[0]
    premiere.organisme_evaluateur = "Cabinet Qualis"
    premiere.date_reception = D(2017, 5, 1)
    premiere.save()
    client.force_login(ddets44)
    url = reverse("evaluation:renouvellements")
    page = client.get(url).content.decode()
    assert f'data-dispositif="{parc["44"].code}"' in page
    assert f'data-dispositif="{parc["voisin"].code}"' in page
    assert parc["75"].code not in page and parc["huda"].code not in page
    # Soonest end first: the neighbour's (2027) before the 44's (2030).
    assert page.index(parc["voisin"].code) < page.index(parc["44"].code)
    assert "1 reçue sur 3" in page and "0 reçue sur 3" in page
    complets = client.get(url, {"situation": "completes"}).content.decode()
    assert parc["voisin"].code not in complets
    tot = client.get(url, {"fin_avant": "2027"}).content.decode()
    assert parc["voisin"].code in tot and f'data-dispositif="{parc["44"].code}"' not in tot
    lignes = lignes_export(client.get(url, {"export": "csv"}), "csv")
    assert lignes[0][4] == "Fin d'autorisation"
    assert [ligne[0] for ligne in lignes[1:]] == [parc["voisin"].code, parc["44"].code]
    assert lignes[1][4] == "15/03/2027" and lignes[1][6] == "1"
    client.force_login(national)
    page = client.get(url, {"departement": "75"}).content.decode()
    assert parc["75"].code in page and parc["44"].code not in page


@pytest.mark.parametrize(
    ("compte", "visible"), [("ddets44", True), ("gestionnaire44", True), ("siao44", False)]
)
def test_entree_de_menu(client, request, parc, compte, visible):
    client.force_login(request.getfixturevalue(compte))
    assert (reverse("evaluation:index") in urls_des_menus(request.getfixturevalue(compte))) is (
        visible
    )
    libelles = [
        item.label for item in admin_menu.menu_items_for_request(client.get("/admin/").wsgi_request)
    ]
    assert ("Évaluations ESSMS" in libelles) is visible


def test_fiche_evaluation_sans_valeur_python(client, ddets44, parc):
    evaluation = evaluations_de(parc["44"])[0]
    client.force_login(ddets44)
    page = client.get(reverse("evaluation:inspect", args=[evaluation.pk])).content.decode()
    assert "En retard" in page and "Enregistrer le rapport reçu" in page
    assert "Aucun rapport joint" in page
    for brut in (">None<", ">True<", ">False<", ">a_venir<", ">en_retard<"):
        assert brut not in page


def test_document_rattache_a_rien_reste_national(client, ddets44, national):
    """A Wagtail document attached to no evaluation: the national level only (the link
    registered by the app does not open the others)."""
    document = get_document_model().objects.create(
        title="Libre", file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="libre.pdf")
    )
    client.force_login(ddets44)
    assert_introuvable(client, document.url)
    client.force_login(national)
    assert client.get(document.url).status_code == 200

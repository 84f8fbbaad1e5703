"""Every spreadsheet the application writes, fed with values built to become formulas: they come
out as inert text (XLSX: string cells; CSV: prefixed with "'"), CSV files open in French Excel
(BOM, ";"), and figures stay numbers."""

import csv
import datetime
import io
import re
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.admin.viewsets import viewsets as registre

from backoffice.appels.models import AppelAProjets
from backoffice.conventions.models import Avenant
from backoffice.offre.models import TypeDispositif
from backoffice.qualite.services import recalculer
from backoffice.schemas.models import EvaluationAction
from backoffice.territoires.models import Departement
from imports.models import ImportTemps1
from tests.appels.factories import appel_44, deposer, publier
from tests.conventions.factories import amener, convention_pour, jours
from tests.demandes.factories import DemandeFactory
from tests.factories import (
    DispositifFactory,
    EntiteFactory,
    FinancementFactory,
    GroupeFactory,
    siren_valide,
)
from tests.imports.outils import ENTETES, classeur, dispositif, entite, financement, ligne
from tests.schemas.outils import petit_schema

PIEGES = ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "-1+2", "@SUM(A1)"]
DANGEREUX = ("=", "+", "-", "@", "\t", "\r")
NOMBRE_FRANCAIS = re.compile(r"^-?\d+(,\d+)?$")

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def parc_piege(national):
    """Every kind of listed object, its free texts set to the traps."""
    for piege in PIEGES:
        entite_ = EntiteFactory(raison_sociale=piege)
        dispositif_ = DispositifFactory(entite=entite_, nom=piege, commune=piege)
        GroupeFactory(dispositif=dispositif_, libelle=piege, commune=piege)
        FinancementFactory(dispositif=dispositif_, montant_annuel=Decimal("569400.50"))
        convention = amener(convention_pour(dispositif_, intitule=piege), "signee", national)
        Avenant.objects.create(convention=convention, objet=piege, date_effet=jours(20))
        DemandeFactory(demandeur_nom=piege, demandeur_organisation=piege)
        appel = publier(appel_44(titre=piege), national)
        deposer(national, appel, entite_, nom_projet=piege, communes=piege)
    schema, campagne = petit_schema("52", titre=PIEGES[0])
    objectif = schema.objectifs.first()
    objectif.libelle = PIEGES[1]
    objectif.save()
    action = objectif.thematiques.first().actions.first()
    action.libelle = PIEGES[2]
    action.save()
    EvaluationAction.objects.update_or_create(
        campagne=campagne, action=action, defaults={"realisation": "oui", "commentaire": PIEGES[3]}
    )
    recalculer()
    return schema, campagne


def _cellules_xlsx(brut):
    classeur_ = openpyxl.load_workbook(io.BytesIO(brut))
    return classeur_, [
        c for ws in classeur_.worksheets for ligne_ in ws.iter_rows() for c in ligne_
    ]


def _corps(reponse):
    assert reponse.status_code == 200, reponse.status_code
    if reponse.streaming:
        return b"".join(reponse.streaming_content)
    return reponse.content


def verifier_xlsx(brut, attendus=(), un_au_moins=False, nom=""):
    """No formula anywhere; each trap in `attendus` is there, as a string cell (`un_au_moins`:
    one of them at least, somewhere in a cell's text)."""
    classeur_, cellules = _cellules_xlsx(brut)
    formules = [(c.parent.title, c.coordinate, c.value) for c in cellules if c.data_type == "f"]
    assert formules == []
    textes = {c.value for c in cellules if c.data_type == "s"}
    if un_au_moins:
        assert any(
            t.startswith(tuple(PIEGES)) or t[2:].startswith(tuple(PIEGES)) for t in textes
        ), nom
    for piege in attendus:
        assert piege in textes, piege
    for c in cellules:
        if isinstance(c.value, str) and c.value in PIEGES:
            assert c.data_type == "s"
    return classeur_


def lignes_csv(brut):
    assert brut.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: French Excel reads the accents
    texte = brut.decode("utf-8-sig")
    entete = texte.split("\r\n", 1)[0]
    assert ";" in entete or "," not in entete
    return list(csv.reader(io.StringIO(texte), delimiter=";"))


def verifier_csv(brut, attendus=(), un_au_moins=False, nom=""):
    """Nothing a spreadsheet would run: a field starting with = + - @ tab or CR is a number
    (e.g. a negative one) or was neutralised with a leading "'" (`un_au_moins`: one trap at
    least is there, neutralised)."""
    lignes = lignes_csv(brut)
    champs = {champ for ligne_ in lignes for champ in ligne_}
    actifs = [c for c in champs if c.startswith(DANGEREUX) and not NOMBRE_FRANCAIS.match(c)]
    assert actifs == []
    if un_au_moins:
        assert any(c.startswith(tuple("'" + p for p in PIEGES)) for c in champs), nom
    for piege in attendus:
        assert "'" + piege in champs, piege
    return lignes


# Lists whose export carries one of the traps (the others only have codes, dates and figures).
LISTES_PIEGEES = {
    "entite",
    "dispositif",
    "groupe",
    "financement",
    "convention",
    "avenant",
    "appel",
    "candidature",
    "demande",
    "schema",
    "action_schema",
    "anomalie",
    "financement_sans_convention",
}


def _listes_exportables():
    """Every admin listing with an export (Wagtail's reports: test_historique_du_site)."""
    reverse("wagtailadmin_home")  # the admin URLs (and the viewsets' registry) are loaded
    return [
        vs
        for vs in registre.viewsets
        if isinstance(getattr(vs, "list_export", None), (list, tuple)) and vs.list_export
    ]


@pytest.mark.parametrize("format_", ["csv", "xlsx"])
def test_chaque_liste_exportee_est_inerte(client, national, parc_piege, format_):
    client.force_login(national)
    listes = _listes_exportables()
    assert {vs.name for vs in listes} >= LISTES_PIEGEES
    for viewset in listes:
        reponse = client.get(reverse(viewset.get_url_name("index")), {"export": format_})
        brut = _corps(reponse)
        piegee = viewset.name in LISTES_PIEGEES
        if format_ == "csv":
            assert reponse["Content-Type"].startswith("text/csv")
            verifier_csv(brut, un_au_moins=piegee, nom=viewset.name)
        else:
            classeur_ = verifier_xlsx(brut, un_au_moins=piegee, nom=viewset.name)
            # The sheet is named after the list, not "Sheet1".
            assert classeur_.sheetnames != ["Sheet1"], viewset.name


def test_liste_des_entites_tous_les_pieges(client, national, parc_piege):
    client.force_login(national)
    url = reverse("entite:index")
    verifier_csv(_corps(client.get(url, {"export": "csv"})), PIEGES)
    classeur_ = verifier_xlsx(_corps(client.get(url, {"export": "xlsx"})), PIEGES)
    assert classeur_.sheetnames == ["Entités gestionnaires"]


def test_nombres_et_dates_sont_des_nombres_et_des_dates(client, national, parc_piege):
    client.force_login(national)
    url = reverse("financement:index")
    classeur_ = openpyxl.load_workbook(io.BytesIO(_corps(client.get(url, {"export": "xlsx"}))))
    feuille = classeur_.active
    entetes = [c.value for c in feuille[1]]
    ligne_ = feuille[2]
    montant = ligne_[entetes.index("Montant annuel (€)")]
    assert montant.data_type == "n" and montant.value == pytest.approx(569400.50)
    assert montant.number_format == "#,##0.00"
    places = ligne_[entetes.index("Places financées")]
    assert places.data_type == "n" and places.value == 80
    exercice = ligne_[entetes.index("Exercice")]
    # A year: a number without thousands separator.
    assert exercice.data_type == "n" and exercice.number_format == "0"

    lignes = lignes_csv(_corps(client.get(url, {"export": "csv"})))
    montants = {ligne_[lignes[0].index("Montant annuel (€)")] for ligne_ in lignes[1:]}
    assert montants == {"569400,50"}

    dates = openpyxl.load_workbook(
        io.BytesIO(_corps(client.get(reverse("convention:index"), {"export": "xlsx"})))
    ).active
    entetes = [c.value for c in dates[1]]
    debut = dates[2][entetes.index("Début")]
    assert debut.is_date and debut.number_format == "DD/MM/YYYY"


def test_pilotage(client, national):
    type_ = TypeDispositif.objects.get(code="CADA")
    type_.libelle = PIEGES[0]
    type_.save()
    Departement.objects.filter(code="44").update(nom=PIEGES[1])
    FinancementFactory(dispositif=DispositifFactory())
    client.force_login(national)
    classeur_ = verifier_xlsx(_corps(client.get(reverse("pilotage_export"))))
    textes = {
        c.value.strip()
        for ws in classeur_.worksheets
        for ligne_ in ws.iter_rows()
        for c in ligne_
        if c.data_type == "s"
    }
    assert PIEGES[0] in textes
    total = [ligne_ for ligne_ in classeur_["Par type"].iter_rows() if ligne_[0].value == "Total"][
        0
    ]
    assert all(c.data_type == "n" for c in total[1:6])


def test_schema_grille_et_synthese(client, national, parc_piege):
    _, campagne = parc_piege
    client.force_login(national)
    grille = _corps(client.get(reverse("campagne:exporter", args=[campagne.pk])))
    verifier_xlsx(grille, [f"1_{PIEGES[1]}", PIEGES[2], PIEGES[3]])
    synthese = _corps(client.get(reverse("campagne:synthese_xlsx", args=[campagne.pk])))
    verifier_xlsx(synthese)


def test_qualite_par_departement(client, national, parc_piege):
    Departement.objects.filter(code="44").update(nom=PIEGES[0])
    client.force_login(national)
    brut = _corps(client.get(reverse("anomalie:synthese"), {"export": "xlsx"}))
    verifier_xlsx(brut, [PIEGES[0]])


def test_export_temps1(client, national, parc_piege):
    client.force_login(national)
    brut = _corps(client.get(reverse("import_temps1:export"), {"departement": "tous"}))
    classeur_ = verifier_xlsx(brut, PIEGES)
    feuille = classeur_["Dispositifs"]
    entetes = [c.value for c in feuille[1]]
    colonne = next(i for i, e in enumerate(entetes) if e.startswith("Places autorisées"))
    assert feuille.cell(2, colonne + 1).data_type == "n"


def test_copie_annotee_d_un_classeur(client, ddets44, tmp_path):
    """The « Erreurs » tab repeats the faulty values: as text."""
    chemin = tmp_path / "piege.xlsx"
    classeur(
        chemin,
        {
            "Entités": (ENTETES["Entités"], [ligne("Entités", **entite(1))]),
            "Dispositifs": (ENTETES["Dispositifs"], [ligne("Dispositifs", **dispositif(1))]),
            "Financements": (ENTETES["Financements"], [ligne("Financements", **financement(1))]),
        },
    )
    wb = openpyxl.load_workbook(chemin)
    ws = wb["Entités"]
    colonne = ENTETES["Entités"].index(next(e for e in ENTETES["Entités"] if "SIREN" in e)) + 1
    cellule = ws.cell(2, colonne)
    cellule.value = PIEGES[0]
    cellule.data_type = "s"  # typed as text by the person, not a formula
    wb.save(chemin)
    client.force_login(ddets44)
    reponse = client.post(
        reverse("import_temps1:add"),
        {"fichier": SimpleUploadedFile("piege.xlsx", chemin.read_bytes())},
    )
    assert reponse.status_code == 302
    import_ = ImportTemps1.objects.get()
    annote = _corps(client.get(reverse("import_temps1:fichier", args=[import_.pk, "annote"])))
    classeur_ = openpyxl.load_workbook(io.BytesIO(annote))
    erreurs = classeur_["Erreurs"]
    valeurs = [c for ligne_ in erreurs.iter_rows(min_row=2) for c in ligne_ if c.value == PIEGES[0]]
    assert valeurs and all(c.data_type == "s" for c in valeurs)
    assert not [c for ligne_ in erreurs.iter_rows() for c in ligne_ if c.data_type == "f"]


def test_historique_du_site(client, national, parc_piege):
    """Wagtail's site history report (national administrators) names the objects: text."""
    client.force_login(national)
    url = reverse("wagtailadmin_reports:site_history")
    verifier_csv(_corps(client.get(url, {"export": "csv"})), un_au_moins=True)
    verifier_xlsx(_corps(client.get(url, {"export": "xlsx"})), un_au_moins=True)


def test_appel_a_projets_exporte(client, national):
    appel = appel_44(titre=PIEGES[0])
    assert AppelAProjets.objects.filter(pk=appel.pk).exists()
    client.force_login(national)
    verifier_csv(_corps(client.get(reverse("appel:index"), {"export": "csv"})), [PIEGES[0]])


def test_siren_piege_reste_du_texte_en_csv():
    from backoffice.exports import csv_octets, valeur_csv

    assert valeur_csv("-1+2") == "'-1+2"
    assert valeur_csv(-3) == "-3"
    assert valeur_csv(Decimal("-1234.5")) == "-1234,50"
    assert valeur_csv(True) == "Oui"
    assert valeur_csv(None) == ""
    assert valeur_csv(datetime.date(2025, 12, 31)) == "31/12/2025"
    assert valeur_csv("\tcache") == "'\tcache"
    assert valeur_csv(siren_valide(1)) == siren_valide(1)
    brut = csv_octets(["Nom", "Montant"], [["@SUM(A1)", Decimal("10")]])
    assert brut == "\ufeffNom;Montant\r\n'@SUM(A1);10,00\r\n".encode()

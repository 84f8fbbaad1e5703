"""Reading, checking and applying evaluation grids; the seed 002 grid as the reference case."""

import datetime
from collections import Counter

import pytest

from backoffice.schemas import services
from backoffice.schemas.exports import grille_xlsx
from backoffice.schemas.grille import application, lecture
from backoffice.schemas.models import (
    ActionSchema,
    CampagneEvaluation,
    EvaluationAction,
    Objectif,
    Realisation,
    Thematique,
)
from backoffice.schemas.texte import cle, nettoyer
from tests.schemas.conftest import classeur, lignes_donnees, lignes_tsv

pytestmark = pytest.mark.django_db

NOUVELLE = {"libelle": "Première évaluation", "date": "2023-11-30", "description": ""}


def importer(schema, contenu, utilisateur=None, **campagne):

    lue = lecture.lire_xlsx(contenu)
    if not campagne:
        campagne = {
            "nouvelle_campagne": {**NOUVELLE, "date": datetime.date.fromisoformat(NOUVELLE["date"])}
        }
    return application.appliquer(schema, lue, utilisateur=utilisateur, **campagne)


def comptes_base():
    return (
        Objectif.objects.count(),
        Thematique.objects.count(),
        ActionSchema.objects.count(),
        CampagneEvaluation.objects.count(),
        EvaluationAction.objects.count(),
    )


# ---------------------------------------------------------------------------------------------
# Text cleaning
# ---------------------------------------------------------------------------------------------


def test_nettoyer_html_colle_depuis_un_formulaire():
    brut = (
        'Instaurer une articulation en : <ul style="list-style-type: none"> ◦ informant les '
        "acteurs ◦ expérimentant la formation&nbsp;linguistique <br/>fin "
    )
    assert nettoyer(brut) == (
        "Instaurer une articulation en :\n◦ informant les acteurs\n"
        "◦ expérimentant la formation linguistique\nfin"
    )
    assert nettoyer("  a  \t b ") == "a b"
    assert nettoyer(None) == ""


def test_cle_ignore_accents_casse_et_ponctuation():
    assert cle("MIEUX REpondre AUX SITUATIONS D'URGENCE") == cle(
        "Mieux répondre aux situations d’urgence "
    )
    assert cle("Élaborer") == cle("elaborer")
    assert cle("Œuvre") == "oeuvre"
    assert cle("Oui") != cle("Non")


@pytest.mark.parametrize(
    ("texte", "attendu"),
    [
        ("1_Consolider le parc", (1, "Consolider le parc")),
        ("3_diminuer le taux", (3, "Diminuer le taux")),
        ("Objectif 2 : Maintenir", (2, "Maintenir")),
        ("12. Loger", (12, "Loger")),
        ("Sans numéro", (None, "Sans numéro")),
    ],
)
def test_decouper_objectif(texte, attendu):
    assert lecture.decouper_objectif(texte) == attendu


# ---------------------------------------------------------------------------------------------
# The seed 002 grid
# ---------------------------------------------------------------------------------------------


def test_grille_002_lue_sans_les_titres_ni_les_entetes_repetes(grille_002):
    lue = lecture.lire_xlsx(grille_002)
    donnees = lignes_donnees()
    assert len(lue.lignes) == len(donnees) == 71  # counted by hand in the seed: 71 actions
    assert lue.ligne_entete == 6  # two blank rows and two title lines come first
    # Blank rows, title lines above the header are not read; under it: 4 repeated headers and
    # the blank rows before them.
    assert not any(ligne.action.startswith("Actions") for ligne in lue.lignes)
    assert lue.lignes[0].numero == 7
    assert {ligne.realisation for ligne in lue.lignes} == set(Realisation.values)


def test_import_grille_002(schema52, grille_002, regional52):
    bilan = importer(schema52, grille_002, regional52)
    donnees = lignes_donnees()
    assert Objectif.objects.filter(schema=schema52).count() == 8
    assert list(schema52.objectifs.values_list("numero", flat=True)) == list(range(1, 9))
    # Thématiques belong to their objective: COMMUNICATION under 3, 4 and 8 are three.
    thematiques = {(c[0], c[1]) for c in donnees}
    assert Thematique.objects.filter(objectif__schema=schema52).count() == len(thematiques) == 28
    assert ActionSchema.objects.filter(thematique__objectif__schema=schema52).count() == 71
    assert bilan.nouveaux == (8, 28, 71)
    assert (bilan.evaluations_creees, bilan.evaluations_modifiees) == (71, 0)
    campagne = bilan.campagne
    assert campagne.evaluations.count() == 71
    assert set(campagne.evaluations.values_list("evalue_par", flat=True)) == {regional52.pk}
    # Spot checks by hand.
    premier = schema52.objectifs.get(numero=1)
    assert premier.libelle == "Consolider le parc d'hébergement des demandeurs d'asile"
    assert premier.thematiques.first().libelle == "CONSOLIDER LE RENSEIGNEMENT DES DONNEES DU DN@"
    langue = ActionSchema.objects.get(libelle__startswith="Instaurer une meilleure articulation")
    assert "<" not in langue.libelle
    assert langue.libelle.splitlines()[1:] == [
        "◦ informant les acteurs de la possibilité d'effectuer des cours du soir et du weekend",
        "◦ expérimentant la formation linguistique en entreprise et en chantier d'insertion "
        "avec le soutien des OPCO",
    ]
    assert langue.evaluations.get().realisation == "partiellement"
    assert schema52.objectifs.get(numero=5).thematiques.count() == 3


def test_synthese_egale_au_decompte_independant(schema52, grille_002):
    campagne = importer(schema52, grille_002).campagne
    attendu = Counter((c[0].split("_")[0], c[3].strip()) for c in lignes_donnees())
    lignes = services.synthese(campagne)
    assert [ligne.numero for ligne in lignes] == [1, 2, 3, 4, 5, 6, 7, 8, None]
    for ligne in lignes[:-1]:
        for statut in Realisation:
            assert ligne.comptes[statut] == attendu[(str(ligne.numero), statut.value)], (
                ligne.numero,
                statut,
            )
    total = lignes[-1]
    for statut in Realisation:
        assert total.comptes[statut] == sum(n for (_, s), n in attendu.items() if s == statut)
    # By hand from the seed: 71 actions; objective 1 has 13 actions, 9 "oui".
    assert total.total == 71
    assert (lignes[0].total, lignes[0].comptes[Realisation.OUI]) == (13, 9)
    assert lignes[4].part(Realisation.OUI) == pytest.approx(50.0)  # objective 5: 2 of 4


def test_action_sans_evaluation_compte_nc(schema52, grille_002):
    campagne = importer(schema52, grille_002).campagne
    action = ActionSchema.objects.filter(evaluations__realisation="oui").first()
    numero = action.thematique.objectif.numero
    avant = services.synthese(campagne)[numero - 1].comptes
    action.evaluations.all().delete()
    apres = services.synthese(campagne)[numero - 1].comptes
    assert apres[Realisation.OUI] == avant[Realisation.OUI] - 1
    assert apres[Realisation.NC] == avant[Realisation.NC] + 1


def test_export_puis_reimport_donne_les_memes_evaluations(schema52, grille_002):
    campagne = importer(schema52, grille_002).campagne
    EvaluationAction.objects.filter(pk=campagne.evaluations.first().pk).update(
        commentaire="=SOMME(A1:A2) ne doit pas devenir une formule\nsur deux lignes"
    )
    avant = dict(campagne.evaluations.values_list("action_id", "realisation"))
    commentaires = dict(campagne.evaluations.values_list("action_id", "commentaire"))
    arbre = comptes_base()[:3]

    export = grille_xlsx(campagne)
    lue = lecture.lire_xlsx(export)
    assert len(lue.lignes) == 71
    assert lue.avec_commentaire

    bilan = application.appliquer(
        schema52,
        lue,
        utilisateur=None,
        nouvelle_campagne={
            "libelle": "Copie",
            "date": datetime.date(2024, 1, 16),
            "description": "",
        },
    )
    assert comptes_base()[:3] == arbre  # every row matched the existing tree
    copie = bilan.campagne
    assert dict(copie.evaluations.values_list("action_id", "realisation")) == avant
    assert dict(copie.evaluations.values_list("action_id", "commentaire")) == commentaires


def test_reimport_dans_la_meme_campagne_ne_change_rien(schema52, grille_002):
    campagne = importer(schema52, grille_002).campagne
    avant = comptes_base()
    bilan = importer(schema52, grille_002, campagne=campagne)
    assert comptes_base() == avant
    assert (bilan.nouveaux, bilan.evaluations_creees, bilan.evaluations_modifiees) == (
        (0, 0, 0),
        0,
        0,
    )


def test_grille_avec_accents_et_casse_differents_retrouve_les_actions(schema52, grille_002):
    importer(schema52, grille_002)
    lignes = lignes_tsv()
    modifiees = [
        [c[0].upper(), c[1].lower(), c[2].replace("é", "e").upper() + "  ", "OUI"]
        if len(c) == 4 and c[0] != "Objectifs"
        else c
        for c in lignes
    ]
    avant = comptes_base()[:3]
    campagne = CampagneEvaluation.objects.get()
    bilan = importer(schema52, classeur(modifiees), campagne=campagne)
    assert comptes_base()[:3] == avant
    assert bilan.nouveaux == (0, 0, 0)
    assert set(campagne.evaluations.values_list("realisation", flat=True)) == {"oui"}


def test_cellules_fusionnees_objectif_et_thematique_repris(schema52):
    lignes = [
        ["Objectifs", "Thématiques", "Actions", "Réalisation"],
        ["1_Loger", "LOGEMENT", "Action A", "oui"],
        ["", "", "Action B", "non"],
        ["", "MOBILITE", "Action C", "nc"],
        ["2_Soigner", "SANTE", "Action D", ""],
    ]
    lue = lecture.lire_xlsx(classeur(lignes))
    assert [(li.objectif, li.thematique, li.realisation) for li in lue.lignes] == [
        ("1_Loger", "LOGEMENT", "oui"),
        ("1_Loger", "LOGEMENT", "non"),
        ("1_Loger", "MOBILITE", "nc"),
        ("2_Soigner", "SANTE", "nc"),  # empty réalisation = no answer
    ]


# ---------------------------------------------------------------------------------------------
# Bad grids: a French message, nothing written
# ---------------------------------------------------------------------------------------------


def test_colonne_manquante(schema52):
    lignes = [
        c[:3] if len(c) == 4 else c  # no Réalisation column
        for c in lignes_tsv()
    ]
    with pytest.raises(lecture.GrilleInvalide) as erreur:
        lecture.lire_xlsx(classeur(lignes))
    assert "Colonne manquante : Réalisation" in erreur.value.message
    assert "Rien n'a été importé" in erreur.value.message
    assert comptes_base() == (0, 0, 0, 0, 0)


def test_aucun_entete():
    with pytest.raises(lecture.GrilleInvalide) as erreur:
        lecture.lire_xlsx(classeur([["a", "b"], ["c", "d"]]))
    assert "Ligne d'en-tête introuvable" in erreur.value.message


def test_realisation_inconnue_liste_les_lignes(schema52):
    lignes = lignes_tsv()
    # Rows 8 and 20 of the sheet (1-based): the 2nd action, and one after a repeated header.
    assert len(lignes[7]) == 4 and len(lignes[19]) == 4
    lignes[7] = [*lignes[7][:3], "en cours"]
    lignes[19] = [*lignes[19][:3], "En cours"]
    lignes[30] = [*lignes[30][:3], "peut-être"]
    with pytest.raises(lecture.GrilleInvalide) as erreur:
        lecture.lire_xlsx(classeur(lignes))
    details = " | ".join(erreur.value.details)
    assert "Réalisation inconnue « en cours » (ligne 8)" in details
    assert "Réalisation inconnue « En cours » (ligne 20)" in details
    assert "« peut-être » (ligne 31)" in details
    assert "valeurs admises oui, non, partiellement, nc" in details
    assert comptes_base() == (0, 0, 0, 0, 0)


def test_numero_d_objectif_en_conflit_avec_le_schema(schema52, grille_002):
    importer(schema52, grille_002)
    avant = comptes_base()
    lignes = [
        ["Objectifs", "Thématiques", "Actions", "Réalisation"],
        ["1_Un tout autre objectif", "THEME", "Nouvelle action", "oui"],
    ]
    with pytest.raises(lecture.GrilleInvalide) as erreur:
        importer(schema52, classeur(lignes))
    assert "le numéro 1 est déjà celui de l'objectif" in " ".join(erreur.value.details)
    assert comptes_base() == avant


def test_doublon_contradictoire(schema52):
    lignes = [
        ["Objectifs", "Thématiques", "Actions", "Réalisation"],
        ["1_Loger", "LOGEMENT", "Action A", "oui"],
        ["1_Loger", "LOGEMENT", "action a", "non"],
    ]
    with pytest.raises(lecture.GrilleInvalide) as erreur:
        importer(schema52, classeur(lignes))
    assert "apparaît plusieurs fois" in erreur.value.details[0]
    assert "lignes 2, 3" in erreur.value.details[0]
    assert comptes_base() == (0, 0, 0, 0, 0)


def test_erreur_en_cours_d_ecriture_annule_tout(schema52, grille_002, monkeypatch):
    def panne(*args, **kwargs):
        raise RuntimeError("panne simulée après la création de l'arbre")

    monkeypatch.setattr(application, "_ecrire_evaluations", panne)
    with pytest.raises(RuntimeError):
        importer(schema52, grille_002)
    assert comptes_base() == (0, 0, 0, 0, 0)


@pytest.mark.parametrize(
    ("contenu", "message"),
    [
        (b"", "Le fichier est vide."),
        ("Objectifs;Thématiques\n".encode(), "n'est pas un classeur Excel .xlsx"),
        (b"%PDF-1.4 ...", "n'est pas un classeur Excel .xlsx"),
        (bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 100, "Excel 97-2003 (.xls)"),
        (b"PK\x03\x04 pas vraiment un zip", "endommagé"),
    ],
)
def test_fichier_qui_n_est_pas_un_xlsx(contenu, message):
    with pytest.raises(lecture.GrilleInvalide) as erreur:
        lecture.lire_xlsx(contenu)
    assert message in erreur.value.message

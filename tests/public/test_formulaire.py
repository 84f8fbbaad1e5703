"""The public creation request form: a valid request, every kind of invalid input, uploads kept."""

import re

import pytest
from django.core import mail

from backoffice.demandes.models import Demande, EtatDemande, PieceJointe
from backoffice.offre.models import Dispositif
from tests.factories import EntiteFactory, siren_valide
from tests.public.outils import (
    LIGNE_VIDE,
    PDF,
    SIREN_NOUVEAU,
    donnees_valides,
    erreur_du_champ,
    fichier,
    lot_de,
    sans_lignes,
)
from workflows.services import executer_transition

pytestmark = pytest.mark.django_db

URL = "/demande/"


def test_le_formulaire_s_affiche_en_dsfr_sans_compte(client):
    reponse = client.get(URL)
    assert reponse.status_code == 200
    html = reponse.content.decode()
    assert 'lang="fr"' in html
    assert "dsfr/dist/dsfr/dsfr.min.css" in html  # local static assets, no CDN
    assert "cdn" not in html.lower()
    assert 'name="csrfmiddlewaretoken"' in html
    assert 'class="fr-input"' in html and 'class="fr-select"' in html
    # Types grouped by nature, each option naming its nature.
    assert '<optgroup label="Hébergement asile (DNA)">' in html
    assert re.search(r'<option value="CADA" data-nature="DNA"', html)
    # Every visible input has a label.
    for balise, id_champ in re.findall(
        r'(<(?:input|select|textarea)[^>]*\bid="(id_[^"]+)"[^>]*>)', html
    ):
        if "__prefix__" in id_champ or 'type="hidden"' in balise:
            continue
        assert f'for="{id_champ}"' in html, id_champ


def test_une_demande_valide_est_enregistree_et_notifiee(
    client, siao44, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        reponse = client.post(
            URL,
            {**donnees_valides(), "fichiers": [fichier("budget.pdf", PDF, "application/pdf")]},
        )
    assert reponse.status_code == 302
    assert reponse["Location"] == "/demande/envoyee/"

    demande = Demande.objects.get()
    assert demande.etat == EtatDemande.SOUMISE
    assert demande.departement_id == "44"
    assert demande.type_dispositif_id == "CADA"
    assert demande.entite is None
    assert demande.compte_demandeur is None
    assert demande.demandeur_courriel == "claire.dubois@asso-horizon.fr"
    assert demande.nouvelle_entite == {
        "siren": SIREN_NOUVEAU,
        "raison_sociale": "Association Horizon",
        "statut_juridique": "association",
        "adresse": "3 rue de la Paix",
        "code_postal": "44000",
        "commune": "Nantes",
        "departement_id": "44",
    }
    assert demande.donnees_dispositif["nom"] == "CADA Horizon Saint-Nazaire"
    assert demande.donnees_dispositif["places_autorisees"] == 60
    assert demande.donnees_dispositif["date_ouverture"] == "2026-09-01"
    assert demande.donnees_dispositif["finess"] == "440012345"
    assert demande.groupes == [
        {
            "libelle": "Appartements diffus",
            "places": 60,
            "public": "familles",
            "mode_hebergement": "diffus",
            "commune": "Saint-Nazaire",
            "code_postal": "44600",
            "places_pmr": 4,
        }
    ]
    assert demande.financements == [
        {
            "exercice": 2026,
            "programme_id": "P303",
            "action": "02",
            "service_financeur": "DDETS",
            "mode": "dgf",
            "places_financees": 60,
            "montant_annuel": "427050.00",
            "orientation": "ofii",
        }
    ]
    piece = demande.pieces.get()
    assert (piece.nom, piece.type_mime, piece.taille) == ("budget.pdf", "application/pdf", len(PDF))
    assert piece.fichier.read() == PDF
    assert "budget" not in piece.fichier.name  # stored under a random name

    destinataires = {tuple(m.to): m for m in mail.outbox}
    assert len(mail.outbox) == 2
    accuse = destinataires[("claire.dubois@asso-horizon.fr",)]
    assert f"/demande/suivi/{demande.jeton}/" in accuse.body
    assert destinataires[(siao44.email,)].subject.startswith("Nouvelle demande à pré-valider")

    confirmation = client.get("/demande/envoyee/")
    assert demande.numero in confirmation.content.decode()
    assert demande.jeton not in confirmation.content.decode()


def test_la_demande_deposee_passe_la_validation_telle_quelle(
    client, siao44, ddets44, django_capture_on_commit_callbacks
):
    """What the form accepts, validation materialises (same model validation)."""
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, donnees_valides())
    demande = Demande.objects.get()
    executer_transition(Demande, demande.pk, "pre_valider", siao44)
    demande = executer_transition(Demande, demande.pk, "valider", ddets44)
    dispositif = demande.dispositif
    assert dispositif.nom == "CADA Horizon Saint-Nazaire"
    assert dispositif.entite.siren == SIREN_NOUVEAU
    assert dispositif.places_autorisees == 60
    assert dispositif.groupes.get().places == 60
    assert dispositif.financements.get().montant_annuel == 427050


def test_une_entite_existante_est_reconnue_par_son_siren(
    client, django_capture_on_commit_callbacks
):
    entite = EntiteFactory()
    donnees = donnees_valides(
        **{"entite-siren": f"{entite.siren[:3]} {entite.siren[3:6]} {entite.siren[6:]}"}
    )
    donnees["entite-raison_sociale"] = ""
    donnees["entite-courriel"] = "pas-un-courriel"  # ignored with a known entité
    with django_capture_on_commit_callbacks(execute=True):
        reponse = client.post(URL, donnees)
    assert reponse.status_code == 302
    demande = Demande.objects.get()
    assert demande.entite == entite
    assert demande.nouvelle_entite == {}


def test_un_gestionnaire_connecte_est_rattache_a_sa_demande(
    client, gestionnaire44, django_capture_on_commit_callbacks
):
    client.force_login(gestionnaire44)
    formulaire = client.get(URL).content.decode()
    assert f'value="{gestionnaire44.email}"' in formulaire
    siren = gestionnaire44.affectations.get().entite.siren
    assert f'value="{siren}"' in formulaire
    with django_capture_on_commit_callbacks(execute=True):
        reponse = client.post(URL, donnees_valides(**{"entite-siren": siren}))
    assert reponse.status_code == 302
    assert Demande.objects.get().compte_demandeur == gestionnaire44


def test_premier_accueil_sans_places_ni_lignes(client, django_capture_on_commit_callbacks):
    donnees = sans_lignes(sans_lignes(donnees_valides(), "groupes"), "financements")
    donnees.update(
        {
            "dispositif-nom": "Point d'accueil santé",
            "dispositif-nature": "PREMIER_ACCUEIL",
            "dispositif-type": "PA_SANTE",
            "dispositif-places_autorisees": "",
            "dispositif-places_pmr": "",
            "dispositif-finess": "",
        }
    )
    with django_capture_on_commit_callbacks(execute=True):
        reponse = client.post(URL, donnees)
    assert reponse.status_code == 302
    demande = Demande.objects.get()
    assert demande.groupes == [] and demande.financements == []


# --- invalid input ----------------------------------------------------------------------------


def _poster_invalide(client, donnees, fichiers=()):
    reponse = client.post(URL, {**donnees, "fichiers": list(fichiers)})
    assert reponse.status_code == 200
    assert not Demande.objects.exists()
    assert not PieceJointe.objects.exists()
    assert len(mail.outbox) == 0
    return reponse


@pytest.mark.parametrize(
    ("surcharges", "id_champ", "message"),
    [
        ({"entite-siren": "123456789"}, "id_entite-siren", "clé de contrôle incorrecte"),
        ({"entite-siren": "1234567890"}, "id_entite-siren", "9 chiffres"),
        ({"dispositif-finess": "ABC"}, "id_dispositif-finess", "FINESS doit comporter 9"),
        ({"dispositif-siret": "12345678900000"}, "id_dispositif-siret", "SIRET n'est pas valide"),
        ({"dispositif-places_autorisees": "-5"}, "id_dispositif-places_autorisees", "égale à 0"),
        ({"groupes-0-places": "-1"}, "id_groupes-0-places", "supérieure ou égale à 0"),
        ({"dispositif-type": "HEB_CHRS"}, "id_dispositif-type", "n'appartient pas à la nature"),
        ({"dispositif-nom": ""}, "id_dispositif-nom", "Champ requis"),
        ({"demandeur_courriel": "pas-une-adresse"}, "id_demandeur_courriel", "courriel valide"),
        ({"dispositif-code_postal": "4460"}, "id_dispositif-code_postal", "5 chiffres"),
        ({"entite-raison_sociale": ""}, "id_entite-raison_sociale", "aucune entité enregistrée"),
        # Model rules, reached through the model's own validation:
        ({"dispositif-places_autorisees": ""}, "id_dispositif-places_autorisees", "pour un CADA"),
        ({"dispositif-places_pmr": "61"}, "id_dispositif-places_pmr", "ne peuvent dépasser"),
        ({"groupes-0-places_pmr": "70"}, "id_groupes-0-places_pmr", "ne peuvent dépasser"),
        ({"financements-0-exercice": "1990"}, "id_financements-0-exercice", "entre 2000 et 2100"),
        ({"financements-0-programme": ""}, "id_financements-0-programme", "Champ requis"),
    ],
)
def test_une_saisie_invalide_est_signalee_a_cote_du_champ(client, surcharges, id_champ, message):
    donnees = donnees_valides(**surcharges)
    reponse = _poster_invalide(client, donnees)
    html = reponse.content.decode()
    assert message in erreur_du_champ(reponse, id_champ)
    # The input points at its error (and is flagged invalid) for assistive technologies.
    balise = re.search(rf'<(?:input|select)[^>]*id="{id_champ}"[^>]*>', html).group(0)
    assert "aria-invalid" in balise
    assert f"{id_champ}-desc-error" in re.search(r'aria-describedby="([^"]+)"', balise).group(1)
    # Summary at the top links to the field.
    assert f'href="#{id_champ}"' in html
    assert "<title>Erreur" in html
    # Nothing typed is lost.
    assert 'value="CADA Horizon Saint-Nazaire"' in html or surcharges.get("dispositif-nom") == ""
    assert 'value="Claire Dubois"' in html
    assert "Ouverture de 60 places de CADA" in html


def test_les_champs_obligatoires_manquants_sont_tous_signales(client):
    reponse = _poster_invalide(
        client,
        {
            "groupes-TOTAL_FORMS": "1",
            "groupes-INITIAL_FORMS": "0",
            "financements-TOTAL_FORMS": "1",
            "financements-INITIAL_FORMS": "0",
            # What a browser sends for untouched lines (selects keep their default).
            **LIGNE_VIDE["groupes"],
            **LIGNE_VIDE["financements"],
        },
    )
    for id_champ in [
        "id_demandeur_nom",
        "id_demandeur_courriel",
        "id_demandeur_organisation",
        "id_entite-siren",
        "id_dispositif-nom",
        "id_dispositif-nature",
        "id_dispositif-type",
        "id_dispositif-departement",
    ]:
        assert "Champ requis" in erreur_du_champ(reponse, id_champ), id_champ
    # The untouched extra lines of the formsets are not errors.
    assert erreur_du_champ(reponse, "id_groupes-0-libelle") == ""


def test_premier_accueil_refuse_places_et_lignes(client):
    donnees = donnees_valides(
        **{
            "dispositif-nature": "PREMIER_ACCUEIL",
            "dispositif-type": "PA_SANTE",
            "dispositif-finess": "",
        }
    )
    reponse = _poster_invalide(client, donnees)
    html = reponse.content.decode()
    assert "premier accueil n'a pas de places" in erreur_du_champ(
        reponse, "id_dispositif-places_autorisees"
    )
    assert "retirez les lignes « Groupes de places »" in html
    assert "retirez les lignes « Financements »" in html


def test_deux_lignes_de_financement_identiques_sont_refusees(client):
    donnees = donnees_valides(**{"financements-TOTAL_FORMS": "2"})
    for cle, valeur in list(donnees.items()):
        if cle.startswith("financements-0-"):
            donnees[cle.replace("-0-", "-1-")] = valeur
    reponse = _poster_invalide(client, donnees)
    assert "Deux lignes de financement identiques" in reponse.content.decode()


def test_une_ligne_cochee_retirer_est_ignoree(client, django_capture_on_commit_callbacks):
    donnees = donnees_valides(**{"groupes-0-places": "-1", "groupes-0-DELETE": "on"})
    with django_capture_on_commit_callbacks(execute=True):
        reponse = client.post(URL, donnees)
    assert reponse.status_code == 302
    assert Demande.objects.get().groupes == []


# --- uploads kept across a failed submission ------------------------------------------------


def test_les_documents_joints_sont_conserves_apres_une_erreur(
    client, django_capture_on_commit_callbacks
):
    donnees = donnees_valides(**{"dispositif-finess": "ABC"})
    reponse = _poster_invalide(
        client, donnees, [fichier("projet.pdf", PDF), fichier("plan.pdf", PDF)]
    )
    html = reponse.content.decode()
    assert "Documents déjà joints" in html
    assert "projet.pdf" in html and "plan.pdf" in html
    lot = lot_de(reponse)

    # Corrected, without choosing the files again: they are attached to the request.
    with django_capture_on_commit_callbacks(execute=True):
        reponse = client.post(URL, donnees_valides(lot=lot))
    assert reponse.status_code == 302
    demande = Demande.objects.get()
    assert sorted(demande.pieces.values_list("nom", flat=True)) == ["plan.pdf", "projet.pdf"]


def test_un_document_deja_joint_peut_etre_retire(client, django_capture_on_commit_callbacks):
    reponse = _poster_invalide(
        client,
        donnees_valides(**{"dispositif-nom": ""}),
        [fichier("garder.pdf", PDF), fichier("retirer.pdf", PDF)],
    )
    lot = lot_de(reponse)
    html = reponse.content.decode()
    motif = r'name="retirer" value="([^"]+)"[^>]*>\s*<label[^>]*>\s*Retirer « retirer\.pdf'
    retirer = re.search(motif, html)
    assert retirer
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, donnees_valides(lot=lot, retirer=[retirer.group(1)]))
    assert list(Demande.objects.get().pieces.values_list("nom", flat=True)) == ["garder.pdf"]


def test_un_lot_inconnu_ou_forge_ne_donne_acces_a_rien(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        reponse = client.post(URL, donnees_valides(lot="../../etc"))
    assert reponse.status_code == 302
    assert not Demande.objects.get().pieces.exists()
    assert not Dispositif.objects.exists()


def test_un_siren_valide_d_une_autre_entite_n_est_pas_confondu(client):
    """A new entité's SIREN is checked for its key, not just its length."""
    reponse = _poster_invalide(
        client, donnees_valides(**{"entite-siren": siren_valide(7)[:-1] + "0"})
    )
    assert "SIREN" in erreur_du_champ(reponse, "id_entite-siren")


def test_chaque_type_dit_les_champs_de_places_qu_il_ne_porte_pas(client):
    """The page script hides them from the same rule the model applies (demandes/regles.py):
    both for premier accueil, the authorised places outside the authorisation regime."""
    html = client.get(URL).content.decode()

    def option(code):
        return re.search(rf'<option value="{code}"[^>]*>', html).group(0)

    assert "data-champs-exclus" not in option("CADA")
    assert 'data-champs-exclus="places_autorisees"' in option("HEB_HOTEL")
    assert 'data-champs-exclus="places_autorisees places_pmr"' in option("PA_SANTE")
    for nom in ("places_autorisees", "places_pmr"):
        assert f'data-champ="{nom}"' in html

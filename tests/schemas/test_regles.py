"""The rules of the schéma screens (backoffice/schemas/regles.py) and the paths of the import
and the evaluation page that no other test runs: refused deletions of every level, the number
of a new objective, an expired or orphaned import confirmation, a save with nothing changed."""

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from backoffice.schemas import regles
from backoffice.schemas.grille import application, lecture
from backoffice.schemas.models import (
    ActionSchema,
    CampagneEvaluation,
    EvaluationAction,
    Objectif,
    Thematique,
)
from tests.acces.outils import formulaire_de

pytestmark = pytest.mark.django_db


def messages_de(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def comptes():
    return (
        Objectif.objects.count(),
        Thematique.objects.count(),
        ActionSchema.objects.count(),
        CampagneEvaluation.objects.count(),
        EvaluationAction.objects.count(),
    )


def fichier(contenu_xlsx):
    return SimpleUploadedFile(
        "grille.xlsx",
        contenu_xlsx,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def url_evaluer(campagne):
    return reverse("campagne:evaluer", args=[campagne.pk])


def donnees_evaluation(response):
    """The POST of the evaluation page as shown (every action, unchanged)."""
    data = {}
    for groupe in response.context["groupes"]:
        for ligne in groupe["lignes"]:
            form = ligne["form"]
            for nom in ("realisation", "commentaire", "origine"):
                data[f"{form.prefix}-{nom}"] = form[nom].value()
    return data


def test_droits_sur_un_schema(regional52, ddets44, lecteur44, schema52, schema11):
    assert regles.peut_importer(regional52, schema52.pk)
    assert regles.peut_modifier_arbre(regional52, schema52.pk)
    assert regles.peut_ajouter_campagne(regional52, schema52.pk)
    # Another région's schéma: no right at all, whatever the role.
    assert not regles.peut_evaluer(regional52, schema11.pk)
    assert not regles.peut_importer(regional52, schema11.pk)
    # A reader evaluates nothing and imports nothing.
    assert not regles.peut_evaluer(lecteur44, schema52.pk)
    assert not regles.peut_importer(lecteur44, schema52.pk)


def test_suppression_refusee_a_chaque_niveau(client, regional52, schema_demo):
    evaluee = ActionSchema.objects.filter(evaluations__isnull=False).first()
    thematique = evaluee.thematique
    objectif = thematique.objectif
    client.force_login(regional52)

    response = client.post(reverse("objectif:delete", args=[objectif.pk]))
    assert response["Location"] == reverse("schema:inspect", args=[schema_demo.pk])
    assert messages_de(response) == [
        "Des actions de cet objectif ont été évaluées : supprimez d'abord les campagnes "
        "concernées, ou gardez l'objectif."
    ]
    response = client.post(reverse("thematique:delete", args=[thematique.pk]))
    assert messages_de(response)[-1] == (
        "Des actions de cette thématique ont été évaluées : supprimez d'abord les campagnes "
        "concernées, ou gardez la thématique."
    )
    assert Objectif.objects.filter(pk=objectif.pk).exists()
    assert Thematique.objects.filter(pk=thematique.pk).exists()


def test_objectif_ajoute_prend_le_numero_suivant(client, regional52, schema_demo):
    client.force_login(regional52)
    dernier = schema_demo.objectifs.order_by("-numero").first().numero
    form = formulaire_de(client, reverse("objectif:add") + f"?schema={schema_demo.pk}")
    assert form.instance.numero == dernier + 1
    assert regles.prochain_numero(schema_demo) == dernier + 1


def test_confirmation_expiree(client, regional52, schema52):
    client.force_login(regional52)
    url = reverse("schema:importer", args=[schema52.pk])
    response = client.post(url, {"confirmer": "1", "jeton": "inconnu"})
    assert response["Location"] == url
    assert messages_de(response) == [
        "Cette analyse a expiré ou a déjà été importée : déposez à nouveau la grille."
    ]


def test_confirmation_apres_suppression_de_la_campagne(client, regional52, schema_demo, grille_002):
    campagne = schema_demo.campagnes.get()
    client.force_login(regional52)
    url = reverse("schema:importer", args=[schema_demo.pk])
    response = client.post(url, {"fichier": fichier(grille_002), "campagne": str(campagne.pk)})
    jeton = response.context["jeton"]
    campagne.delete()
    avant = comptes()
    response = client.post(url, {"confirmer": "1", "jeton": jeton})
    assert response["Location"] == url
    assert messages_de(response) == ["La campagne choisie n'existe plus : rien n'a été importé."]
    assert comptes() == avant


def test_nouvelle_campagne_d_un_libelle_deja_pris(regional52, schema_demo, grille_002):
    campagne = schema_demo.campagnes.get()
    lue = lecture.lire_xlsx(grille_002)
    avant = comptes()
    with pytest.raises(lecture.GrilleInvalide) as erreur:
        application.appliquer(
            schema_demo,
            lue,
            utilisateur=regional52,
            nouvelle_campagne={"libelle": campagne.libelle, "date": campagne.date},
        )
    assert str(erreur.value) == (
        f"Ce schéma a déjà une campagne « {campagne.libelle} » : choisissez-la ou donnez un "
        "autre libellé. Rien n'a été importé."
    )
    assert comptes() == avant
    assert CampagneEvaluation.objects.count() == 1


def test_evaluation_sans_changement(client, regional52, schema_demo):
    campagne = schema_demo.campagnes.get()
    client.force_login(regional52)
    page = client.get(url_evaluer(campagne))
    response = client.post(url_evaluer(campagne), donnees_evaluation(page))
    assert response["Location"] == url_evaluer(campagne)
    assert messages_de(response) == ["Aucune modification à enregistrer."]

"""`manage.py seed_demo`: deterministic demo data, one working login per demo profile."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db.models import Max, Sum
from django.urls import reverse

from backoffice.acces.models import AffectationRole
from backoffice.acces.roles import Portee, Role
from backoffice.appels.models import AppelAProjets
from backoffice.conventions.models import Convention, LigneConvention
from backoffice.demandes.models import Demande
from backoffice.demo.chargement import COMPTES, MOT_DE_PASSE
from backoffice.occupation.models import Occupation
from backoffice.offre.models import (
    CompteurCode,
    Dispositif,
    EntiteGestionnaire,
    Financement,
    GroupeDePlaces,
    exercice_courant,
)
from backoffice.offre.validators import valider_siren, valider_siret
from tests.factories import DispositifFactory

pytestmark = pytest.mark.django_db


def seed(*args):
    sortie = io.StringIO()
    call_command("seed_demo", *args, stdout=sortie)
    return sortie.getvalue()


def empreinte():
    """What must not change between two runs with the same seed."""
    return {
        "codes": list(Dispositif.objects.order_by("code").values_list("code", "nom", "type_id")),
        "sirens": sorted(EntiteGestionnaire.objects.values_list("siren", flat=True)),
        "sirets": sorted(Dispositif.objects.exclude(siret="").values_list("siret", flat=True)),
        "places": GroupeDePlaces.objects.aggregate(total=Sum("places"))["total"],
        "financees": Financement.objects.aggregate(total=Sum("places_financees"))["total"],
        "autorisees": Dispositif.objects.aggregate(total=Sum("places_autorisees"))["total"],
        "conventions": list(
            Convention.objects.order_by("numero").values_list(
                "numero", "etat", "date_debut", "date_fin", "entite__siren"
            )
        ),
        "conventionnees": sorted(
            LigneConvention.objects.values_list(
                "convention__numero", "dispositif__code", "places_conventionnees"
            )
        ),
        "demandes": list(
            Demande.objects.order_by("soumise_le").values_list(
                "type_demande", "etat", "departement_id", "soumise_le", "etat_depuis"
            )
        ),
        "appels": list(
            AppelAProjets.objects.order_by("reference").values_list("reference", "etat")
        ),
        "occupation": list(
            Occupation.objects.order_by("dispositif__code", "mois").values_list(
                "dispositif__code",
                "mois",
                "places_en_service",
                "places_occupees",
                "presence_indue_refugies",
                "presence_indue_deboutes",
                "places_indisponibles",
            )
        ),
    }


def test_small_est_deterministe_et_reset_recharge_a_l_identique():
    seed("--scale", "small", "--seed", "7")
    premiere = empreinte()
    sortie = seed("--scale", "small", "--seed", "7", "--reset")
    assert "supprimés" in sortie
    assert empreinte() == premiere
    # Same number of users: the demo accounts were replaced, not duplicated.
    assert get_user_model().objects.count() == len(COMPTES)
    seed("--scale", "small", "--seed", "8", "--reset")
    assert empreinte()["sirens"] != premiere["sirens"]


def test_small_contenu():
    sortie = seed("--scale", "small", "--seed", "3")
    annee = exercice_courant()

    assert set(Dispositif.objects.values_list("departement_id", flat=True)) == {
        "13",
        "44",
        "49",
        "75",
    }
    assert 250 <= Dispositif.objects.count() <= 350
    assert 35 <= EntiteGestionnaire.objects.count() <= 45
    assert Dispositif.objects.filter(type__nature_id="DNA").count() >= 60
    assert Dispositif.objects.filter(date_fermeture__isnull=False).exists()
    assert not GroupeDePlaces.objects.filter(dispositif__type__nature__sans_places=True).exists()
    assert Dispositif.objects.filter(type__nature__sans_places=True).exists()
    assert set(Financement.objects.values_list("exercice", flat=True)) == {
        annee - 2,
        annee - 1,
        annee,
    }
    # CADA and CPH always carry places autorisées, most have a FINESS.
    autorises = Dispositif.objects.filter(type_id__in=["CADA", "CPH"])
    assert not autorises.filter(places_autorisees__isnull=True).exists()
    assert autorises.exclude(finess="").count() > autorises.count() // 2
    # Deliberate anomalies: places financées above places autorisées.
    anomalies = [
        d
        for d in Dispositif.objects.avec_capacites(exercice=annee).filter(
            places_autorisees__isnull=False
        )
        if d.nb_places_financees > d.places_autorisees
    ]
    assert len(anomalies) >= 2

    for siren in EntiteGestionnaire.objects.values_list("siren", flat=True):
        valider_siren(siren)
    sirets = list(Dispositif.objects.exclude(siret="").values_list("siret", flat=True))
    assert sirets
    for siret in sirets:
        valider_siret(siret)

    # Codes follow "DD-NNNNN" and the counters continue the sequence.
    for compteur in CompteurCode.objects.all():
        dernier = Dispositif.objects.filter(departement=compteur.departement).aggregate(
            dernier=Max("code")
        )["dernier"]
        assert dernier == f"{compteur.departement_id}-{compteur.dernier:05d}"

    # History: one creation record per object, closures recorded as a modification.
    assert Dispositif.history.filter(history_type="+").count() == Dispositif.objects.count()
    assert Dispositif.history.filter(history_type="~").count() == (
        Dispositif.objects.filter(date_fermeture__isnull=False).count()
    )
    assert Financement.history.count() == Financement.objects.count()

    # The next dispositif created by hand continues the département's sequence.
    dernier_44 = CompteurCode.objects.get(departement_id="44").dernier
    assert DispositifFactory(departement_id="44").code == f"44-{dernier_44 + 1:05d}"

    assert MOT_DE_PASSE in sortie
    for courriel, *_ in COMPTES:
        assert courriel in sortie


def test_un_compte_par_profil_qui_se_connecte(client):
    seed("--scale", "tiny", "--seed", "1")
    utilisateurs = get_user_model().objects.filter(username__in=[c[0] for c in COMPTES])
    assert utilisateurs.count() == len(COMPTES)
    assert not utilisateurs.filter(is_superuser=True).exists()
    assert {a.role for a in AffectationRole.objects.all()} == set(Role.values)

    for courriel, prenom, nom, role, _ in COMPTES:
        utilisateur = utilisateurs.get(username=courriel)
        assert (utilisateur.email, utilisateur.first_name, utilisateur.last_name) == (
            courriel,
            prenom,
            nom,
        )
        affectations = list(utilisateur.affectations.all())
        assert [a.role for a in affectations] == [role]
        assert client.login(username=courriel, password=MOT_DE_PASSE), courriel
        assert client.get(reverse("wagtailadmin_home")).status_code == 200, courriel
        assert client.get(reverse("dispositif:index")).status_code == 200, courriel
        client.logout()

    assert AffectationRole.objects.get(role=Role.REGIONAL).region_id == "52"
    siao = AffectationRole.objects.get(role=Role.SIAO).siao
    assert list(siao.departements.values_list("code", flat=True)) == ["44"]
    gestionnaire = AffectationRole.objects.get(role=Role.GESTIONNAIRE)
    assert gestionnaire.entite.departement_id == "44"
    assert gestionnaire.entite.dispositifs.count() >= 2
    lecteur = AffectationRole.objects.get(role=Role.LECTEUR)
    assert lecteur.portee == Portee.NATIONALE
    assert sorted(
        AffectationRole.objects.filter(role=Role.DEPARTEMENTAL).values_list(
            "departements__code", flat=True
        )
    ) == ["44", "75"]


def test_refuse_une_base_qui_a_deja_des_dispositifs():
    DispositifFactory()
    with pytest.raises(CommandError, match="--reset"):
        seed("--scale", "tiny")
    assert Dispositif.objects.count() == 1
    assert not get_user_model().objects.filter(username=COMPTES[0][0]).exists()

    seed("--scale", "tiny", "--reset")
    assert Dispositif.objects.count() > 1
    assert not Dispositif.objects.filter(nom__startswith="CADA Les Tilleuls 0").exists()

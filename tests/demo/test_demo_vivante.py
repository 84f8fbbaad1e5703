"""After `seed_demo --scale small`, the park is alive: conventions in force, requests waiting at
each step, calls at every stage, a Temps 1 import applied, twelve months of DN@ occupancy for the
asylum park; every demo account's home page shows places conventionnées for its perimeter and the
work waiting for it.

The demo is loaded once for the module, inside a transaction rolled back at the end (each test
runs in a savepoint of it)."""

import html
import io
import re
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from django_fsm import has_transition_perm

from backoffice.acces.perimetres import NATIONAL, perimetre_pour
from backoffice.appels.models import AppelAProjets, Candidature, EtatAppel, EtatCandidature
from backoffice.conventions.models import (
    Avenant,
    Convention,
    EtatAvenant,
    EtatConvention,
    LigneConvention,
)
from backoffice.demandes.models import Demande, EtatDemande
from backoffice.demo.chargement import COMPTES
from backoffice.demo.occupation import (
    CIBLE_DEBOUTES,
    CIBLE_REFUGIES,
    fin_du_mois,
    mois_glissants,
    sous_cible,
)
from backoffice.occupation import indicateurs
from backoffice.occupation.models import Occupation
from backoffice.offre.models import Dispositif, Financement
from backoffice.pilotage import charge
from backoffice.pilotage.tableau import tableau_de_bord
from backoffice.qualite.models import Anomalie, Regle
from imports.models import ImportTemps1
from workflows.services import chronologie

TYPES_CONVENTIONNES = ["CADA", "HUDA", "CAES", "CPH"]
DEPARTEMENTS = ["44", "49", "75", "13"]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", "--scale", "small", "--seed", "5", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def compte(demo, db):
    comptes = get_user_model().objects.in_bulk(field_name="username")
    return lambda nom: comptes[f"{nom}@demo.gouv.fr"]


def texte_de_la_page(client, user):
    """The home page's text, tags removed, spaces normalised (« 1 211 » → « 1211 »)."""
    client.force_login(user)
    reponse = client.get(reverse("wagtailadmin_home"))
    assert reponse.status_code == 200
    texte = html.unescape(re.sub(r"<[^>]+>", " ", reponse.content.decode()))
    texte = re.sub(r"(?<=\d)[\s\u00a0\u202f](?=\d{3}\b)", "", texte)
    return re.sub(r"\s+", " ", texte)


def file(user, libelle):
    """The work-queue line of the dashboard labelled `libelle`, or None."""
    return next(
        (ligne for ligne in charge.charge_de(user)["lignes"] if ligne["libelle"] == libelle), None
    )


def montre_la_file(texte, ligne):
    return f"{ligne['libelle']} : {ligne['nombre']}" in texte


# --- every account's home page ---------------------------------------------------------------


@pytest.mark.parametrize("courriel", [c[0] for c in COMPTES])
def test_chaque_compte_voit_des_places_conventionnees(client, compte, courriel):
    user = compte(courriel.split("@")[0])
    chiffres = tableau_de_bord(user, avec_evolution=False)["total"].chiffres
    assert chiffres.conventionnees > 0
    assert chiffres.conventionnees <= chiffres.financees
    assert f"Places conventionnées {chiffres.conventionnees}" in texte_de_la_page(client, user)


# (account, [(queue label, transition the account can run on each queued object, model)])
FILES_PAR_COMPTE = {
    "siao44": [("Demandes à pré-valider", "pre_valider", Demande, {"departement_id": "44"})],
    "ddets44": [
        ("Demandes à valider", "valider", Demande, {"departement_id": "44"}),
        ("Conventions à pré-valider", "pre_valider", Convention, {"departement_id": "44"}),
        ("Candidatures à noter", "instruire", Candidature, {"departement_id": "44"}),
        (
            "Candidatures retenues à conventionner",
            "conventionner",
            Candidature,
            {"departement_id": "44"},
        ),
    ],
    "dreets52": [
        ("Conventions à valider", "valider", Convention, {"departement__region_id": "52"}),
        ("Avenants à valider", "valider", Avenant, {"convention__departement__region_id": "52"}),
        ("Appels à projets à valider", "valider", AppelAProjets, {"region_id": "52"}),
        ("Candidatures à examiner", "declarer_recevable", Candidature, {}),
    ],
    "ddets75": [("Demandes à valider", "valider", Demande, {"departement_id": "75"})],
    "gestionnaire": [("Demandes à compléter", "completer", Demande, {})],
}
ETATS_SOURCES = {
    (Demande, "pre_valider"): [EtatDemande.SOUMISE],
    (Demande, "valider"): [EtatDemande.PRE_VALIDEE],
    (Demande, "completer"): [EtatDemande.A_COMPLETER],
    (Convention, "pre_valider"): [EtatConvention.SOUMISE],
    (Convention, "valider"): [EtatConvention.PRE_VALIDEE],
    (Avenant, "valider"): [EtatAvenant.BROUILLON],
    (AppelAProjets, "valider"): [EtatAppel.PRE_VALIDE],
    (Candidature, "instruire"): [EtatCandidature.RECEVABLE],
    (Candidature, "conventionner"): [EtatCandidature.RETENUE],
    (Candidature, "declarer_recevable"): [EtatCandidature.DEPOSEE],
}


@pytest.mark.parametrize("nom", list(FILES_PAR_COMPTE))
def test_chaque_role_a_du_travail_qu_il_peut_faire(client, compte, nom):
    user = compte(nom)
    texte = texte_de_la_page(client, user)
    for libelle, transition, model, filtre in FILES_PAR_COMPTE[nom]:
        ligne = file(user, libelle)
        assert ligne is not None and ligne["nombre"] >= 1, (nom, libelle)
        assert montre_la_file(texte, ligne), (nom, libelle)
        objets = model.objects.filter(etat__in=ETATS_SOURCES[model, transition], **filtre)
        if model is Demande and nom == "gestionnaire":
            objets = objets.filter(compte_demandeur=user)
        assert objets, (nom, libelle)
        for objet in objets:
            assert has_transition_perm(getattr(objet, transition), user), (nom, objet)


def test_les_attentes_des_demandes_ont_un_age(compte):
    siao = compte("siao44")
    a_pre_valider = file(siao, "Demandes à pré-valider")
    # Validation waits on the DDETS: the SIAO's queue only holds what the SIAO itself can do.
    a_valider = file(compte("ddets44"), "Demandes à valider")
    assert a_pre_valider["plus_ancienne"] >= 14
    assert a_valider["plus_ancienne"] >= 7
    ages = sorted(d.age_jours for d in Demande.objects.filter(departement_id="44").ouvertes())
    assert ages[0] <= 5 and ages[-1] >= 14
    assert charge.charge_de(siao)["delai_moyen_jours"] > 0


def test_le_lecteur_voit_les_chiffres_sans_rien_a_valider(client, compte):
    """A reader acts on nothing: no queue waits for them (the home page shows only what its
    user can act on), while the figures of their perimeter are there."""
    lecteur = compte("lecteur")
    assert charge.charge_de(lecteur)["lignes"] == []
    texte = texte_de_la_page(client, lecteur)
    assert "Places conventionnées" in texte


def test_le_national_voit_tout_ce_qui_attend(client, compte):
    national = compte("national")
    texte = texte_de_la_page(client, national)
    for libelle in (
        "Demandes à pré-valider",
        "Demandes à valider",
        "Conventions à pré-valider",
        "Conventions à valider",
        "Avenants à valider",
        "Appels à projets à valider",
        "Candidatures retenues à conventionner",
        "Conventions se terminant dans 3 mois",
        "Conventions se terminant dans 6 mois",
    ):
        ligne = file(national, libelle)
        assert ligne is not None, libelle
        assert montre_la_file(texte, ligne), libelle


# --- the data behind ------------------------------------------------------------------------


def test_conventions_en_vigueur_plausibles(demo, db):
    aujourdhui = timezone.localdate()
    for departement in DEPARTEMENTS:
        asile = Dispositif.objects.filter(
            departement_id=departement,
            type_id__in=TYPES_CONVENTIONNES,
            date_fermeture__isnull=True,
            financements__exercice=aujourdhui.year,
        ).distinct()
        couverts = asile.filter(
            lignes_convention__convention__etat=EtatConvention.EN_VIGUEUR
        ).distinct()
        assert couverts.count() >= 0.8 * asile.count() > 0, departement
        assert couverts.count() < asile.count(), "quelques dispositifs restent sans convention"
        en_vigueur = Convention.objects.filter(
            departement_id=departement, etat=EtatConvention.EN_VIGUEUR
        )
        assert en_vigueur.se_terminant(aujourdhui, 3).exists(), departement
        assert (
            en_vigueur.se_terminant(aujourdhui, 6).count()
            > en_vigueur.se_terminant(aujourdhui, 3).count()
        ) or departement == "44", departement  # the 44's 6-month one is being renewed

    for ligne in LigneConvention.objects.filter(
        convention__etat=EtatConvention.EN_VIGUEUR
    ).select_related("dispositif", "convention"):
        convention, dispositif = ligne.convention, ligne.dispositif
        assert convention.date_debut <= aujourdhui <= convention.date_fin
        assert convention.date_signature < convention.date_debut
        if dispositif.places_autorisees is not None:
            assert ligne.places_conventionnees <= dispositif.places_autorisees
        financees = Financement.objects.filter(
            dispositif=dispositif, exercice=aujourdhui.year
        ).aggregate(p=Sum("places_financees"))["p"]
        assert ligne.places_conventionnees <= financees


def test_montants_des_conventions_egaux_aux_financements_rattaches(demo, db):
    conventions = Convention.objects.filter(etat=EtatConvention.EN_VIGUEUR, cree_par=None)
    assert conventions.count() > 40
    for convention in conventions.prefetch_related("montants"):
        montants = {m.exercice: m.montant for m in convention.montants.all()}
        rattaches = dict(
            Financement.objects.filter(convention=convention)
            .values("exercice")
            .annotate(m=Sum("montant_annuel"))
            .values_list("exercice", "m")
        )
        assert montants == rattaches != {}, convention.numero


def test_conventions_et_avenants_a_chaque_etape(demo, db):
    etats = set(Convention.objects.values_list("etat", flat=True))
    assert {
        EtatConvention.BROUILLON,
        EtatConvention.SOUMISE,
        EtatConvention.PRE_VALIDEE,
        EtatConvention.EN_VIGUEUR,
        EtatConvention.EXPIREE,
        EtatConvention.RESILIEE,
    } <= etats
    assert Convention.objects.filter(
        etat=EtatConvention.BROUILLON, convention_precedente__isnull=False
    ).exists()
    assert Avenant.objects.filter(etat=EtatAvenant.BROUILLON).exists()
    assert Avenant.objects.filter(etat=EtatAvenant.SIGNEE, applique_le__isnull=False).exists()
    # Moved by the transition service: each has a timeline, from its creation to its state,
    # dated in the past and in order.
    maintenant = timezone.now()
    for objet in [*Convention.objects.exclude(cree_par=None), *Avenant.objects.all()]:
        evenements = chronologie(objet)
        assert evenements[0]["transition"] == "creer", objet
        assert evenements[-1]["vers"] == objet.etat, objet
        dates = [e["date"] for e in evenements]
        assert dates == sorted(dates) and dates[-1] < maintenant, objet
        assert objet.etat_depuis == dates[-1], objet
    expiree = Convention.objects.get(etat=EtatConvention.EXPIREE)
    assert [e["acteur"] for e in chronologie(expiree)][-2:] == [
        "Système (échéances des conventions)"
    ] * 2


def test_demandes_a_chaque_etape_dans_plusieurs_departements(demo, db):
    etats = set(Demande.objects.values_list("etat", flat=True))
    assert etats == set(EtatDemande.values)
    assert set(
        Demande.objects.filter(etat=EtatDemande.SOUMISE).values_list("departement_id", flat=True)
    ) == set(DEPARTEMENTS)
    for demande in Demande.objects.all():
        evenements = chronologie(demande)
        if not evenements:  # filed, untouched since
            assert demande.etat == EtatDemande.SOUMISE
            assert demande.etat_depuis == demande.soumise_le
            continue
        assert evenements[-1]["vers"] == demande.etat
        assert evenements[-1]["date"] == demande.etat_depuis > demande.soumise_le
    # Validated creations created their dispositif.
    for demande in Demande.objects.filter(etat=EtatDemande.VALIDEE, type_demande="creation"):
        assert demande.dispositif.nom == demande.donnees_dispositif["nom"]


def test_appels_a_chaque_etape_dans_la_region_52(demo, db):
    appels = AppelAProjets.objects.filter(region_id="52")
    ouvert = appels.get(etat=EtatAppel.PUBLIE)
    assert ouvert.date_limite > timezone.now()
    instruction = appels.get(etat=EtatAppel.EN_INSTRUCTION)
    candidatures = set(instruction.candidatures.values_list("etat", flat=True))
    assert {EtatCandidature.RECEVABLE, EtatCandidature.INSTRUITE} <= candidatures
    assert instruction.candidatures.filter(score__gt=Decimal(0)).exists()
    decide = appels.get(etat=EtatAppel.SELECTION_ARRETEE)
    assert decide.candidatures.filter(etat=EtatCandidature.RETENUE, places_retenues__gt=0)
    assert appels.filter(etat=EtatAppel.PRE_VALIDE).exists()


def test_import_temps1_applique_par_la_ddets44(compte):
    ddets44 = compte("ddets44")
    en_erreur, applique = ImportTemps1.objects.order_by("pk")
    assert (en_erreur.etat, applique.etat) == (
        ImportTemps1.Etat.EN_ERREUR,
        ImportTemps1.Etat.APPLIQUEE,
    )
    assert en_erreur.deposant == applique.deposant == ddets44
    assert en_erreur.fichier_annote and applique.applique_le
    dispositif = Dispositif.objects.get(reference_locale="RA-NANTES-HAUTS-PAVES")
    assert dispositif.departement_id == "44"
    assert dispositif.history.get().history_change_reason == applique.libelle


def test_anomalies_peu_nombreuses_et_parlantes(demo, db):
    ouvertes = Anomalie.objects.ouvertes()
    assert 0 < ouvertes.count() <= 60
    assert ouvertes.filter(regle=Regle.FINANCEMENT_SANS_CONVENTION).count() <= 20
    assert ouvertes.filter(regle=Regle.FINANCEES_SUP_AUTORISEES).exists()
    # The résiliée convention whose dispositif is still financed this year.
    assert ouvertes.filter(regle=Regle.CONVENTION_ECHUE).exists()


# --- the DN@ occupancy ------------------------------------------------------------------------


def serie_sous_cible(lignes):
    """The longest run of consecutive months under the 97 % occupancy target."""
    serie = plus_longue = 0
    precedent = None
    for ligne in sorted(lignes, key=lambda o: o.mois):
        suit = precedent is not None and (ligne.mois - precedent).days <= 31
        if sous_cible(ligne.places_occupees, ligne.places_en_service):
            serie = serie + 1 if suit or serie == 0 else 1
        else:
            serie = 0
        plus_longue = max(plus_longue, serie)
        precedent = ligne.mois
    return plus_longue


def au_dessus_des_cibles(ligne):
    occupees = ligne.places_occupees
    return (
        ligne.presence_indue_refugies * 100 >= CIBLE_REFUGIES * occupees
        or ligne.presence_indue_deboutes * 100 >= CIBLE_DEBOUTES * occupees
    )


def test_douze_mois_d_occupation_par_dispositif_d_asile(demo, db):
    mois = mois_glissants(timezone.localdate())
    assert len(mois) == 12 and mois[-1] < timezone.localdate().replace(day=1)
    couverts = (
        Dispositif.objects.filter(type__nature_id="DNA", date_fermeture__isnull=True)
        .exclude(code_dna="")
        .filter(date_ouverture__lte=fin_du_mois(mois[-1]))
    )
    par_dispositif = {}
    for ligne in Occupation.objects.select_related("dispositif"):
        par_dispositif.setdefault(ligne.dispositif, []).append(ligne)
    assert set(par_dispositif) == set(couverts) and len(couverts) >= 60
    assert {d.type_id for d in couverts} == {"CADA", "HUDA", "CAES", "CPH", "PRAHDA"}
    places = dict(
        Dispositif.objects.filter(pk__in=couverts)
        .avec_capacites(date=mois[-1].replace(day=15))
        .values_list("pk", "nb_places_ouvertes")
    )
    egaux = 0
    for dispositif, lignes in par_dispositif.items():
        attendus = [m for m in mois if dispositif.date_ouverture <= fin_du_mois(m)]
        assert sorted(o.mois for o in lignes) == attendus, dispositif.code
        if dispositif.date_ouverture <= mois[0]:
            assert len(lignes) == 12, dispositif.code
        for ligne in lignes:
            ligne.clean()  # the model's rules, as an import checks them
            assert ligne.places_occupees <= ligne.places_en_service > 0, dispositif.code
            assert ligne.places_vacantes == ligne.places_en_service - ligne.places_occupees
            assert (
                ligne.presence_indue_refugies + ligne.presence_indue_deboutes
                <= ligne.places_occupees
            )
            assert ligne.import_source is None
        dernier = max(lignes, key=lambda o: o.mois)
        egaux += dernier.places_en_service + dernier.places_indisponibles == places[dispositif.pk]
    # Places en service: the dispositif's open places (but for a group opened or closed that
    # month, or changed since by the story).
    assert egaux >= 0.9 * len(par_dispositif)

    # Mostly 95 to 100 % occupied, présence indue under the targets.
    lignes = [ligne for groupe in par_dispositif.values() for ligne in groupe]
    totaux = Occupation.objects.aggregate(
        en_service=Sum("places_en_service"), occupees=Sum("places_occupees")
    )
    assert 0.95 <= totaux["occupees"] / totaux["en_service"] <= 0.995
    assert sum(not sous_cible(o.places_occupees, o.places_en_service) for o in lignes) >= 0.8 * len(
        lignes
    )
    assert sum(au_dessus_des_cibles(o) for o in lignes) <= 0.05 * len(lignes)


def test_quelques_dispositifs_sous_la_cible_dont_un_en_loire_atlantique(compte):
    par_dispositif = {}
    for ligne in Occupation.objects.select_related("dispositif"):
        par_dispositif.setdefault(ligne.dispositif, []).append(ligne)
    sous = [d for d, lignes in par_dispositif.items() if serie_sous_cible(lignes) >= 3]
    assert 1 <= len(sous) <= max(3, 0.05 * len(par_dispositif))
    assert any(d.departement_id == "44" for d in sous)
    # … CADA under their convention's target up to last month: what piloting and the quality
    # rule show today, the DDETS 44 included.
    dernier_mois = max(o.mois for o in Occupation.objects.all())
    assert {d.type_id for d in sous} == {"CADA"}
    vus = indicateurs.sous_la_cible_depuis(NATIONAL, dernier_mois)
    assert {d.pk for d in sous} <= set(vus)
    ddets44 = perimetre_pour(compte("ddets44"), "occupation.occupation", "view")
    assert indicateurs.sous_la_cible_depuis(ddets44, dernier_mois)
    assert Anomalie.objects.ouvertes().filter(
        regle=Regle.OCCUPATION_SOUS_CIBLE, departement_id="44"
    )

    # A few over a présence indue target last month, one of them in the 44.
    objectifs = indicateurs.objectifs(dernier_mois)
    indue = [
        d
        for d, lignes in par_dispositif.items()
        for ligne in lignes
        if ligne.mois == dernier_mois
        and d.pk in objectifs
        and {"refugies", "deboutes"}
        & indicateurs.ChiffresOccupation.de_la_ligne(ligne).hors_cible(objectifs[d.pk].cibles)
    ]
    assert 1 <= len(indue) <= max(3, 0.05 * len(par_dispositif))
    assert any(d.departement_id == "44" for d in indue)

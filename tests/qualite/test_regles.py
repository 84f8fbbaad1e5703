"""Each rule, one by one: detected (message, severity), justified (still listed, who/when
kept), resolved when fixed, reopened (justification cleared) when it comes back."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import pytest

from backoffice.conventions.echeances import appliquer_echeances
from backoffice.occupation.models import Occupation
from backoffice.offre.models import Financement, GroupeDePlaces
from backoffice.qualite import services
from backoffice.qualite.models import EtatAnomalie, Regle, Severite
from backoffice.qualite.regles import SEVERITES
from tests.factories import DispositifFactory, FinancementFactory, GroupeFactory, siret_valide
from tests.occupation.outils import mois_passe

from .outils import (
    anomalie,
    anomalies,
    convention_en_vigueur,
    dispositif_sain,
    exercice,
    jours,
    montant_pour,
    resilier,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_temporaire")]


def recalculer():
    return services.recalculer()


def modifier(objet, **valeurs):
    for champ, valeur in valeurs.items():
        setattr(objet, champ, valeur)
    objet.save()


# ---------------------------------------------------------------------------------------------
# Each rule: how to create the problem, fix it, create it again
# ---------------------------------------------------------------------------------------------


@dataclass
class Cas:
    regle: str
    casser: Callable  # (dispositif, acteur) -> state passed to reparer/recasser
    reparer: Callable
    recasser: Callable
    message: Callable  # (dispositif, etat) -> expected message


def _financement(d, _acteur, **valeurs):
    return FinancementFactory(dispositif=d, **valeurs)


def _supprimer_financements(d, *_):
    Financement.objects.filter(dispositif=d).delete()


def _convention_echue(d, acteur):
    convention = convention_en_vigueur(d, acteur, debut=-800, fin=-40)
    financement = FinancementFactory(dispositif=d, convention=convention)
    return {"convention": convention, "financement": financement}


def _message_convention_echue(d, etat):
    convention = etat["convention"]
    return (
        f"1 ligne de financement {exercice()} (80 places) rattachée à la convention "
        f"{convention.numero}, échue le {jours(-40):%d/%m/%Y}"
    )


CAS = [
    Cas(
        Regle.FINANCEES_SUP_AUTORISEES,
        casser=lambda d, a: _financement(d, a, places_financees=100),
        reparer=lambda d, f: modifier(f, places_financees=80),
        recasser=lambda d, f: modifier(f, places_financees=81),
        message=lambda d, f: f"100 places financées en {exercice()} pour 80 autorisées",
    ),
    Cas(
        Regle.CONVENTIONNEES_SUP_AUTORISEES,
        # A convention cannot be signed above the places autorisées: they are lowered after.
        casser=lambda d, a: (
            convention_en_vigueur(d, a, places=80),
            modifier(d, places_autorisees=60),
        ),
        reparer=lambda d, _: modifier(d, places_autorisees=80),
        recasser=lambda d, _: modifier(d, places_autorisees=79),
        message=lambda d, _: (
            f"80 places conventionnées (conventions en vigueur au {jours(0):%d/%m/%Y}) pour "
            "60 autorisées"
        ),
    ),
    Cas(
        Regle.OUVERTES_SUP_AUTORISEES,
        casser=lambda d, a: GroupeFactory(dispositif=d, places=95),
        reparer=lambda d, g: modifier(g, places=80),
        recasser=lambda d, g: GroupeFactory(dispositif=d, places=1),
        message=lambda d, g: "95 places ouvertes (groupes de places actifs) pour 80 autorisées",
    ),
    Cas(
        Regle.AUTORISATION_ECHUE,
        casser=lambda d, a: modifier(
            d, date_autorisation=datetime.date(2010, 1, 1), date_fin_autorisation=jours(-1)
        ),
        reparer=lambda d, _: modifier(d, date_fin_autorisation=jours(365 * 15)),
        recasser=lambda d, _: modifier(d, date_fin_autorisation=jours(-2)),
        message=lambda d, _: (
            f"Autorisation échue le {jours(-1):%d/%m/%Y}, dispositif toujours ouvert"
        ),
    ),
    Cas(
        Regle.FINANCEMENT_DISPOSITIF_FERME,
        casser=lambda d, a: (
            modifier(d, date_fermeture=datetime.date(exercice() - 1, 12, 31)),
            _financement(d, a, places_financees=30),
        ),
        reparer=_supprimer_financements,
        recasser=lambda d, _: _financement(d, None, places_financees=30),
        message=lambda d, _: (
            f"Fermé depuis le 31/12/{exercice() - 1}, mais 1 ligne de financement "
            f"{exercice()} (30 places)"
        ),
    ),
    Cas(
        Regle.SANS_FINANCEMENT,
        casser=lambda d, a: None,  # a new dispositif has no financing line
        reparer=lambda d, _: _financement(d, None),
        recasser=_supprimer_financements,
        message=lambda d, _: (
            f"Dispositif ouvert sans aucune ligne de financement pour l'exercice {exercice()}"
        ),
    ),
    Cas(
        Regle.CONVENTION_ECHUE,
        casser=_convention_echue,
        reparer=lambda d, e: modifier(e["financement"], convention=None),
        recasser=lambda d, e: modifier(e["financement"], convention=e["convention"]),
        message=_message_convention_echue,
    ),
    Cas(
        Regle.FINANCEMENT_SANS_CONVENTION,
        casser=lambda d, a: {"f": _financement(d, a), "c": convention_en_vigueur(d, a)},
        reparer=lambda d, e: modifier(e["f"], convention=e["c"]),
        recasser=lambda d, e: modifier(e["f"], convention=None),
        message=lambda d, _: (
            f"1 ligne de financement {exercice()} (80 places, P303) sans convention rattachée"
        ),
    ),
    Cas(
        Regle.COUT_JOURNALIER,
        casser=lambda d, a: _financement(d, a, montant_annuel=montant_pour(26, 80)),
        reparer=lambda d, f: modifier(f, montant_annuel=montant_pour(Decimal("19.50"), 80)),
        recasser=lambda d, f: modifier(f, montant_annuel=montant_pour(13, 80)),
        message=lambda d, _: (
            f"Coût de 26,00 € par place et par jour en {exercice()} pour une référence CADA "
            "de 19,50 € (+33 %)"
        ),
    ),
    Cas(
        Regle.AUTORISEES_MANQUANTES,
        casser=lambda d, a: modifier(d, places_autorisees=None),
        reparer=lambda d, _: modifier(d, places_autorisees=80),
        recasser=lambda d, _: modifier(d, places_autorisees=None),
        message=lambda d, _: "Places autorisées non renseignées pour un CADA",
    ),
    Cas(
        Regle.FINESS_MANQUANT,
        casser=lambda d, a: modifier(d, finess=""),
        reparer=lambda d, _: modifier(d, finess="440000123"),
        recasser=lambda d, _: modifier(d, finess=""),
        message=lambda d, _: "FINESS non renseigné pour un CADA (établissement sous autorisation)",
    ),
    Cas(
        Regle.SIRET_SIREN,
        casser=lambda d, a: modifier(d, siret=siret_valide("732829320")),
        reparer=lambda d, _: modifier(d, siret=siret_valide(d.entite.siren)),
        recasser=lambda d, _: modifier(d, siret=siret_valide("732829320", 2)),
        message=lambda d, _: (
            f"SIRET {siret_valide('732829320')} : ses 9 premiers chiffres (732829320) ne sont "
            f"pas le SIREN de l'entité gestionnaire ({d.entite.siren})"
        ),
    ),
    Cas(
        Regle.SANS_GROUPE,
        casser=lambda d, a: None,  # a new dispositif has no groupe de places
        reparer=lambda d, _: GroupeFactory(dispositif=d),
        recasser=lambda d, _: GroupeDePlaces.objects.filter(dispositif=d).delete(),
        message=lambda d, _: "Dispositif ouvert sans aucun groupe de places",
    ),
]


def _occupation_basse(d, acteur):
    """Three months of DN@ occupancy at 90 % under a CADA convention (target 97 %)."""
    convention = convention_en_vigueur(d, acteur)
    lignes = [
        Occupation.objects.create(
            dispositif=d, mois=mois_passe(n), places_en_service=80, places_occupees=72
        )
        for n in (3, 2, 1)
    ]
    return {"convention": convention, "dernier": lignes[-1]}


def _message_occupation(d, etat):
    return (
        "Occupation sous l'objectif de 97\u00a0% de la convention "
        f"{etat['convention'].numero} chaque mois de {mois_passe(3):%m/%Y} à "
        f"{mois_passe(1):%m/%Y} (extrait du DN@)"
    )


CAS.append(
    Cas(
        Regle.OCCUPATION_SOUS_CIBLE,
        casser=_occupation_basse,
        reparer=lambda d, e: modifier(e["dernier"], places_occupees=79),
        recasser=lambda d, e: modifier(e["dernier"], places_occupees=70),
        message=_message_occupation,
    )
)


def test_chaque_regle_a_son_cas():
    assert {cas.regle for cas in CAS} == set(Regle.values)


@pytest.mark.parametrize("cas", CAS, ids=[cas.regle for cas in CAS])
def test_cycle_de_vie(cas, national, ddets44):
    d = DispositifFactory(finess="440000123")
    etat = cas.casser(d, national)
    d.refresh_from_db()
    recalculer()

    # Detected, with its figures and the rule's severity.
    a = anomalie(d, cas.regle)
    assert a.message == cas.message(d, etat)
    assert a.severite == SEVERITES[cas.regle]
    assert a.departement_id == "44"
    assert a.etat == EtatAnomalie.OUVERTE
    detectee_le = a.detectee_le

    # Justified: still open, listed as justified, the next computation keeps it so.
    services.justifier(a, ddets44, "Extension autorisée, arrêté en cours de signature")
    recalculer()
    a.refresh_from_db()
    assert a.etat == EtatAnomalie.JUSTIFIEE
    assert a.justifiee_par == ddets44 and a.justifiee_le is not None
    assert a.justification == "Extension autorisée, arrêté en cours de signature"
    assert a.detectee_le == detectee_le and a.vue_le > detectee_le

    # Fixed: resolved, kept for history.
    cas.reparer(d, etat)
    d.refresh_from_db()
    bilan = recalculer()
    a.refresh_from_db()
    assert a.etat == EtatAnomalie.RESOLUE and a.resolue_le is not None
    assert bilan.resolues >= 1

    # Back again: the same anomaly reopened, the justification cleared.
    cas.recasser(d, etat)
    d.refresh_from_db()
    bilan = recalculer()
    a.refresh_from_db()
    assert a.etat == EtatAnomalie.OUVERTE
    assert a.justification == "" and a.justifiee_par is None and a.justifiee_le is None
    assert bilan.rouvertes >= 1
    assert anomalies(d, cas.regle).count() == 1


def test_un_dispositif_sain_n_a_aucune_anomalie(national):
    d = dispositif_sain(national)
    recalculer()
    assert list(anomalies(d).values_list("regle", "message")) == []


def test_severites():
    assert SEVERITES[Regle.FINANCEES_SUP_AUTORISEES] == Severite.HAUTE
    assert SEVERITES[Regle.SIRET_SIREN] == Severite.BASSE
    assert set(SEVERITES) == set(Regle.values)


# ---------------------------------------------------------------------------------------------
# Convention ended: the variants
# ---------------------------------------------------------------------------------------------


def test_convention_resiliee(national):
    d = DispositifFactory()
    convention = convention_en_vigueur(d, national)
    FinancementFactory(dispositif=d, convention=convention)
    recalculer()
    assert not anomalies(d, Regle.CONVENTION_ECHUE).exists()
    resilier(convention, national, jours(-5))
    recalculer()
    a = anomalie(d, Regle.CONVENTION_ECHUE)
    assert a.message.endswith(f"{convention.numero}, résiliée à effet du {jours(-5):%d/%m/%Y}")
    assert a.convention_id == convention.pk


def test_convention_expiree_par_l_echeance(national):
    """The nightly state change (en vigueur → expirée) does not change the finding."""
    d = DispositifFactory()
    convention = convention_en_vigueur(d, national, debut=-800, fin=-1)
    FinancementFactory(dispositif=d, convention=convention)
    recalculer()
    a = anomalie(d, Regle.CONVENTION_ECHUE)
    appliquer_echeances()
    convention.refresh_from_db()
    assert convention.etat == "expiree"
    bilan = recalculer()
    a.refresh_from_db()
    assert a.resolue_le is None and bilan.nouvelles == 0
    assert a.message.endswith(f"échue le {jours(-1):%d/%m/%Y}")


def test_ligne_arretee_avec_sa_convention(national):
    """A line of the exercice that stops when its convention ends leaves nothing uncovered."""
    d = DispositifFactory()
    convention = convention_en_vigueur(d, national, debut=-800, fin=-1)
    debut_exercice = jours(0).replace(month=1, day=1)
    FinancementFactory(
        dispositif=d,
        convention=convention,
        date_debut=debut_exercice,
        date_fin=max(jours(-1), debut_exercice),
    )
    recalculer()
    if jours(-1) >= debut_exercice:
        assert not anomalies(d, Regle.CONVENTION_ECHUE).exists()
    else:  # 1 January: the convention ended with the previous exercice
        assert anomalies(d, Regle.CONVENTION_ECHUE).exists()


def test_convention_abandonnee(national):
    from tests.conventions.factories import convention_pour
    from workflows.services import executer_transition

    d = DispositifFactory()
    convention = convention_pour(d, date_debut=jours(-10))
    FinancementFactory(dispositif=d, convention=convention)
    recalculer()
    assert not anomalies(d, Regle.CONVENTION_ECHUE).exists()  # a draft: in progress
    executer_transition(
        type(convention), convention.pk, "abandonner", national, commentaire="Projet arrêté"
    )
    recalculer()
    assert anomalie(d, Regle.CONVENTION_ECHUE).message.endswith("abandonnée (jamais signée)")


def test_plusieurs_lignes_une_seule_anomalie(national):
    d = DispositifFactory()
    FinancementFactory(dispositif=d, places_financees=50)
    FinancementFactory(dispositif=d, places_financees=30, mode="alt", programme_id="P104")
    recalculer()
    assert anomalie(d, Regle.FINANCEMENT_SANS_CONVENTION).message == (
        f"2 lignes de financement {exercice()} (80 places, P104, P303) sans convention rattachée"
    )


def test_types_sans_convention_requise():
    prahda = DispositifFactory(type_id="PRAHDA", places_autorisees=None)
    chrs = DispositifFactory(type_id="HEB_CHRS", places_autorisees=None)
    for d in (prahda, chrs):
        FinancementFactory(dispositif=d)
    recalculer()
    assert not anomalies(regle=Regle.FINANCEMENT_SANS_CONVENTION).exists()
    # A CHRS is under authorisation: FINESS expected; a PRAHDA (public contract) not.
    assert anomalies(chrs, Regle.FINESS_MANQUANT).exists()
    assert not anomalies(prahda, Regle.FINESS_MANQUANT).exists()

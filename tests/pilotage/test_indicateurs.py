"""Capacities: each figure equals a recomputation from the raw rows, today and at a past date.

The oracle below reads every row in Python and applies docs/domaine.md §6 literally; the engine
(aggregate queries today, history at a past date) must agree with it on random data.
"""

import datetime
import random
from collections import defaultdict
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from backoffice.acces.perimetres import NATIONAL, Perimetre
from backoffice.conventions.models import Convention, LigneConvention
from backoffice.offre.models import Dispositif, Financement, GroupeDePlaces, TypeDispositif
from backoffice.pilotage.indicateurs import (
    capacites_historiques,
    photographie,
    photographie_courante,
    photographie_historique,
)
from tests.conventions.factories import ConventionFactory, amener, avenant_pour, convention_pour
from tests.factories import DispositifFactory, EntiteFactory, FinancementFactory, GroupeFactory

pytestmark = pytest.mark.django_db

AUJOURDHUI = timezone.localdate()
PASSE = AUJOURDHUI - datetime.timedelta(days=45)
LOIN = PASSE - datetime.timedelta(days=3000)
DEPARTEMENTS = ["44", "49", "75"]


def _date_hors_fenetre(rng):
    """A date never between PASSE and today, so moving the history back does not move the
    date-driven rules (the oracle evaluates them on each date independently anyway)."""
    if rng.random() < 0.5:
        return PASSE - datetime.timedelta(days=rng.randint(1, 2000))
    return AUJOURDHUI + datetime.timedelta(days=rng.randint(1, 900))


def _date_apres(rng, debut):
    """A date after `debut`, outside the window (see above)."""
    if debut < PASSE - datetime.timedelta(days=2) and rng.random() < 0.5:
        return debut + datetime.timedelta(days=rng.randint(1, (PASSE - debut).days - 1))
    return max(debut, AUJOURDHUI) + datetime.timedelta(days=rng.randint(1, 900))


def _peut_etre(rng, valeur, proba=0.3):
    return valeur if rng.random() < proba else None


def parc_aleatoire(rng, n=12):
    types = list(TypeDispositif.objects.filter(code__in=["CADA", "HUDA", "CAES", "CPH"]))
    for _ in range(n):
        ouverture = _peut_etre(rng, _date_hors_fenetre(rng), 0.7)
        dispositif = DispositifFactory(
            departement_id=rng.choice(DEPARTEMENTS),
            type=rng.choice(types),
            places_autorisees=rng.choice([None, 20, 45, 80, 120]),
            date_ouverture=ouverture,
            date_fermeture=_peut_etre(rng, _date_apres(rng, ouverture or LOIN), 0.25),
        )
        for _ in range(rng.randint(0, 3)):
            debut = _peut_etre(rng, _date_hors_fenetre(rng))
            GroupeFactory(
                dispositif=dispositif,
                places=rng.randint(1, 50),
                date_debut=debut,
                date_fin=_peut_etre(rng, _date_apres(rng, debut or LOIN), 0.2),
            )
        for exercice in {PASSE.year, AUJOURDHUI.year, AUJOURDHUI.year - 1}:
            if rng.random() < 0.7:
                FinancementFactory(
                    dispositif=dispositif,
                    exercice=exercice,
                    places_financees=rng.randint(1, 130),
                    montant_annuel=Decimal(rng.randint(10_000, 900_000)),
                )
        if rng.random() < 0.6:
            debut = PASSE - datetime.timedelta(days=rng.randint(1, 900))
            etat = rng.choice(["en_vigueur", "signee", "expiree", "resiliee", "brouillon"])
            convention = ConventionFactory(
                entite=dispositif.entite,
                departement=dispositif.departement,
                etat=etat,
                date_debut=debut,
                date_fin=_peut_etre(rng, _date_apres(rng, debut), 0.8),
                date_signature=debut if etat != "brouillon" else None,
                date_resiliation=_date_apres(rng, debut) if etat == "resiliee" else None,
            )
            LigneConvention.objects.create(
                convention=convention,
                dispositif=dispositif,
                places_conventionnees=rng.randint(1, 120),
            )


def releve():
    """The raw rows, as plain values (kept across later edits)."""
    return {
        "dispositifs": list(
            Dispositif.objects.values(
                "pk",
                "departement_id",
                "entite_id",
                "type_id",
                "places_autorisees",
                "date_autorisation",
                "date_ouverture",
                "date_fermeture",
            )
        ),
        "regimes": dict(TypeDispositif.objects.values_list("code", "regime")),
        "groupes": list(
            GroupeDePlaces.objects.values("pk", "dispositif_id", "places", "date_debut", "date_fin")
        ),
        "financements": list(
            Financement.objects.values(
                "pk", "dispositif_id", "exercice", "places_financees", "montant_annuel"
            )
        ),
        "conventions": {
            c.pk: c
            for c in Convention.objects.all()
            # a copy: later edits of the rows must not change this snapshot
        },
        "lignes": list(
            LigneConvention.objects.values(
                "pk", "convention_id", "dispositif_id", "places_conventionnees"
            )
        ),
    }


# Values with no date of their own: in effect from when they were recorded (docs/pilotage.md).
SIMPLES = {
    "dispositifs": ("departement_id", "entite_id", "type_id", "places_autorisees"),
    "groupes": ("places",),
    "financements": (),
    "lignes": (),
}


def en_vigueur_selon_apres(avant, apres):
    """The rows in effect on a day between the two snapshots, as known at `apres`, written
    plainly: the rows of `apres` (their dates and corrections count), with the values that
    have no date of their own taken from `avant`, plus the rows deleted since (they existed)."""
    rows = {"regimes": apres["regimes"], "conventions": apres["conventions"]}
    for table, simples in SIMPLES.items():
        anciennes = {r["pk"]: r for r in avant[table]}
        lignes = []
        for row in apres[table]:
            row = dict(row)
            if row["pk"] in anciennes:
                row.update({c: anciennes[row["pk"]][c] for c in simples})
            lignes.append(row)
        presentes = {r["pk"] for r in apres[table]}
        lignes += [r for pk, r in anciennes.items() if pk not in presentes]
        rows[table] = lignes
    return rows


def oracle(rows, date, perimetre=NATIONAL):
    """docs/domaine.md §6 and docs/pilotage.md applied row by row."""
    attendu = defaultdict(lambda: defaultdict(int))
    dispositifs = {}
    for d in rows["dispositifs"]:
        if perimetre.national or d["departement_id"] in perimetre.departements:
            dispositifs[d["pk"]] = d
    for d in dispositifs.values():
        cle = (d["departement_id"], d["type_id"])
        if d["date_fermeture"] is None or d["date_fermeture"] > date:
            attendu[cle]["dispositifs"] += 1
            # Authorised places: types under authorisation, from the authorisation (or opening).
            debut = d["date_autorisation"] or d["date_ouverture"]
            if rows["regimes"][d["type_id"]] == "autorisation" and (debut is None or debut <= date):
                attendu[cle]["autorisees"] += d["places_autorisees"] or 0
    for f in rows["financements"]:
        d = dispositifs.get(f["dispositif_id"])
        if d and f["exercice"] == date.year:
            cle = (d["departement_id"], d["type_id"])
            attendu[cle]["financees"] += f["places_financees"]
            attendu[cle]["montant"] += f["montant_annuel"]
    for g in rows["groupes"]:
        d = dispositifs.get(g["dispositif_id"])
        if not d:
            continue
        ouvert = (d["date_ouverture"] is None or d["date_ouverture"] <= date) and (
            d["date_fermeture"] is None or d["date_fermeture"] > date
        )
        actif = (g["date_debut"] is None or g["date_debut"] <= date) and (
            g["date_fin"] is None or g["date_fin"] >= date
        )
        if ouvert and actif:
            attendu[(d["departement_id"], d["type_id"])]["ouvertes"] += g["places"]
    for ligne in rows["lignes"]:
        d = dispositifs.get(ligne["dispositif_id"])
        convention = rows["conventions"][ligne["convention_id"]]
        if d and convention.en_vigueur_le(date):
            attendu[(d["departement_id"], d["type_id"])]["conventionnees"] += ligne[
                "places_conventionnees"
            ]
    return {cle: {k: v for k, v in c.items() if v} for cle, c in attendu.items()}


def en_dict(photo):
    resultat = {}
    for cle, chiffres in photo.lignes.items():
        valeurs = {
            "dispositifs": chiffres.dispositifs,
            "autorisees": chiffres.autorisees,
            "financees": chiffres.financees,
            "conventionnees": chiffres.conventionnees,
            "ouvertes": chiffres.ouvertes,
            "montant": chiffres.montant,
        }
        valeurs = {k: v for k, v in valeurs.items() if v}
        if valeurs:
            resultat[cle] = valeurs
    return resultat


def reculer_historique(jours):
    """Everything recorded so far happened `jours` days ago."""
    for modele in (Dispositif, GroupeDePlaces, Financement, Convention, LigneConvention):
        historique = modele.history.model
        for version in historique.objects.all():
            historique.objects.filter(pk=version.pk).update(
                history_date=version.history_date - datetime.timedelta(days=jours)
            )


def modifier_au_hasard(rng):
    dispositifs = list(Dispositif.objects.all())
    for dispositif in rng.sample(dispositifs, k=len(dispositifs) // 2):
        dispositif.places_autorisees = rng.choice([None, 10, 60, 200])
        if rng.random() < 0.3:
            dispositif.date_fermeture = _date_apres(rng, dispositif.date_ouverture or LOIN)
        dispositif.save()
    for groupe in GroupeDePlaces.objects.all():
        choix = rng.random()
        if choix < 0.2:
            groupe.delete()
        elif choix < 0.5:
            groupe.places = rng.randint(1, 60)
            groupe.save()
    for financement in Financement.objects.all():
        if rng.random() < 0.3:
            financement.places_financees = rng.randint(1, 150)
            financement.save()
        elif rng.random() < 0.1:
            financement.delete()
    for ligne in LigneConvention.objects.all():
        if rng.random() < 0.4:
            ligne.places_conventionnees = rng.randint(1, 90)
            ligne.save()
    for convention in Convention.objects.filter(etat="en_vigueur"):
        if rng.random() < 0.3:
            Convention.objects.filter(pk=convention.pk).update(
                etat="resiliee", date_resiliation=AUJOURDHUI - datetime.timedelta(days=10)
            )
            convention.refresh_from_db()
            convention.save()  # a history version of the résiliation
    FinancementFactory(
        dispositif=rng.choice(dispositifs),
        exercice=AUJOURDHUI.year,
        action="99",
        places_financees=7,
    )


@pytest.mark.parametrize("graine", [1, 2, 3])
def test_aujourdhui_les_chiffres_egalent_le_recalcul_ligne_a_ligne(graine):
    parc_aleatoire(random.Random(graine))
    attendu = oracle(releve(), AUJOURDHUI)
    assert attendu  # the random park is not empty
    assert en_dict(photographie_courante(NATIONAL)) == attendu
    # and the history read at today's date gives the same figures
    assert en_dict(photographie_historique(NATIONAL, AUJOURDHUI)) == attendu


@pytest.mark.parametrize("graine", [4, 5, 6])
def test_a_une_date_passee_les_chiffres_sont_ceux_d_alors(graine):
    rng = random.Random(graine)
    parc_aleatoire(rng)
    avant = releve()
    reculer_historique(60)
    modifier_au_hasard(rng)
    apres = releve()

    # « connu au » the past day: what the base said then.
    attendu_passe = oracle(avant, PASSE)
    assert en_dict(photographie(NATIONAL, PASSE, connu_au=PASSE)) == attendu_passe
    # « en vigueur au » the past day, as known today: the corrections count, the values
    # without a date of their own are those of that day.
    en_vigueur = oracle(en_vigueur_selon_apres(avant, apres), PASSE)
    assert en_dict(photographie(NATIONAL, PASSE)) == en_vigueur
    assert en_dict(photographie(NATIONAL)) == oracle(apres, AUJOURDHUI)
    assert attendu_passe != oracle(apres, PASSE)  # the edits did change the figures
    assert en_vigueur != attendu_passe  # and the two axes differ


def test_perimetre_ne_compte_que_ses_departements():
    parc_aleatoire(random.Random(7), n=20)
    perimetre = Perimetre(departements=frozenset({"44"}))
    rows = releve()
    attendu = oracle(rows, AUJOURDHUI, perimetre)
    assert attendu and {d for d, _ in attendu} == {"44"}
    assert en_dict(photographie_courante(perimetre)) == attendu
    reculer_historique(60)
    assert en_dict(photographie_historique(perimetre, PASSE)) == oracle(rows, PASSE, perimetre)


def test_perimetre_entite_pour_un_gestionnaire():
    parc_aleatoire(random.Random(8), n=10)
    entite = Dispositif.objects.first().entite
    perimetre = Perimetre(entites=frozenset({entite.pk}))
    photo = photographie_courante(perimetre)
    assert photo.total().dispositifs == entite.dispositifs.filter(date_fermeture=None).count() + (
        entite.dispositifs.filter(date_fermeture__gt=AUJOURDHUI).count()
    )


def test_un_dispositif_qui_change_de_departement_compte_la_ou_il_etait():
    dispositif = DispositifFactory(departement_id="44", places_autorisees=50)
    reculer_historique(60)
    dispositif.departement_id = "75"
    dispositif.save()
    p44 = Perimetre(departements=frozenset({"44"}))
    p75 = Perimetre(departements=frozenset({"75"}))
    assert photographie(p44, PASSE).total().autorisees == 50
    assert photographie(p75, PASSE).total().autorisees == 0
    assert photographie(p44).total().autorisees == 0
    assert photographie(p75).total().autorisees == 50


def test_avenant_et_fermeture_a_une_date_passee(national):
    """Through the real workflows: an avenant changes the conventionnées from its effective
    date; a closure removes the authorised and open places from its date."""
    dispositif = DispositifFactory(places_autorisees=100)
    GroupeFactory(dispositif=dispositif, places=60)
    debut = AUJOURDHUI - datetime.timedelta(days=400)
    convention = convention_pour(dispositif, places=40, date_debut=debut)
    amener(convention, "signee", national, date_signature=debut)
    convention.refresh_from_db()
    reculer_historique(100)
    avant_avenant = AUJOURDHUI - datetime.timedelta(days=20)
    avenant = avenant_pour(convention, dispositif, 70, AUJOURDHUI - datetime.timedelta(days=5))
    from tests.conventions.factories import pdf
    from workflows.services import executer_transition

    executer_transition(type(avenant), avenant.pk, "valider", national)
    executer_transition(
        type(avenant), avenant.pk, "signer", national, date_signature=AUJOURDHUI, fichier=pdf()
    )
    dispositif.date_fermeture = AUJOURDHUI
    dispositif.save()

    passe = photographie(NATIONAL, avant_avenant).total()
    assert (passe.conventionnees, passe.autorisees, passe.ouvertes) == (40, 100, 60)
    maintenant = photographie(NATIONAL).total()
    assert (maintenant.conventionnees, maintenant.autorisees, maintenant.ouvertes) == (70, 0, 0)


def test_capacites_d_une_page_de_dispositifs():
    a = DispositifFactory(places_autorisees=30)
    b = DispositifFactory(places_autorisees=40)
    FinancementFactory(dispositif=a, exercice=PASSE.year, places_financees=25)
    reculer_historique(60)
    FinancementFactory(dispositif=b, exercice=PASSE.year, places_financees=35)
    resultat = capacites_historiques(PASSE, dispositifs=[a.pk, b.pk], connu_au=PASSE)
    assert resultat[a.pk][2].financees == 25
    assert resultat[b.pk][2].financees == 0  # recorded after that date
    # As known today, b's line of that exercice counts on that date.
    resultat = capacites_historiques(PASSE, dispositifs=[a.pk, b.pk])
    assert (resultat[a.pk][2].financees, resultat[b.pk][2].financees) == (25, 35)


def test_cout_jour_place():
    dispositif = DispositifFactory()
    FinancementFactory(
        dispositif=dispositif,
        exercice=AUJOURDHUI.year,
        places_financees=100,
        montant_annuel=Decimal("1460000"),
    )
    total = photographie_courante(NATIONAL).total()
    jours = 366 if AUJOURDHUI.year % 4 == 0 else 365
    assert total.cout_jour_place(AUJOURDHUI.year) == (Decimal(1460000) / (100 * jours)).quantize(
        Decimal("0.01")
    )


def _requetes(fonction):
    with CaptureQueriesContext(connection) as contexte:
        fonction()
    return len(contexte.captured_queries)


@pytest.mark.parametrize("calcul", ["courant", "historique"])
def test_nombre_de_requetes_independant_du_volume(calcul):
    def calculer():
        if calcul == "courant":
            return photographie_courante(Perimetre(departements=frozenset({"44", "75"})))
        return photographie_historique(Perimetre(departements=frozenset({"44", "75"})), PASSE)

    def creer(n):
        entite = EntiteFactory()
        for i in range(n):
            dispositif = DispositifFactory(entite=entite, departement_id=["44", "75"][i % 2])
            GroupeFactory(dispositif=dispositif)
            FinancementFactory(dispositif=dispositif)
            convention = ConventionFactory(
                entite=entite,
                departement=dispositif.departement,
                etat="en_vigueur",
                date_debut=PASSE - datetime.timedelta(days=30),
                date_signature=PASSE - datetime.timedelta(days=30),
            )
            LigneConvention.objects.create(
                convention=convention, dispositif=dispositif, places_conventionnees=10
            )

    creer(3)
    petit = _requetes(calculer)
    creer(9)
    assert _requetes(calculer) == petit

"""The calls for projects of the story, in the région Pays de la Loire (52):

- CPH in Loire-Atlantique: published, closed, instructed, selection decided, one candidature
  retained and waiting for its convention, one not retained;
- HUDA in the région (44 and 49): closed at its deadline by the scheduled task and in
  instruction: one candidature scored, one admissible to score, one to examine, one inadmissible;
- CADA in Loire-Atlantique: published, deadline in 12 days;
- CAES in Loire-Atlantique: pre-validated by the DDETS 44, waiting for the DREETS 52.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from backoffice.appels.echeances import clore_appels
from backoffice.appels.models import (
    AppelAProjets,
    Candidature,
    CritereSelection,
    RepartitionAppel,
)
from backoffice.appels.services import deposer_candidature
from backoffice.offre.models import EntiteGestionnaire
from workflows.services import executer_transition, journaliser_creation

REGION = "52"
CRITERES = [
    ("Qualité de l'accompagnement social et juridique", 3),
    ("Coût à la place et soutenabilité budgétaire", 2),
    ("Délai d'ouverture des places", 1),
]


def creer_appel(acteur, repartition, **champs):
    """The creation path of the admin form: validated, saved with its split per département and
    its selection criteria, and the first entry of its timeline."""
    appel = AppelAProjets(region_id=REGION, cree_par=acteur, **champs)
    appel.full_clean(exclude=["reference"])
    appel.save()
    for departement, places in repartition.items():
        RepartitionAppel.objects.create(
            appel=appel, departement_id=departement, places_recherchees=places
        )
    for ordre, (libelle, poids) in enumerate(CRITERES):
        CritereSelection.objects.create(appel=appel, libelle=libelle, poids=poids, ordre=ordre)
    journaliser_creation(appel, acteur)
    return appel


class Recit:
    def __init__(self, horloge, acteurs):
        self.horloge = horloge
        self.acteurs = acteurs

    def etape(self, jours, heure=11):
        return self.horloge.etape(self.horloge.il_y_a(jours, heure))

    def transition(self, jours, model, objet, nom, acteur, **params):
        with self.etape(jours):
            return executer_transition(model, objet.pk, nom, acteur, **params)

    def limite(self, jours):
        """Noon, `jours` days ago (negative: ahead)."""
        jour = self.horloge.jour(jours)
        return timezone.make_aware(datetime.datetime.combine(jour, datetime.time(12)))

    def appel(self, acteur, jours, repartition, publication=None, valideur=None, **champs):
        """Create a call `jours` days ago and move it up to its publication (day `publication`)
        or as far as `valideur` is given (None: submitted and pre-validated only)."""
        with self.etape(jours, 9):
            appel = creer_appel(acteur, repartition, **champs)
        self.transition(jours - 2, AppelAProjets, appel, "soumettre", acteur)
        self.transition(jours - 4, AppelAProjets, appel, "pre_valider", acteur)
        if valideur is None:
            return appel
        self.transition(jours - 6, AppelAProjets, appel, "valider", valideur)
        moment = self.horloge.il_y_a(publication, 9)
        return self.transition(
            publication, AppelAProjets, appel, "publier", acteur, maintenant=moment
        )

    def candidature(self, jours, acteur, appel, entite, departement, **champs):
        moment = self.horloge.il_y_a(jours, 15)
        candidature = Candidature(appel=appel, entite=entite, departement_id=departement, **champs)
        with self.horloge.etape(moment):
            return deposer_candidature(acteur, candidature, maintenant=moment)

    def clore(self, jours):
        """The hourly task, an hour after the deadline."""
        moment = self.horloge.il_y_a(jours, 13)
        with self.horloge.etape(moment):
            clore_appels(moment)

    def noter(self, jours, candidature, acteur, notes, avis):
        criteres = candidature.appel.criteres.order_by("ordre")
        return self.transition(
            jours,
            Candidature,
            candidature,
            "instruire",
            acteur,
            commentaire=avis,
            notes={c.pk: Decimal(n) for c, n in zip(criteres, notes, strict=True)},
        )


def _entites(departement, exclure=()):
    """Entités running a dispositif in the département (the vitrine first if it is one)."""
    return list(
        EntiteGestionnaire.objects.filter(dispositifs__departement_id=departement)
        .exclude(pk__in=[e.pk for e in exclure])
        .distinct()
        .order_by("pk")
    )


def raconter(horloge, acteurs, vitrine):
    recit = Recit(horloge, acteurs)
    locales_44 = _entites("44", exclure=[vitrine])
    locales_49 = _entites("49")
    if len(locales_44) < 3 or len(locales_49) < 2:
        return
    appel_cph(recit, acteurs, locales_44)
    appel_huda(recit, acteurs, vitrine, locales_44, locales_49)
    appel_cada(recit, acteurs)
    appel_caes(recit, acteurs)


def appel_cph(recit, acteurs, entites):
    ddets44 = acteurs.ddets44
    appel = recit.appel(
        ddets44,
        170,
        {"44": 40},
        publication=150,
        valideur=acteurs.dreets52,
        titre="Création de 40 places de CPH en Loire-Atlantique",
        type_dispositif_id="CPH",
        places_recherchees=40,
        cout_journalier_cible=Decimal("25.00"),
        date_publication=recit.horloge.jour(150),
        date_limite=recit.limite(90),
        description="Centres provisoires d'hébergement pour bénéficiaires de la protection "
        "internationale : accompagnement vers l'emploi et le logement.",
    )
    retenue = recit.candidature(
        120,
        ddets44,
        appel,
        entites[0],
        "44",
        nom_projet="CPH de l'estuaire – Saint-Nazaire",
        places_proposees=35,
        communes="Saint-Nazaire, Montoir-de-Bretagne",
        cout_journalier=Decimal("24.60"),
        description="35 places en appartements diffus, partenariat avec la mission locale.",
    )
    ecartee = recit.candidature(
        100,
        ddets44,
        appel,
        entites[1],
        "44",
        nom_projet="CPH Rezé",
        places_proposees=30,
        communes="Rezé",
        cout_journalier=Decimal("27.90"),
        description="30 places en collectif.",
    )
    recit.clore(90)
    recit.transition(85, type(appel), appel, "ouvrir_instruction", ddets44)
    for candidature in (retenue, ecartee):
        recit.transition(80, Candidature, candidature, "declarer_recevable", ddets44)
    recit.noter(60, retenue, ddets44, ["16", "15", "14"], "Projet solide, logements identifiés.")
    recit.noter(60, ecartee, ddets44, ["12", "9", "11"], "Coût élevé, calendrier incertain.")
    recit.transition(
        20,
        Candidature,
        retenue,
        "retenir",
        acteurs.dreets52,
        commentaire="Retenue pour 30 places (crédits disponibles).",
        places_retenues=30,
    )
    recit.transition(
        20,
        Candidature,
        ecartee,
        "ne_pas_retenir",
        acteurs.dreets52,
        commentaire="Coût à la place supérieur à la cible de l'appel.",
    )
    recit.transition(18, type(appel), appel, "arreter_selection", acteurs.dreets52)


def appel_huda(recit, acteurs, vitrine, locales_44, locales_49):
    dreets52, ddets44 = acteurs.dreets52, acteurs.ddets44
    appel = recit.appel(
        dreets52,
        95,
        {"44": 70, "49": 50},
        publication=75,
        valideur=dreets52,
        titre="Hébergement d'urgence des demandeurs d'asile : 120 places en Pays de la Loire",
        type_dispositif_id="HUDA",
        places_recherchees=120,
        cout_journalier_cible=Decimal("17.00"),
        date_publication=recit.horloge.jour(75),
        date_limite=recit.limite(25),
        description="Places d'HUDA en Loire-Atlantique (70) et en Maine-et-Loire (50).",
    )
    notee = recit.candidature(
        55,
        acteurs.gestionnaire,
        appel,
        vitrine,
        "44",
        nom_projet="HUDA Nantes Nord",
        places_proposees=30,
        communes="Nantes, Orvault",
        cout_journalier=Decimal("16.80"),
        description="30 places en appartements partagés, ouverture sous deux mois.",
    )
    a_noter = recit.candidature(
        45,
        ddets44,
        appel,
        locales_44[2],
        "44",
        nom_projet="HUDA Saint-Herblain",
        places_proposees=40,
        communes="Saint-Herblain",
        cout_journalier=Decimal("17.20"),
        description="40 places dans une ancienne résidence hôtelière réhabilitée.",
    )
    recit.candidature(
        30,
        dreets52,
        appel,
        locales_49[0],
        "49",
        nom_projet="HUDA Angers Belle-Beille",
        places_proposees=25,
        communes="Angers",
        cout_journalier=Decimal("16.90"),
        description="25 places en diffus.",
    )
    incomplete = recit.candidature(
        27,
        dreets52,
        appel,
        locales_49[1],
        "49",
        nom_projet="HUDA Saumur",
        places_proposees=20,
        communes="Saumur",
        cout_journalier=Decimal("18.40"),
        description="20 places en collectif.",
    )
    recit.clore(25)
    recit.transition(22, AppelAProjets, appel, "ouvrir_instruction", dreets52)
    for candidature in (notee, a_noter):
        recit.transition(18, Candidature, candidature, "declarer_recevable", ddets44)
    recit.transition(
        17,
        Candidature,
        incomplete,
        "declarer_irrecevable",
        dreets52,
        commentaire="Dossier incomplet : budget prévisionnel manquant.",
    )
    recit.noter(10, notee, ddets44, ["15", "16", "17"], "Ouverture rapide, coût maîtrisé.")


def appel_cada(recit, acteurs):
    recit.appel(
        acteurs.ddets44,
        35,
        {"44": 60},
        publication=20,
        valideur=acteurs.dreets52,
        titre="Création de 60 places de CADA en Loire-Atlantique",
        type_dispositif_id="CADA",
        places_recherchees=60,
        cout_journalier_cible=Decimal("19.50"),
        date_publication=recit.horloge.jour(20),
        date_limite=recit.limite(-12),
        description="Extension ou création de CADA, en diffus ou en collectif, hors Nantes "
        "métropole de préférence.",
    )


def appel_caes(recit, acteurs):
    recit.appel(
        acteurs.ddets44,
        12,
        {"44": 50},
        titre="Centre d'accueil et d'examen des situations : 50 places en Loire-Atlantique",
        type_dispositif_id="CAES",
        places_recherchees=50,
        cout_journalier_cible=Decimal("25.00"),
        date_publication=recit.horloge.jour(-30),
        date_limite=recit.limite(-75),
        description="Un CAES de 50 places à proximité de la gare de Nantes.",
    )

"""Every list with a search box finds "Hébergement L'Étape de Châteaubriant" when one types
`hebergement`, `chateaubriant` or `l'etape` — on SQLite as on PostgreSQL — and leaves out a row
that holds none of these words.

The accented words sit in the model's own field or in the related object the list searches
(a financement is found by its dispositif's name). Only pages are used: these tests run
unchanged against any implementation of the search.
"""

import datetime
from decimal import Decimal

import pytest
from django.urls import get_resolver, reverse
from django.utils import timezone
from wagtail.admin.viewsets import viewsets
from wagtail.admin.viewsets.chooser import ChooserViewSet

from backoffice.acces.roles import Role
from backoffice.appels.models import Candidature
from backoffice.conventions.models import Avenant
from backoffice.evaluations.models import Evaluation
from backoffice.occupation.models import Occupation
from backoffice.offre.models import Nature, TypeDispositif
from backoffice.qualite.models import Anomalie
from backoffice.schemas.models import (
    ActionSchema,
    CampagneEvaluation,
    Objectif,
    SchemaRegional,
    Thematique,
)
from backoffice.signalements.models import Signalement
from backoffice.territoires.models import Departement, Region, Siao
from imports.models import ImportTemps1
from tests.appels.factories import AppelFactory
from tests.controle.factories import nouveau_controle
from tests.conventions.factories import ConventionFactory
from tests.demandes.factories import DemandeFactory
from tests.evaluations.outils import essms
from tests.factories import (
    DispositifFactory,
    EntiteFactory,
    FinancementFactory,
    GroupeFactory,
    UserFactory,
    affecter,
)

PHRASE = "Hébergement L'Étape de Châteaubriant"
TEMOIN = "Foyer des Tilleuls"
SAISIES = ["hebergement", "chateaubriant", "l'etape"]


def _paire(fabrique):
    return fabrique(PHRASE, 1), fabrique(TEMOIN, 2)


def _schema(texte, rang):
    return SchemaRegional.objects.create(
        region_id="52", titre=texte, annee_debut=2000 + 3 * rang, annee_fin=2001 + 3 * rang
    )


def _objectif(texte, rang):
    return Objectif.objects.create(schema=_schema(f"Schéma {rang}", rang), numero=1, libelle=texte)


def _thematique(texte, rang):
    return Thematique.objects.create(objectif=_objectif(f"Objectif {rang}", rang), libelle=texte)


def _candidature(texte, rang):
    entite = EntiteFactory()
    return Candidature.objects.create(
        appel=AppelFactory(),
        entite=entite,
        departement_id="44",
        nom_projet=texte,
        places_proposees=10,
        communes="Nantes",
        cout_journalier=Decimal("19.00"),
    )


def _anomalie(texte, rang):
    maintenant = timezone.now()
    return Anomalie.objects.create(
        regle=Anomalie._meta.get_field("regle").choices[0][0],
        severite=Anomalie._meta.get_field("severite").choices[0][0],
        departement_id="44",
        dispositif=DispositifFactory(nom=texte),
        cle=f"essai-recherche-{rang}",
        message="Constat d'essai",
        detectee_le=maintenant,
        vue_le=maintenant,
    )


def _affectation(texte, rang):
    utilisateur = UserFactory(username=f"personne{rang}@example.gouv.fr", last_name=texte)
    return affecter(utilisateur, Role.LECTEUR, departements=["44"])


def _import(texte, rang):
    return ImportTemps1.objects.create(
        fichier=f"imports/temps1/essai-{rang}.xlsx", nom_fichier=f"{texte}.xlsx"
    )


CAS = {
    "entite": lambda: _paire(lambda t, r: EntiteFactory(raison_sociale=t)),
    "dispositif": lambda: _paire(lambda t, r: DispositifFactory(nom=t)),
    "groupe": lambda: _paire(lambda t, r: GroupeFactory(libelle=t)),
    "financement": lambda: _paire(lambda t, r: FinancementFactory(dispositif__nom=t)),
    "financement_sans_convention": lambda: _paire(
        lambda t, r: FinancementFactory(dispositif__nom=t)
    ),
    "nature": lambda: _paire(
        lambda t, r: Nature.objects.create(code=f"ESSAI{r}", libelle=t, ordre=90 + r)
    ),
    "typedispositif": lambda: _paire(
        lambda t, r: TypeDispositif.objects.create(code=f"ESSAI{r}", nature_id="DNA", libelle=t)
    ),
    "region": lambda: _paire(lambda t, r: Region.objects.create(code=f"9{r}", nom=t)),
    "departement": lambda: _paire(
        lambda t, r: Departement.objects.create(code=f"99{r}", nom=t, region_id="52")
    ),
    "siao": lambda: _paire(lambda t, r: Siao.objects.create(nom=t)),
    "affectation": lambda: _paire(_affectation),
    "demande": lambda: _paire(
        lambda t, r: DemandeFactory(donnees_dispositif={"nom": t, "commune": "Nantes"})
    ),
    "convention": lambda: _paire(lambda t, r: ConventionFactory(intitule=t)),
    "avenant": lambda: _paire(
        lambda t, r: Avenant.objects.create(
            convention=ConventionFactory(), objet=t, date_effet=datetime.date(2026, 1, 1)
        )
    ),
    "appel": lambda: _paire(lambda t, r: AppelFactory(titre=t)),
    "candidature": lambda: _paire(_candidature),
    "anomalie": lambda: _paire(_anomalie),
    "schema": lambda: _paire(_schema),
    "objectif": lambda: _paire(_objectif),
    "thematique": lambda: _paire(_thematique),
    "action_schema": lambda: _paire(
        lambda t, r: ActionSchema.objects.create(
            thematique=_thematique(f"Thématique {r}", r), libelle=t
        )
    ),
    "campagne": lambda: _paire(
        lambda t, r: CampagneEvaluation.objects.create(
            schema=_schema(f"Schéma {r}", r), libelle=t, date=datetime.date(2024, 6, 1)
        )
    ),
    "import_temps1": lambda: _paire(_import),
    # The control phase: each row found by its dispositif's name.
    "occupation": lambda: _paire(
        lambda t, r: Occupation.objects.create(
            dispositif=DispositifFactory(nom=t),
            mois=datetime.date(2026, 1, 1),
            places_en_service=10,
            places_occupees=9,
        )
    ),
    "signalement": lambda: _paire(
        lambda t, r: Signalement.objects.create(
            dispositif=DispositifFactory(nom=t),
            categorie="sinistre",
            date_evenement=datetime.date(2026, 1, 1),
            faits="Dégât des eaux",
            mesures_prises="Relogement",
        )
    ),
    "controle": lambda: _paire(lambda t, r: nouveau_controle(DispositifFactory(nom=t))),
    "evaluation": lambda: _paire(
        lambda t, r: Evaluation.objects.filter(dispositif=essms(nom=t)).first()
    ),
}


def test_chaque_liste_avec_recherche_a_son_cas():
    """Every listing with a search box has its case here; the choosers' modals search
    through the same function and have their own accent cases in tests/choix/."""
    assert get_resolver().url_patterns  # loading the URLs registers the admin viewsets
    avec_recherche = {
        viewset.url_namespace
        for viewset in viewsets.viewsets
        if not isinstance(viewset, ChooserViewSet)
        and isinstance(getattr(viewset, "search_fields", None), (list, tuple))
        and viewset.search_fields
    }
    assert avec_recherche == set(CAS)


@pytest.mark.parametrize("liste", sorted(CAS))
def test_recherche_sans_accents(client, national, liste):
    cible, temoin = CAS[liste]()
    client.force_login(national)
    for saisie in SAISIES:
        reponse = client.get(reverse(f"{liste}:index"), {"q": saisie})
        assert reponse.status_code == 200
        trouves = {objet.pk for objet in reponse.context["object_list"]}
        assert cible.pk in trouves, saisie
        assert temoin.pk not in trouves, saisie

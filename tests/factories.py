"""factory_boy factories for the domain. SIREN/SIRET are generated with valid check digits."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone
from stdnum import luhn

from backoffice.acces.models import AffectationRole
from backoffice.acces.roles import Portee, Role
from backoffice.offre import models as offre
from backoffice.territoires.models import Departement, Region, Siao


def siren_valide(n):
    base = f"{(n * 7919) % 10**8:08d}"
    return base + luhn.calc_check_digit(base)


def siret_valide(siren, n=1):
    base = f"{siren}{n:04d}"
    return base + luhn.calc_check_digit(base)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}@example.gouv.fr")
    email = factory.LazyAttribute(lambda o: o.username)
    first_name = "Camille"
    last_name = factory.Sequence(lambda n: f"Martin{n}")
    password = factory.PostGenerationMethodCall("set_password", "mot-de-passe-de-test-1")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def departement(code):
    return Departement.objects.get(code=code)


class EntiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = offre.EntiteGestionnaire

    raison_sociale = factory.Sequence(lambda n: f"Association Accueil {n}")
    siren = factory.Sequence(lambda n: siren_valide(n + 1))
    statut_juridique = "association"
    commune = "Nantes"
    code_postal = "44000"
    departement = factory.LazyFunction(lambda: departement("44"))


class DispositifFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = offre.Dispositif
        skip_postgeneration_save = True

    nom = factory.Sequence(lambda n: f"CADA Les Tilleuls {n}")
    entite = factory.SubFactory(EntiteFactory)
    type = factory.LazyFunction(lambda: offre.TypeDispositif.objects.get(code="CADA"))
    departement = factory.LazyFunction(lambda: departement("44"))
    commune = "Nantes"
    code_postal = "44000"
    public = "familles"
    mode_hebergement = "diffus"
    places_autorisees = 80
    date_ouverture = datetime.date(2015, 1, 1)

    class Params:
        # Common states, dated from today: open since 2015 (the default), closed yesterday,
        # opening in a month.
        ouvert = factory.Trait(date_ouverture=datetime.date(2015, 1, 1), date_fermeture=None)
        ferme = factory.Trait(
            date_fermeture=factory.LazyFunction(
                lambda: timezone.localdate() - datetime.timedelta(days=1)
            )
        )
        a_venir = factory.Trait(
            date_ouverture=factory.LazyFunction(
                lambda: timezone.localdate() + datetime.timedelta(days=30)
            )
        )


class GroupeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = offre.GroupeDePlaces

    dispositif = factory.SubFactory(DispositifFactory)
    libelle = factory.Sequence(lambda n: f"Appartements diffus {n}")
    places = 40
    public = "familles"
    mode_hebergement = "diffus"
    commune = "Nantes"


class FinancementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = offre.Financement

    dispositif = factory.SubFactory(DispositifFactory)
    exercice = factory.LazyFunction(offre.exercice_courant)
    programme = factory.LazyFunction(lambda: offre.Programme.objects.get(code="P303"))
    action = "02"
    service_financeur = "DDETS"
    mode = "dgf"
    places_financees = 80
    montant_annuel = 569_400


def affecter(user, role, *, departements=(), region=None, siao=None, entite=None, national=False):
    """Give `user` a role with its perimeter (the portée follows from what is given)."""
    if national or role == Role.NATIONAL:
        portee = Portee.NATIONALE
    elif region:
        portee = Portee.REGION
    elif siao:
        portee = Portee.SIAO
    elif entite:
        portee = Portee.ENTITE
    else:
        portee = Portee.DEPARTEMENTS
    affectation = AffectationRole.objects.create(
        utilisateur=user,
        role=role,
        portee=portee,
        region=Region.objects.get(code=region) if isinstance(region, str) else region,
        siao=siao,
        entite=entite,
    )
    if departements:
        affectation.departements.set(Departement.objects.filter(code__in=departements))
    for attr in ("_affectations_cache", "_role_perm_cache", "_perm_cache"):
        if hasattr(user, attr):
            delattr(user, attr)
    return affectation


def siao_de(code):
    return Siao.objects.filter(departements__code=code).first()

"""Bounds of every figure people type (years, places, amounts, costs, scores, weights, ranks): a
validator with a French message in the forms, and a check constraint in the database.

The incident behind it: an avenant with the exercice 195000 was accepted, validated, then could
be neither signed nor abandoned."""

import datetime
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.urls import reverse

from backoffice.conventions.models import Avenant, MontantAvenant
from backoffice.offre.models import Financement
from tests.acces.outils import donnees_formulaire, formulaire_de
from tests.conventions.factories import amener, convention_pour, jours
from tests.factories import DispositifFactory, FinancementFactory, GroupeFactory

pytestmark = pytest.mark.django_db

APPLICATIONS = {
    "offre",
    "conventions",
    "appels",
    "demandes",
    "schemas",
    "qualite",
    "imports",
    "acces",
    "territoires",
}
# Technical figures nobody types: counters drawn under a lock, an avenant's rank, a file's size,
# an import job's progress.
TECHNIQUES = {
    ("imports", "importtemps1", "progression"),
    ("offre", "compteurcode", "dernier"),
    ("conventions", "compteur", "dernier"),
    ("conventions", "avenant", "numero"),
    ("demandes", "piecejointe", "taille"),
}
CHIFFRES = (models.IntegerField, models.DecimalField, models.FloatField)


def champs_chiffres():
    for modele in apps.get_models():
        meta = modele._meta
        if meta.app_label not in APPLICATIONS or modele.__name__.startswith("Historical"):
            continue
        for champ in meta.concrete_fields:
            if (
                isinstance(champ, CHIFFRES)
                and not isinstance(champ, models.AutoField)
                and not champ.is_relation
                and (meta.app_label, meta.model_name, champ.name) not in TECHNIQUES
            ):
                yield pytest.param(modele, champ, id=f"{meta.label_lower}.{champ.name}")


def _conditions(modele, champ):
    """The check constraints of the model whose condition bounds `champ` from above."""
    trouvees = []
    for contrainte in modele._meta.constraints:
        if not isinstance(contrainte, models.CheckConstraint):
            continue
        if {f"{champ.name}__lte", f"{champ.name}__lt"} & set(_lookups(contrainte.condition)):
            trouvees.append(contrainte)
    return trouvees


def _lookups(condition):
    for enfant in condition.children:
        if isinstance(enfant, Q):
            yield from _lookups(enfant)
        else:
            yield enfant[0]


def _borne(champ, classe):
    return next((v.limit_value for v in champ.validators if isinstance(v, classe)), None)


@pytest.mark.parametrize(("modele", "champ"), list(champs_chiffres()))
def test_chaque_chiffre_est_borne(modele, champ):
    maximum = _borne(champ, MaxValueValidator)
    minimum = _borne(champ, MinValueValidator)
    assert maximum is not None, "pas de maximum dans le formulaire"
    assert minimum is not None, "pas de minimum dans le formulaire"
    # Django's own range validators (the database's integer range) do not count: ours say why,
    # in French.
    messages = [
        v.message for v in champ.validators if isinstance(v, MinValueValidator | MaxValueValidator)
    ]
    assert all(isinstance(m, str) and m.endswith(".") for m in messages), messages
    contraintes = _conditions(modele, champ)
    assert contraintes, "pas de contrainte en base"
    # The database refuses the value just above the bound (the constraint's own check, with
    # every other field empty: a value out of bounds is refused whatever they are).
    instance = modele(**{champ.attname: maximum + 1})
    erreurs = []
    for contrainte in contraintes:
        try:
            contrainte.validate(modele, instance)
        except ValidationError as exc:
            erreurs.append(exc)
    assert erreurs, "la contrainte laisse passer une valeur hors bornes"


# ---------------------------------------------------------------------------------------------
# The database refuses what no form would have let through
# ---------------------------------------------------------------------------------------------


@pytest.fixture
def convention_signee(national, dispositif44):
    return amener(convention_pour(dispositif44, places=50), "signee", national)


def test_exercice_d_un_avenant_refuse_en_base(convention_signee):
    avenant = Avenant.objects.create(
        convention=convention_signee, objet="Extension", date_effet=jours(20)
    )
    # 2150: out of the bounds, inside a smallint (PostgreSQL would refuse 195000 for its type
    # before the constraint is read).
    with pytest.raises(IntegrityError), transaction.atomic():
        MontantAvenant.objects.create(avenant=avenant, exercice=2150, montant=1000)


@pytest.mark.parametrize(
    ("fabrique", "valeurs"),
    [
        (DispositifFactory, {"places_autorisees": 100_001}),
        (GroupeFactory, {"places": 100_001}),
        (FinancementFactory, {"montant_annuel": Decimal("1000000000.01")}),
        (FinancementFactory, {"places_financees": 100_001}),
    ],
)
def test_valeurs_hors_bornes_refusees_en_base(fabrique, valeurs):
    with pytest.raises(IntegrityError), transaction.atomic():
        fabrique(**valeurs)


@pytest.mark.parametrize(
    ("fabrique", "champ", "valeur", "message"),
    [
        (
            FinancementFactory.build,
            "exercice",
            20255,
            "L'exercice doit être une année entre 2000 et 2100.",
        ),
        (
            FinancementFactory.build,
            "montant_annuel",
            Decimal("5690000000"),
            "Plus d'un milliard d'euros par an : vérifiez la saisie.",
        ),
        (
            DispositifFactory.build,
            "places_autorisees",
            800_000,
            "Plus de 100\u202f000 places : vérifiez la saisie.",
        ),
    ],
)
def test_message_en_francais(fabrique, champ, valeur, message):
    objet = fabrique(**{champ: valeur})
    with pytest.raises(ValidationError) as erreur:
        objet.clean_fields()
    assert message in erreur.value.message_dict[champ]


# ---------------------------------------------------------------------------------------------
# The incident, through the avenant form
# ---------------------------------------------------------------------------------------------


def test_formulaire_d_avenant_refuse_l_exercice_195000(
    client, ddets44, convention_signee, dispositif44, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    client.force_login(ddets44)
    url = reverse("avenant:add") + f"?convention={convention_signee.pk}"
    form = formulaire_de(client, url)
    data = donnees_formulaire(form)
    data.update(
        {
            "convention": str(convention_signee.pk),
            "objet": "Revalorisation",
            "date_effet": (convention_signee.date_debut + datetime.timedelta(days=30)).isoformat(),
            f"{form.formsets['montants'].prefix}-TOTAL_FORMS": "1",
            f"{form.formsets['montants'].prefix}-0-exercice": "195000",
            f"{form.formsets['montants'].prefix}-0-montant": "250000",
        }
    )
    reponse = client.post(url, data)
    assert reponse.status_code == 200
    assert "L&#x27;exercice doit être une année entre 2000 et 2100." in reponse.content.decode()
    assert not Avenant.objects.exists()


def test_migration_arretee_par_des_donnees_hors_bornes(dispositif44):
    """Existing rows breaking a bound a migration adds: the migration stops and lists them, in
    French, instead of a bare database error."""
    from django.db import migrations

    from backoffice.bornes import verification_prealable

    contrainte = models.CheckConstraint(
        condition=Q(places_autorisees__lte=10),
        name="essai_places",
        violation_error_message="Au plus 10 places.",
    )
    etape = verification_prealable(
        "offre", [migrations.AddConstraint(model_name="dispositif", constraint=contrainte)]
    )
    with pytest.raises(RuntimeError) as erreur:
        etape.code(apps, None)
    assert f"dispositif n° {dispositif44.pk} : Au plus 10 places." in str(erreur.value)


def test_contrainte_de_bornes_verifiee_sans_requete(dispositif44, django_assert_num_queries):
    """A model's full_clean checks the bounds constraints in Python (Django would run one query
    and a savepoint per constraint and per save), with the constraint's French message; the
    database still refuses the value on any other path."""
    (contrainte,) = [
        c for c in Financement._meta.constraints if c.name == "financement_exercice_plausible"
    ]
    financement = FinancementFactory.build(dispositif=dispositif44, exercice=195000)
    with django_assert_num_queries(0), pytest.raises(ValidationError) as erreur:
        contrainte.validate(Financement, financement)
    assert erreur.value.messages == ["L'exercice doit être une année entre 2000 et 2100."]

    financement.exercice = 2026
    with django_assert_num_queries(0):
        contrainte.validate(Financement, financement)
    contrainte.validate(Financement, financement, exclude={"exercice"})

    financement.exercice = 2150  # out of the bounds, inside a smallint (PostgreSQL)
    with pytest.raises(IntegrityError), transaction.atomic():
        financement.save()

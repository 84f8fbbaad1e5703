"""Import jobs, one model for every file format (`nature`: a Temps 1 workbook, an OFII DN@
occupancy extract): the uploaded file kept as sent, who filed it with which perimeter, the
analysis report, the annotated copy, and the state of the job. The class keeps its first name
(ImportTemps1): renaming it would rename its table, its permissions and every role's rights."""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from backoffice.acces.perimetres import reference
from backoffice.grammaire import MASCULIN
from backoffice.recherche.modeles import Recherchable
from backoffice.territoires.models import Departement


class EtatImport(models.TextChoices):
    DEPOSEE = "deposee", "Déposé"
    EN_ANALYSE = "en_analyse", "Analyse en cours"
    ANALYSEE = "analysee", "Analysé, prêt à appliquer"
    EN_ERREUR = "en_erreur", "Erreurs à corriger"
    EN_APPLICATION = "en_application", "Application en cours"
    APPLIQUEE = "appliquee", "Appliqué"
    ECHEC = "echec", "Échec de l'application"


class NatureImport(models.TextChoices):
    TEMPS1 = "temps1", "Classeur Temps 1"
    OCCUPATION = "occupation", "Occupation DN@ (OFII)"


EN_COURS = {EtatImport.DEPOSEE, EtatImport.EN_ANALYSE, EtatImport.EN_APPLICATION}
# A national file is analysed in ~7 s and applied in ~15 s (docs/temps1.md): a job in progress
# untouched for this long is waiting for a worker that does not run.
SANS_NOUVELLES_APRES = datetime.timedelta(minutes=10)


class ImportTemps1(Recherchable):
    Etat = EtatImport
    Nature = NatureImport
    champs_recherche = ("nom_fichier",)

    nature = models.CharField(
        "nature", max_length=20, choices=NatureImport.choices, default=NatureImport.TEMPS1
    )
    fichier = models.FileField("fichier déposé", upload_to="imports/temps1/%Y/%m/", max_length=255)
    nom_fichier = models.CharField("nom du fichier", max_length=255)
    deposant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="imports_temps1",
        verbose_name="déposant",
    )
    cree_le = models.DateTimeField("déposé le", auto_now_add=True)
    modifie_le = models.DateTimeField("modifié le", auto_now=True)
    perimetre_libelle = models.CharField("périmètre du déposant", max_length=255, blank=True)
    # The départements of the filer's perimeter when filing: an import is visible to the
    # accounts whose perimeter covers one of them (acces.perimetres), national ones see all.
    departements = models.ManyToManyField(
        Departement, blank=True, related_name="+", verbose_name="départements du périmètre"
    )
    etat = models.CharField("état", max_length=20, choices=Etat.choices, default=Etat.DEPOSEE)
    progression = models.PositiveSmallIntegerField(
        "progression (%)", default=0, validators=[MaxValueValidator(100)]
    )
    rapport = models.JSONField("rapport", default=dict, blank=True)
    message_echec = models.TextField("message d'échec", blank=True)
    fichier_annote = models.FileField(
        "fichier annoté",
        upload_to="imports/temps1/annotes/%Y/%m/",
        max_length=255,
        null=True,
        blank=True,
    )
    applique_le = models.DateTimeField("appliqué le", null=True, blank=True)

    genre_grammatical = MASCULIN

    class Meta:
        verbose_name = "import de fichier"
        verbose_name_plural = "imports de fichiers"
        ordering = ["-cree_le", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(etat__in=EtatImport.values), name="import_temps1_etat_valide"
            ),
            models.CheckConstraint(
                condition=Q(progression__lte=100), name="import_temps1_progression_0_100"
            ),
            models.CheckConstraint(
                condition=Q(nature__in=NatureImport.values), name="import_nature_valide"
            ),
        ]

    def __str__(self):
        return self.libelle

    @classmethod
    def q_perimetre(cls, perimetre, prefixe=""):
        # Seen by the accounts covering a département of its filer's perimeter at filing time
        # (`departements`); national imports by national accounts only.
        couverts = cls.departements.through.objects.filter(
            importtemps1_id=OuterRef(reference(prefixe)),
            departement_id__in=perimetre.departements,
        )
        return Q(Exists(couverts))

    @property
    def libelle(self):
        """How history entries name the import (change reason of every object it writes)."""
        if self.nature == NatureImport.OCCUPATION:
            return f"Import d'occupation DN@ n° {self.pk} ({self.nom_fichier})"
        return f"Import Temps 1 n° {self.pk} ({self.nom_fichier})"

    @property
    def en_cours(self):
        """Filed, being analysed or being applied: its page keeps polling."""
        return self.etat in EN_COURS

    @property
    def sans_nouvelles(self):
        """In progress but untouched for too long: waiting for a worker that does not run."""
        return self.en_cours and timezone.now() - self.modifie_le > SANS_NOUVELLES_APRES

    @property
    def applicable(self):
        """Its state lets it be confirmed (the perimeter is the caller's business)."""
        return self.etat == EtatImport.ANALYSEE


def imports_a_reprendre(imports):
    """The imports of `imports` (a queryset, already scoped) in error or failed that no later
    applied import of the same perimeter (same départements; none = national) has replaced:
    those still waiting for a corrected file. A fixed number of queries."""
    echoues = list(
        imports.filter(etat__in=[EtatImport.EN_ERREUR, EtatImport.ECHEC]).prefetch_related(
            "departements"
        )
    )
    if not echoues:
        return []
    appliques = ImportTemps1.objects.filter(
        etat=EtatImport.APPLIQUEE, cree_le__gt=min(i.cree_le for i in echoues)
    ).prefetch_related("departements")

    def perimetre(import_):
        # A DN@ extract does not replace a Temps 1 workbook, nor the reverse.
        return import_.nature, frozenset(d.pk for d in import_.departements.all())

    dernier_applique = {}
    for applique in appliques:
        cle = perimetre(applique)
        dernier_applique[cle] = max(dernier_applique.get(cle, applique.cree_le), applique.cree_le)
    return [
        import_
        for import_ in echoues
        if not (
            (remplace_le := dernier_applique.get(perimetre(import_)))
            and remplace_le > import_.cree_le
        )
    ]

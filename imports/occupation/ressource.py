"""The DN@ occupancy extract as a django-import-export `ModelResource`.

The library does the row loop, the per-cell widgets, the collection of every row's errors
(`Result.invalid_rows`, nothing stops at the first) and the bulk writes. What the national
volume needs is read once for the whole file instead of once per row (the library's defaults
query for each row: 15,000 rows would be 45,000 queries): the dispositifs by DNA code, the
rows already imported for the file's months, and the perimeter. Checks that span rows
(duplicates) or the user (perimeter) are added to the row's errors in `import_instance`; the
rules of a row itself are the model's (`Occupation.clean`).
"""

from django.core.exceptions import ValidationError
from import_export import fields, resources
from import_export.results import RowResult

from backoffice.occupation.models import CHAMPS_NOMBRES, Occupation

from .colonnes import PAR_CLE
from .lecture import LIGNE
from .valeurs import DispositifWidget, EntierWidget, MoisWidget

CHAMPS_COMPARES = ("places_en_service", *CHAMPS_NOMBRES[1:])


class ResultatDeLigne(RowResult):
    """The library names each row's object with `str(instance)`, which reads its dispositif:
    one query per row. The id is enough for a report nobody renders row by row."""

    def add_instance_info(self, instance):
        self.object_id = instance.pk
        self.object_repr = f"{instance.dispositif_id} {instance.mois}"


class OccupationResource(resources.ModelResource):
    """`contexte`: a `ContexteImport` (lookups read once, the perimeter, the import job)."""

    def __init__(self, contexte):
        self.contexte = contexte
        super().__init__()
        self.fields["dispositif"].widget = DispositifWidget(contexte.par_code)
        self.fields["mois"].widget = MoisWidget()  # today's month, read now
        self.vues = {}  # (dispositif id, mois) → Excel row that brought it first
        self.ligne = None

    dispositif = fields.Field(attribute="dispositif_id", column_name="dispositif")
    mois = fields.Field(attribute="mois", column_name="mois", widget=MoisWidget())
    places_en_service = fields.Field(
        attribute="places_en_service", column_name="places_en_service", widget=EntierWidget()
    )
    places_occupees = fields.Field(
        attribute="places_occupees", column_name="places_occupees", widget=EntierWidget()
    )
    presence_indue_refugies = fields.Field(
        attribute="presence_indue_refugies",
        column_name="presence_indue_refugies",
        widget=EntierWidget(obligatoire=False),
    )
    presence_indue_deboutes = fields.Field(
        attribute="presence_indue_deboutes",
        column_name="presence_indue_deboutes",
        widget=EntierWidget(obligatoire=False),
    )
    places_vacantes = fields.Field(
        attribute="places_vacantes",
        column_name="places_vacantes",
        widget=EntierWidget(obligatoire=False),
    )
    places_indisponibles = fields.Field(
        attribute="places_indisponibles",
        column_name="places_indisponibles",
        widget=EntierWidget(obligatoire=False),
    )

    class Meta:
        model = Occupation
        fields = ("dispositif", "mois", *CHAMPS_NOMBRES)
        import_id_fields = ("dispositif", "mois")
        use_bulk = True
        batch_size = 1000
        skip_diff = True  # no HTML diff of 15,000 rows nobody reads
        clean_model_instances = False  # validate_instance below: the model's clean, no query
        report_skipped = False

    @classmethod
    def get_row_result_class(cls):
        return ResultatDeLigne

    # --- one read for the whole file -------------------------------------------------------

    def before_import_row(self, row, **kwargs):
        self.ligne = row.get(LIGNE)

    def get_instance(self, instance_loader, row):
        """The row already imported for the same (dispositif, mois), or None; a wrong cell is
        reported by import_instance with the other cells' errors."""
        try:
            cle = (self.fields["dispositif"].clean(row), self.fields["mois"].clean(row))
        except (ValueError, KeyError):
            return None
        return self.contexte.existantes.get(cle)

    def init_instance(self, row=None):
        return Occupation(import_source=self.contexte.import_)

    def import_instance(self, instance, row, **kwargs):
        erreurs = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as exc:
            erreurs = exc.update_error_dict(erreurs)
        if not {"dispositif_id", "mois"} & erreurs.keys():
            cle = (instance.dispositif_id, instance.mois)
            if cle in self.vues:
                erreurs["dispositif_id"] = [
                    f"Ligne en double : ce dispositif a déjà une ligne pour {instance.mois:%m/%Y} "
                    f"(ligne {self.vues[cle]})."
                ]
            else:
                self.vues[cle] = self.ligne
            if not self.contexte.dans_le_perimetre(instance.dispositif_id):
                erreurs.setdefault("dispositif_id", []).append(
                    "Ce dispositif n'est pas dans votre périmètre : seule sa DDETS (ou un "
                    "compte national) peut importer son occupation."
                )
        instance.import_source = self.contexte.import_
        instance.importe_le = self.contexte.maintenant
        if erreurs:
            raise ValidationError(erreurs)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        """Unchanged: an existing row whose every count is the same."""
        if import_validation_errors or instance.pk is None:
            return False
        avant = self.contexte.valeurs_existantes.get(instance.pk)
        return avant == tuple(getattr(instance, c) for c in CHAMPS_COMPARES)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """The model's own rules (`Occupation.clean`), without the per-row queries of
        `full_clean` (the foreign key, the unique constraint: both checked above)."""
        erreurs = dict(import_validation_errors or {})
        try:
            instance.clean()
        except ValidationError as exc:
            erreurs = exc.update_error_dict(erreurs)
        if erreurs:
            raise ValidationError(erreurs)

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        """A dry run (the analysis) writes nothing: the library would insert every row then roll
        them back, a third of the analysis's time for no check the rows have not already had
        (the model's rules, duplicates, existing rows: above)."""
        if dry_run:
            self.create_instances.clear()
            return
        super().bulk_create(using_transactions, dry_run, raise_errors, batch_size, result)

    def bulk_update(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        if dry_run:
            self.update_instances.clear()
            return
        super().bulk_update(using_transactions, dry_run, raise_errors, batch_size, result)

    def get_bulk_update_fields(self):
        # The counts, and which import brought them and when (bulk_update skips auto_now).
        return [*CHAMPS_NOMBRES, "import_source", "importe_le"]


def entete_de(cle):
    """The column header of a Resource field, for the messages."""
    colonne = PAR_CLE.get("dispositif" if cle == "dispositif_id" else cle)
    return colonne.entete if colonne else None

"""Migration operations of the `recherche` columns.

`IndexTrigramme`: a GIN trigram index (`pg_trgm`) on PostgreSQL, nothing elsewhere. It is not
declared in `Meta.indexes`: SQLite cannot build a GIN index, and Django re-creates every declared
index whenever it rebuilds an SQLite table (most `AlterField`s), so a declared `GinIndex` would
break later SQLite migrations. The index is therefore invisible to the migration autodetector;
dropping the column drops it.

`remplir_recherche`: the data migration that fills the column of existing rows, from a frozen
list of paths (historical models have no `champs_recherche`).
"""

from django.db import migrations

from .modeles import CHAMP, TAILLE_LOT, ecrire_recherche, texte_recherche


class IndexTrigramme(migrations.operations.base.Operation):
    reversible = True
    reduces_to_sql = True

    def __init__(self, model_name):
        self.model_name = model_name

    def deconstruct(self):
        return (self.__class__.__qualname__, [], {"model_name": self.model_name})

    def state_forwards(self, app_label, state):
        pass

    def _table(self, app_label, schema_editor, state):
        if schema_editor.connection.vendor != "postgresql":
            return None
        modele = state.apps.get_model(app_label, self.model_name)
        if not self.allow_migrate_model(schema_editor.connection.alias, modele):
            return None
        return modele._meta.db_table

    @staticmethod
    def nom_index(table):
        return f"{table}_{CHAMP}_trgm"

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        table = self._table(app_label, schema_editor, to_state)
        if table is None:
            return
        q = schema_editor.quote_name
        # pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it.
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {q(self.nom_index(table))} ON {q(table)} "
            f"USING gin ({q(CHAMP)} gin_trgm_ops)"
        )

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        table = self._table(app_label, schema_editor, from_state)
        if table is not None:
            schema_editor.execute(
                f"DROP INDEX IF EXISTS {schema_editor.quote_name(self.nom_index(table))}"
            )

    def describe(self):
        return f"Index trigramme (PostgreSQL) sur {self.model_name}.{CHAMP}"

    @property
    def migration_name_fragment(self):
        return f"{self.model_name}_{CHAMP}_trgm"


def remplir_recherche(app_label, model_name, chemins):
    """RunPython filling the column of existing rows of `app_label.model_name` from `chemins`."""

    def remplir(apps, schema_editor):
        modele = apps.get_model(app_label, model_name)
        relations = {f.name for f in modele._meta.get_fields() if f.is_relation and f.concrete}
        a_joindre = sorted({c.split(".", 1)[0] for c in chemins if "." in c} & relations)
        using = schema_editor.connection.alias
        lignes = modele._base_manager.using(using).select_related(*a_joindre).order_by("pk")
        ecrire_recherche(
            modele,
            [(o.pk, texte_recherche(o, chemins)) for o in lignes.iterator(TAILLE_LOT)],
            using,
        )

    return migrations.RunPython(remplir, migrations.RunPython.noop, elidable=True)

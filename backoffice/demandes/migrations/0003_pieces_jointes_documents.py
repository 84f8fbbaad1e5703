"""Attachments of a request take the shape of every document of the site (backoffice/documents):
each existing file becomes a Wagtail document where it already lies (its name is random, nothing
is moved nor copied), the row points at it, then the columns the document now holds go."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def vers_documents(apps, schema_editor):
    PieceJointe = apps.get_model("demandes", "PieceJointe")
    Document = apps.get_model("wagtaildocs", "Document")
    Collection = apps.get_model("wagtailcore", "Collection")
    racine = Collection.objects.filter(depth=1).order_by("path").first()
    for piece in PieceJointe.objects.filter(document__isnull=True).iterator():
        document = Document.objects.create(
            title=piece.nom[:255],
            file=piece.fichier.name,
            collection=racine,
            file_size=piece.taille,
        )
        piece.document = document
        piece.save(update_fields=["document"])


def depuis_documents(apps, schema_editor):
    PieceJointe = apps.get_model("demandes", "PieceJointe")
    for piece in PieceJointe.objects.select_related("document").iterator():
        piece.fichier = piece.document.file.name
        piece.taille = piece.document.file_size or 0
        piece.save(update_fields=["fichier", "taille"])


class Migration(migrations.Migration):
    dependencies = [
        ("demandes", "0002_recherche_normalisee"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailcore", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameField("piecejointe", "deposee_le", "ajoute_le"),
        migrations.AlterModelOptions(
            name="piecejointe",
            options={
                "abstract": False,
                "ordering": ["ajoute_le"],
                "verbose_name": "pièce jointe",
                "verbose_name_plural": "pièces jointes",
            },
        ),
        migrations.AlterField(
            model_name="piecejointe",
            name="ajoute_le",
            field=models.DateTimeField(auto_now_add=True, verbose_name="ajouté le"),
        ),
        migrations.AddField(
            model_name="piecejointe",
            name="ajoute_par",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="ajouté par",
            ),
        ),
        migrations.AddField(
            model_name="piecejointe",
            name="nature",
            field=models.CharField(
                choices=[("piece", "Pièce jointe")],
                default="piece",
                max_length=30,
                verbose_name="nature",
            ),
        ),
        migrations.AddField(
            model_name="piecejointe",
            name="document",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="wagtaildocs.document",
            ),
        ),
        migrations.AlterField(
            model_name="piecejointe",
            name="type_mime",
            field=models.CharField(blank=True, default="", max_length=100, verbose_name="type"),
        ),
        # Defaults so the columns can come back if the migration is reversed.
        migrations.AlterField(
            model_name="piecejointe",
            name="fichier",
            field=models.FileField(default="", upload_to="demandes/%Y/%m/", verbose_name="fichier"),
        ),
        migrations.AlterField(
            model_name="piecejointe",
            name="taille",
            field=models.PositiveIntegerField(default=0, verbose_name="taille (octets)"),
        ),
        migrations.RunPython(vers_documents, depuis_documents),
        # The NOT NULL and the removed columns come in 0004: on PostgreSQL a table that just
        # received rows (deferred foreign-key checks pending) cannot be altered in the same
        # transaction.
    ]

"""The abstract shape of a document attached to one of our objects (package docstring)."""

from django.conf import settings
from django.db import models
from wagtail.documents import get_document_model_string


class DocumentRattache(models.Model):
    """A document attached to an object: the stored file is a Wagtail document (its storage
    path, size, hash and title); the row says what it is (nature), who added it and when.
    Subclasses add the key to their object (``PERIMETRE_PAR``) and their own ``nature``."""

    nature = models.CharField("nature", max_length=30)
    document = models.ForeignKey(
        get_document_model_string(), on_delete=models.CASCADE, related_name="+"
    )
    ajoute_par = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="ajouté par",
    )
    ajoute_le = models.DateTimeField("ajouté le", auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["ajoute_le"]

    def __str__(self):
        return f"{self.get_nature_display()} – {self.document.title}"

    # What the download view needs, whatever the storage.
    @property
    def nom_fichier(self):
        return self.document.filename

    @property
    def type_mime(self):
        return self.document.content_type

    @property
    def taille(self):
        return self.document.get_file_size()

    def ouvrir_fichier(self):
        return self.document.file.open("rb")

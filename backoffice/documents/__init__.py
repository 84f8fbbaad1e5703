"""Documents attached to our objects (conventions, avenants, calls, candidatures, requests…): one
model shape, one upload checker, one download rule.

Shared ground: this package imports no domain app. Each domain app brings its link model and
registers it; the rules below then apply to it.

- ``modeles.DocumentRattache``: the abstract shape of a document attached to an object: the
  stored file (a Wagtail document: storage path ``documents/``, size, content type, title), its
  nature, who added it and when. A subclass adds the foreign key to its object, declares
  ``PERIMETRE_PAR = "<that key>"`` and overrides ``nature`` with its own choices.
- ``depot``: the upload side, the site's one checker (backoffice/fichiers/documents.py: kind read
  from the content, macros, password-protected and old Office files refused, size capped by
  ``settings.DOCUMENTS_TAILLE_MAX``): ``ChampDocument`` for forms, ``enregistrer_document`` to
  store (it checks again; ``nom_stocke`` writes the file under another name, e.g. a random one
  for a requester's file), ``formulaire_wagtail.FormulaireDocumentWagtail`` for Wagtail's own forms.
- ``vues.AjoutDocumentView``: the page adding a document to an object (subclass it with
  ``natures``, ``modele_document``, ``champ_objet``, ``nom_collection``).
- ``telechargement``: the download side. A document is served only to a user who may view one
  of the objects it is attached to (a document attached to nothing: national accounts only);
  anything else is a 404, the same answer as for a document that does not exist. Wagtail's
  ``/documents/<id>/<name>`` goes through it (hook ``before_serve_document``), so does its admin
  API (``api``); ``vue_telechargement(modele)`` makes the same view for a link model's rows, and
  ``servir_fichier(ligne)`` is the one response serving a row's file (used by it and by any view
  that fetches the row by its own rule, e.g. a requester's token).

Adopting it for a new kind of object (e.g. ``DocumentFoo`` of ``Foo``)::

    # foo/models.py
    class DocumentFoo(DocumentRattache):
        PERIMETRE_PAR = "foo"
        foo = models.ForeignKey(Foo, on_delete=models.CASCADE, related_name="documents")
        nature = models.CharField("nature", max_length=30, choices=NatureDocumentFoo.choices)

        class Meta(DocumentRattache.Meta):
            verbose_name = "document de foo"

    # foo/apps.py, in ready(): its documents are read by those who may view the Foo
    from backoffice.documents.telechargement import enregistrer_liaison
    enregistrer_liaison(DocumentFoo)

    # a form: ChampDocument(label="Fichier"); a service:
    document = enregistrer_document(fichier, titre=..., nom_collection="Foo", acteur=acteur)
    DocumentFoo.objects.create(foo=foo, nature=..., document=document, ajoute_par=acteur)

    # a download URL for the rows (404 outside the perimeter of their Foo):
    path("documents/<int:pk>/", vue_telechargement(DocumentFoo), name="document")
"""

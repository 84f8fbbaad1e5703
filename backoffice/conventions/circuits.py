"""Conventions' own transition forms (signature, résiliation) and the document upload view
shared by conventions, avenants, calls and candidatures. The generic transition machinery
(buttons, transition views, viewset wiring) lives in workflows.vues."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from backoffice.documents.depot import ChampDocument, enregistrer_document
from workflows.vues import ChampDate, FormulaireMotif, FormulaireTransition, VueObjetMixin


class FormulaireSignature(FormulaireTransition):
    date_signature = ChampDate(
        label="Date de signature", error_messages={"required": "Indiquez la date de signature."}
    )
    fichier = ChampDocument(label="Copie signée")


class FormulaireResiliation(FormulaireMotif):
    date_resiliation = ChampDate(label="Date d'effet de la résiliation", required=False)


class FormulaireDocument(forms.Form):
    nature = forms.ChoiceField(label="Nature du document")
    fichier = ChampDocument(label="Fichier")
    titre = forms.CharField(label="Titre", max_length=255, required=False)

    def __init__(self, *args, natures=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nature"].choices = natures


class AjoutDocumentView(VueObjetMixin, WagtailAdminTemplateMixin, TemplateView):
    """Attach a document to an object the user may change (perimeter): the upload is stored as
    a Wagtail document in `nom_collection`, linked to the object by a `modele_document` row
    (`champ_objet` is its foreign key to the object). Without a title, the document is named
    after the object's `champ_reference` and the nature."""

    template_name = "conventions/ajout_document.html"
    header_icon = "doc-full"
    natures = ()
    page_title = "Ajouter un document"
    modele_document = None
    champ_objet = None
    nom_collection = ""
    champ_reference = "numero"

    def dispatch(self, request, *args, **kwargs):
        self.objet = self.get_objet()
        if not self.peut_ajouter(request.user, self.objet):
            messages.error(request, "Vous ne pouvez pas ajouter de document ici.")
            return redirect(self.url_fiche(self.objet))
        return super().dispatch(request, *args, **kwargs)

    def peut_ajouter(self, user, objet):
        return self.policy.user_has_permission_for_instance(user, "change", objet)

    def get_page_subtitle(self):
        return str(self.objet)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "objet": self.objet,
                "form": kwargs.get("form") or FormulaireDocument(natures=self.natures),
                "url_fiche": self.url_fiche(self.objet),
            }
        )
        return context

    def enregistrer(self, objet, nature, fichier, titre):
        reference = getattr(objet, self.champ_reference)
        with transaction.atomic():
            document = enregistrer_document(
                fichier,
                titre=titre or f"{reference} – {dict(self.natures)[nature]}",
                nom_collection=self.nom_collection,
                acteur=self.request.user,
            )
            self.modele_document.objects.create(
                **{self.champ_objet: objet},
                nature=nature,
                document=document,
                ajoute_par=self.request.user,
            )

    def post(self, request, *args, **kwargs):
        form = FormulaireDocument(request.POST, request.FILES, natures=self.natures)
        if not form.is_valid():
            messages.error(request, "Document refusé : rien n'a été enregistré.")
            return self.render_to_response(self.get_context_data(form=form))
        try:
            self.enregistrer(
                self.objet,
                form.cleaned_data["nature"],
                form.cleaned_data["fichier"],
                form.cleaned_data["titre"],
            )
        except ValidationError as exc:
            form.add_error("fichier", exc)
            return self.render_to_response(self.get_context_data(form=form))
        messages.success(request, "Document ajouté.")
        return redirect(self.url_fiche(self.objet))

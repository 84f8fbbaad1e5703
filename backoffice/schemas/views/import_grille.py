"""Import of a grid into a schéma: analysis and preview, then confirmation. The reading, the
matching, what is kept between the two steps and the writing are in `grille`."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.views.generic import TemplateView

from backoffice.grammaire import compter

from .. import regles
from ..forms import ImportGrilleForm
from ..grille import application, lecture, plan
from ..models import ORDRE_REALISATION, SchemaRegional
from .communs import VueObjetMixin

CLE_SESSION = "schemas_import"


class ImportGrilleView(VueObjetMixin, TemplateView):
    """Step 1 (POST with a file): read and match the grid, show the preview or every error;
    nothing is written. Step 2 (POST `confirmer`): write it, atomically, from the analysis kept
    in the session."""

    model = SchemaRegional
    espace = "schema"
    template_name = "schemas/import.html"
    page_title = "Importer une grille d'évaluation"
    taille_max_envoi = lecture.TAILLE_MAX  # past it, the file stops being read (fichiers/envoi.py)

    def dispatch(self, request, *args, **kwargs):
        if not regles.peut_importer(request.user, self.objet.pk):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def formulaire(self, data=None, files=None):
        initial = {}
        campagne_id = self.request.GET.get("campagne")
        if campagne_id and campagne_id.isdigit():
            initial["campagne"] = self.objet.campagnes.filter(pk=campagne_id).first()
        return ImportGrilleForm(data, files, schema=self.objet, initial=initial)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", kwargs.get("form") or self.formulaire())
        return context

    def post(self, request, *args, **kwargs):
        if "confirmer" in request.POST:
            return self.confirmer(request)
        form = self.formulaire(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            lue = lecture.lire_xlsx(form.cleaned_data["fichier"])
            prevu = plan.planifier(self.objet, lue)
            prevu.verifier()
        except lecture.GrilleInvalide as erreur:
            return self.render_to_response(self.get_context_data(form=form, erreur=erreur))
        campagne = form.cleaned_data.get("campagne")
        nouvelle = form.nouvelle_campagne()
        memoire = application.memoriser(self.objet, lue, campagne, nouvelle)
        request.session[CLE_SESSION] = memoire
        return self.render_to_response(
            self.get_context_data(
                form=form,
                plan=prevu,
                jeton=memoire["jeton"],
                campagne=campagne,
                nouvelle=nouvelle,
                statuts=[(r.label, prevu.par_realisation[r.value]) for r in ORDRE_REALISATION],
            )
        )

    def confirmer(self, request):
        try:
            lue, campagne, nouvelle = application.relire(
                request.session.get(CLE_SESSION), self.objet, request.POST.get("jeton")
            )
        except application.AnalyseExpiree:
            messages.error(
                request,
                "Cette analyse a expiré ou a déjà été importée : déposez à nouveau la grille.",
            )
            return redirect("schema:importer", self.objet.pk)
        except lecture.GrilleInvalide as erreur:  # the chosen campaign was deleted meanwhile
            messages.error(request, str(erreur))
            return redirect("schema:importer", self.objet.pk)
        try:
            bilan = application.appliquer(
                self.objet,
                lue,
                utilisateur=request.user,
                campagne=campagne,
                nouvelle_campagne=nouvelle,
            )
        except lecture.GrilleInvalide as erreur:
            messages.error(request, str(erreur))
            return redirect("schema:importer", self.objet.pk)
        del request.session[CLE_SESSION]
        objectifs, thematiques, actions = bilan.nouveaux
        messages.success(
            request,
            f"Grille importée dans « {bilan.campagne} » : {bilan.lignes} actions évaluées "
            f"({bilan.evaluations_creees} évaluations créées, {bilan.evaluations_modifiees} "
            f"modifiées) ; ajoutés au schéma : {compter(objectifs, 'objectif', 'objectifs')}, "
            f"{compter(thematiques, 'thématique', 'thématiques')} et "
            f"{compter(actions, 'action', 'actions')}.",
        )
        return redirect("campagne:synthese", bilan.campagne.pk)

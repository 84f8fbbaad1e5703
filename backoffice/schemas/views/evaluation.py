"""The views on one campaign: the evaluation page (read-only for who may not evaluate), the
summary per objective and the XLSX downloads."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.views.generic import TemplateView

from backoffice.exportations import taches
from backoffice.exportations.services import en_arriere_plan, reponse_immediate
from backoffice.exports import reponse_xlsx
from backoffice.grammaire import compter

from .. import exports, regles, services
from ..forms import EvaluationForm
from ..models import ORDRE_REALISATION
from .communs import VueObjetMixin


class EvaluationView(VueObjetMixin, TemplateView):
    """Every action of the schéma with its réalisation and comment; saved in one atomic POST
    by those who may change evaluations, read-only for the others."""

    template_name = "schemas/evaluation.html"
    page_title = "Évaluation des actions"

    def dispatch(self, request, *args, **kwargs):
        self.modifiable = regles.peut_evaluer(request.user, self.objet.schema_id)
        return super().dispatch(request, *args, **kwargs)

    def lignes(self, data=None, conflits=()):
        resultat = []
        for action, evaluation in services.lignes_evaluation(self.objet):
            realisation, commentaire = services.valeur(evaluation)
            form = EvaluationForm(
                data,
                prefix=f"a{action.pk}",
                initial={
                    "realisation": realisation,
                    "commentaire": commentaire,
                    "origine": services.signature((realisation, commentaire)),
                },
            )
            resultat.append(
                {
                    "action": action,
                    "evaluation": evaluation,
                    "form": form,
                    "conflit": action.pk in conflits,
                }
            )
        return resultat

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        lignes = kwargs.get("lignes") or self.lignes()
        groupes = []
        for ligne in lignes:
            thematique = ligne["action"].thematique
            if not groupes or groupes[-1]["thematique"].pk != thematique.pk:
                groupes.append({"thematique": thematique, "lignes": []})
            groupes[-1]["lignes"].append(ligne)
        context.update({"groupes": groupes, "modifiable": self.modifiable})
        return context

    def post(self, request, *args, **kwargs):
        if not self.modifiable:
            raise PermissionDenied
        lignes = self.lignes(request.POST)
        saisies, origines, invalides = {}, {}, False
        for ligne in lignes:
            form = ligne["form"]
            if f"{form.prefix}-realisation" not in request.POST:
                continue  # an action added after the page was shown: left as it is
            if not form.is_valid():
                invalides = True
                continue
            saisies[ligne["action"].pk] = (
                form.cleaned_data["realisation"],
                form.cleaned_data["commentaire"].strip(),
            )
            origines[ligne["action"].pk] = form.cleaned_data["origine"]
        if invalides:
            messages.error(request, "Corrigez les erreurs signalées : rien n'a été enregistré.")
            return self.render_to_response(self.get_context_data(lignes=lignes))
        try:
            nombre = services.enregistrer_evaluations(self.objet, saisies, origines, request.user)
        except services.ConflitEvaluation as conflit:
            messages.error(
                request,
                compter(len(conflit.actions), "action a été évaluée", "actions ont été évaluées")
                + " par quelqu'un d'autre depuis l'affichage de cette page : rien n'a été "
                "enregistré. Les valeurs enregistrées sont rappelées sur les lignes signalées ; "
                "enregistrez à nouveau pour les remplacer par les vôtres.",
            )
            return self.render_to_response(
                self.get_context_data(lignes=self._avec_conflits(request.POST, conflit.actions))
            )
        if nombre:
            messages.success(
                request,
                "Évaluation enregistrée "
                f"({compter(nombre, 'action modifiée', 'actions modifiées')}).",
            )
        else:
            messages.info(request, "Aucune modification à enregistrer.")
        return redirect("campagne:evaluer", self.objet.pk)

    def _avec_conflits(self, data, conflits):
        """The submitted values, with the stored value's signature as the new origin of the
        conflicting rows (saving again then deliberately overwrites them)."""
        data = data.copy()
        for action, evaluation in services.lignes_evaluation(self.objet):
            if action.pk in conflits:
                data[f"a{action.pk}-origine"] = services.signature(services.valeur(evaluation))
        return self.lignes(data, conflits=set(conflits))


class SyntheseView(VueObjetMixin, TemplateView):
    template_name = "schemas/synthese.html"
    page_title = "Synthèse par objectif"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        lignes = services.synthese(self.objet)
        context.update(
            {
                "lignes": lignes[:-1],
                "total": lignes[-1],
                "statuts": [(r.value, r.label) for r in ORDRE_REALISATION],
            }
        )
        return context


class _Telechargement(VueObjetMixin, TemplateView):
    suffixe = ""

    def contenu(self):
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        return reponse_xlsx(self.contenu(), exports.nom_fichier(self.objet, self.suffixe))


class SyntheseXlsxView(_Telechargement):
    suffixe = "synthese"

    def contenu(self):
        return exports.synthese_xlsx(self.objet)


class ExportGrilleView(_Telechargement):
    """The grid at once, or, for a schéma above the threshold of rows, by a background job
    (progress page, then « Mes exports »)."""

    NOM = "campagne:exporter"
    suffixe = "grille"

    def get(self, request, *args, **kwargs):
        campagne = self.objet  # in the user's perimeter, or 404
        if en_arriere_plan(self.NOM, lambda: exports.actions_de_la_grille(campagne)):
            return taches.differer(
                request,
                self.NOM,
                f"Grille d'évaluation – {campagne}",
                exports.nom_fichier(campagne, self.suffixe).removesuffix(".xlsx"),
                parametres=f"campagne={campagne.pk}",
            )
        return reponse_immediate(exports.fichier_grille(request.user, f"campagne={campagne.pk}"))

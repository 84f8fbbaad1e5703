"""Admin screens of the schéma régional d'accueil: schémas (inspect = the tree objectifs →
thématiques → actions), objectifs, thématiques, actions, evaluation campaigns, and per campaign
the evaluation page, the summary per objective (chart, XLSX), the grid export and the grid import.

Perimeters: the viewsets derive from PerimetreModelViewSet (a schéma out of the user's région is
not found); the extra views fetch their object through the same scoped querysets, then check
the right they need (change on evaluationaction to evaluate, add on the tree and the campaigns
to import) on that object."""

import secrets
from dataclasses import asdict

import django_filters
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.views.generic import TemplateView
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSetGroup

from backoffice.acces import perimetres
from backoffice.acces.filtres import PerimetreFilterSet
from backoffice.acces.policies import policy_for
from backoffice.acces.viewsets import (
    LECTURE,
    PerimetreCreateView,
    PerimetreDeleteView,
    PerimetreEditView,
    PerimetreIndexView,
    PerimetreInspectView,
    PerimetreModelViewSet,
    deux_lignes,
)
from backoffice.exports import reponse_xlsx
from backoffice.grammaire import compter
from backoffice.recherche.filtres import filtrer_champ
from backoffice.territoires.models import Region

from . import exports, grille, services
from .forms import (
    ActionSchemaForm,
    CampagneForm,
    EvaluationForm,
    ImportGrilleForm,
    ObjectifForm,
    SchemaForm,
    ThematiqueForm,
)
from .models import (
    ORDRE_REALISATION,
    ActionSchema,
    CampagneEvaluation,
    EvaluationAction,
    Objectif,
    Realisation,
    SchemaRegional,
    Thematique,
)

# ---------------------------------------------------------------------------------------------
# Rights on one schéma
# ---------------------------------------------------------------------------------------------


def peut(user, label, action, schema_id):
    """Whether `user` holds `action` on model `label` for the schéma `schema_id` (role AND
    perimeter)."""
    perimetre = perimetres.perimetre_pour(user, label, action)
    if perimetre.vide:
        return False
    return perimetres.filtrer(SchemaRegional.objects.filter(pk=schema_id), perimetre).exists()


def peut_evaluer(user, schema_id):
    return peut(user, "schemas.evaluationaction", "change", schema_id)


def peut_importer(user, schema_id):
    return all(
        peut(user, label, "add", schema_id)
        for label in ("schemas.actionschema", "schemas.campagneevaluation")
    ) and peut_evaluer(user, schema_id)


def peut_modifier_arbre(user, schema_id):
    return peut(user, "schemas.actionschema", "change", schema_id)


def _compte(queryset, champ):
    """A count as a subquery (no join multiplying the listing's rows)."""
    return Coalesce(
        Subquery(
            queryset.filter(**{champ: OuterRef("pk")})
            .order_by()
            .values(champ)
            .annotate(n=Count("pk"))
            .values("n"),
            output_field=IntegerField(),
        ),
        Value(0),
    )


class IntrouvableDabordMixin:
    """Out of the user's perimeter → 404 before the role check: a schéma of another région is
    not found, whether or not the user's role could edit one of theirs."""

    def dispatch(self, request, *args, **kwargs):
        visibles = policy_for(self.model).filtrer(
            self.model._default_manager.all(), request.user, LECTURE
        )
        get_object_or_404(visibles, pk=unquote(str(kwargs[self.pk_url_kwarg])))
        return super().dispatch(request, *args, **kwargs)


class ModificationView(IntrouvableDabordMixin, PerimetreEditView):
    pass


class SuppressionProtegee(PerimetreDeleteView):
    """Refuses, with a message, to delete what would take evaluations along."""

    message_refus = ""

    def evaluations(self, objet):
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        objet = self.get_object()
        if self.evaluations(objet).exists():
            messages.error(request, self.message_refus)
            return redirect("schema:inspect", self.schema_de(objet))
        return super().dispatch(request, *args, **kwargs)

    def schema_de(self, objet):
        raise NotImplementedError

    def get_success_url(self):
        return reverse("schema:inspect", args=[self.schema_de(self.object)])


# ---------------------------------------------------------------------------------------------
# Schémas
# ---------------------------------------------------------------------------------------------


class SchemaFilterSet(PerimetreFilterSet):
    region = django_filters.ModelChoiceFilter(queryset=Region.objects.all(), label="Région")

    class Meta:
        model = SchemaRegional
        fields = ["region"]


class SchemaIndexView(PerimetreIndexView):
    def get_liste_queryset(self):
        return SchemaRegional.objects.select_related("region").annotate(
            nb_objectifs=_compte(Objectif.objects.all(), "schema"),
            nb_actions=_compte(ActionSchema.objects.all(), "thematique__objectif__schema"),
            nb_campagnes=_compte(CampagneEvaluation.objects.all(), "schema"),
        )


class SchemaInspectView(PerimetreInspectView):
    template_name = "schemas/schema_inspect.html"

    def get_adopte_le_display_value(self):
        return self.object.adopte_le.strftime("%d/%m/%Y") if self.object.adopte_le else "—"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        schema = self.object
        user = self.request.user
        objectifs = services.arbre(schema)
        campagnes = list(
            schema.campagnes.annotate(
                nb_renseignees=Count("evaluations", filter=~Q(evaluations__realisation="nc"))
            )
        )
        context.update(
            {
                "objectifs": objectifs,
                "nb_thematiques": sum(len(o.thematiques.all()) for o in objectifs),
                "nb_actions": sum(
                    len(t.actions.all()) for o in objectifs for t in o.thematiques.all()
                ),
                "campagnes": campagnes,
                "peut_modifier_arbre": peut_modifier_arbre(user, schema.pk),
                "peut_importer": peut_importer(user, schema.pk),
                "peut_evaluer": peut_evaluer(user, schema.pk),
                "peut_ajouter_campagne": peut(user, "schemas.campagneevaluation", "add", schema.pk),
            }
        )
        return context


class SchemaDeleteView(PerimetreDeleteView):
    def dispatch(self, request, *args, **kwargs):
        objet = self.get_object()
        if objet.campagnes.exists():
            messages.error(
                request,
                "Ce schéma a des campagnes d'évaluation : supprimez-les d'abord (leurs "
                "évaluations seraient perdues).",
            )
            return redirect("schema:inspect", objet.pk)
        return super().dispatch(request, *args, **kwargs)


class SchemaViewSet(PerimetreModelViewSet):
    model = SchemaRegional
    icon = "list-ol"
    menu_label = "Schémas"
    url_prefix = "schemas"
    name = "schema"
    index_view_class = SchemaIndexView
    inspect_view_class = SchemaInspectView
    edit_view_class = ModificationView
    delete_view_class = SchemaDeleteView
    filterset_class = SchemaFilterSet
    search_fields = ["recherche", "region__recherche"]
    ordering = ["-annee_debut", "region__nom"]
    list_display = [
        TitleColumn("titre", label="Titre", sort_key="titre", url_name="schema:inspect"),
        Column("region", label="Région", sort_key="region__nom"),
        Column("periode", label="Période", sort_key="annee_debut"),
        Column("adopte_le", label="Arrêté le", sort_key="adopte_le"),
        Column("nb_objectifs", label="Objectifs", sort_key="nb_objectifs"),
        Column("nb_actions", label="Actions", sort_key="nb_actions"),
        Column("nb_campagnes", label="Campagnes", sort_key="nb_campagnes"),
    ]
    list_export = [
        "titre",
        "region.nom",
        "annee_debut",
        "annee_fin",
        "adopte_le",
        "nb_objectifs",
        "nb_actions",
        "nb_campagnes",
    ]
    export_headings = {
        "titre": "Titre",
        "region.nom": "Région",
        "annee_debut": "Première année",
        "annee_fin": "Dernière année",
        "adopte_le": "Arrêté le",
        "nb_objectifs": "Objectifs",
        "nb_actions": "Actions",
        "nb_campagnes": "Campagnes d'évaluation",
    }
    export_filename = "schemas-regionaux"
    inspect_view_fields = [
        "titre",
        "region",
        "annee_debut",
        "annee_fin",
        "adopte_le",
        "description",
    ]
    panels = [
        FieldPanel("titre"),
        FieldRowPanel([FieldPanel("region"), FieldPanel("adopte_le")]),
        FieldRowPanel([FieldPanel("annee_debut"), FieldPanel("annee_fin")]),
        FieldPanel("description"),
    ]

    def get_edit_handler(self):
        return ObjectList(self.panels, base_form_class=SchemaForm).bind_to_model(self.model)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("importer/<int:pk>/", ImportGrilleView.as_view(), name="importer"),
        ]


# ---------------------------------------------------------------------------------------------
# Objectifs, thématiques, actions (edited one by one; reached from the schéma's page)
# ---------------------------------------------------------------------------------------------


class EnfantCreateView(PerimetreCreateView):
    """Add view pre-filled with the parent given in the URL (?schema=, ?objectif=…), when the
    user may add to that parent's schéma."""

    parent_champ = None

    @property
    def parents(self):
        return {self.parent_champ: LECTURE}

    def parent_choisi(self, instance, champ, parent):
        if hasattr(instance, "ordre"):
            instance.ordre = grille.prochain_ordre(self.model.objects.filter(**{champ: parent}))

    def get_success_url(self):
        return reverse("schema:inspect", args=[schema_de(self.object)])


class EnfantEditView(ModificationView):
    def get_success_url(self):
        return reverse("schema:inspect", args=[schema_de(self.object)])


def schema_de(objet):
    if isinstance(objet, Objectif):
        return objet.schema_id
    if isinstance(objet, Thematique):
        return objet.objectif.schema_id
    if isinstance(objet, ActionSchema):
        return objet.thematique.objectif.schema_id
    return objet.schema_id


class ObjectifCreateView(EnfantCreateView):
    parent_champ = "schema"

    def get_initial_form_instance(self):
        instance = super().get_initial_form_instance()
        if instance.schema_id and not instance.numero:
            dernier = instance.schema.objectifs.order_by("-numero").first()
            instance.numero = (dernier.numero if dernier else 0) + 1
        return instance


class ObjectifDeleteView(SuppressionProtegee):
    message_refus = (
        "Des actions de cet objectif ont été évaluées : supprimez d'abord les campagnes "
        "concernées, ou gardez l'objectif."
    )

    def evaluations(self, objet):
        return EvaluationAction.objects.filter(action__thematique__objectif=objet)

    def schema_de(self, objet):
        return objet.schema_id


class ObjectifViewSet(PerimetreModelViewSet):
    model = Objectif
    icon = "tag"
    menu_label = "Objectifs"
    url_prefix = "schemas/objectifs"
    name = "objectif"
    add_view_class = ObjectifCreateView
    edit_view_class = EnfantEditView
    delete_view_class = ObjectifDeleteView
    search_fields = ["recherche"]
    ordering = ["schema_id", "numero"]
    list_display = [
        TitleColumn("__str__", label="Objectif", url_name="objectif:inspect"),
        Column("schema", label="Schéma"),
    ]
    panels = [FieldPanel("schema"), FieldPanel("numero"), FieldPanel("libelle")]
    inspect_view_fields = ["schema", "numero", "libelle"]

    def get_edit_handler(self):
        return ObjectList(self.panels, base_form_class=ObjectifForm).bind_to_model(self.model)


class ThematiqueCreateView(EnfantCreateView):
    parent_champ = "objectif"


class ThematiqueDeleteView(SuppressionProtegee):
    message_refus = (
        "Des actions de cette thématique ont été évaluées : supprimez d'abord les campagnes "
        "concernées, ou gardez la thématique."
    )

    def evaluations(self, objet):
        return EvaluationAction.objects.filter(action__thematique=objet)

    def schema_de(self, objet):
        return objet.objectif.schema_id


class ThematiqueViewSet(PerimetreModelViewSet):
    model = Thematique
    icon = "folder-open-inverse"
    menu_label = "Thématiques"
    url_prefix = "schemas/thematiques"
    name = "thematique"
    add_view_class = ThematiqueCreateView
    edit_view_class = EnfantEditView
    delete_view_class = ThematiqueDeleteView
    search_fields = ["recherche"]
    ordering = ["objectif__schema_id", "objectif__numero", "ordre"]
    list_display = [
        TitleColumn("libelle", label="Thématique", url_name="thematique:inspect"),
        Column("objectif", label="Objectif"),
    ]
    panels = [FieldPanel("objectif"), FieldPanel("libelle"), FieldPanel("ordre")]
    inspect_view_fields = ["objectif", "libelle", "ordre"]

    def get_edit_handler(self):
        return ObjectList(self.panels, base_form_class=ThematiqueForm).bind_to_model(self.model)


class ActionCreateView(EnfantCreateView):
    parent_champ = "thematique"


class ActionDeleteView(SuppressionProtegee):
    message_refus = (
        "Cette action a été évaluée : supprimez d'abord les campagnes concernées, ou gardez "
        "l'action."
    )

    def evaluations(self, objet):
        return objet.evaluations.all()

    def schema_de(self, objet):
        return objet.thematique.objectif.schema_id


class ActionIndexView(PerimetreIndexView):
    def get_liste_queryset(self):
        return ActionSchema.objects.select_related("thematique__objectif__schema__region").order_by(
            "thematique__objectif__schema_id", "thematique__objectif__numero", "ordre"
        )


class ActionFilterSet(PerimetreFilterSet):
    schema = django_filters.ModelChoiceFilter(
        queryset=SchemaRegional.objects.select_related("region"),
        field_name="thematique__objectif__schema",
        label="Schéma",
    )
    pilote = django_filters.CharFilter(method="filtrer_pilote", label="Pilote (contient)")

    class Meta:
        model = ActionSchema
        fields = ["schema", "pilote"]

    def filtrer_pilote(self, queryset, name, value):
        return filtrer_champ(queryset, value, "pilote")


class ActionSchemaViewSet(PerimetreModelViewSet):
    model = ActionSchema
    icon = "tasks"
    menu_label = "Actions"
    url_prefix = "schemas/actions"
    name = "action_schema"
    index_view_class = ActionIndexView
    add_view_class = ActionCreateView
    edit_view_class = EnfantEditView
    delete_view_class = ActionDeleteView
    filterset_class = ActionFilterSet
    search_fields = ["recherche", "thematique__recherche"]
    ordering = ["thematique__objectif__schema_id", "thematique__objectif__numero", "ordre"]
    list_display = [
        TitleColumn(
            "__str__", label="Action", url_name="action_schema:inspect", classname="deux-lignes"
        ),
        Column("thematique", label="Thématique", accessor=deux_lignes("thematique")),
        Column(
            "thematique.objectif", label="Objectif", accessor=deux_lignes("thematique.objectif")
        ),
        Column("pilote", label="Pilote", sort_key="pilote"),
        Column(
            "thematique.objectif.schema",
            label="Schéma",
            accessor=deux_lignes("thematique.objectif.schema"),
        ),
    ]
    list_export = [
        "thematique.objectif.schema.region.nom",
        "thematique.objectif.schema.periode",
        "thematique.objectif.libelle_grille",
        "thematique.libelle",
        "libelle",
        "pilote",
    ]
    export_headings = {
        "thematique.objectif.schema.region.nom": "Région",
        "thematique.objectif.schema.periode": "Période du schéma",
        "thematique.objectif.libelle_grille": "Objectif",
        "thematique.libelle": "Thématique",
        "libelle": "Action",
        "pilote": "Pilote",
    }
    export_filename = "actions-schema-regional"
    panels = [
        FieldPanel("thematique"),
        FieldPanel("libelle"),
        FieldRowPanel([FieldPanel("pilote"), FieldPanel("ordre")]),
    ]
    inspect_view_fields = ["thematique", "libelle", "pilote", "ordre"]

    def get_edit_handler(self):
        return ObjectList(self.panels, base_form_class=ActionSchemaForm).bind_to_model(self.model)


# ---------------------------------------------------------------------------------------------
# Campaigns
# ---------------------------------------------------------------------------------------------


class CampagneFilterSet(PerimetreFilterSet):
    schema = django_filters.ModelChoiceFilter(
        queryset=SchemaRegional.objects.select_related("region"), label="Schéma"
    )

    class Meta:
        model = CampagneEvaluation
        fields = ["schema"]


class CampagneIndexView(PerimetreIndexView):
    def get_liste_queryset(self):
        renseignees = EvaluationAction.objects.exclude(realisation=Realisation.NC)
        return CampagneEvaluation.objects.select_related("schema__region").annotate(
            nb_renseignees=_compte(renseignees, "campagne")
        )


class CampagneCreateView(EnfantCreateView):
    parent_champ = "schema"

    def get_success_url(self):
        return reverse("campagne:inspect", args=[self.object.pk])


class CampagneEditView(ModificationView):
    def get_success_url(self):
        return reverse("campagne:inspect", args=[self.object.pk])


class CampagneInspectView(PerimetreInspectView):
    template_name = "schemas/campagne_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        campagne = self.object
        lignes = services.synthese(campagne)
        context.update(
            {
                "total": lignes[-1],
                "peut_evaluer": peut_evaluer(self.request.user, campagne.schema_id),
                "peut_importer": peut_importer(self.request.user, campagne.schema_id),
            }
        )
        return context


class CampagneViewSet(PerimetreModelViewSet):
    model = CampagneEvaluation
    icon = "date"
    menu_label = "Campagnes d'évaluation"
    url_prefix = "schemas/campagnes"
    name = "campagne"
    index_view_class = CampagneIndexView
    add_view_class = CampagneCreateView
    edit_view_class = CampagneEditView
    inspect_view_class = CampagneInspectView
    filterset_class = CampagneFilterSet
    search_fields = ["recherche", "schema__recherche", "schema__region__recherche"]
    ordering = ["-date"]
    list_display = [
        TitleColumn("libelle", label="Campagne", sort_key="libelle", url_name="campagne:inspect"),
        Column("schema", label="Schéma"),
        Column("date", label="Date", sort_key="date"),
        Column("nb_renseignees", label="Actions renseignées", sort_key="nb_renseignees"),
    ]
    list_export = ["schema.titre", "schema.region.nom", "libelle", "date", "nb_renseignees"]
    export_headings = {
        "schema.titre": "Schéma",
        "schema.region.nom": "Région",
        "libelle": "Campagne",
        "date": "Date",
        "nb_renseignees": "Actions renseignées (hors nc)",
    }
    export_filename = "campagnes-evaluation-schema"
    inspect_view_fields = ["schema", "libelle", "date", "description"]
    panels = [
        FieldPanel("schema"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("libelle"), FieldPanel("date")]), FieldPanel("description")],
            heading="Campagne",
        ),
    ]

    def get_edit_handler(self):
        return ObjectList(self.panels, base_form_class=CampagneForm).bind_to_model(self.model)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("evaluer/<int:pk>/", EvaluationView.as_view(), name="evaluer"),
            path("synthese/<int:pk>/", SyntheseView.as_view(), name="synthese"),
            path("synthese/<int:pk>/xlsx/", SyntheseXlsxView.as_view(), name="synthese_xlsx"),
            path("exporter/<int:pk>/", ExportGrilleView.as_view(), name="exporter"),
        ]


# ---------------------------------------------------------------------------------------------
# Views on one campaign / one schéma
# ---------------------------------------------------------------------------------------------


class VueObjetMixin(WagtailAdminTemplateMixin):
    """Fetch the object through the scoped queryset: out of perimeter (or no right at all on
    the model) → 404."""

    model = CampagneEvaluation
    espace = "campagne"
    header_icon = "list-ol"

    def get_objet(self):
        visibles = policy_for(self.model).filtrer(
            self.model.objects.select_related("schema__region")
            if self.model is CampagneEvaluation
            else self.model.objects.select_related("region"),
            self.request.user,
            LECTURE,
        )
        return get_object_or_404(visibles, pk=self.kwargs["pk"])

    @cached_property
    def objet(self):
        return self.get_objet()

    def url_fiche(self):
        return reverse(f"{self.espace}:inspect", args=[self.objet.pk])

    def get_page_subtitle(self):
        return str(self.objet)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse(f"{self.espace}:index"),
                "label": self.model._meta.verbose_name_plural.capitalize(),
            },
            {"url": self.url_fiche(), "label": str(self.objet)},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["objet"] = self.objet
        context["url_fiche"] = self.url_fiche()
        return context


class EvaluationView(VueObjetMixin, TemplateView):
    """Every action of the schéma with its réalisation and comment; saved in one atomic POST
    by those who may change evaluations, read-only for the others."""

    template_name = "schemas/evaluation.html"
    page_title = "Évaluation des actions"

    def dispatch(self, request, *args, **kwargs):
        self.modifiable = peut_evaluer(request.user, self.objet.schema_id)
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
    suffixe = "grille"

    def contenu(self):
        return exports.grille_xlsx(self.objet)


# ---------------------------------------------------------------------------------------------
# Import of a grid into a schéma (analysis and preview, then confirmation)
# ---------------------------------------------------------------------------------------------

CLE_SESSION = "schemas_import"


class ImportGrilleView(VueObjetMixin, TemplateView):
    """Step 1 (POST with a file): read and match the grid, show the preview or every error;
    nothing is written. Step 2 (POST `confirmer`): write it, atomically, from the analysis kept
    in the session."""

    model = SchemaRegional
    espace = "schema"
    template_name = "schemas/import.html"
    page_title = "Importer une grille d'évaluation"

    def dispatch(self, request, *args, **kwargs):
        if not peut_importer(request.user, self.objet.pk):
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
            lue = grille.lire_xlsx(form.cleaned_data["fichier"])
        except grille.GrilleInvalide as erreur:
            return self.render_to_response(self.get_context_data(form=form, erreur=erreur))
        plan = grille.planifier(self.objet, lue)
        if plan.problemes:
            erreur = grille.GrilleInvalide(
                "La grille ne correspond pas au schéma : rien n'a été importé.", plan.problemes
            )
            return self.render_to_response(self.get_context_data(form=form, erreur=erreur))
        jeton = secrets.token_urlsafe(16)
        campagne = form.cleaned_data.get("campagne")
        nouvelle = form.nouvelle_campagne()
        request.session[CLE_SESSION] = {
            "jeton": jeton,
            "schema": self.objet.pk,
            "campagne": campagne.pk if campagne else None,
            "nouvelle": {**nouvelle, "date": nouvelle["date"].isoformat()} if nouvelle else None,
            "grille": {
                "feuille": lue.feuille,
                "ligne_entete": lue.ligne_entete,
                "ignorees": lue.ignorees,
                "avec_commentaire": lue.avec_commentaire,
                "lignes": [asdict(ligne) for ligne in lue.lignes],
            },
        }
        return self.render_to_response(
            self.get_context_data(
                form=form,
                plan=plan,
                jeton=jeton,
                campagne=campagne,
                nouvelle=nouvelle,
                statuts=[(r.label, plan.par_realisation[r.value]) for r in ORDRE_REALISATION],
            )
        )

    def confirmer(self, request):
        import datetime

        analyse = request.session.get(CLE_SESSION)
        if (
            not analyse
            or analyse.get("jeton") != request.POST.get("jeton")
            or analyse.get("schema") != self.objet.pk
        ):
            messages.error(
                request,
                "Cette analyse a expiré ou a déjà été importée : déposez à nouveau la grille.",
            )
            return redirect("schema:importer", self.objet.pk)
        donnees = analyse["grille"]
        lue = grille.Grille(
            lignes=[grille.LigneGrille(**ligne) for ligne in donnees["lignes"]],
            feuille=donnees["feuille"],
            ligne_entete=donnees["ligne_entete"],
            ignorees=donnees["ignorees"],
            avec_commentaire=donnees["avec_commentaire"],
        )
        campagne = None
        if analyse["campagne"] is not None:
            campagne = self.objet.campagnes.filter(pk=analyse["campagne"]).first()
            if campagne is None:
                messages.error(request, "La campagne choisie n'existe plus : rien n'a été importé.")
                return redirect("schema:importer", self.objet.pk)
        nouvelle = analyse["nouvelle"]
        if nouvelle:
            nouvelle = {**nouvelle, "date": datetime.date.fromisoformat(nouvelle["date"])}
        try:
            bilan = grille.appliquer(
                self.objet,
                lue,
                utilisateur=request.user,
                campagne=campagne,
                nouvelle_campagne=nouvelle,
            )
        except grille.GrilleInvalide as erreur:
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


# ---------------------------------------------------------------------------------------------
# Menu
# ---------------------------------------------------------------------------------------------


class SchemasViewSetGroup(ModelViewSetGroup):
    menu_label = "Schéma régional"
    menu_icon = "list-ol"
    menu_order = 400
    items = (SchemaViewSet, CampagneViewSet, ActionSchemaViewSet)

"""Forms of the schéma screens. Every choice of a schéma, objective, thématique, campaign or
région is limited to the user's perimeter; a child never moves to another schéma (its
evaluations belong to that schéma's campaigns)."""

from django import forms

from backoffice.acces.viewsets import PerimetreForm

from .grille.lecture import TAILLE_MAX
from .models import CampagneEvaluation, Realisation


class SchemaForm(PerimetreForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "region" not in self.fields:
            return
        if self.instance.pk and self.instance.campagnes.exists():
            # Its campaigns were evaluated by the services of this région.
            self.fields["region"].disabled = True
            self.fields["region"].help_text = "La région d'un schéma évalué ne change plus."


def _meme_schema(champ, queryset, chemin, schema_id):
    champ.queryset = queryset.filter(**{chemin: schema_id})


class ObjectifForm(PerimetreForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        champ = self.fields.get("schema")
        if champ is None:
            return
        champ.queryset = champ.queryset.select_related("region")
        if self.instance.pk:
            champ.disabled = True


class ThematiqueForm(PerimetreForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        champ = self.fields.get("objectif")
        if champ is None:
            return
        champ.queryset = champ.queryset.select_related("schema__region").order_by(
            "schema_id", "numero"
        )
        champ.label_from_instance = lambda o: f"{o.schema.region} {o.schema.periode} – {o}"
        if self.instance.pk:
            _meme_schema(champ, champ.queryset, "schema_id", self.instance.objectif.schema_id)


class ActionSchemaForm(PerimetreForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        champ = self.fields.get("thematique")
        if champ is None:
            return
        champ.queryset = champ.queryset.select_related("objectif__schema__region").order_by(
            "objectif__schema_id", "objectif__numero", "ordre", "pk"
        )
        champ.label_from_instance = lambda t: (
            f"{t.objectif.schema.region} {t.objectif.schema.periode} – "
            f"{t.objectif.numero}. {t.libelle}"
        )
        instance = self.instance
        if instance.pk:
            _meme_schema(
                champ,
                champ.queryset,
                "objectif__schema_id",
                instance.thematique.objectif.schema_id,
            )


class CampagneForm(PerimetreForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        champ = self.fields.get("schema")
        if champ is None:
            return
        champ.queryset = champ.queryset.select_related("region")
        if self.instance.pk:
            champ.disabled = True


# ---------------------------------------------------------------------------------------------
# Import of a grid
# ---------------------------------------------------------------------------------------------


class ImportGrilleForm(forms.Form):
    fichier = forms.FileField(
        label="Grille d'évaluation (.xlsx)",
        help_text=(
            "Colonnes Objectifs, Thématiques, Actions, Réalisation (oui, non, partiellement, nc), "
            f"et Commentaire si besoin. {TAILLE_MAX // (1024 * 1024)} Mo au plus."
        ),
        error_messages={"required": "Choisissez le fichier de la grille."},
    )
    campagne = forms.ModelChoiceField(
        queryset=CampagneEvaluation.objects.none(),
        required=False,
        label="Campagne existante",
        empty_label="— Nouvelle campagne —",
        help_text="Les évaluations de la grille remplacent celles de la campagne choisie.",
    )
    libelle = forms.CharField(
        label="Libellé de la nouvelle campagne", required=False, max_length=200
    )
    date = forms.DateField(
        label="Date de la nouvelle campagne",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        error_messages={"invalid": "Saisissez une date valide (jj/mm/aaaa)."},
    )
    description = forms.CharField(
        label="Description de la nouvelle campagne",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, schema, **kwargs):
        super().__init__(*args, **kwargs)
        self.schema = schema
        self.fields["campagne"].queryset = schema.campagnes.all()

    def clean(self):
        donnees = super().clean()
        if donnees.get("campagne") is None:
            if not donnees.get("libelle"):
                self.add_error("libelle", "Choisissez une campagne existante ou nommez-en une.")
            elif self.schema.campagnes.filter(libelle=donnees["libelle"]).exists():
                self.add_error(
                    "libelle",
                    "Ce schéma a déjà une campagne de ce libellé : choisissez-la dans la liste.",
                )
            if not donnees.get("date") and "date" not in self.errors:
                self.add_error("date", "Indiquez la date de la nouvelle campagne.")
        return donnees

    def nouvelle_campagne(self):
        if self.cleaned_data.get("campagne") is not None:
            return None
        return {
            "libelle": self.cleaned_data["libelle"],
            "date": self.cleaned_data["date"],
            "description": self.cleaned_data["description"],
        }


# ---------------------------------------------------------------------------------------------
# Evaluation page (one small form per action)
# ---------------------------------------------------------------------------------------------

COMMENTAIRE_MAX = 5000


class EvaluationForm(forms.Form):
    realisation = forms.ChoiceField(
        label="Réalisation",
        choices=Realisation.choices,
        widget=forms.Select(attrs={"aria-label": "Réalisation"}),
        error_messages={"invalid_choice": "Réalisation inconnue : choisissez dans la liste."},
    )
    commentaire = forms.CharField(
        label="Commentaire",
        required=False,
        max_length=COMMENTAIRE_MAX,
        widget=forms.Textarea(attrs={"rows": 2, "aria-label": "Commentaire"}),
    )
    origine = forms.CharField(widget=forms.HiddenInput, required=False)

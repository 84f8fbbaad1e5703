"""Forms of the Temps 1 import screens: the upload, the confirmation, the export."""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat

from backoffice.fichiers.envoi import limite_depassee, taille_max_site
from backoffice.territoires.models import Departement

from .temps1.lecture import TAILLE_MAX

TOUS = "tous"


def taille_max():
    return getattr(settings, "TEMPS1_TAILLE_MAX", TAILLE_MAX)


def taille_max_envoi():
    """Where the web upload stops reading a file: a file sent whole is stored whole, even over
    the Temps 1 limit (the import's page then says why it is refused, docs/temps1.md)."""
    return max(taille_max(), taille_max_site())


def taille_max_lisible():
    return filesizeformat(taille_max())


class DepotForm(forms.Form):
    # Everything sent is stored first, then checked in the background (an empty, oversized or
    # non-Excel file included): the person gets the reason on the import's page, and the file
    # stays available. Refused here: no file at all, and a file whose reading stopped at the
    # request's limit (`taille_max_envoi`: there is nothing whole to keep).
    fichier = forms.FileField(
        label="Classeur Temps 1 (.xlsx)",
        allow_empty_file=True,
        error_messages={
            "required": "Choisissez le classeur à déposer.",
            "invalid": "Le fichier n'a pas été reçu : choisissez-le à nouveau.",
            "missing": "Le fichier n'a pas été reçu : choisissez-le à nouveau.",
        },
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )

    def __init__(self, *args, libelle=None, **kwargs):
        super().__init__(*args, **kwargs)
        if libelle:
            self.fields["fichier"].label = libelle
        self.fields["fichier"].help_text = (
            f"Format Excel .xlsx, {taille_max_lisible()} au plus. Le fichier est conservé tel "
            "quel, puis vérifié : rien n'est écrit avant votre confirmation."
        )

    def clean_fichier(self):
        fichier = self.cleaned_data["fichier"]
        limite = limite_depassee(fichier, taille_max_envoi())
        if limite is not None:
            raise forms.ValidationError(
                f"« {fichier.name} » dépasse la taille maximale de {filesizeformat(limite)} : "
                "il n'a pas été déposé. Déposez un classeur par département ou retirez les "
                "onglets inutiles.",
                code="taille",
            )
        return fichier


class ConfirmationForm(forms.Form):
    confirmer = forms.BooleanField(
        label="Je confirme l'application de cet import",
        error_messages={"required": "Cochez la case de confirmation pour appliquer l'import."},
    )


class ExportForm(forms.Form):
    """The départements offered are those of the user's perimeter (all of them for a national
    account); "tous" = the whole perimeter."""

    departement = forms.ChoiceField(
        label="Département",
        error_messages={
            "invalid_choice": "Ce département n'est pas dans votre périmètre : choisissez-en un "
            "de la liste.",
            "required": "Choisissez un département.",
        },
    )

    def __init__(self, *args, perimetre, **kwargs):
        super().__init__(*args, **kwargs)
        departements = Departement.objects.order_by("code")
        if not perimetre.national:
            departements = departements.filter(code__in=perimetre.departements)
        tous = "Tous (France entière)" if perimetre.national else "Tous ceux de mon périmètre"
        self.fields["departement"].choices = [
            (TOUS, tous),
            *((d.code, f"{d.code} – {d.nom}") for d in departements),
        ]

    def departements(self):
        """None (the whole perimeter) or [code]."""
        code = self.cleaned_data["departement"]
        return None if code == TOUS else [code]

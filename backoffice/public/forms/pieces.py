"""The attachments section of the public forms (request form and follow-up page)."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from ..uploads import (
    LotPieces,
    extensions_acceptees,
    formats_acceptes,
    taille_max_lisible,
    verifier_fichier,
)
from .dsfr import FormulaireDsfr

# --- attachments -------------------------------------------------------------------------------


class FichiersMultiples(forms.FileInput):
    allow_multiple_selected = True


class ChampFichiers(forms.FileField):
    """Several files in one input; each one is checked by the form, by content."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", FichiersMultiples(attrs={"class": "fr-upload"}))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if not data:
            return []
        if not isinstance(data, list | tuple):
            data = [data]
        return [d for d in data if d]


class PiecesForm(FormulaireDsfr):
    """New files (checked, then kept in the batch even if the rest of the form is invalid), the
    files already kept (« déjà joints »), and the ones to take out of the batch."""

    ancre = "section-pieces"
    lot = forms.CharField(widget=forms.HiddenInput, required=False)
    fichiers = ChampFichiers(label="Ajouter des documents")
    retirer = forms.MultipleChoiceField(
        label="Retirer", required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, data=None, files=None, *, request=None, maximum=None, **kwargs):
        super().__init__(data, files, **kwargs)
        self.request = request
        self.maximum = maximum if maximum is not None else settings.DEMANDE_NOMBRE_MAX_FICHIERS
        self.lot = LotPieces.depuis((data or {}).get("lot") if data is not None else None)
        self.initial["lot"] = self.lot.id
        self.fields["lot"].initial = self.lot.id
        self.fields["retirer"].choices = [(p.id, p.nom) for p in self.lot.pieces()]
        self.fields["fichiers"].help_text = (
            f"Formats acceptés : {formats_acceptes()}. {taille_max_lisible()} au maximum par "
            f"fichier, {self.maximum} fichiers au maximum. Vous pouvez en sélectionner plusieurs."
        )
        self.fields["fichiers"].widget.attrs["accept"] = extensions_acceptees()
        # Bound fields cache their help text when first built (django-dsfr builds them early).
        self._bound_fields_cache.pop("fichiers", None)
        self.traite = False

    def clean_lot(self):
        return self.lot.id

    def clean(self):
        cleaned = super().clean()
        self.traiter()
        return cleaned

    def traiter(self):
        """Apply removals, check and keep the new files (once); errors go on `fichiers`."""
        if self.traite:
            return
        self.traite = True
        for piece_id in self.cleaned_data.get("retirer") or []:
            self.lot.retirer(piece_id)
        erreurs = []
        nombre = len(self.lot.pieces())
        for fichier in self.cleaned_data.get("fichiers") or []:
            try:
                type_fichier = verifier_fichier(fichier)
            except ValidationError as exc:
                erreurs.append(exc)
                continue
            if nombre >= self.maximum:
                erreurs.append(
                    ValidationError(
                        f"« {fichier.name} » n'a pas été ajouté : {self.maximum} fichiers au "
                        "maximum."
                    )
                )
                continue
            self.lot.ajouter(fichier, type_fichier)
            nombre += 1
        if erreurs:
            self.add_error("fichiers", erreurs)
        # The form is re-displayed with a fresh file input: nothing to re-select but what failed.
        self.fields["retirer"].choices = [(p.id, p.nom) for p in self.lot.pieces()]

    @property
    def pieces(self):
        return self.lot.pieces()

    @property
    def lot_id(self):
        return self.lot.id

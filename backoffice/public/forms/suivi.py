"""Forms of the requester's follow-up page."""

from django import forms

from .dsfr import FormulaireDsfr

# --- follow-up page ----------------------------------------------------------------------------


class ReponseForm(FormulaireDsfr):
    """The requester's answer to a request for completion."""

    ancre = "reponse"
    message = forms.CharField(
        label="Votre réponse",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Répondez à la demande de l'administration ; joignez les documents demandés "
        "ci-dessous.",
    )


class AnnulationForm(FormulaireDsfr):
    motif = forms.CharField(
        label="Motif de l'annulation",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Facultatif.",
    )

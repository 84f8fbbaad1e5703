"""The whole public request form: its sections validated together, then filed."""

from django import forms

from backoffice.demandes import services
from backoffice.demandes.models import Demande, TypeDemande

from .dsfr import FormulaireDsfr
from .lignes import FinancementFormSet, GroupeFormSet
from .pieces import PiecesForm
from .sections import CHAMPS_DEMANDEUR, DemandeurForm, DispositifForm, EntiteForm


class PresentationForm(FormulaireDsfr):
    ancre = "section-presentation"
    description = forms.CharField(
        label="Présentation de la demande",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Facultatif : contexte, calendrier, public accueilli, éléments utiles à "
        "l'instruction.",
    )


# --- the whole request -------------------------------------------------------------------------


class FormulaireDemande:
    """The sections of the public request form, validated together."""

    def __init__(self, data=None, files=None, *, request=None, initial_demandeur=None):
        self.est_lie = data is not None
        self.demandeur = DemandeurForm(data, initial=initial_demandeur)
        self.entite = EntiteForm(data, prefix="entite")
        self.dispositif = DispositifForm(data, prefix="dispositif")
        self.groupes = GroupeFormSet(data, prefix="groupes")
        self.financements = FinancementFormSet(data, prefix="financements")
        self.presentation = PresentationForm(data)
        self.pieces = PiecesForm(data, files, request=request)
        self._valide = None

    def is_valid(self):
        if self._valide is None:
            resultats = [
                self.demandeur.is_valid(),
                self.entite.is_valid(),
                self.dispositif.is_valid(),
            ]
            sans_places = self.dispositif.sans_places
            self.groupes.sans_places = self.financements.sans_places = sans_places
            resultats += [
                self.groupes.is_valid(),
                self.financements.is_valid(),
                self.presentation.is_valid(),
                self.pieces.is_valid(),
            ]
            self._valide = all(resultats)
        return self._valide

    def erreurs_resumees(self):
        if not self.est_lie:
            return []
        return [
            *self.demandeur.erreurs_resumees("Vous"),
            *self.entite.erreurs_resumees("Entité gestionnaire"),
            *self.dispositif.erreurs_resumees("Dispositif"),
            *self.groupes.erreurs_resumees(),
            *self.financements.erreurs_resumees(),
            *self.presentation.erreurs_resumees("Présentation"),
            *self.pieces.erreurs_resumees("Pièces jointes"),
        ]

    def enregistrer(self, compte=None):
        """File the request with its attachments (demandes/services.py)."""
        assert self.is_valid()
        dispositif = self.dispositif.cleaned_data
        demande = Demande(
            type_demande=TypeDemande.CREATION,
            departement=dispositif["departement"],
            type_dispositif=dispositif["type"],
            donnees_dispositif=self.dispositif.donnees,
            groupes=self.groupes.donnees(),
            financements=self.financements.donnees(),
            description=self.presentation.cleaned_data["description"],
            compte_demandeur=compte if compte is not None and compte.is_authenticated else None,
            **{nom: self.demandeur.cleaned_data[nom] for nom in CHAMPS_DEMANDEUR},
        )
        if self.entite.entite_existante:
            demande.entite = self.entite.entite_existante
        else:
            demande.nouvelle_entite = self.entite.donnees
        return services.deposer(demande, lot=self.pieces.lot)

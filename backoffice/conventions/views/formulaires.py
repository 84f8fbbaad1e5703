"""Forms of conventions and avenants (their per-dispositif lines are checked by the model)."""

from backoffice.acces.viewsets import (
    PerimetreForm,
)

from ..models import (
    ETATS_ACTIFS,
    Convention,
)

# ---------------------------------------------------------------------------------------------
# Forms
# ---------------------------------------------------------------------------------------------


def _lignes_du_formset(form, nom="lignes"):
    formset = form.formsets.get(nom)
    lignes = []
    if formset is None:
        return lignes
    for sous in formset.forms:
        donnees = getattr(sous, "cleaned_data", None) or {}
        if not donnees or donnees.get("DELETE"):
            continue
        lignes.append((donnees.get("dispositif"), donnees.get("places_conventionnees")))
    return lignes


class ConventionForm(PerimetreForm):
    """Checks the per-dispositif lines together with the convention (entité, period, places
    autorisées, overlaps): after the child forms are cleaned, which ClusterForm does after the
    parent's own clean()."""

    def is_valid(self):
        if not super().is_valid():
            return False
        self.verifier_lignes(self.cleaned_data)
        return not self.errors

    def verifier_lignes(self, donnees):
        instance = self.instance
        entite = donnees.get("entite")
        date_debut = donnees.get("date_debut")
        date_fin = donnees.get("date_fin")
        if donnees.get("type_convention") == "cada" and date_debut and not date_fin:
            provisoire = Convention(type_convention="cada", date_debut=date_debut)
            provisoire.appliquer_duree_par_defaut()
            date_fin = provisoire.date_fin
        erreurs = instance.erreurs_lignes(
            _lignes_du_formset(self),
            entite_id=entite.pk if entite else None,
            date_debut=date_debut,
            date_fin=date_fin,
        )
        for erreur in erreurs:
            self.add_error(None, erreur)


class AvenantForm(PerimetreForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "convention" in self.fields:
            self.fields["convention"].queryset = self.fields["convention"].queryset.filter(
                etat__in=ETATS_ACTIFS
            )

    def is_valid(self):
        if not super().is_valid():
            return False
        self.verifier_lignes(self.cleaned_data)
        return not self.errors

    def verifier_lignes(self, donnees):
        convention = donnees.get("convention") or (
            self.instance.convention if self.instance.convention_id else None
        )
        if convention is None:
            return
        provisoire = Convention(pk=convention.pk, entite_id=convention.entite_id)
        erreurs = []
        for dispositif, places in _lignes_du_formset(self):
            if dispositif is None:
                continue
            erreurs += provisoire.erreurs_lignes(
                [(dispositif, places)], date_debut=None, date_fin=None
            )
        for erreur in erreurs:
            self.add_error(None, erreur)

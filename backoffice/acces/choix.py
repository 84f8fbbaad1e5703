"""Choice lists bound to perimeters: the one rule every form field and every list filter uses.

A choice is an object the user may see:
- a perimeter-bound row (entité, dispositif, convention, appel…): through the model's permission
  policy (read rights);
- a département: one of the perimeter's, or, for an entité perimeter (gestionnaire), one where
  the entité has its siège or a dispositif; a région or a SIAO: one holding such a département
  (territories are perimeter-bound for every non-national account);
- reference data (types, natures, programmes…): anything;
- a model declared national (accounts, Wagtail's tables…): nothing outside the national level.
A model whose scope is not declared raises (perimetres.declaration): choices fail closed too.
"""

from django.db.models import Q

from .perimetres import LECTURE, est_perimetre, filtrer, perimetre_pour
from .policies import policy_for

# Choices whose rule belongs to the app that owns the model (territories: by the perimeter's
# départements), declared from that app's ready(): {label: fonction(queryset, perimetre)}, called
# for a perimeter that is not national. Acces imports no domain app.
_RESTRICTIONS = {}


def declarer_restriction(label, fonction):
    """Declare how the choices of a model (`app_label.modelname`) are limited to a perimeter."""
    _RESTRICTIONS[label.lower()] = fonction


def restreindre(queryset, user, perimetre):
    """`queryset` (the choices of a field) limited to what `user` may choose in `perimetre`."""
    label = queryset.model._meta.label_lower
    restriction = _RESTRICTIONS.get(label)
    if restriction is not None:
        return queryset if perimetre.national else restriction(queryset, perimetre)
    if est_perimetre(label):
        policy = policy_for(queryset.model)
        return queryset.filter(
            pk__in=policy.instances_user_has_any_permission_for(user, LECTURE).values("pk")
        )
    return filtrer(queryset, perimetre)


def restreindre_champs(champs, user, perimetre, valeurs_actuelles=None):
    """Limit every model choice field of a form's `champs` ({name: field}). A value already
    recorded (`valeurs_actuelles`: {name: pk or list}) stays offered: it is the object's own."""
    valeurs_actuelles = valeurs_actuelles or {}
    for nom, champ in champs.items():
        queryset = getattr(champ, "queryset", None)
        if queryset is None:
            continue
        restreint = restreindre(queryset, user, perimetre)
        actuelles = valeurs_actuelles.get(nom)
        if actuelles not in (None, "", []) and restreint is not queryset:
            actuelles = actuelles if isinstance(actuelles, list | tuple | set) else [actuelles]
            restreint = queryset.filter(Q(pk__in=restreint.values("pk")) | Q(pk__in=actuelles))
        champ.queryset = restreint


def _pks(valeur):
    if isinstance(valeur, list | tuple | set):
        return [getattr(v, "pk", v) for v in valeur]
    return getattr(valeur, "pk", valeur)


def restreindre_formulaire(formulaire, user, modele_label, actions=("add", "change")):
    """Limit the choices of a form (and, for a form with inline formsets, of each child form) to
    what `user` may choose when acting (`actions`) on `modele_label`."""
    perimetre = perimetre_pour(user, modele_label, actions)
    instance = getattr(formulaire, "instance", None)
    actuelles = {}
    if instance is not None and instance.pk:
        actuelles = {nom: _pks(formulaire.initial.get(nom)) for nom in formulaire.fields}
    restreindre_champs(formulaire.fields, user, perimetre, actuelles)
    for formset in getattr(formulaire, "formsets", {}).values():
        _restreindre_formset(formset, user, actions)


def _restreindre_formset(formset, user, actions):
    # Every child form, the empty one of the « add » button included, goes through add_fields
    # (Django's BaseFormSet): limit its choices there.
    origine = formset.add_fields
    label = formset.model._meta.label_lower

    def add_fields(form, index):
        origine(form, index)
        restreindre_formulaire(form, user, label, actions)

    formset.add_fields = add_fields

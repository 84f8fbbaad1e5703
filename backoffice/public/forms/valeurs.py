"""Form values <-> the JSON stored on the request <-> unsaved model instances, and the model's
own validation with its errors put back on the form's fields."""

import datetime
from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models


def en_json(valeur):
    if isinstance(valeur, models.Model):
        return valeur.pk
    if isinstance(valeur, datetime.date):
        return valeur.isoformat()
    if isinstance(valeur, Decimal):
        return str(valeur)
    return valeur


def donnees_du_formulaire(form, modele, noms):
    """{attname: JSON value} of the non-empty cleaned values (what the request will store)."""
    donnees = {}
    for nom in noms:
        if nom not in form.cleaned_data:
            continue
        valeur = form.cleaned_data[nom]
        if valeur in ("", None):
            continue
        donnees[modele._meta.get_field(nom).attname] = en_json(valeur)
    return donnees


def donnees_de_l_instance(instance, cles):
    """The same keys read back from the validated instance (normalised SIREN, SIRET, FINESS…)."""
    donnees = {}
    for cle in cles:
        valeur = getattr(instance, cle)
        if valeur not in ("", None):
            donnees[cle] = en_json(valeur)
    return donnees


def valider_par_le_modele(form, instance, exclude=()):
    """full_clean() the instance built from the form; put its errors back on the form's fields.

    Fields that already failed form validation are excluded (one message per problem). Returns
    True when the model accepted the values.
    """
    exclude = {*exclude, *(nom for nom in form.errors if nom in form.fields)}
    try:
        instance.full_clean(exclude=sorted(exclude))
    except ValidationError as exc:
        for nom, erreurs in exc.error_dict.items():
            if nom in form.fields and nom not in form.errors:
                form.add_error(nom, erreurs)
            elif nom == NON_FIELD_ERRORS or nom not in form.fields:
                prefixe = ""
                if nom != NON_FIELD_ERRORS:
                    prefixe = f"{instance._meta.get_field(nom).verbose_name.capitalize()} : "
                for erreur in erreurs:
                    for message in erreur.messages:
                        form.add_error(None, f"{prefixe}{message}")
        return False
    return True

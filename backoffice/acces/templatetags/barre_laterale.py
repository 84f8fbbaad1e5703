"""`{% barre_laterale %}`: Wagtail's sidebar (`sidebar_props`), computed once per person and set
of rights, then reused by every admin page of this process.

Wagtail rebuilds and serialises the whole menu on each admin page: every menu item asks its
permission policy, the search areas too, then telepath packs about 10 kB of JSON, about 25 ms of
CPU per page. The result depends only on the person and their rights, never on the page (the
active item is chosen in the browser): its inputs are listed in `_empreinte`, and any change of
one of them (a role given or withdrawn, a Django permission, a name, an avatar, the language)
gives a new key, so nothing is ever invalidated by hand. The menu's entries themselves are
registered at start-up and do not change while the process lives, hence a cache per process,
bounded, which costs no query.

Wagtail's page and collection permissions (given to Django groups) are not in the key: they only
decide the Pages, Images and Documents entries, which `acces.wagtail_hooks` removes for everyone.
"""

import json
from collections import OrderedDict
from threading import Lock

from django import template
from django.utils import translation
from wagtail.admin.templatetags.wagtailadmin_tags import avatar_url, sidebar_props

from ..perimetres import affectations_de

register = template.Library()

TAILLE = 512  # people × rights kept per process, the least recently used dropped first
_barres = OrderedDict()
_verrou = Lock()


def _empreinte(user):
    profil = getattr(user, "wagtail_userprofile", None)
    return (
        translation.get_language(),
        user.pk,
        user.get_username(),
        user.first_name,
        user.is_active,
        user.is_superuser,
        frozenset(user.get_all_permissions()),
        tuple(affectations_de(user)),
        avatar_url(user, size=50),
        json.dumps(profil.dismissibles, sort_keys=True) if profil else "",
    )


def vider():
    with _verrou:
        _barres.clear()


@register.simple_tag(takes_context=True)
def barre_laterale(context):
    user = context["request"].user
    if not user.is_authenticated:
        return sidebar_props(context)  # no admin page is served anonymously; nothing to key on
    cle = _empreinte(user)
    with _verrou:
        barre = _barres.get(cle)
        if barre is not None:
            _barres.move_to_end(cle)
            return barre
    barre = sidebar_props(context)
    with _verrou:
        _barres[cle] = barre
        if len(_barres) > TAILLE:
            _barres.popitem(last=False)
    return barre

"""The request side of uploads, for every form of the site (middleware `EnvoiMiddleware`, placed
before the CSRF middleware, the first to read a request body).

- **A file too big stops being read**: past the view's limit (`taille_max_envoi` on the view, else
  `FICHIERS_TAILLE_MAX_ENVOI`), the rest of it is counted, not kept; the form receives a
  `FichierTropGros` of the size actually sent, which every checker refuses (`limite_depassee`)
  with its own French message (« dépasse la taille maximale… »), the rest of the form kept.
- **A request too big, too many files or fields**: Django stops parsing and would answer a bare
  « 400 Bad Request ». Here the person is sent back to the page (a GET) with a French message;
  nothing was written (the form could not even be read).

The body is parsed here, with our handler in place; the CSRF middleware then checks the token
as usual. A view that wants a lower limit (the public pages) says so with `limite_envoi`.
"""

import io
import os

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import (
    RequestDataTooBig,
    SuspiciousOperation,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpResponseRedirect
from django.http.multipartparser import MultiPartParserError
from django.template.defaultfilters import filesizeformat

MEGAOCTET = 1024 * 1024
TAILLE_MAX_ENVOI = 20 * MEGAOCTET  # the largest file any form accepts (a Temps 1 workbook)
TOTAL_MAX_ENVOI = 64 * MEGAOCTET  # a whole request (the public form: 5 files of 10 MB)


class FichierTropGros(UploadedFile):
    """What the form receives for a file cut at the limit: its name, the size sent and the limit
    it passed (`limite`), no content. See `limite_depassee`."""

    def __init__(self, nom, content_type, taille, limite):
        super().__init__(io.BytesIO(), nom, content_type, taille)
        self.limite = limite


def limite_depassee(fichier, taille_max):
    """The limit (bytes) an uploaded file passes, or None: `taille_max`, the checker's own, or
    the lower one at which the request stopped reading it."""
    limite = min(taille_max, getattr(fichier, "limite", taille_max))
    return limite if fichier.size > limite else None


class LimiteEnvoiHandler(FileUploadHandler):
    """First upload handler: passes each file's bytes on up to `taille_max`, then swallows the
    rest; stops the whole upload past `total_max`."""

    def __init__(self, request, taille_max, total_max):
        super().__init__(request)
        self.taille_max = taille_max
        self.total_max = total_max
        self.total = 0
        self.recu = 0
        self.coupe = False

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.recu = 0
        self.coupe = False

    def receive_data_chunk(self, raw_data, start):
        self.recu += len(raw_data)
        self.total += len(raw_data)
        if self.total > self.total_max:
            self.request.envoi_refuse = (
                f"L'envoi dépasse {filesizeformat(self.total_max)} au total : rien n'a été "
                "enregistré. Envoyez moins de fichiers, ou des fichiers plus légers."
            )
            raise StopUpload(connection_reset=False)
        if self.recu > self.taille_max:
            self.coupe = True
            return None  # the handlers after this one get nothing more of this file
        return raw_data

    def file_complete(self, file_size):
        if self.coupe:
            return FichierTropGros(
                os.path.basename(self.file_name or "fichier"),
                self.content_type,
                self.recu,
                self.taille_max,
            )
        return None


def limite_envoi(taille_max):
    """Decorator of a view (function or class): its files stop being read past `taille_max`
    bytes (an int or a callable giving one, e.g. reading a setting)."""

    def decorer(vue):
        vue.taille_max_envoi = taille_max
        return vue

    return decorer


def taille_max_site():
    """Past this, a file stops being read on any form that says nothing lower."""
    return getattr(settings, "FICHIERS_TAILLE_MAX_ENVOI", TAILLE_MAX_ENVOI)


def _taille_max(vue):
    taille = getattr(vue, "taille_max_envoi", None)
    if taille is None:
        taille = getattr(getattr(vue, "view_class", None), "taille_max_envoi", None)
    if taille is None:
        taille = taille_max_site
    return taille() if callable(taille) else taille


MESSAGES = {
    TooManyFilesSent: "Trop de fichiers envoyés en une fois : rien n'a été enregistré. Envoyez-en "
    "moins à la fois.",
    TooManyFieldsSent: "Le formulaire envoyé contient trop de champs : rien n'a été enregistré.",
    RequestDataTooBig: "Le formulaire envoyé est trop volumineux : rien n'a été enregistré.",
}
ILLISIBLE = "Le formulaire envoyé n'a pas pu être lu : rien n'a été enregistré. Réessayez."


class EnvoiMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, vue, args, kwargs):
        if request.method != "POST":
            return None
        if request.content_type == "multipart/form-data" and not hasattr(request, "_files"):
            request.upload_handlers.insert(
                0,
                LimiteEnvoiHandler(
                    request,
                    _taille_max(vue),
                    getattr(settings, "FICHIERS_TOTAL_MAX_ENVOI", TOTAL_MAX_ENVOI),
                ),
            )
        try:
            request.POST  # noqa: B018 — parse now, with our handler, to answer in French
            request.FILES  # noqa: B018
        except (SuspiciousOperation, MultiPartParserError) as exc:
            message = next((m for t, m in MESSAGES.items() if isinstance(exc, t)), ILLISIBLE)
            return self._retour(request, message)
        if getattr(request, "envoi_refuse", None):
            return self._retour(request, request.envoi_refuse)
        return None

    def _retour(self, request, message):
        messages.error(request, message)
        return HttpResponseRedirect(request.get_full_path(), status=303)

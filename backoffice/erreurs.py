"""The error handlers Django calls (backoffice/urls.py): French pages in the public design
(templates/400.html … 500.html).

Django answers a submission it refuses to read — a body over DATA_UPLOAD_MAX_MEMORY_SIZE, more
files than DATA_UPLOAD_MAX_NUMBER_FILES, more fields than DATA_UPLOAD_MAX_NUMBER_FIELDS — with a
bare 400. Here it becomes a 413 page that says what was too large and what to do. The 400 page is
rendered like Django's own: without the request (no context processor, no database), since the
request is the thing that went wrong.
"""

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpResponse
from django.template import loader

TROP_VOLUMINEUX = (RequestDataTooBig, TooManyFilesSent, TooManyFieldsSent)


def mauvaise_requete(request, exception=None):
    if isinstance(exception, TROP_VOLUMINEUX):
        contexte = {
            "trop_de_fichiers": isinstance(exception, TooManyFilesSent),
            "trop_de_champs": isinstance(exception, TooManyFieldsSent),
        }
        return HttpResponse(loader.render_to_string("413.html", contexte), status=413)
    return HttpResponse(loader.render_to_string("400.html"), status=400)

from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("backoffice.public.urls")),
    path("", RedirectView.as_view(url="/admin/", permanent=False)),
]

# MEDIA_ROOT is never served as static files, not even in DEBUG: every uploaded document is
# downloaded through a view that checks the perimeter (requests, conventions, calls).

urlpatterns += [path("", include(wagtail_urls))]

# French error pages (templates/400.html … 500.html); 403, 404 and 500 are Django's own handlers
# rendering our templates; a refused oversized submission is told apart (backoffice/erreurs.py).
handler400 = "backoffice.erreurs.mauvaise_requete"

from django.apps import AppConfig
from django.db.models import ForeignKey
from wagtail.documents.apps import WagtailDocsAppConfig
from wagtail.images.apps import WagtailImagesAppConfig


class BackofficeConfig(AppConfig):
    default = True  # the other configs below are Wagtail's, named in INSTALLED_APPS
    name = "backoffice"
    verbose_name = "Parc d'hébergement"

    def ready(self):
        from . import demarrage

        demarrage.connecter()


# Wagtail's documents and images apps, started without the registration of their v3 API.
#
# Wagtail 8 registers the documents and images endpoints of its v3 API (django-ninja, pydantic)
# in these apps' `ready()`. The project mounts no v3 API (`backoffice/urls.py` includes only the
# admin, the document downloads and the public pages): that registration served nothing and cost
# every process ≈ 0.4 s at start (benchmarks/demarrage.py). These configs run the rest of
# Wagtail's `ready()` as Wagtail writes it; `tests/vitesse/test_demarrage.py` fails when Wagtail's
# own `ready()` changes, so an upgrade is reread here.
#
# Mounting the v3 API one day means going back to `wagtail.documents` and `wagtail.images` in
# INSTALLED_APPS (and scoping its endpoints to the perimeters).


class DocumentsSansApi(WagtailDocsAppConfig):
    default = False  # named in INSTALLED_APPS, never picked for `backoffice`

    def ready(self):
        from wagtail.admin.ui.fields import register_display_class
        from wagtail.documents import get_document_model, get_permission_policy
        from wagtail.documents.components import DocumentDisplay
        from wagtail.documents.signal_handlers import register_signal_handlers
        from wagtail.models.reference_index import ReferenceIndex
        from wagtail.permissions import register_permission_policy

        Document = get_document_model()
        register_permission_policy(Document, get_permission_policy())
        register_signal_handlers()
        register_display_class(ForeignKey, to=Document, display_class=DocumentDisplay)
        ReferenceIndex.register_model(Document)


class ImagesSansApi(WagtailImagesAppConfig):
    default = False

    def ready(self):
        from wagtail.admin.compare import register_comparison_class
        from wagtail.admin.forms.models import register_form_field_override
        from wagtail.admin.ui.fields import register_display_class
        from wagtail.images import get_image_model, get_permission_policy
        from wagtail.images.components import ImageDisplay
        from wagtail.images.edit_handlers import ImageFieldComparison
        from wagtail.images.signal_handlers import register_signal_handlers
        from wagtail.images.widgets import AdminImageChooser
        from wagtail.models.reference_index import ReferenceIndex
        from wagtail.permissions import register_permission_policy

        Image = get_image_model()
        register_permission_policy(Image, get_permission_policy())
        register_signal_handlers()
        # Image foreign keys use the image chooser in forms, and their comparison class in
        # revision diffs.
        register_form_field_override(ForeignKey, to=Image, override={"widget": AdminImageChooser})
        register_comparison_class(ForeignKey, to=Image, comparison_class=ImageFieldComparison)
        register_display_class(ForeignKey, to=Image, display_class=ImageDisplay)
        ReferenceIndex.register_model(Image)

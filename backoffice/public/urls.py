from django.urls import path

from . import views

app_name = "public"

urlpatterns = [
    path("demande/", views.deposer_demande, name="demande"),
    path("demande/suivi/<str:jeton>/", views.suivi_demande, name="suivi"),
]

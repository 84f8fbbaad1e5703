from django.urls import path

from . import views

app_name = "public"

urlpatterns = [
    path("demande/", views.deposer_demande, name="demande"),
    path("demande/envoyee/", views.demande_envoyee, name="demande_envoyee"),
    path("demande/suivi/<str:jeton>/", views.suivi_demande, name="suivi"),
    path("demande/suivi/<str:jeton>/annuler/", views.annuler_demande, name="annuler"),
    path(
        "demande/suivi/<str:jeton>/documents/<int:piece_id>/",
        views.piece_demande,
        name="piece",
    ),
]

from django.urls import path

from . import views

app_name = "exportations"

urlpatterns = [
    path("", views.MesExportsView.as_view(), name="index"),
    path("<int:pk>/", views.SuiviView.as_view(), name="suivi"),
    path("<int:pk>/statut/", views.StatutView.as_view(), name="statut"),
    path("<int:pk>/fichier/", views.TelechargementView.as_view(), name="telecharger"),
]

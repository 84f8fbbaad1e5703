"""Admin screens of the offer: entités, dispositifs, groupes de places, financements, and the
nomenclature. Perimeters are enforced by the base classes of backoffice.acces.viewsets."""

"""django-simple-history for child rows edited inline (ParentalKey).

simple-history copies a `ParentalKey` as a `ParentalKey` with `related_name="+"`, which modelcluster
refuses (modelcluster.E002). The historical copy only needs a plain foreign key (no constraint, no
reverse accessor): this subclass turns it into one, so per-dispositif lines of a convention keep
both the inline editing of Wagtail and a dated history (`history.as_of(date)`).
"""

from django.db import models
from modelcluster.fields import ParentalKey
from simple_history.models import HistoricalRecords


class HistoriqueLignes(HistoricalRecords):
    def copy_fields(self, model):
        champs = super().copy_fields(model)
        for nom, champ in list(champs.items()):
            if isinstance(champ, ParentalKey):
                champ.swappable = False  # as simple-history does: models are not loaded yet
                _nom, _chemin, args, kwargs = champ.deconstruct()
                copie = models.ForeignKey(*args, **kwargs)
                copie.name = champ.name
                champs[nom] = copie
        return champs

"""A frozen clock that only moves forward when the test says so.

Everything that stamps the time (history records, `auto_now` fields, transitions) reads
`django.utils.timezone.now()`: replacing it makes every write of a test happen on the day the
story says, so figures can be checked "as the database said" on each of those days."""

import datetime
import zoneinfo

from django.utils import timezone

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


class Horloge:
    def __init__(self, instant):
        self.instant = instant

    def __call__(self):
        return self.instant

    def aller_au(self, jour, heure=10):
        """Move to `heure` o'clock (Paris) on `jour`; the clock never goes back."""
        instant = datetime.datetime.combine(jour, datetime.time(heure), tzinfo=PARIS)
        assert instant >= self.instant, "l'horloge ne recule pas"
        self.instant = instant

    @property
    def aujourdhui(self):
        return timezone.localdate(self.instant)

"""After the first request of a process: everything loaded so far lives as long as the process.

The URLconf, the admin's viewsets, the compiled templates and the imported modules are ~200,000
Python objects that every full garbage collection walks again: ~200 ms of CPU on the reference
machine, paid by whichever request triggers it (benchmarks/parcours.py, « ramasse-miettes »).
`gc.freeze()` moves them out of the collector's sight once they are loaded (Python documents it
for long-lived server processes); full collections then only walk what requests create.
"""

import gc

from django.core.signals import request_finished

DEJA_FAIT = "backoffice-demarrage-gc-freeze"


def geler_apres_la_premiere_requete(**kwargs):
    request_finished.disconnect(dispatch_uid=DEJA_FAIT)
    gc.collect()  # the first request's garbage is not worth keeping forever
    gc.freeze()


def connecter():
    request_finished.connect(geler_apres_la_premiere_requete, dispatch_uid=DEJA_FAIT)

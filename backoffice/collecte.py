"""Python's cyclic garbage collector paused while the figures are computed.

Reading the park's history builds tens of thousands of plain dicts and tuples in a few hundred
milliseconds. None of them forms a reference cycle, yet every 700 new containers the collector
walks the young ones, and the survivors again and again in the older generations: measured on
the national 24-month curve, a third of its CPU time went to collections that freed nothing.
Reference counting still frees everything as usual; the collector resumes when the last
computation ends and catches up then on whatever cycles were made meanwhile.

Process-wide (the collector is): a counter keeps it paused while any thread is inside, and
restores the state it found (a process that had switched it off keeps it off).
"""

import contextlib
import gc
import threading

_verrou = threading.Lock()
_en_cours = 0
_a_reprendre = False


class sans_collecte(contextlib.ContextDecorator):  # noqa: N801 (used as a decorator)
    """`with sans_collecte():` or `@sans_collecte()`: no cyclic collection inside."""

    def __enter__(self):
        global _en_cours, _a_reprendre
        with _verrou:
            if _en_cours == 0:
                _a_reprendre = gc.isenabled()
                gc.disable()
            _en_cours += 1
        return self

    def __exit__(self, *exc):
        global _en_cours
        with _verrou:
            _en_cours -= 1
            if _en_cours == 0 and _a_reprendre:
                gc.enable()
        return False

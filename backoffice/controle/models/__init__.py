"""Control and inspection of what the State funds (docs/domaine.md §6b): the yearly programme of
a département, the controls of dispositifs, their findings (constats), their measures and their
documents.

Modules: `programme` (ProgrammeControle), `controle` (Controle and its state machine, Constat),
`mesure` (Mesure and its follow-up), `documents` (DocumentControle). The states and choices are
in ../choix.py, who may act in ../regles.py.
"""

from .controle import Constat, Controle
from .documents import DocumentControle, joindre_document
from .mesure import Mesure
from .programme import ProgrammeControle

__all__ = [
    "Constat",
    "Controle",
    "DocumentControle",
    "Mesure",
    "ProgrammeControle",
    "joindre_document",
]

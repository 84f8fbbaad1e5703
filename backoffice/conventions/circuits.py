"""Conventions' own transition forms (signature, résiliation). The generic transition machinery
(buttons, transition views, viewset wiring) lives in workflows.vues; the document upload view in
backoffice/documents/vues.py."""

from backoffice.documents.depot import ChampDocument
from workflows.vues import ChampDate, FormulaireMotif, FormulaireTransition


class FormulaireSignature(FormulaireTransition):
    date_signature = ChampDate(
        label="Date de signature", error_messages={"required": "Indiquez la date de signature."}
    )
    fichier = ChampDocument(label="Copie signée")


class FormulaireResiliation(FormulaireMotif):
    date_resiliation = ChampDate(label="Date d'effet de la résiliation", required=False)

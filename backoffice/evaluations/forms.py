"""The form a DDETS fills when an evaluation's report arrives: the evaluating body, the date of
receipt, the report itself (through the one upload checker of backoffice.documents), the
conclusion."""

from backoffice.acces.viewsets import PerimetreForm
from backoffice.documents.depot import ChampDocument, enregistrer_document

COLLECTION = "Évaluations ESSMS"


class FormulaireEvaluation(PerimetreForm):
    rapport = ChampDocument(label="Rapport d'évaluation", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        document = self.instance.document if self.instance.document_id else None
        if document is not None:
            champ = self.fields["rapport"]
            champ.help_text = (
                f"Rapport enregistré : {document.title}. Joignez un fichier pour le remplacer ; "
                f"{champ.help_text}"
            )

    def clean(self):
        donnees = super().clean()
        if donnees.get("rapport") and not donnees.get("date_reception"):
            self.add_error("date_reception", "Indiquez la date à laquelle le rapport a été reçu.")
        return donnees

    def save(self, commit=True):
        fichier = self.cleaned_data.get("rapport")
        ancien = None
        if fichier:
            evaluation = self.instance
            ancien = evaluation.document if evaluation.document_id else None
            evaluation.document = enregistrer_document(
                fichier,
                titre=f"Rapport – {evaluation.libelle_rang} – {evaluation.dispositif.code}",
                nom_collection=COLLECTION,
                acteur=self.for_user,
            )
        evaluation = super().save(commit=commit)
        if ancien is not None and commit:
            # Replaced: the previous file is attached to nothing any more.
            ancien.delete()
        return evaluation

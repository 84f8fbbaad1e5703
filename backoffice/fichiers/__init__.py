"""Files people send us: one place to decide what may be stored or read.

Shared ground: this package imports no domain app (only Django, the standard library and
python-calamine), so every app that receives a file can use it.

- ``archives``: the zip layer common to workbooks and office documents (entries, sizes, ratio,
  real inflation, no DTD, no macros, OLE containers recognised).
- ``classeurs``: the workbook guard, run before python-calamine ever opens a file (calamine
  allocates the whole range a sheet's cells span: a crafted file aborts the process, which no
  ``except`` can catch).
- ``documents``: the upload checker for documents (kind read from the content, size, macros and
  executables refused).
- ``envoi``: the request side (a file too big stops being read; too many files or fields get a
  French message instead of a bare 400).

Threats, defences and tests: docs/securite.md, section « Fichiers déposés ».
"""

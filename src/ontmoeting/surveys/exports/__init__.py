"""Exports of the survey data: CSV, XLSX, SPSS ``.sav`` with labels, and a codebook.

- :mod:`.dataset` builds one wide, pseudonymous table per edition and audience (one row per study
  code; columns per wave: item answers, scale scores, completion) with a variable description
  for each column;
- :mod:`.writers` writes it as CSV, XLSX (data + codebook sheets) or SPSS ``.sav`` (variable and
  value labels via pyreadstat), and the codebook as XLSX or HTML;
- :mod:`.services` is the one entry point (profile check, audit entry);
- :mod:`.qda` writes the open answers with their codes for a qualitative-analysis tool;
- :mod:`.covariates` is the coordinator-side step that puts the subgroup labels (the domain of
  the expert a student met, newcomer or veteran expert) on the study codes, so exports and
  reports carry labels only, never names.

Profiles: ``deidentified`` (default: study codes, edition year, subgroup labels, answers; open
answers kept and flagged in the codebook) and ``identified`` (coordinator only, with a stated
reason, audited: adds the participant's reference, name and email — never their own domains of
experience, which are special-category data).
"""

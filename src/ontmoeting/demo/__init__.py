"""A realistic, reproducible demo history of the encounter day (2009 until the current edition).

``figures`` holds the numbers from the seeds, ``history`` plans the history in plain Python from
a seed, ``builder`` writes it to the database, ``research`` adds the evaluation research since
2014 (answers from ``respondents``, open answers from ``open_answers``), ``samples`` writes the
current roster as files a coordinator can try the importer with.
"""

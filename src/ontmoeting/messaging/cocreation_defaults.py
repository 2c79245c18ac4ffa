"""The default texts of a co-creation meeting's messages in Dutch, English and Italian.

A co-creation meeting (seed 001) brings experts by experience and professionals of mental-health,
addiction and youth care together at mixed tables; there are no students, pairs or afternoon
groups, so its texts say nothing of them. They take the place of the encounter day's built-in
and global texts for a co-creation meeting; a text the coordinator writes for the edition itself
still wins (``services.effective_template``). Kinds without a text here keep the general one.
"""

from __future__ import annotations

_TEAM = {
    "nl": "Het team van het cocreatiemoment",
    "en": "The co-creation meeting team",
    "it": "Il gruppo dell'incontro di co-creazione",
}

#: (kind, language) -> (subject, text), only for a co-creation meeting.
CO_CREATION_TEMPLATES: dict[tuple[str, str], tuple[str, str]] = {
    # --- invitation (experts by experience) ---------------------------------------------------
    ("invitation", "nl"): (
        "Uitnodiging: cocreatiemoment op {{ edition_date }}",
        """Beste {{ first_name }},

Wij nodigen u graag uit voor ons cocreatiemoment op {{ edition_date }}.
Ervaringsdeskundigen en hulpverleners uit de geestelijke gezondheidszorg, de verslavingszorg en
de jeugdhulp praten die dag samen aan kleine tafels. Uw ervaring is daar evenveel waard als hun
kennis. Wilt u een tafelgesprek leiden? Dat mag, maar het hoeft niet.

Waar: {{ venue }}
Hoe laat: van 9.30 tot 13.00 uur.

Laat u ons via deze link weten of u komt?
{{ link }}

Wij betalen uw reiskosten terug.

"""
        + _TEAM["nl"],
    ),
    ("invitation", "en"): (
        "Invitation: co-creation meeting on {{ edition_date }}",
        """Dear {{ first_name }},

We would like to invite you to our co-creation meeting on {{ edition_date }}.
Experts by experience and professionals of mental-health, addiction and youth care talk together
at small tables. Your experience counts as much as their knowledge. Would you like to lead a
table? You may, but you do not have to.

Where: {{ venue }}
When: from 9:30 to 13:00.

Would you let us know with this link whether you are coming?
{{ link }}

We pay back your travel costs.

"""
        + _TEAM["en"],
    ),
    ("invitation", "it"): (
        "Invito: incontro di co-creazione il {{ edition_date }}",
        """Gentile {{ first_name }},

Siamo felici di invitarla al nostro incontro di co-creazione il {{ edition_date }}.
Esperti per esperienza e professionisti della salute mentale, delle dipendenze e dei servizi per i
minori parlano insieme a piccoli tavoli. La sua esperienza vale quanto il loro sapere. Vuole
guidare un tavolo? Può farlo, ma non è obbligatorio.

Dove: {{ venue }}
Quando: dalle 9.30 alle 13.00.

Ci fa sapere con questo link se viene?
{{ link }}

Le rimborsiamo le spese di viaggio.

"""
        + _TEAM["it"],
    ),
    # --- invitation (professionals) -----------------------------------------------------------
    ("invitation_professional", "nl"): (
        "Uitnodiging: cocreatiemoment op {{ edition_date }}",
        """Beste {{ first_name }},

Wij nodigen u graag uit voor ons cocreatiemoment op {{ edition_date }}.
U praat die dag aan gemengde tafels met ervaringsdeskundigen en met collega's uit andere
sectoren: geestelijke gezondheidszorg, verslavingszorg en jeugdhulp. Elke tafel wordt geleid door
een ervaringsdeskundige. Wilt u mee begeleiden? Laat het ons weten.

Waar: {{ venue }}
Hoe laat: van 9.30 tot 13.00 uur.

Laat u ons via deze link weten of u komt?
{{ link }}

"""
        + _TEAM["nl"],
    ),
    ("invitation_professional", "en"): (
        "Invitation: co-creation meeting on {{ edition_date }}",
        """Dear {{ first_name }},

We would like to invite you to our co-creation meeting on {{ edition_date }}.
You talk at mixed tables with experts by experience and with colleagues of other sectors: mental
health care, addiction care and youth care. Each table is led by an expert by experience. Would
you like to co-facilitate? Let us know.

Where: {{ venue }}
When: from 9:30 to 13:00.

Would you let us know with this link whether you are coming?
{{ link }}

"""
        + _TEAM["en"],
    ),
    ("invitation_professional", "it"): (
        "Invito: incontro di co-creazione il {{ edition_date }}",
        """Gentile {{ first_name }},

Siamo felici di invitarla al nostro incontro di co-creazione il {{ edition_date }}.
Parlerà a tavoli misti con esperti per esperienza e con colleghi di altri settori: salute
mentale, dipendenze e servizi per i minori. Ogni tavolo è guidato da un esperto per esperienza.
Vuole co-condurre un tavolo? Ce lo faccia sapere.

Dove: {{ venue }}
Quando: dalle 9.30 alle 13.00.

Ci fa sapere con questo link se viene?
{{ link }}

"""
        + _TEAM["it"],
    ),
    # --- confirmation ---------------------------------------------------------------------------
    ("confirmation", "nl"): (
        "U bent aangemeld voor {{ edition_date }}",
        """Beste {{ first_name }},

Dank u wel! U bent aangemeld voor het cocreatiemoment op {{ edition_date }}.

Waar: {{ venue }}
Hoe laat: wij beginnen om 9.30 uur.

Uw persoonlijke pagina vindt u hier:
{{ link }}

Kort voor de dag krijgt u bericht aan welke tafel u zit.

Tot dan!
"""
        + _TEAM["nl"],
    ),
    ("confirmation", "en"): (
        "You are registered for {{ edition_date }}",
        """Dear {{ first_name }},

Thank you! You are registered for the co-creation meeting on {{ edition_date }}.

Where: {{ venue }}
When: we start at 9:30.

Your personal page is here:
{{ link }}

Shortly before the day you hear at which table you sit.

See you then!
"""
        + _TEAM["en"],
    ),
    ("confirmation", "it"): (
        "È iscritto/a per il {{ edition_date }}",
        """Gentile {{ first_name }},

Grazie! È iscritto/a all'incontro di co-creazione il {{ edition_date }}.

Dove: {{ venue }}
Quando: iniziamo alle 9.30.

La sua pagina personale è qui:
{{ link }}

Poco prima del giorno le diciamo a quale tavolo siede.

A presto!
"""
        + _TEAM["it"],
    ),
    # --- reminder -------------------------------------------------------------------------------
    ("reminder", "nl"): (
        "Nog {{ days_before }} dagen: het cocreatiemoment",
        """Beste {{ first_name }},

Nog {{ days_before }} dagen en dan is het cocreatiemoment: {{ edition_date }}.
Wij verwachten u om 9.30 uur.

Waar: {{ venue }}

Alles over uw dag leest u hier:
{{ link }}

Kunt u toch niet komen? Laat het ons dan zo snel mogelijk weten.

Tot gauw!
"""
        + _TEAM["nl"],
    ),
    ("reminder", "en"): (
        "{{ days_before }} days to go: the co-creation meeting",
        """Dear {{ first_name }},

In {{ days_before }} days it is the co-creation meeting: {{ edition_date }}.
We expect you at 9:30.

Where: {{ venue }}

Everything about your day is here:
{{ link }}

Can you not come after all? Please let us know as soon as you can.

See you soon!
"""
        + _TEAM["en"],
    ),
    ("reminder", "it"): (
        "Ancora {{ days_before }} giorni: l'incontro di co-creazione",
        """Gentile {{ first_name }},

Tra {{ days_before }} giorni c'è l'incontro di co-creazione: {{ edition_date }}.
La aspettiamo alle 9.30.

Dove: {{ venue }}

Tutto sulla sua giornata è qui:
{{ link }}

Non può venire? Ce lo faccia sapere il prima possibile.

A presto!
"""
        + _TEAM["it"],
    ),
    # --- schedule published ---------------------------------------------------------------------
    ("plan_published", "nl"): (
        "Uw programma voor {{ edition_date }}",
        """Beste {{ first_name }},

Uw programma voor het cocreatiemoment op {{ edition_date }} is klaar.
Aan welke tafel u in elke ronde zit, ziet u hier. U kunt het ook printen:
{{ link }}

Waar: {{ venue }}

Tot op het cocreatiemoment!
"""
        + _TEAM["nl"],
    ),
    ("plan_published", "en"): (
        "Your programme for {{ edition_date }}",
        """Dear {{ first_name }},

Your programme for the co-creation meeting on {{ edition_date }} is ready.
At which table you sit in each round is here. You can print it too:
{{ link }}

Where: {{ venue }}

See you at the co-creation meeting!
"""
        + _TEAM["en"],
    ),
    ("plan_published", "it"): (
        "Il suo programma per il {{ edition_date }}",
        """Gentile {{ first_name }},

Il suo programma per l'incontro di co-creazione il {{ edition_date }} è pronto.
A quale tavolo siede in ogni giro lo vede qui. Può anche stamparlo:
{{ link }}

Dove: {{ venue }}

Ci vediamo all'incontro di co-creazione!
"""
        + _TEAM["it"],
    ),
    # --- thank you (experts: with survey and travel costs) --------------------------------------
    ("thank_you", "nl"): (
        "Dank u wel voor het cocreatiemoment",
        """Beste {{ first_name }},

Dank u wel dat u er was op het cocreatiemoment van {{ edition_date }}.
Uw ervaring heeft de gesprekken aan tafel rijker gemaakt.

Wilt u ons vertellen hoe u het vond? Dat duurt ongeveer 5 minuten:
{{ survey_link }}

Vergeet niet uw reiskosten door te geven, als u dat nog niet deed.

Met hartelijke dank,
"""
        + _TEAM["nl"],
    ),
    ("thank_you", "en"): (
        "Thank you for the co-creation meeting",
        """Dear {{ first_name }},

Thank you for being at the co-creation meeting of {{ edition_date }}.
Your experience made the conversations at the tables richer.

Would you tell us how you found it? It takes about 5 minutes:
{{ survey_link }}

Do not forget to send us your travel costs, if you have not yet.

With warm thanks,
"""
        + _TEAM["en"],
    ),
    ("thank_you", "it"): (
        "Grazie per l'incontro di co-creazione",
        """Gentile {{ first_name }},

Grazie di essere stato/a all'incontro di co-creazione del {{ edition_date }}.
La sua esperienza ha reso più ricche le conversazioni ai tavoli.

Ci dice come l'ha trovato? Ci vogliono circa 5 minuti:
{{ survey_link }}

Non dimentichi di comunicarci le spese di viaggio, se non l'ha ancora fatto.

Un caro grazie,
"""
        + _TEAM["it"],
    ),
    # --- thank you (professionals: no travel costs) ---------------------------------------------
    ("thank_you_professional", "nl"): (
        "Dank u wel voor het cocreatiemoment",
        """Beste {{ first_name }},

Dank u wel dat u er was op het cocreatiemoment van {{ edition_date }}.
Wat u aan tafel hoorde en vertelde, nemen wij mee in de oogst van de dag.

Heeft u opmerkingen of ideeën voor een volgende keer? Mail ons gerust.

Met hartelijke dank,
"""
        + _TEAM["nl"],
    ),
    ("thank_you_professional", "en"): (
        "Thank you for the co-creation meeting",
        """Dear {{ first_name }},

Thank you for being at the co-creation meeting of {{ edition_date }}.
What you heard and told at the tables goes into the harvest of the day.

Any remarks or ideas for a next time? Just email us.

With warm thanks,
"""
        + _TEAM["en"],
    ),
    ("thank_you_professional", "it"): (
        "Grazie per l'incontro di co-creazione",
        """Gentile {{ first_name }},

Grazie di essere stato/a all'incontro di co-creazione del {{ edition_date }}.
Quello che ha ascoltato e raccontato ai tavoli entra nel raccolto della giornata.

Ha osservazioni o idee per la prossima volta? Ci scriva pure.

Un caro grazie,
"""
        + _TEAM["it"],
    ),
}

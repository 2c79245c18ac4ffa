"""The default texts of every kind of message in Dutch, English and Italian.

Plain, warm and easy to read: short sentences, no jargon. Coordinators may change them (globally
or for one edition); ``services.ensure_default_templates`` stores these as the starting point.
"""

from __future__ import annotations

#: (kind, language) -> (subject, text). Placeholders: see ``rendering.PLACEHOLDERS``.
DEFAULT_TEMPLATES: dict[tuple[str, str], tuple[str, str]] = {
    # --- invitation ---------------------------------------------------------------------------
    ("invitation", "nl"): (
        "Uitnodiging: ontmoetingsdag op {{ edition_date }}",
        """Beste {{ first_name }},

Wij nodigen u graag uit voor onze ontmoetingsdag op {{ edition_date }}.
Op die dag praat u met een student sociaal werk. U vertelt over uw leven en uw ervaring.
De student luistert en vertelt ook over zichzelf. Het is een gewoon gesprek, geen examen.

Waar: {{ venue }}
Hoe laat: van 9.00 tot 16.00 uur. U krijgt een gratis lunch.
Uw reiskosten betalen wij terug.

Wilt u meedoen? Meld u aan via deze link:
{{ link }}

Lukt dat niet? Bel of mail ons gerust. Wij helpen u graag.

Hartelijke groet,
Het team van de ontmoetingsdag""",
    ),
    ("invitation", "en"): (
        "Invitation: encounter day on {{ edition_date }}",
        """Dear {{ first_name }},

We would like to invite you to our encounter day on {{ edition_date }}.
On that day you talk with a social work student. You tell about your life and your experience.
The student listens and also tells about themselves. It is an ordinary conversation, not a test.

Where: {{ venue }}
When: from 9:00 to 16:00. Lunch is free.
We pay back your travel costs.

Would you like to join? Sign up with this link:
{{ link }}

Is that difficult? Just call or email us. We are happy to help.

Warm regards,
The encounter day team""",
    ),
    ("invitation", "it"): (
        "Invito: giornata dell'incontro il {{ edition_date }}",
        """Gentile {{ first_name }},

Siamo felici di invitarla alla nostra giornata dell'incontro il {{ edition_date }}.
Quel giorno lei parla con uno studente di servizio sociale. Lei racconta la sua vita e la sua esperienza.
Lo studente ascolta e racconta anche di sé. È una normale conversazione, non un esame.

Dove: {{ venue }}
Quando: dalle 9.00 alle 16.00. Il pranzo è offerto.
Le rimborsiamo le spese di viaggio.

Vuole partecipare? Si iscriva con questo link:
{{ link }}

Ha bisogno di aiuto? Ci chiami o ci scriva. La aiutiamo volentieri.

Un caro saluto,
Il gruppo della giornata dell'incontro""",
    ),
    # --- confirmation -------------------------------------------------------------------------
    ("confirmation", "nl"): (
        "U bent aangemeld voor {{ edition_date }}",
        """Beste {{ first_name }},

Dank u wel! U bent aangemeld voor de ontmoetingsdag op {{ edition_date }}.

Waar: {{ venue }}
Hoe laat: wij beginnen om 9.00 uur.

Uw persoonlijke pagina vindt u hier:
{{ link }}

Kort voor de dag krijgt u bericht met wie u praat en in welke zaal.

Tot dan!
Het team van de ontmoetingsdag""",
    ),
    ("confirmation", "en"): (
        "You are signed up for {{ edition_date }}",
        """Dear {{ first_name }},

Thank you! You are signed up for the encounter day on {{ edition_date }}.

Where: {{ venue }}
When: we start at 9:00.

Your personal page is here:
{{ link }}

Shortly before the day you will hear who you talk with and in which room.

See you then!
The encounter day team""",
    ),
    ("confirmation", "it"): (
        "La sua iscrizione per il {{ edition_date }}",
        """Gentile {{ first_name }},

Grazie! Lei è iscritto/a alla giornata dell'incontro il {{ edition_date }}.

Dove: {{ venue }}
Quando: iniziamo alle 9.00.

La sua pagina personale è qui:
{{ link }}

Poco prima della giornata le diremo con chi parla e in quale aula.

A presto!
Il gruppo della giornata dell'incontro""",
    ),
    # --- reminder -----------------------------------------------------------------------------
    ("reminder", "nl"): (
        "Nog {{ days_before }} dagen: de ontmoetingsdag",
        """Beste {{ first_name }},

Nog {{ days_before }} dagen en dan is het de ontmoetingsdag: {{ edition_date }}.
Wij verwachten u om 9.00 uur.

Waar: {{ venue }}
Uw zaal: {{ room }}

Alles over uw dag leest u hier:
{{ link }}

Kunt u toch niet komen? Laat het ons dan zo snel mogelijk weten.

Tot gauw!
Het team van de ontmoetingsdag""",
    ),
    ("reminder", "en"): (
        "{{ days_before }} days to go: the encounter day",
        """Dear {{ first_name }},

In {{ days_before }} days it is the encounter day: {{ edition_date }}.
We expect you at 9:00.

Where: {{ venue }}
Your room: {{ room }}

Everything about your day is here:
{{ link }}

Can you not come after all? Please let us know as soon as possible.

See you soon!
The encounter day team""",
    ),
    ("reminder", "it"): (
        "Mancano {{ days_before }} giorni alla giornata dell'incontro",
        """Gentile {{ first_name }},

Mancano {{ days_before }} giorni alla giornata dell'incontro: {{ edition_date }}.
La aspettiamo alle 9.00.

Dove: {{ venue }}
La sua aula: {{ room }}

Tutto sulla sua giornata è qui:
{{ link }}

Non può più venire? Ce lo faccia sapere il prima possibile.

A presto!
Il gruppo della giornata dell'incontro""",
    ),
    # --- plan published -----------------------------------------------------------------------
    ("plan_published", "nl"): (
        "Uw programma voor {{ edition_date }}",
        """Beste {{ first_name }},

Uw programma voor de ontmoetingsdag op {{ edition_date }} is klaar.

In de ochtend praat u met {{ partner_first_name }} in zaal {{ room }}.
In de middag zit u in groep {{ group }}. Het groepsgesprek wordt geleid door {{ chair_first_name }}.

Waar: {{ venue }}

Uw hele programma ziet u hier. U kunt het ook printen:
{{ link }}

Tot op de ontmoetingsdag!
Het team van de ontmoetingsdag""",
    ),
    ("plan_published", "en"): (
        "Your schedule for {{ edition_date }}",
        """Dear {{ first_name }},

Your schedule for the encounter day on {{ edition_date }} is ready.

In the morning you talk with {{ partner_first_name }} in room {{ room }}.
In the afternoon you are in group {{ group }}. {{ chair_first_name }} leads the group talk.

Where: {{ venue }}

You can see your whole schedule here. You can also print it:
{{ link }}

See you on the day!
The encounter day team""",
    ),
    ("plan_published", "it"): (
        "Il suo programma per il {{ edition_date }}",
        """Gentile {{ first_name }},

Il suo programma per la giornata dell'incontro il {{ edition_date }} è pronto.

La mattina parla con {{ partner_first_name }} nell'aula {{ room }}.
Il pomeriggio è nel gruppo {{ group }}. {{ chair_first_name }} guida la discussione del gruppo.

Dove: {{ venue }}

Qui vede tutto il suo programma. Può anche stamparlo:
{{ link }}

A presto alla giornata dell'incontro!
Il gruppo della giornata dell'incontro""",
    ),
    # --- plan changed -------------------------------------------------------------------------
    ("plan_changed", "nl"): (
        "Let op: uw programma is veranderd",
        """Beste {{ first_name }},

Er is iets veranderd in uw programma voor {{ edition_date }}.

Dit is nieuw:
{{ changes }}

Uw nieuwe programma ziet u hier:
{{ link }}

Sorry voor de verandering. Heeft u vragen? Bel of mail ons gerust.

Hartelijke groet,
Het team van de ontmoetingsdag""",
    ),
    ("plan_changed", "en"): (
        "Please note: your schedule has changed",
        """Dear {{ first_name }},

Something has changed in your schedule for {{ edition_date }}.

This is new:
{{ changes }}

Your new schedule is here:
{{ link }}

Sorry for the change. Any questions? Just call or email us.

Warm regards,
The encounter day team""",
    ),
    ("plan_changed", "it"): (
        "Attenzione: il suo programma è cambiato",
        """Gentile {{ first_name }},

C'è un cambiamento nel suo programma per il {{ edition_date }}.

Ecco la novità:
{{ changes }}

Il suo nuovo programma è qui:
{{ link }}

Ci scusi per il cambiamento. Ha domande? Ci chiami o ci scriva.

Un caro saluto,
Il gruppo della giornata dell'incontro""",
    ),
    # --- thank you ----------------------------------------------------------------------------
    ("thank_you", "nl"): (
        "Dank u wel voor de ontmoetingsdag",
        """Beste {{ first_name }},

Dank u wel dat u er was op de ontmoetingsdag van {{ edition_date }}.
Uw verhaal en uw tijd betekenen veel voor de studenten.

Wilt u ons vertellen hoe u de dag vond? Dat duurt ongeveer 5 minuten:
{{ survey_link }}

Vergeet niet uw reiskosten door te geven, als u dat nog niet deed.

Met hartelijke dank,
Het team van de ontmoetingsdag""",
    ),
    ("thank_you", "en"): (
        "Thank you for the encounter day",
        """Dear {{ first_name }},

Thank you for being with us on the encounter day of {{ edition_date }}.
Your story and your time mean a lot to the students.

Would you tell us what you thought of the day? It takes about 5 minutes:
{{ survey_link }}

Do not forget to send us your travel costs, if you have not done so yet.

With warm thanks,
The encounter day team""",
    ),
    ("thank_you", "it"): (
        "Grazie per la giornata dell'incontro",
        """Gentile {{ first_name }},

Grazie di essere stato/a con noi alla giornata dell'incontro del {{ edition_date }}.
La sua storia e il suo tempo sono preziosi per gli studenti.

Ci racconta com'è andata per lei? Ci vogliono circa 5 minuti:
{{ survey_link }}

Non dimentichi di inviarci le spese di viaggio, se non l'ha ancora fatto.

Con un grazie di cuore,
Il gruppo della giornata dell'incontro""",
    ),
    # --- magic link ---------------------------------------------------------------------------
    ("magic_link", "nl"): (
        "Uw link naar uw persoonlijke pagina",
        """Beste {{ first_name }},

Met deze link opent u uw persoonlijke pagina voor de ontmoetingsdag:
{{ link }}

U hoeft geen wachtwoord te onthouden. De link werkt een beperkte tijd.
Heeft u deze link niet gevraagd? Dan kunt u deze e-mail gewoon weggooien.

Hartelijke groet,
Het team van de ontmoetingsdag""",
    ),
    ("magic_link", "en"): (
        "Your link to your personal page",
        """Dear {{ first_name }},

With this link you open your personal page for the encounter day:
{{ link }}

You do not need a password. The link works for a limited time.
Did you not ask for this link? Then you can simply delete this email.

Warm regards,
The encounter day team""",
    ),
    ("magic_link", "it"): (
        "Il link alla sua pagina personale",
        """Gentile {{ first_name }},

Con questo link apre la sua pagina personale per la giornata dell'incontro:
{{ link }}

Non serve nessuna password. Il link funziona per un tempo limitato.
Non ha chiesto questo link? Allora può semplicemente cancellare questa email.

Un caro saluto,
Il gruppo della giornata dell'incontro""",
    ),
    # --- registration check (someone registered through a shared link with a known address) ---
    ("registration_check", "nl"): (
        "Klopt deze inschrijving voor de ontmoetingsdag?",
        """Beste {{ first_name }},

Iemand heeft u ingeschreven voor de ontmoetingsdag op {{ edition_date }}, met uw e-mailadres.
Was u dat zelf? Open dan deze link en bevestig. Pas dan passen wij uw gegevens aan:
{{ link }}

Was u het niet? Dan hoeft u niets te doen: er verandert niets.

Hartelijke groet,
Het team van de ontmoetingsdag""",
    ),
    ("registration_check", "en"): (
        "Is this registration for the encounter day yours?",
        """Dear {{ first_name }},

Someone registered you for the encounter day of {{ edition_date }} with your email address.
Was it you? Then open this link and confirm. Only then do we change your details:
{{ link }}

Was it not you? Then you need not do anything: nothing changes.

Warm regards,
The encounter day team""",
    ),
    ("registration_check", "it"): (
        "Questa iscrizione alla giornata dell'incontro è sua?",
        """Gentile {{ first_name }},

Qualcuno l'ha iscritta alla giornata dell'incontro del {{ edition_date }} con il suo indirizzo email.
È stato/a lei? Allora apra questo link e confermi. Solo allora cambiamo i suoi dati:
{{ link }}

Non è stato/a lei? Allora non deve fare nulla: non cambia niente.

Un caro saluto,
Il gruppo della giornata dell'incontro""",
    ),
    # --- cancellation alert (to the coordinators) ---------------------------------------------
    ("cancellation_alert", "nl"): (
        "Afmelding: {{ first_name }} {{ last_name }} komt niet op {{ edition_date }}",
        """Hallo,

{{ first_name }} {{ last_name }} heeft zich afgemeld voor de ontmoetingsdag op {{ edition_date }}.

Gesprekspartner in de ochtend: {{ partner_first_name }}
Groep in de middag: {{ group }}

Kijk in de planning of er iets moet veranderen.

Ontmoeting (automatisch bericht)""",
    ),
    ("cancellation_alert", "en"): (
        "Cancellation: {{ first_name }} {{ last_name }} will not come on {{ edition_date }}",
        """Hello,

{{ first_name }} {{ last_name }} has cancelled for the encounter day on {{ edition_date }}.

Morning conversation partner: {{ partner_first_name }}
Afternoon group: {{ group }}

Please check the plan to see whether something needs to change.

Ontmoeting (automatic message)""",
    ),
    ("cancellation_alert", "it"): (
        "Disdetta: {{ first_name }} {{ last_name }} non viene il {{ edition_date }}",
        """Buongiorno,

{{ first_name }} {{ last_name }} ha disdetto la partecipazione alla giornata dell'incontro del {{ edition_date }}.

Partner di conversazione della mattina: {{ partner_first_name }}
Gruppo del pomeriggio: {{ group }}

Controllate il piano per vedere se qualcosa deve cambiare.

Ontmoeting (messaggio automatico)""",
    ),
}

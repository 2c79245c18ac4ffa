"""The default texts of every kind of message in Dutch, English and Italian.

Plain, warm and easy to read: short sentences, no jargon. Experts and professionals are
addressed with "u", students with "je" (Flemish students; "tu" in Italian); students read nothing
about travel costs, and no text sent before the day thanks anyone for having been there.
Coordinators may change them (globally or for one edition); ``services.ensure_default_templates``
and the migrations store these as the starting point.
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
    # --- invitation to professionals (group chairs) -------------------------------------------
    ("invitation_professional", "nl"): (
        "Uitnodiging: ontmoetingsdag op {{ edition_date }}",
        """Beste {{ first_name }},

Wij nodigen u graag uit voor onze ontmoetingsdag op {{ edition_date }}.
Studenten sociaal werk praten die dag met ervaringsdeskundigen. In de namiddag praten zij verder in
kleine groepen. Wij vragen u om zo'n groepsgesprek te begeleiden.

Waar: {{ venue }}
Hoe laat: van 9.00 tot 16.00 uur. U krijgt een gratis lunch.

Laat u ons via deze link weten of u komt?
{{ link }}

Heeft u vragen? Bel of mail ons gerust.

Hartelijke groet,
Het team van de ontmoetingsdag""",
    ),
    ("invitation_professional", "en"): (
        "Invitation: encounter day on {{ edition_date }}",
        """Dear {{ first_name }},

We would like to invite you to our encounter day on {{ edition_date }}.
On that day social work students talk with experts by experience. In the afternoon they talk on in
small groups. We ask you to lead one of these group talks.

Where: {{ venue }}
When: from 9:00 to 16:00. Lunch is free.

Would you let us know with this link whether you are coming?
{{ link }}

Any questions? Just call or email us.

Warm regards,
The encounter day team""",
    ),
    ("invitation_professional", "it"): (
        "Invito: giornata dell'incontro il {{ edition_date }}",
        """Gentile {{ first_name }},

Siamo felici di invitarla alla nostra giornata dell'incontro il {{ edition_date }}.
Quel giorno gli studenti di servizio sociale parlano con esperti per esperienza. Il pomeriggio
continuano a parlare in piccoli gruppi. Le chiediamo di guidare una di queste discussioni di gruppo.

Dove: {{ venue }}
Quando: dalle 9.00 alle 16.00. Il pranzo è offerto.

Ci fa sapere con questo link se viene?
{{ link }}

Ha domande? Ci chiami o ci scriva.

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
In de middag zit u in {{ group }}. Het groepsgesprek wordt geleid door {{ chair_first_name }}.

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
In the afternoon you are in {{ group }}. {{ chair_first_name }} leads the group talk.

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
Il pomeriggio è in: {{ group }}. {{ chair_first_name }} guida la discussione del gruppo.

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
    # --- team actions due (co-creative team trajectories) ---------------------------------------
    ("action_reminder", "nl"): (
        "Acties van uw team die eraan komen",
        """Beste {{ first_name }},

Deze acties heeft uw team afgesproken. Ze zijn bijna aan de beurt, of al te laat:
{{ actions }}

Met uw persoonlijke link ziet u de acties van uw team en laat u ons weten hoe ver elke actie staat:
{{ link }}

Hartelijke groet,
De begeleiders van het traject""",
    ),
    ("action_reminder", "en"): (
        "Your team's actions that are due",
        """Dear {{ first_name }},

Your team agreed on these actions. They are due soon, or overdue:
{{ actions }}

With your personal link you see your team's actions and tell us how far each one is:
{{ link }}

Kind regards,
The facilitators of the trajectory""",
    ),
    ("action_reminder", "it"): (
        "Le azioni del suo team in scadenza",
        """Gentile {{ first_name }},

Il suo team ha concordato queste azioni. Sono in scadenza, o già scadute:
{{ actions }}

Con il suo link personale vede le azioni del suo team e ci dice a che punto è ciascuna:
{{ link }}

Un caro saluto,
I facilitatori del percorso""",
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
    # --- invitation to students (confirm taking part) -----------------------------------------
    ("invitation_student", "nl"): (
        "Ontmoetingsdag op {{ edition_date }}: kom je?",
        """Beste {{ first_name }},

Op {{ edition_date }} is de ontmoetingsdag van je opleiding.
In de voormiddag praat je één op één met een ervaringsdeskundige. Die vertelt over het eigen leven
en de eigen ervaring. Jij luistert, stelt vragen en vertelt ook over jezelf.
In de namiddag praat je verder in een kleine groep.

Waar: {{ venue }}
Hoe laat: van 9.00 tot 16.00 uur. De lunch krijg je van ons.

Laat je via deze link weten of je komt?
{{ link }}

Kun je niet komen? Zeg het dan ook via de link.

Tot dan!
Het team van de ontmoetingsdag""",
    ),
    ("invitation_student", "en"): (
        "Encounter day on {{ edition_date }}: are you coming?",
        """Dear {{ first_name }},

On {{ edition_date }} it is the encounter day of your course.
In the morning you talk one to one with an expert by experience, who tells about their own life and
experience. You listen, ask questions and also tell about yourself.
In the afternoon you talk on in a small group.

Where: {{ venue }}
When: from 9:00 to 16:00. Lunch is on us.

Please let us know with this link whether you are coming:
{{ link }}

Can you not come? Please say so with the link too.

See you then!
The encounter day team""",
    ),
    ("invitation_student", "it"): (
        "Giornata dell'incontro il {{ edition_date }}: ci sei?",
        """Ciao {{ first_name }},

Il {{ edition_date }} c'è la giornata dell'incontro del tuo corso.
La mattina parli a tu per tu con un esperto per esperienza, che racconta la propria vita e la
propria esperienza. Tu ascolti, fai domande e racconti anche di te.
Il pomeriggio continui a parlare in un piccolo gruppo.

Dove: {{ venue }}
Quando: dalle 9.00 alle 16.00. Il pranzo è offerto.

Ci fai sapere con questo link se vieni?
{{ link }}

Non puoi venire? Diccelo anche tu con il link.

A presto!
Il gruppo della giornata dell'incontro""",
    ),
    # --- confirmation (students) --------------------------------------------------------------
    ("confirmation_student", "nl"): (
        "Je komt naar de ontmoetingsdag op {{ edition_date }}",
        """Beste {{ first_name }},

Fijn dat je komt naar de ontmoetingsdag op {{ edition_date }}.

Waar: {{ venue }}
Hoe laat: we beginnen om 9.00 uur.

Je persoonlijke pagina vind je hier:
{{ link }}

Daar zie je je programma: met wie je praat en in welk lokaal.

Tot dan!
Het team van de ontmoetingsdag""",
    ),
    ("confirmation_student", "en"): (
        "You are coming to the encounter day on {{ edition_date }}",
        """Dear {{ first_name }},

Good to hear you are coming to the encounter day on {{ edition_date }}.

Where: {{ venue }}
When: we start at 9:00.

Your personal page is here:
{{ link }}

There you see your schedule: who you talk with and in which room.

See you then!
The encounter day team""",
    ),
    ("confirmation_student", "it"): (
        "Vieni alla giornata dell'incontro il {{ edition_date }}",
        """Ciao {{ first_name }},

Che bello che vieni alla giornata dell'incontro il {{ edition_date }}.

Dove: {{ venue }}
Quando: iniziamo alle 9.00.

La tua pagina personale è qui:
{{ link }}

Lì vedi il tuo programma: con chi parli e in quale aula.

A presto!
Il gruppo della giornata dell'incontro""",
    ),
    # --- reminder before the day (students) ---------------------------------------------------
    ("reminder_student", "nl"): (
        "Nog {{ days_before }} dagen: de ontmoetingsdag",
        """Beste {{ first_name }},

Nog {{ days_before }} dagen en dan is het de ontmoetingsdag: {{ edition_date }}.
We verwachten je om 9.00 uur.

Waar: {{ venue }}
Je lokaal: {{ room }}

Alles over je dag lees je hier:
{{ link }}

Kun je toch niet komen? Laat het ons dan zo snel mogelijk weten.

Tot gauw!
Het team van de ontmoetingsdag""",
    ),
    ("reminder_student", "en"): (
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
    ("reminder_student", "it"): (
        "Mancano {{ days_before }} giorni alla giornata dell'incontro",
        """Ciao {{ first_name }},

Mancano {{ days_before }} giorni alla giornata dell'incontro: {{ edition_date }}.
Ti aspettiamo alle 9.00.

Dove: {{ venue }}
La tua aula: {{ room }}

Tutto sulla tua giornata è qui:
{{ link }}

Non puoi più venire? Faccelo sapere il prima possibile.

A presto!
Il gruppo della giornata dell'incontro""",
    ),
    # --- plan published (students) ------------------------------------------------------------
    ("plan_published_student", "nl"): (
        "Je programma voor {{ edition_date }}",
        """Beste {{ first_name }},

Je programma voor de ontmoetingsdag op {{ edition_date }} is klaar.

In de voormiddag praat je met {{ partner_first_name }} in lokaal {{ room }}.
In de namiddag zit je in {{ group }}. {{ chair_first_name }} leidt het groepsgesprek.

Waar: {{ venue }}

Je hele programma zie je hier. Je kunt het ook afdrukken:
{{ link }}

Tot op de ontmoetingsdag!
Het team van de ontmoetingsdag""",
    ),
    ("plan_published_student", "en"): (
        "Your schedule for {{ edition_date }}",
        """Dear {{ first_name }},

Your schedule for the encounter day on {{ edition_date }} is ready.

In the morning you talk with {{ partner_first_name }} in room {{ room }}.
In the afternoon you are in {{ group }}. {{ chair_first_name }} leads the group talk.

Where: {{ venue }}

You can see your whole schedule here. You can also print it:
{{ link }}

See you on the day!
The encounter day team""",
    ),
    ("plan_published_student", "it"): (
        "Il tuo programma per il {{ edition_date }}",
        """Ciao {{ first_name }},

Il tuo programma per la giornata dell'incontro il {{ edition_date }} è pronto.

La mattina parli con {{ partner_first_name }} nell'aula {{ room }}.
Il pomeriggio sei in: {{ group }}. {{ chair_first_name }} guida la discussione del gruppo.

Dove: {{ venue }}

Qui vedi tutto il tuo programma. Puoi anche stamparlo:
{{ link }}

A presto alla giornata dell'incontro!
Il gruppo della giornata dell'incontro""",
    ),
    # --- plan changed (students) --------------------------------------------------------------
    ("plan_changed_student", "nl"): (
        "Let op: je programma is veranderd",
        """Beste {{ first_name }},

Er is iets veranderd in je programma voor {{ edition_date }}.

Dit is nieuw:
{{ changes }}

Je nieuwe programma zie je hier:
{{ link }}

Sorry voor de verandering. Heb je vragen? Bel of mail ons gerust.

Groeten,
Het team van de ontmoetingsdag""",
    ),
    ("plan_changed_student", "en"): (
        "Please note: your schedule has changed",
        """Dear {{ first_name }},

Something has changed in your schedule for {{ edition_date }}.

This is new:
{{ changes }}

Your new schedule is here:
{{ link }}

Sorry for the change. Any questions? Just call or email us.

Regards,
The encounter day team""",
    ),
    ("plan_changed_student", "it"): (
        "Attenzione: il tuo programma è cambiato",
        """Ciao {{ first_name }},

C'è un cambiamento nel tuo programma per il {{ edition_date }}.

Ecco la novità:
{{ changes }}

Il tuo nuovo programma è qui:
{{ link }}

Scusa per il cambiamento. Hai domande? Chiamaci o scrivici.

Un saluto,
Il gruppo della giornata dell'incontro""",
    ),
    # --- thank-you (students: no survey link, no travel costs) --------------------------------
    ("thank_you_student", "nl"): (
        "Bedankt voor de ontmoetingsdag",
        """Beste {{ first_name }},

Bedankt dat je er was op de ontmoetingsdag van {{ edition_date }}.
We hopen dat de gesprekken je iets meegeven voor later, in je werk.

De vragenlijst over de dag krijg je apart, na de terugkomdag.

Groeten,
Het team van de ontmoetingsdag""",
    ),
    ("thank_you_student", "en"): (
        "Thank you for the encounter day",
        """Dear {{ first_name }},

Thank you for being with us on the encounter day of {{ edition_date }}.
We hope the conversations give you something to take into your work.

You get the questionnaire about the day separately, after the debriefing.

Regards,
The encounter day team""",
    ),
    ("thank_you_student", "it"): (
        "Grazie per la giornata dell'incontro",
        """Ciao {{ first_name }},

Grazie di essere stato/a con noi alla giornata dell'incontro del {{ edition_date }}.
Speriamo che le conversazioni ti diano qualcosa per il tuo lavoro.

Il questionario sulla giornata ti arriva a parte, dopo l'incontro di restituzione.

Un saluto,
Il gruppo della giornata dell'incontro""",
    ),
    # --- thank-you (professionals: no travel costs) -------------------------------------------
    ("thank_you_professional", "nl"): (
        "Dank u wel voor de ontmoetingsdag",
        """Beste {{ first_name }},

Dank u wel dat u er was op de ontmoetingsdag van {{ edition_date }}.
Uw inzet heeft de gesprekken mogelijk gemaakt.

Heeft u opmerkingen of ideeën voor een volgende keer? Mail ons gerust.

Met hartelijke dank,
Het team van de ontmoetingsdag""",
    ),
    ("thank_you_professional", "en"): (
        "Thank you for the encounter day",
        """Dear {{ first_name }},

Thank you for being with us on the encounter day of {{ edition_date }}.
Your work made the conversations possible.

Any remarks or ideas for next time? Just email us.

With warm thanks,
The encounter day team""",
    ),
    ("thank_you_professional", "it"): (
        "Grazie per la giornata dell'incontro",
        """Gentile {{ first_name }},

Grazie di essere stato/a con noi alla giornata dell'incontro del {{ edition_date }}.
Il suo impegno ha reso possibili le conversazioni.

Ha osservazioni o idee per la prossima volta? Ci scriva.

Con un grazie di cuore,
Il gruppo della giornata dell'incontro""",
    ),
    # --- survey before the day (students) -----------------------------------------------------
    ("survey_pre", "nl"): (
        "Voor de ontmoetingsdag: een korte vragenlijst",
        """Beste {{ first_name }},

Op {{ edition_date }} is de ontmoetingsdag. Voor die dag vragen we je om een korte vragenlijst in te
vullen. Zo kunnen we later zien wat de dag voor je verandert.

Het duurt ongeveer 10 minuten. Je antwoorden zijn anoniem.
{{ survey_link }}

Tot op de ontmoetingsdag!
Het team van de ontmoetingsdag""",
    ),
    ("survey_pre", "en"): (
        "Before the encounter day: a short questionnaire",
        """Dear {{ first_name }},

On {{ edition_date }} it is the encounter day. Before that day we ask you to fill in a short
questionnaire. Later we can then see what the day changes for you.

It takes about 10 minutes. Your answers are anonymous.
{{ survey_link }}

See you on the day!
The encounter day team""",
    ),
    ("survey_pre", "it"): (
        "Prima della giornata dell'incontro: un breve questionario",
        """Ciao {{ first_name }},

Il {{ edition_date }} c'è la giornata dell'incontro. Prima di quel giorno ti chiediamo di compilare
un breve questionario. Così dopo possiamo vedere che cosa cambia per te con la giornata.

Ci vogliono circa 10 minuti. Le tue risposte sono anonime.
{{ survey_link }}

A presto alla giornata dell'incontro!
Il gruppo della giornata dell'incontro""",
    ),
    # --- survey after the day (students) ------------------------------------------------------
    ("survey_post", "nl"): (
        "Hoe kijk je terug op de ontmoetingsdag?",
        """Beste {{ first_name }},

Bedankt dat je meedeed aan de ontmoetingsdag van {{ edition_date }}.
Hoe kijk je erop terug? Vul deze korte vragenlijst in. Het duurt ongeveer 10 minuten en je antwoorden zijn anoniem:
{{ survey_link }}

Groeten,
Het team van de ontmoetingsdag""",
    ),
    ("survey_post", "en"): (
        "How do you look back on the encounter day?",
        """Dear {{ first_name }},

Thank you for taking part in the encounter day of {{ edition_date }}.
How do you look back on it? Please fill in this short questionnaire. It takes about 10 minutes and
your answers are anonymous:
{{ survey_link }}

Regards,
The encounter day team""",
    ),
    ("survey_post", "it"): (
        "Come ripensi alla giornata dell'incontro?",
        """Ciao {{ first_name }},

Grazie di aver partecipato alla giornata dell'incontro del {{ edition_date }}.
Come ci ripensi? Compila questo breve questionario. Ci vogliono circa 10 minuti e le tue risposte sono anonime:
{{ survey_link }}

Un saluto,
Il gruppo della giornata dell'incontro""",
    ),
    # --- survey after the day (experts) -------------------------------------------------------
    ("survey_expert", "nl"): (
        "Hoe vond u de ontmoetingsdag?",
        """Beste {{ first_name }},

Dank u wel dat u er was op de ontmoetingsdag van {{ edition_date }}.
Wilt u ons vertellen hoe u de dag vond? Dat duurt ongeveer 5 minuten:
{{ survey_link }}

Met hartelijke dank,
Het team van de ontmoetingsdag""",
    ),
    ("survey_expert", "en"): (
        "What did you think of the encounter day?",
        """Dear {{ first_name }},

Thank you for being with us on the encounter day of {{ edition_date }}.
Would you tell us what you thought of the day? It takes about 5 minutes:
{{ survey_link }}

With warm thanks,
The encounter day team""",
    ),
    ("survey_expert", "it"): (
        "Com'è andata la giornata dell'incontro?",
        """Gentile {{ first_name }},

Grazie di essere stato/a con noi alla giornata dell'incontro del {{ edition_date }}.
Ci racconta com'è andata per lei? Ci vogliono circa 5 minuti:
{{ survey_link }}

Con un grazie di cuore,
Il gruppo della giornata dell'incontro""",
    ),
    # --- survey reminder (students; before or after the day, so no thanks) --------------------
    ("survey_reminder", "nl"): (
        "Herinnering: de vragenlijst over de ontmoetingsdag",
        """Beste {{ first_name }},

Je hebt de vragenlijst over de ontmoetingsdag nog niet ingevuld. Wil je dat nog doen? Het duurt
ongeveer 10 minuten en je antwoorden zijn anoniem:
{{ survey_link }}

Heb je hem intussen ingevuld? Dan mag je dit bericht vergeten.

Groeten,
Het team van de ontmoetingsdag""",
    ),
    ("survey_reminder", "en"): (
        "Reminder: the questionnaire about the encounter day",
        """Dear {{ first_name }},

You have not filled in the questionnaire about the encounter day yet. Would you still do it? It
takes about 10 minutes and your answers are anonymous:
{{ survey_link }}

Filled it in meanwhile? Then you can forget this message.

Regards,
The encounter day team""",
    ),
    ("survey_reminder", "it"): (
        "Promemoria: il questionario sulla giornata dell'incontro",
        """Ciao {{ first_name }},

Non hai ancora compilato il questionario sulla giornata dell'incontro. Lo fai ancora? Ci vogliono
circa 10 minuti e le tue risposte sono anonime:
{{ survey_link }}

L'hai già compilato nel frattempo? Allora puoi dimenticare questo messaggio.

Un saluto,
Il gruppo della giornata dell'incontro""",
    ),
    # --- survey reminder (experts) ------------------------------------------------------------
    ("survey_reminder_expert", "nl"): (
        "Herinnering: hoe vond u de ontmoetingsdag?",
        """Beste {{ first_name }},

Wij horen graag hoe u de ontmoetingsdag van {{ edition_date }} vond. Wilt u de korte vragenlijst nog
invullen? Dat duurt ongeveer 5 minuten:
{{ survey_link }}

Deed u het al? Dan mag u dit bericht vergeten.

Hartelijke groet,
Het team van de ontmoetingsdag""",
    ),
    ("survey_reminder_expert", "en"): (
        "Reminder: what did you think of the encounter day?",
        """Dear {{ first_name }},

We would like to hear what you thought of the encounter day of {{ edition_date }}. Would you still
fill in the short questionnaire? It takes about 5 minutes:
{{ survey_link }}

Done it already? Then you can forget this message.

Warm regards,
The encounter day team""",
    ),
    ("survey_reminder_expert", "it"): (
        "Promemoria: com'è andata la giornata dell'incontro?",
        """Gentile {{ first_name }},

Ci farebbe piacere sapere com'è andata per lei la giornata dell'incontro del {{ edition_date }}.
Vuole ancora compilare il breve questionario? Ci vogliono circa 5 minuti:
{{ survey_link }}

L'ha già fatto? Allora può dimenticare questo messaggio.

Un caro saluto,
Il gruppo della giornata dell'incontro""",
    ),
    # --- link to the personal page (students) -------------------------------------------------
    ("magic_link_student", "nl"): (
        "Je link naar je persoonlijke pagina",
        """Beste {{ first_name }},

Met deze link open je je persoonlijke pagina voor de ontmoetingsdag:
{{ link }}

Je hoeft geen wachtwoord te onthouden. De link werkt een beperkte tijd.
Heb je deze link niet gevraagd? Dan mag je deze e-mail gewoon weggooien.

Groeten,
Het team van de ontmoetingsdag""",
    ),
    ("magic_link_student", "en"): (
        "Your link to your personal page",
        """Dear {{ first_name }},

With this link you open your personal page for the encounter day:
{{ link }}

You do not need a password. The link works for a limited time.
Did you not ask for this link? Then you can simply delete this email.

Regards,
The encounter day team""",
    ),
    ("magic_link_student", "it"): (
        "Il link alla tua pagina personale",
        """Ciao {{ first_name }},

Con questo link apri la tua pagina personale per la giornata dell'incontro:
{{ link }}

Non serve nessuna password. Il link funziona per un tempo limitato.
Non hai chiesto questo link? Allora puoi semplicemente cancellare questa email.

Un saluto,
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

# ruff: noqa: E501 - each paragraph of a consent text is one line, as people read it
"""The consent texts shipped with the software: version 1 in Dutch, English and Italian.

Version 1 is frozen (people consented to these words): change a text by publishing a new
version (a new ``ConsentText`` row), never by editing this file.
"""

import datetime as dt

PUBLISHED = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)

GENERAL = {
    "en": """\
What we keep
Your first name and last name, your email address or phone number, your self-help group and since when you are a member, the languages you speak, whether you want to chair a group, what you need to take part (for example step-free access or a diet) and how you travel.

Why we keep it
To plan the encounter day: to pair you with a student, to make the groups, to choose rooms that suit you, to send you your schedule and to pay back your travel and lunch costs.

Who sees it
Only the coordinators of the encounter day at the department of social work. The student you talk with sees your first name. Researchers never see your name: they only see answers without names.

How long we keep it
As long as you want to be invited again, and at most 5 years after the last day you took part. Then we delete it. Records of paid-back costs we must keep as long as the law on bookkeeping says.

You can stop at any time
On your personal page you can withdraw your consent. Then we take you off the day. This does not cost you anything and you do not have to explain why.""",
    "nl": """\
Wat we bewaren
Je voornaam en achternaam, je e-mailadres of telefoonnummer, je zelfhulpgroep en sinds wanneer je lid bent, de talen die je spreekt, of je een groep wilt leiden, wat je nodig hebt om mee te doen (bijvoorbeeld een toegang zonder trappen of een dieet) en hoe je reist.

Waarom we dat bewaren
Om de ontmoetingsdag te plannen: om je te koppelen aan een student, om de groepen te maken, om lokalen te kiezen die bij je passen, om je je planning te sturen en om je reis- en lunchkosten terug te betalen.

Wie het ziet
Alleen de coördinatoren van de ontmoetingsdag bij de opleiding sociaal werk. De student met wie je praat, ziet je voornaam. Onderzoekers zien nooit je naam: zij zien alleen antwoorden zonder naam.

Hoe lang we het bewaren
Zolang je opnieuw uitgenodigd wilt worden, en ten hoogste 5 jaar na de laatste dag waarop je meedeed. Daarna wissen we het. Gegevens over terugbetaalde kosten moeten we bewaren zolang de wet op de boekhouding dat vraagt.

Je kunt altijd stoppen
Op je persoonlijke pagina kun je je toestemming intrekken. Dan halen we je van de dag. Dat kost je niets en je hoeft niet uit te leggen waarom.""",
    "it": """\
Che cosa conserviamo
Il tuo nome e cognome, il tuo indirizzo email o numero di telefono, il tuo gruppo di auto-aiuto e da quando ne fai parte, le lingue che parli, se vuoi guidare un gruppo, ciò di cui hai bisogno per partecipare (per esempio un accesso senza scale o una dieta) e come viaggi.

Perché lo conserviamo
Per organizzare la giornata d'incontro: per abbinarti a uno studente, per formare i gruppi, per scegliere aule adatte a te, per mandarti il tuo programma e per rimborsarti le spese di viaggio e del pranzo.

Chi lo vede
Solo i coordinatori della giornata d'incontro del corso di servizio sociale. Lo studente con cui parli vede il tuo nome. I ricercatori non vedono mai il tuo nome: vedono solo risposte senza nome.

Per quanto tempo lo conserviamo
Finché vuoi essere invitato di nuovo, e al massimo 5 anni dopo l'ultima giornata a cui hai partecipato. Poi lo cancelliamo. I dati sui rimborsi dobbiamo conservarli per il tempo richiesto dalla legge sulla contabilità.

Puoi smettere quando vuoi
Sulla tua pagina personale puoi ritirare il tuo consenso. Allora ti togliamo dalla giornata. Non ti costa nulla e non devi spiegare perché.""",
}

SPECIAL = {
    "en": """\
Your experience
You can tell us what your experience is about, for example addiction, mental health or disability. This says something about your health or your life. The law calls this special data, so we ask for it separately.

Why we ask
Only to pair you with a student who wants to learn about your experience, and to make groups with different experiences.

Who sees it
Only the coordinators of the encounter day. Not the students, not the researchers.

You do not have to
If you do not tick this box, we do not keep your experience. You can still take part in the day.

You can stop at any time
On your personal page you can withdraw this consent. Then we delete your experience straight away and no longer use it to plan the day. You still take part.""",
    "nl": """\
Je ervaring
Je kunt ons vertellen waarover je ervaring gaat, bijvoorbeeld verslaving, psychische gezondheid of een beperking. Dat zegt iets over je gezondheid of je leven. De wet noemt dit bijzondere gegevens. Daarom vragen we er apart toestemming voor.

Waarom we het vragen
Alleen om je te koppelen aan een student die over jouw ervaring wil leren, en om groepen te maken met verschillende ervaringen.

Wie het ziet
Alleen de coördinatoren van de ontmoetingsdag. Niet de studenten, niet de onderzoekers.

Het hoeft niet
Als je dit vakje niet aanvinkt, bewaren we je ervaring niet. Je kunt dan toch meedoen aan de dag.

Je kunt altijd stoppen
Op je persoonlijke pagina kun je deze toestemming intrekken. Dan wissen we je ervaring meteen en gebruiken we ze niet meer om de dag te plannen. Je doet wel nog mee.""",
    "it": """\
La tua esperienza
Puoi dirci di che cosa tratta la tua esperienza, per esempio dipendenza, salute mentale o disabilità. Questo dice qualcosa sulla tua salute o sulla tua vita. La legge li chiama dati particolari, per questo chiediamo un consenso a parte.

Perché lo chiediamo
Solo per abbinarti a uno studente che vuole conoscere la tua esperienza, e per formare gruppi con esperienze diverse.

Chi lo vede
Solo i coordinatori della giornata d'incontro. Non gli studenti, non i ricercatori.

Non è obbligatorio
Se non metti la spunta, non conserviamo la tua esperienza. Puoi partecipare lo stesso alla giornata.

Puoi smettere quando vuoi
Sulla tua pagina personale puoi ritirare questo consenso. Allora cancelliamo subito la tua esperienza e non la usiamo più per organizzare la giornata. Continui a partecipare.""",
}

#: (kind, language) → body of version 1.
DEFAULT_TEXTS: dict[tuple[str, str], str] = {
    **{("general", language): body for language, body in GENERAL.items()},
    **{("special_category", language): body for language, body in SPECIAL.items()},
}

"""The placeholder renderer substitutes whitelisted names only and never evaluates anything."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from ontmoeting.messaging.rendering import render_html, render_text, unknown_placeholders
from ontmoeting.messaging.services import validate_template

VALUES = {"first_name": "Ann <script>", "link": "https://example.org/a?b=1&c=2"}


def test_render_text_substitutes_known_placeholders_with_or_without_spaces():
    assert render_text("Hi {{first_name}} / {{ first_name }}!", VALUES) == (
        "Hi Ann <script> / Ann <script>!"
    )


def test_missing_values_render_empty():
    assert render_text("Room: {{ room }}.", VALUES) == "Room: ."


@pytest.mark.parametrize(
    "template",
    [
        "{{ __class__ }}",
        "{{ first_name.__class__ }}",
        "{{ first_name|upper }}",
        "{0.__init__}",
        "{first_name}",
        "%(first_name)s",
        "%s",
        "{% load os %}{{ settings.SECRET_KEY }}",
        "{{ link.__init__.__globals__ }}",
    ],
)
def test_unsafe_templates_render_literally(template):
    assert render_text(template, VALUES) == template


def test_unsafe_placeholders_are_escaped_literally_in_html():
    assert render_html("{{ __class__ }} {0.__init__}", VALUES) == (
        "<p>{{ __class__ }} {0.__init__}</p>"
    )


@pytest.mark.parametrize(
    ("text", "unknown"),
    [
        ("{{ __class__ }}", ["{{ __class__ }}"]),
        ("{{ voornaam }} {{voornaam}}", ["{{ voornaam }}", "{{voornaam}}"]),
        ("{{ first_name.upper }}", ["{{ first_name.upper }}"]),
        ("{{ first_name }} {{ link }}", []),
        ("{0.__init__} %(x)s", []),  # not placeholders at all: plain text
    ],
)
def test_unknown_placeholders_are_named(text, unknown):
    assert unknown_placeholders(text) == unknown


def test_validation_error_names_the_placeholder():
    with pytest.raises(ValidationError) as error:
        validate_template(subject="Hi {{ name }}", body="{{ first_name }} {{ __class__ }}")
    assert error.value.message_dict == {
        "subject": [
            "Onbekende plaatshouder {{ name }}. Gebruik alleen de plaatshouders in de lijst."
        ],
        "body": [
            "Onbekende plaatshouder {{ __class__ }}. Gebruik alleen de plaatshouders in de lijst."
        ],
    }


def test_html_escapes_values_and_text_and_links_urls():
    html = render_html("Dear {{ first_name }} & co,\n\nGo: {{ link }}\nBye", VALUES)
    assert html == (
        "<p>Dear Ann &lt;script&gt; &amp; co,</p>\n"
        '<p>Go: <a href="https://example.org/a?b=1&amp;c=2">https://example.org/a?b=1&amp;c=2</a>'
        "<br>\nBye</p>"
    )


def test_a_link_value_that_is_not_a_web_address_is_not_a_link():
    html = render_html("{{ link }}", {"link": "javascript:alert(1)"})
    assert html == "<p>javascript:alert(1)</p>"

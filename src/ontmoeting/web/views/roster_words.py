"""“Our words”: the department's own words for roster values, beside the built-in ones."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ontmoeting.editions.models import ValueSynonym
from ontmoeting.editions.roster.words import FIELDS
from ontmoeting.editions.synonyms import (
    SynonymError,
    all_meanings,
    delete_synonym,
    save_synonym,
    words_by_field,
)
from ontmoeting.web.permissions import StaffRequest, coordinator_required


class WordForm(forms.Form):
    word = forms.CharField(label=gettext_lazy("Word as written in a roster"), max_length=200)
    meaning = forms.ChoiceField(label=gettext_lazy("Means"), choices=())

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        meaning = self.fields["meaning"]
        assert isinstance(meaning, forms.ChoiceField)
        by_field = all_meanings()
        meaning.choices = [("", _("— choose —"))] + [
            (str(name), [(f"{key}:{code}", label) for code, label in by_field[key]])
            for key, name in FIELDS.items()
        ]


@coordinator_required
def word_list(request: StaffRequest) -> HttpResponse:
    """GET: every field's meanings with our words and the built-in ones. POST: add or change one."""
    form = WordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        field, _sep, code = data["meaning"].partition(":")
        try:
            save_synonym(field=field, word=data["word"], code=code, actor=request.user)
        except SynonymError as exc:
            form.add_error("meaning", str(exc))
        else:
            messages.success(request, _("Saved: “%(word)s”.") % {"word": data["word"]})
            return redirect("web:roster-words")
    return render(request, "web/roster/words.html", {"form": form, "fields": words_by_field()})


@require_POST
@coordinator_required
def word_delete(request: StaffRequest, synonym_id: int) -> HttpResponse:
    synonym = get_object_or_404(ValueSynonym, pk=synonym_id)
    delete_synonym(synonym, actor=request.user)
    messages.success(request, _("Removed: “%(word)s”.") % {"word": synonym.word})
    return redirect("web:roster-words")

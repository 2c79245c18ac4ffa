"""Form fields shared by the staff forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

#: The ids a database key can hold (a signed 64-bit integer).
_ID_RANGE = range(-(2**63), 2**63)


class RecordsChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    """A choice of several records by id, where an id no database can hold is an invalid
    choice: SQLite raises ``OverflowError`` on one in an ``__in`` lookup, a server error."""

    def clean(self, value: Any) -> Any:
        for pk in value if isinstance(value, list | tuple) else ():
            try:
                number = int(str(pk))
            except ValueError:
                continue  # not a number: the parent reports it as an invalid choice
            if number not in _ID_RANGE:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super().clean(value)

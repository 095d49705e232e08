"""GOV.UK Design System form markup for Django forms.

A BoundField subclass adds the GOV.UK classes, the error modifier and aria-describedby (hint and
error message ids) to each widget; templates/forms/govuk/ lay out label, hint, error and widget.
Dates use the GOV.UK date input: three boxes for day, month and year.
"""

import datetime

from django import forms
from django.core.exceptions import EmptyResultSet
from django.db import models
from django.forms.boundfield import BoundField

from partnerships.core import messages, tenancy
from partnerships.core.models import Organisation

_WIDGET_CLASS = {
    "textarea": "govuk-textarea",
    "select": "govuk-select",
    "selectmultiple": "govuk-select",
    "nullbooleanselect": "govuk-select",
    "clearablefile": "govuk-file-upload",
    "file": "govuk-file-upload",
    "checkbox": "govuk-checkboxes__input",
    "checkboxselectmultiple": "govuk-checkboxes__input",
    "radioselect": "govuk-radios__input",
}
_ERROR_CLASS = {
    "govuk-input": "govuk-input--error",
    "govuk-textarea": "govuk-textarea--error",
    "govuk-select": "govuk-select--error",
    "govuk-file-upload": "govuk-file-upload--error",
}
# Widgets laid out as a fieldset with a legend rather than one label.
FIELDSET_WIDGETS = {"govukdate", "radioselect", "checkboxselectmultiple"}


class GovUKBoundField(BoundField):
    @property
    def hint_id(self):
        return f"{self.auto_id}-hint"

    @property
    def error_id(self):
        return f"{self.auto_id}-error"

    @property
    def is_fieldset(self):
        return self.widget_type in FIELDSET_WIDGETS

    @property
    def first_input_id(self):
        """The id an error summary links to: the first box of a date, the first radio."""
        if self.widget_type == "govukdate":
            return f"{self.auto_id}_0"
        if self.widget_type in ("radioselect", "checkboxselectmultiple"):
            return f"{self.auto_id}_0"
        return self.auto_id

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        kind = self.widget_type
        if kind == "govukdate":
            if self.errors:
                attrs["aria-invalid"] = "true"
            return attrs
        css = _WIDGET_CLASS.get(kind, "govuk-input")
        classes = [c for c in [attrs.get("class", ""), widget.attrs.get("class", ""), css] if c]
        if self.errors and css in _ERROR_CLASS:
            classes.append(_ERROR_CLASS[css])
        if classes:
            attrs["class"] = " ".join(dict.fromkeys(" ".join(classes).split()))
        described = []
        if self.help_text and not self.is_fieldset:
            described.append(self.hint_id)
        if self.errors and not self.is_fieldset:
            described.append(self.error_id)
        if described:
            attrs["aria-describedby"] = " ".join(described)
        else:
            attrs.pop("aria-describedby", None)
        return attrs


class GovUKFormMixin:
    """Use on every form: GOV.UK markup, stripped text, an error summary in the templates."""

    bound_field_class = GovUKBoundField
    template_name_label = "forms/govuk/label.html"

    def __init__(self, *args, partnership=None, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.partnership = partnership
        for field in self.fields.values():
            if field.error_messages.get("required") == forms.Field.default_error_messages["required"]:
                field.error_messages["required"] = required_message(field)
        if partnership is not None:
            self.limit_choices_to_partnership(partnership)

    def limit_choices_to_partnership(self, partnership):
        """Offer only what a record of the partnership may name: the same functions the save checks
        (partnerships/core/tenancy.py)."""
        for name, field in self.fields.items():
            queryset = getattr(field, "queryset", None)
            if queryset is None or tenancy.choices(queryset.model, partnership) is None:
                continue
            field.queryset = _scoped_choices(partnership, queryset)
            if queryset.model is Organisation:
                # A new choice is a body in being today; a record keeps the body of its date.
                kept = self._chosen_pks(name)
                field.queryset = field.queryset.filter(
                    models.Q(pk__in=Organisation.objects.current().values("pk")) | models.Q(pk__in=kept)
                )

    def _chosen_pks(self, name):
        """The rows the record being changed already names in field `name`."""
        instance = getattr(self, "instance", None)
        if instance is None or instance.pk is None:
            return []
        value = getattr(instance, f"{name}_id", None)
        if value is not None:
            return [value]
        related = getattr(instance, name, None)
        if hasattr(related, "values_list"):
            return list(related.values_list("pk", flat=True))
        return []

    @property
    def error_summary(self):
        """(message, anchor id) pairs in field order, for the GOV.UK error summary."""
        items = [(str(e), "") for e in self.non_field_errors()]
        for name in self.fields:
            if name in self.errors:
                bound = self[name]
                items.extend((str(e), bound.first_input_id) for e in bound.errors)
        return items


def _scoped_choices(partnership, queryset):
    """`queryset` narrowed to what a record of `partnership` may name. Building that query costs more
    than running it (about 2 ms of ORM work), and a page's forms ask for the same people and
    organisations several times, so an unfiltered queryset's narrowed form is kept on the partnership
    object (one request's lifetime): each field still gets its own copy."""
    allowed = tenancy.choices(queryset.model, partnership).values("pk")
    query = queryset.query
    if query.where or query.is_sliced or query.annotations or query.extra or query.distinct:
        return queryset.filter(pk__in=allowed)
    cache = partnership.__dict__.setdefault("_scoped_choices", {})
    key = (queryset.model, query.order_by, query.select_related)
    if key not in cache:
        cache[key] = queryset.filter(pk__in=allowed)
    return cache[key]


def share_choices(*forms):
    """Read each distinct list of choices once for the forms of one page.

    A page with several forms (a meeting's agenda, attendance and action forms) offers the same
    people and organisations in each; Django reads a ModelChoiceField's queryset every time it is
    rendered. Fields with the same queryset share one list here. Validation still uses the queryset.
    """
    read = {}
    for form in forms:
        for field in form.fields.values():
            queryset = getattr(field, "queryset", None)
            if queryset is None or hasattr(field, "_choices"):
                continue
            try:
                key = (type(field), field.empty_label, str(queryset.query))
            except EmptyResultSet:
                continue
            if key not in read:
                # Read as one plain query: Django's choice iterator uses .iterator(), which on
                # PostgreSQL is a server-side cursor declared WITH HOLD, several times slower here.
                choices = field.iterator(field)
                read[key] = [("", field.empty_label)] if field.empty_label is not None else []
                read[key] += [choices.choice(row) for row in field.queryset]
            field.choices = read[key]


def required_message(field):
    """A required-field error that names the field (partnerships/core/messages.py)."""
    widget = field.widget
    if isinstance(widget, forms.FileInput):
        kind = messages.FILE
    elif isinstance(widget, forms.CheckboxInput):
        kind = messages.TICK
    elif isinstance(widget, (forms.Select, forms.RadioSelect, forms.CheckboxSelectMultiple)):
        kind = messages.CHOICE
    else:
        kind = messages.TEXT
    return messages.missing(field.label, kind) or forms.Field.default_error_messages["required"]


def _formfield_callback(field, **kwargs):
    """Model forms use the GOV.UK date input for every DateField."""
    if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
        kwargs.setdefault("form_class", GovUKDateField)
        kwargs.setdefault("widget", GovUKDateWidget)
    return field.formfield(**kwargs)


class GovUKForm(GovUKFormMixin, forms.Form):
    pass


class GovUKModelFormMetaclass(forms.models.ModelFormMetaclass):
    """Gives every model form's Meta the GOV.UK date input unless it chose its own callback."""

    def __new__(mcs, name, bases, attrs):
        meta = attrs.get("Meta")
        if meta is not None and not hasattr(meta, "formfield_callback"):
            meta.formfield_callback = staticmethod(_formfield_callback)
        return super().__new__(mcs, name, bases, attrs)


class GovUKModelForm(GovUKFormMixin, forms.ModelForm, metaclass=GovUKModelFormMetaclass):
    def _post_clean(self):
        # The model's own rules (`clean`, constraints) run on a record that knows its partnership.
        if self.partnership is not None and getattr(self.instance, "partnership_id", False) is None:
            self.instance.partnership = self.partnership
        super()._post_clean()


class GovUKDateWidget(forms.MultiWidget):
    """The GOV.UK date input: day, month and year boxes."""

    template_name = "forms/govuk/date_widget.html"

    def __init__(self, attrs=None):
        widgets = [
            forms.TextInput(
                attrs={
                    "inputmode": "numeric",
                    "class": "govuk-input govuk-date-input__input govuk-input--width-2",
                }
            ),
            forms.TextInput(
                attrs={
                    "inputmode": "numeric",
                    "class": "govuk-input govuk-date-input__input govuk-input--width-2",
                }
            ),
            forms.TextInput(
                attrs={
                    "inputmode": "numeric",
                    "class": "govuk-input govuk-date-input__input govuk-input--width-4",
                }
            ),
        ]
        super().__init__(widgets, attrs)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        invalid = (attrs or {}).get("aria-invalid") == "true"
        for widget, sub in zip(self.widgets, context["widget"]["subwidgets"], strict=True):
            css = widget.attrs["class"] + (" govuk-input--error" if invalid else "")
            sub["attrs"]["class"] = css
        return context

    def decompress(self, value):
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        if isinstance(value, str) and value.count("-") == 2:
            year, month, day = value.split("-")
            return [day, month, year]
        return [None, None, None]

    def value_from_datadict(self, data, files, name):
        parts = [data.get(f"{name}_{i}", "").strip() for i in range(3)]
        if not any(parts):
            # Also accept a single ISO value (the API, tests and scripts post "2019-06-29").
            return data.get(name) or None
        return parts

    def value_omitted_from_data(self, data, files, name):
        return name not in data and not any(f"{name}_{i}" in data for i in range(3))


class GovUKDateField(forms.DateField):
    """A date from three boxes, with the GOV.UK wording for each way it can be wrong."""

    widget = GovUKDateWidget

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.error_messages.setdefault("incomplete", "Enter a complete date")

    def to_python(self, value):
        if isinstance(value, list | tuple):
            day, month, year = (str(v or "").strip() for v in value)
            missing = [n for n, v in (("day", day), ("month", month), ("year", year)) if not v]
            if len(missing) == 3:
                return None
            label = (self.label or "Date").lower() if self.label else "date"
            if missing:
                raise forms.ValidationError(
                    f"The {label} must include a {' and '.join(missing)}", code="incomplete"
                )
            if not (day.isdigit() and month.isdigit() and year.isdigit()):
                raise forms.ValidationError(f"The {label} must be a real date", code="invalid")
            if len(year) != 4:
                raise forms.ValidationError("Year must include 4 numbers", code="invalid")
            try:
                return datetime.date(int(year), int(month), int(day))
            except ValueError:
                raise forms.ValidationError(f"The {label} must be a real date", code="invalid") from None
        return super().to_python(value)

"""Generic, partnership-scoped views: every page of every app is built from these.

The partnership comes from the URL (`/p/<slug>/...`) and is authorised before anything else runs:
an outsider gets 404, a reader who tries to write gets 403. Querysets start from `visible_to` and
are narrowed to the current partnership, so a guessed primary key of another partnership is a 404.
"""

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import transaction
from django.forms import BaseForm
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.text import slugify
from django.views import generic
from django.views.generic.edit import FormMixin

from partnerships.core import identity, tabular
from partnerships.core.history import history_entries
from partnerships.core.permissions import Perm, access_for, access_partnership, contributor_organisations

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class PartnershipMixin:
    """Resolve `self.partnership` from the URL and authorise the request's method in it.

    A page whose only purpose is a change (a create, edit or action form: any form view) needs the
    write permission to be opened at all, so a reader learns at once what their role allows
    rather than losing what they typed at submit."""

    read_perm = Perm.VIEW
    write_perm = Perm.CHANGE

    def dispatch(self, request, *args, **kwargs):
        changes_only = isinstance(self, FormMixin)
        perm = self.read_perm if request.method in SAFE_METHODS and not changes_only else self.write_perm
        self.partnership = access_partnership(request.user, kwargs["partnership"], perm)
        request.current_partnership = self.partnership
        return super().dispatch(request, *args, **kwargs)

    @property
    def access(self):
        return access_for(self.request.user)

    def can(self, perm):
        return self.access.has(perm, self.partnership)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["partnership"] = self.partnership
        context["can_edit"] = self.can(Perm.CHANGE)
        context["can_sign_off"] = self.can(Perm.SIGN_OFF)
        return context

    def partnership_url(self, name, **kwargs):
        return reverse(name, kwargs={"partnership": self.partnership.slug, **kwargs})


class ContributorMixin:
    """Pages for an agency contributor, who cannot see the partnership: these let them in (read and
    write CONTRIBUTE) and show only the rows of `organisation_ids()`, their own agencies (else 404)."""

    read_perm = Perm.CONTRIBUTE
    write_perm = Perm.CONTRIBUTE

    def organisation_ids(self):
        return contributor_organisations(self.request.user, self.partnership)


@dataclass
class Column:
    """One column of a list page (and of its CSV/XLSX export)."""

    header: str
    value: object  # attribute path ("owner.organisation") or callable(obj)
    link: bool = False
    numeric: bool = False
    tag: object = None  # callable(obj) -> GOV.UK tag modifier class, for status columns
    export: bool = True

    def raw(self, obj):
        if callable(self.value):
            return self.value(obj)
        value = obj
        for part in self.value.split("."):
            value = getattr(value, part, None)
            if value is None:
                return None
            if callable(value) and not hasattr(value, "_meta"):
                value = value()
        return value

    def export_value(self, obj):
        """The cell in a CSV or XLSX export: dates, numbers and yes/no keep their type."""
        value = self.raw(obj)
        if value is None or isinstance(value, bool | int | float | Decimal | datetime.date):
            return value
        return self.text(obj)

    def text(self, obj):
        value = self.raw(obj)
        if value is None or value == "":
            return ""
        if hasattr(value, "strftime"):
            return (
                date_format(value, "j M Y") if not hasattr(value, "hour") else date_format(value, "j M Y H:i")
            )
        if isinstance(value, bool):
            return "Yes" if value else "No"
        return str(value)


class ScopedQuerysetMixin:
    model = None
    list_select_related = ()
    list_prefetch_related = ()

    def base_queryset(self):
        if self.model is None:
            raise ImproperlyConfigured(f"{type(self).__name__} needs a model.")
        queryset = self.model.objects.visible_to(self.request.user).in_partnership(self.partnership)
        # Rows link to themselves through their partnership's slug: fetch it in the same query.
        queryset = queryset.select_related(type(queryset).partnership_path)
        if self.list_select_related:
            queryset = queryset.select_related(*self.list_select_related)
        if self.list_prefetch_related:
            queryset = queryset.prefetch_related(*self.list_prefetch_related)
        return queryset


class ScopedListView(PartnershipMixin, ScopedQuerysetMixin, generic.ListView):
    """A table of one kind of record in the current partnership, with filters and CSV/XLSX export."""

    template_name = "generic/list.html"
    paginate_by = 50
    columns = ()
    filterset_class = None
    title = ""
    create_url_name = None
    create_label = "Add"
    export_name = None
    intro = ""

    def get_queryset(self):
        queryset = self.base_queryset()
        self.filterset = None
        if self.filterset_class is not None:
            self.filterset = self.filterset_class(
                self.request.GET or None, queryset=queryset, request=self.request
            )
            if self.filterset.is_bound and self.filterset.is_valid():
                queryset = self.filterset.qs
        return queryset

    def get(self, request, *args, **kwargs):
        export = request.GET.get("export")
        if export in ("csv", "xlsx"):
            return self.export(export)
        return super().get(request, *args, **kwargs)

    def get_columns(self):
        return list(self.columns)

    def export(self, fmt):
        columns = [c for c in self.get_columns() if c.export]
        rows = [[c.export_value(obj) for c in columns] for obj in self.get_queryset()]
        name = self.export_name or slugify(self.get_title())
        return tabular_response(
            fmt,
            f"{self.partnership.slug}-{name}",
            [c.header for c in columns],
            rows,
            guard=identity.guard_for(self.partnership, public=False),
            title=self.get_title(),
            partnership=self.partnership,
            period=filter_description(self.filterset),
        )

    def get_title(self):
        return self.title or self.model._meta.verbose_name_plural.capitalize()

    def get_create_url(self):
        if self.create_url_name and self.can(Perm.CHANGE):
            return self.partnership_url(self.create_url_name)
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        columns = self.get_columns()
        context.update(
            title=self.get_title(),
            intro=self.intro,
            columns=columns,
            rows=[
                {
                    "object": obj,
                    "cells": [
                        {
                            "text": col.text(obj),
                            "url": obj.get_absolute_url()
                            if col.link and hasattr(obj, "get_absolute_url")
                            else "",
                            "numeric": col.numeric,
                            "tag": col.tag(obj) if col.tag else "",
                        }
                        for col in columns
                    ],
                }
                for obj in context["object_list"]
            ],
            filterset=self.filterset,
            create_url=self.get_create_url(),
            create_label=self.create_label,
            query_without_page=_query_without(self.request, "page"),
        )
        return context


def filter_description(filterset):
    """The filters a list was narrowed by, in words ("Status: Open; Due from: 1 April 2026")."""
    if filterset is None or not filterset.is_bound or not filterset.is_valid():
        return ""
    parts = []
    for name, value in filterset.form.cleaned_data.items():
        if hasattr(value, "model"):  # the rows chosen in a multiple choice
            value = list(value)
        if value is None or value == "" or value == []:
            continue
        field = filterset.form.fields[name]
        if isinstance(value, bool):
            shown = "Yes" if value else "No"
        elif isinstance(value, list) and value and hasattr(value[0], "_meta"):
            shown = ", ".join(str(v) for v in value)
        elif hasattr(value, "strftime"):
            shown = date_format(value, "j F Y")
        elif getattr(field, "choices", None) is not None and not hasattr(value, "_meta"):
            labels = {str(k): v for k, v in field.choices}
            values = value if isinstance(value, list | tuple) else [value]
            shown = ", ".join(str(labels.get(str(v), v)) for v in values)
        else:
            shown = str(value)
        parts.append(f"{field.label or name.replace('_', ' ').capitalize()}: {shown}")
    return "; ".join(parts)


def _query_without(request, key):
    query = request.GET.copy()
    query.pop(key, None)
    query.pop("export", None)
    return query.urlencode()


def tabular_response(fmt, filename, headers, rows, *, guard=None, title="", partnership=None, period=""):
    """A CSV or XLSX download of `rows` under `headers` (partnerships/core/tabular.py: typed cells,
    a title row naming `partnership`, `title` and `period`). With the partnership's identity
    `guard` (partnerships/core/identity.py), a text cell holding a child's name, date of birth or
    NHS number is withheld: exports leave the product."""
    if guard is not None:
        rows = [[_guarded_cell(guard, v) for v in row] for row in rows]
        period = identity.withhold(guard, period, dates=False)
    return tabular.download(fmt, filename, headers, rows, title=title, partnership=partnership, period=period)


# A cell that is only a date the product printed from its own records ("2 Nov 2026", "2026-11-02").
_DATE_CELL = re.compile(r"^\s*(\d{1,2} [A-Za-z]{3,9} \d{4}( \d{1,2}:\d{2})?|\d{4}-\d{2}-\d{2})\s*$")


def _guarded_cell(guard, value):
    if not isinstance(value, str) or _DATE_CELL.match(value):
        return value
    return identity.withhold(guard, value)


class ScopedObjectMixin(ScopedQuerysetMixin):
    def get_queryset(self):
        return self.base_queryset()

    def get_object(self, queryset=None):
        queryset = queryset if queryset is not None else self.get_queryset()
        try:
            return queryset.get(pk=self.kwargs["pk"])
        except (self.model.DoesNotExist, ValueError, ValidationError):
            raise Http404(f"No {self.model._meta.verbose_name} found.") from None


def distinct_form_ids(context):
    """Give each of several forms on one page ids of its own ("agenda-title", "action-title"), so that
    no two inputs share an id and every label focuses its own input (WCAG 1.3.1, 4.1.2). Only ids
    change: field names, and so what each form posts, stay as they are."""
    forms = {
        key: value for key, value in context.items() if key.endswith("_form") and isinstance(value, BaseForm)
    }
    if len(forms) > 1:
        for key, form in forms.items():
            if form.auto_id == "id_%s":
                form.auto_id = key.removesuffix("_form").replace("_", "-") + "-%s"
    return context


class ScopedDetailView(PartnershipMixin, ScopedObjectMixin, generic.DetailView):
    """One record: its fields as a GOV.UK summary list, its actions, and its history."""

    template_name = "generic/detail.html"
    fields = ()  # (label, attribute path or callable) pairs, or names of model fields
    edit_url_name = None
    show_history = True

    def get_summary(self):
        rows = []
        for spec in self.fields:
            if isinstance(spec, str):
                model_field = self.model._meta.get_field(spec)
                spec = (str(model_field.verbose_name).capitalize(), spec)
            label, value = spec
            rows.append((label, Column(label, value).text(self.object)))
        return rows

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = str(self.object)
        context["summary"] = self.get_summary()
        context["verbose_name"] = self.model._meta.verbose_name
        if self.edit_url_name and self.can(Perm.CHANGE):
            context["edit_url"] = self.partnership_url(self.edit_url_name, pk=self.object.pk)
        if self.show_history:
            context["history"] = history_entries(self.object)
        return context

    def render_to_response(self, context, **response_kwargs):
        return super().render_to_response(distinct_form_ids(context), **response_kwargs)


class ScopedFormMixin:
    """Create and update pages: GOV.UK error summary, success message, history with the actor."""

    template_name = "generic/form.html"
    success_message = "Saved."
    title = ""

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["partnership"] = self.partnership
        return kwargs

    def form_valid(self, form):
        # All or nothing: the record, its history row and what its save signals write (deadlines)
        # commit together, so a database lost mid-save leaves no half a record behind.
        try:
            with transaction.atomic():
                self.object = self.save(form)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return redirect(self.get_success_url())

    def save(self, form):
        """Save the form; override to call a service. The history middleware records the user."""
        instance = form.save(commit=False)
        if hasattr(instance, "partnership_id") and not instance.partnership_id:
            instance.partnership = self.partnership
        instance.save()
        form.save_m2m()
        return instance

    def get_success_url(self):
        if hasattr(self.object, "get_absolute_url"):
            return self.object.get_absolute_url()
        return self.partnership.get_absolute_url()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = self.get_title()
        context["cancel_url"] = self.get_cancel_url()
        return context

    def get_cancel_url(self):
        obj = getattr(self, "object", None)
        if obj is not None and getattr(obj, "pk", None) and hasattr(obj, "get_absolute_url"):
            return obj.get_absolute_url()
        return self.partnership.get_absolute_url()


def add_service_errors(form, error):
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


class ScopedCreateView(PartnershipMixin, ScopedFormMixin, generic.CreateView):
    def get_title(self):
        return self.title or f"Add {self.model._meta.verbose_name}"


class ScopedUpdateView(PartnershipMixin, ScopedFormMixin, ScopedObjectMixin, generic.UpdateView):
    def get_title(self):
        return self.title or f"Change {self.model._meta.verbose_name}: {self.object}"


class ScopedRecordFormView(PartnershipMixin, ScopedObjectMixin, generic.FormView):
    """A form about one record that calls one service (sign off, record a payment, add an agenda item).

    The record comes from the scoped queryset, so one of another partnership is a 404; GET needs
    `read_perm`, POST `write_perm`. The form is given the partnership. `handle(form)` calls the service
    in a transaction and returns what it made (or None); a ValidationError it raises is shown on the
    form, field errors beside their fields; a PermissionDenied (signing for another organisation) is a
    403 with nothing saved. Then `get_success_message(result)` and a redirect to
    `get_success_url(result)`, the record by default.

    The form is shown on its own page (`template_name`), which errors re-render with status 200 as
    the create and edit pages do; or, with `detail_view` set to the record's page, on that page: it is
    posted from there (POST only), the record is found as that page finds it, and errors re-render
    that page with the form as `form_context_name`, status 400.
    """

    template_name = "generic/form.html"
    title = ""
    submit_label = ""  # empty: the template's own label
    success_message = "Saved."
    detail_view = None
    form_context_name = "form"

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        # Read from the class by the URL matrix (tests/urlmatrix.py), so set here, not per request.
        if cls.detail_view is not None:
            cls.http_method_names = ["post"]
            if "model" not in cls.__dict__:
                cls.model = cls.detail_view.model

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().post(request, *args, **kwargs)

    def get_object(self, queryset=None):
        if self.detail_view is not None:
            return self.detail_page().get_object(queryset)
        return super().get_object(queryset)

    def detail_page(self):
        """The view of the record's detail page, on this request."""
        page = self.detail_view(request=self.request, args=self.args, kwargs=self.kwargs)
        page.partnership = self.partnership
        return page

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["partnership"] = self.partnership
        return kwargs

    def form_valid(self, form):
        # All or nothing, as on the create and edit pages.
        try:
            with transaction.atomic():
                result = self.handle(form)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, self.get_success_message(result))
        return redirect(self.get_success_url(result))

    def handle(self, form):
        """Call the service with the form's data; return what it made, if the next page needs it."""
        raise NotImplementedError

    def form_invalid(self, form):
        if self.detail_view is None:
            return super().form_invalid(form)
        page = self.detail_page()
        page.object = self.object
        context = page.get_context_data(object=self.object, **{self.form_context_name: form})
        context["form"] = form
        return render(self.request, page.get_template_names(), distinct_form_ids(context), status=400)

    def get_success_message(self, result):
        return self.success_message

    def get_success_url(self, result=None):
        return self.object.get_absolute_url()

    def get_cancel_url(self):
        return self.get_success_url()

    def get_title(self):
        return self.title or str(self.object)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            object=self.object,
            title=self.get_title(),
            cancel_url=self.get_cancel_url(),
            submit_label=self.submit_label,
        )
        return context


class ScopedActionView(PartnershipMixin, ScopedObjectMixin, generic.View):
    """A POST-only transition on one record (sign off, approve, close...); calls one service."""

    http_method_names = ["post"]
    success_message = "Done."

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        try:
            self.perform(self.object)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, self.success_message)
        return redirect(self.get_success_url())

    def perform(self, obj):
        raise NotImplementedError

    def get_success_url(self):
        return self.object.get_absolute_url()

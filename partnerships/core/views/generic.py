"""Generic, partnership-scoped views: every page of every app is built from these.

The partnership comes from the URL (`/p/<slug>/...`) and is authorised before anything else runs:
an outsider gets 404, a reader who tries to write gets 403. Querysets start from `visible_to` and
are narrowed to the current partnership, so a guessed primary key of another partnership is a 404.
"""

import csv
import io
import re
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.text import slugify
from django.views import generic

from partnerships.core import identity
from partnerships.core.history import history_entries
from partnerships.core.permissions import Perm, access_for, access_partnership

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class PartnershipMixin:
    """Resolve `self.partnership` from the URL and authorise the request's method in it."""

    read_perm = Perm.VIEW
    write_perm = Perm.CHANGE

    def dispatch(self, request, *args, **kwargs):
        perm = self.read_perm if request.method in SAFE_METHODS else self.write_perm
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
        rows = [[c.text(obj) for c in columns] for obj in self.get_queryset()]
        name = self.export_name or slugify(self.get_title())
        return tabular_response(
            fmt,
            f"{self.partnership.slug}-{name}",
            [c.header for c in columns],
            rows,
            guard=identity.guard_for(self.partnership, public=False),
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


def _query_without(request, key):
    query = request.GET.copy()
    query.pop(key, None)
    query.pop("export", None)
    return query.urlencode()


def tabular_response(fmt, filename, headers, rows, *, guard=None):
    """A CSV or XLSX download of `rows` under `headers`. With the partnership's identity `guard`
    (partnerships/core/identity.py), a cell holding a child's name, date of birth or NHS number is
    withheld: exports leave the product."""
    if guard is not None:
        rows = [[_guarded_cell(guard, v) for v in row] for row in rows]
    if fmt == "xlsx":
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(title=filename[:31])
        sheet.append(headers)
        for row in rows:
            sheet.append([_safe_cell(v) for v in row])
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
        return response
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([_safe_cell(v) for v in row])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


# A cell that is only a date the product printed from its own records ("2 Nov 2026", "2026-11-02").
_DATE_CELL = re.compile(r"^\s*(\d{1,2} [A-Za-z]{3,9} \d{4}( \d{1,2}:\d{2})?|\d{4}-\d{2}-\d{2})\s*$")


def _guarded_cell(guard, value):
    if not isinstance(value, str) or _DATE_CELL.match(value):
        return value
    return identity.withhold(guard, value)


def _safe_cell(value):
    """Neutralise spreadsheet formulas in user text (CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


class ScopedObjectMixin(ScopedQuerysetMixin):
    def get_queryset(self):
        return self.base_queryset()

    def get_object(self, queryset=None):
        queryset = queryset if queryset is not None else self.get_queryset()
        try:
            return queryset.get(pk=self.kwargs["pk"])
        except (self.model.DoesNotExist, ValueError, ValidationError):
            raise Http404(f"No {self.model._meta.verbose_name} found.") from None


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
            _add_errors(form, error)
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


def _add_errors(form, error):
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

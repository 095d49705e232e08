"""Base classes for every app's API: scoped querysets, role checks, partnership-safe relations."""

import contextlib
import copy

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.response import Response

from partnerships.core import messages
from partnerships.core.api.withhold import withhold_in_list
from partnerships.core.models import Partnership
from partnerships.core.permissions import Perm, access_for

# The error statuses a write documents in the OpenAPI schema (bodies as the exception handler gives them).
ERRORS = {400: None, 403: None, 404: None}


def write_schema(serializer):
    """Document a viewset's create, update and partial update as answering with `serializer` or an error."""
    return extend_schema_view(
        create=extend_schema(responses={201: serializer, **ERRORS}),
        update=extend_schema(responses={200: serializer, **ERRORS}),
        partial_update=extend_schema(responses={200: serializer, **ERRORS}),
    )


def _visible(queryset, request):
    if request is None:
        return queryset.none()
    if hasattr(queryset, "visible_to"):
        return queryset.visible_to(request.user)
    return queryset


class ScopedRelatedField(serializers.PrimaryKeyRelatedField):
    """A related record chosen by id, among only those the requester can see."""

    def get_queryset(self):
        return _visible(super().get_queryset(), self.context.get("request"))


class PartnershipField(serializers.SlugRelatedField):
    """The partnership a record belongs to, by slug; only partnerships the requester can see."""

    def __init__(self, **kwargs):
        kwargs.setdefault("slug_field", "slug")
        if not kwargs.get("read_only"):
            kwargs.setdefault("queryset", Partnership.objects.all())
        super().__init__(**kwargs)

    def get_queryset(self):
        request = self.context.get("request")
        if request is None:
            return Partnership.objects.none()
        return Partnership.objects.visible_to(request.user)


# A record stays in the partnership it was created in. (No docstring: drf-spectacular would show it as
# the description of every serializer using the mixin.)
class FixedPartnershipMixin:
    def validate_partnership(self, value):
        if self.instance is not None and value != self.instance.partnership:
            raise serializers.ValidationError("A record cannot move to another partnership.")
        return value


def _kind(field):
    if isinstance(field, serializers.ManyRelatedField | serializers.RelatedField | serializers.ChoiceField):
        return messages.CHOICE
    if isinstance(field, serializers.FileField):
        return messages.FILE
    if isinstance(field, serializers.BooleanField):
        return messages.TICK
    return messages.TEXT


class ScopedModelSerializer(serializers.ModelSerializer):
    """Related fields are limited to what the requester can see; a missing answer is named as the
    pages name it. Whether a related record may be named (the record's partnership) is the domain's
    rule, checked on save (partnerships/core/tenancy.py), so the API and the pages cannot differ."""

    serializer_related_field = ScopedRelatedField

    def get_fields(self):
        fields = super().get_fields()
        for name, field in fields.items():
            if field.read_only:
                continue
            message = messages.missing(field.label or name.replace("_", " "), _kind(field))
            for key in ("required", "blank", "null"):
                if key in field.error_messages:
                    field.error_messages[key] = message
        return fields

    def validate(self, attrs):
        """The model's own rules (`clean`) and constraints, in their own words, as the page's form
        checks them (a model form runs the same `full_clean`)."""
        attrs = super().validate(attrs)
        model = self.Meta.model
        concrete = {f.name: f for f in model._meta.concrete_fields}
        # A nested source ("partnership.arrangements_published_on") arrives as a dict: not this model's field.
        given = {
            name: value for name, value in attrs.items() if name in concrete and not isinstance(value, dict)
        }
        # Fields this serializer does not write (derived ones, such as a risk's score) are the
        # service's to set: constraints on them are checked when it saves.
        writable = {name for name, field in self.fields.items() if not field.read_only}
        exclude = set(concrete) - writable
        if self.instance is not None:
            candidate = copy.copy(self.instance)
        else:
            candidate = model()
            exclude |= set(concrete) - set(given)
        for name, value in given.items():
            setattr(candidate, name, value)
        try:
            # A rule that needs a record the service sets is checked by the service.
            with contextlib.suppress(ObjectDoesNotExist):
                candidate.clean()
            candidate.validate_constraints(exclude=exclude)
        except DjangoValidationError as error:
            raise serializers.ValidationError(
                {
                    ("non_field_errors" if name == "__all__" else name): messages
                    for name, messages in error.message_dict.items()
                }
            ) from error
        return attrs


class WithholdingListMixin:
    """A list response withholds any text that holds a child's identifier (api/withhold.py)."""

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        records = page if page is not None else queryset
        data = withhold_in_list(self.model, records, self.get_serializer(records, many=True).data)
        return self.get_paginated_response(data) if page is not None else Response(data)


class ScopedViewSet(WithholdingListMixin, viewsets.ModelViewSet):
    """CRUD over one model, scoped like the pages. Records are never deleted through the API."""

    model = None
    write_perm = Perm.CHANGE
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    select_related = ()

    def get_queryset(self):
        queryset = self.model.objects.visible_to(self.request.user)
        if self.select_related:
            queryset = queryset.select_related(*self.select_related)
        return queryset

    def partnership_id_of(self, obj):
        path = type(self.model.objects.all()).partnership_path.split("__")
        value = obj
        for part in path[:-1]:
            value = getattr(value, part)
        return getattr(value, f"{path[-1]}_id")

    def check_write(self, partnership):
        if not access_for(self.request.user).has(self.write_perm, partnership):
            raise PermissionDenied("Your role in this partnership does not allow this change.")

    def perform_create(self, serializer):
        partnership = serializer.validated_data.get("partnership")
        if partnership is not None:
            self.check_write(partnership)
        with transaction.atomic():
            serializer.save()

    def perform_update(self, serializer):
        with transaction.atomic():
            serializer.save()


class ScopedReadOnlyViewSet(WithholdingListMixin, viewsets.ReadOnlyModelViewSet):
    model = None
    select_related = ()

    def get_queryset(self):
        queryset = self.model.objects.visible_to(self.request.user)
        if self.select_related:
            queryset = queryset.select_related(*self.select_related)
        return queryset

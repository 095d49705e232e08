"""Pages of the publications app: documents, narrative, versions, sign-off, and the public pages.

Private pages build on partnerships/views/generic.py (scoped to the partnership in the URL). Public
pages (`/public/<slug>/...`) need no sign-in and show only published versions, each checked for case
identifiers as it is served (publications/safety.py).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Min
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views import generic

from partnerships.core import identity, signoff
from partnerships.core.models import Organisation, Partnership
from partnerships.core.permissions import Perm, access_for, sign_off_organisations
from partnerships.core.views.generic import (
    Column,
    PartnershipMixin,
    ScopedActionView,
    ScopedCreateView,
    ScopedDetailView,
    ScopedListView,
    ScopedObjectMixin,
    ScopedRecordFormView,
)
from publications import assembly, record, rendering, safety, sections, services, tasks, word
from publications.blocks import DASH
from publications.choices import PublicationKind, RenderStatus, VersionStatus
from publications.forms import (
    BrandingForm,
    LinkLcsprForm,
    NarrativeForm,
    PublicationForm,
    SendForm,
    SentForm,
    SignOffForm,
    WithdrawForm,
)
from publications.models import Branding, Publication, PublicationVersion


def _latest_status(p):
    versions = list(p.versions.all())
    return VersionStatus(versions[0].status).label if versions else "No version yet"


def _published_on(p):
    dates = [v.published_on for v in p.versions.all() if v.published_on]
    return max(dates) if dates else None


class PublicationList(ScopedListView):
    model = Publication
    title = "Publications"
    intro = (
        "The published arrangements, yearly reports and LCSPR reports, assembled from the records "
        "and signed off by the safeguarding partners."
    )
    create_url_name = "publications:publication_create"
    create_label = "Start a document"
    list_prefetch_related = ("versions",)
    columns = (
        Column("Title", "title", link=True),
        Column("Kind", "get_kind_display"),
        Column("Period", "period_label"),
        Column("Latest version", _latest_status),
        Column("Published", _published_on),
    )


class PublicationCreate(ScopedCreateView):
    model = Publication
    form_class = PublicationForm
    title = "Start a document"
    success_message = "Document started. Write its sections, then make a draft."

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def save(self, form):
        d = form.cleaned_data
        return services.create_publication(
            self.request.user,
            self.partnership,
            kind=d["kind"],
            title=d["title"],
            period_start=d.get("period_start"),
            summary=d.get("summary", ""),
            lcspr_id=d.get("lcspr_id"),
        )


class PublicationDetail(ScopedDetailView):
    model = Publication
    template_name = "publications/publication_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        pub = self.object
        narratives = {n.section_key: n.text for n in pub.narratives.all()}
        context["sections"] = [
            {
                "section": s,
                "text": narratives.get(s.key, ""),
                "has_figures": bool(s.builders),
                "missing": s.required and not narratives.get(s.key, "").strip(),
                "url": self.partnership_url("publications:narrative_edit", pk=pub.pk, key=s.key),
            }
            for s in sections.for_kind(pub.kind)
        ]
        context["missing"] = [s["section"].title for s in context["sections"] if s["missing"]]
        context["versions"] = list(pub.versions.prefetch_related("sign_offs"))
        context["summary"] = [
            ("Kind", pub.get_kind_display()),
            ("Period", pub.period_label or DASH),
            ("Yearly report cycle", str(pub.cycle) if pub.cycle else DASH),
        ]
        if pub.cycle and pub.cycle.published_on:
            context["summary"] += [
                ("Published", pub.cycle.published_on.strftime("%-d %B %Y")),
                ("Send to the Panel and the What Works Centre by", pub.cycle.send_by.strftime("%-d %B %Y")),
                ("Sent", pub.cycle.sent_on.strftime("%-d %B %Y") if pub.cycle.sent_on else "Not yet"),
            ]
            context["sent_form"] = SentForm(partnership=self.partnership)
        if pub.kind == PublicationKind.LCSPR_REPORT:
            lcspr = services.linked_lcspr(pub, self.request.user)
            context["lcspr"] = lcspr
            first = record.first_published_on(pub)
            if first is None and self.can(Perm.CHANGE):
                context["lcspr_form"] = LinkLcsprForm(
                    partnership=self.partnership, user=self.request.user, initial={"lcspr_id": pub.lcspr_id}
                )
            if first:
                context["summary"] += [
                    ("First published", first.strftime("%-d %B %Y")),
                    (
                        "Stays published at least until",
                        services.lcspr_published_until(first).strftime("%-d %B %Y"),
                    ),
                ]
        context["public_url"] = reverse(
            "publications:public_document", kwargs={"slug": self.partnership.slug, "pk": pub.pk}
        )
        return context


class NarrativeEdit(ScopedRecordFormView):
    model = Publication
    form_class = NarrativeForm

    def get_object(self, queryset=None):
        publication = super().get_object(queryset)
        try:
            self.section = sections.get(self.kwargs["key"])
        except KeyError:
            raise Http404("No such section") from None
        if publication.kind not in self.section.kinds:
            raise Http404("No such section")
        return publication

    def get_initial(self):
        narrative = self.object.narratives.filter(section_key=self.section.key).first()
        return {"text": narrative.text if narrative else ""}

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["text"].help_text = f"{self.section.guidance} {form.fields['text'].help_text}".strip()
        return form

    def handle(self, form):
        services.write_narrative(self.request.user, self.object, self.section.key, form.cleaned_data["text"])

    def get_success_message(self, result):
        return f"Saved: {self.section.title}."

    def get_title(self):
        return self.section.title


class MakeDraft(ScopedActionView):
    model = Publication
    success_message = "Draft assembled from the records as they are now."

    def perform(self, publication):
        self.version = services.make_draft(self.request.user, publication)

    def get_success_url(self):
        return (
            getattr(self, "version", None) and self.version.get_absolute_url()
        ) or self.object.get_absolute_url()


class VersionDetail(ScopedDetailView):
    model = PublicationVersion
    template_name = "publications/version_detail.html"
    show_history = True

    def get_queryset(self):
        return super().get_queryset().select_related("publication", "sent_by", "published_by")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        v = self.object
        user = self.request.user
        partners = list(
            self.partnership.safeguarding_partners.select_related("organisation", "lead_representative")
        )
        sign_offs = services.sign_off_state(v)
        context["partners"] = [(p, sign_offs.signed.get(p.organisation_id)) for p in partners]
        mine = sign_off_organisations(user, self.partnership) - set(sign_offs.signed)
        if v.status == VersionStatus.SENT_FOR_SIGN_OFF and mine:
            context["sign_form"] = SignOffForm(
                organisations=Organisation.objects.filter(pk__in=mine), partnership=self.partnership
            )
        context["missing"] = assembly.missing_sections(v.content)
        context.setdefault("send_form", SendForm(partnership=self.partnership))
        context["corrects"] = record.current_published(v.publication) if v.status == "draft" else v.corrects
        context["all_signed"] = sign_offs.complete
        context["body"] = assembly.display_content(v.content)
        context["title"] = str(v)
        context["other_versions"] = v.publication.versions.exclude(pk=v.pk).order_by("-number")
        return context


class VersionSend(ScopedRecordFormView):
    """Send a draft for sign-off from its page; a correction says what it corrects."""

    detail_view = VersionDetail
    form_class = SendForm
    form_context_name = "send_form"
    success_message = "Sent for sign-off. This version can no longer change."

    def handle(self, form):
        return services.send_for_sign_off(
            self.request.user,
            self.object,
            accept_missing=form.cleaned_data["accept_missing"],
            correction_note=form.cleaned_data["correction_note"],
        )


class VersionSignOff(ScopedActionView):
    model = PublicationVersion
    write_perm = Perm.SIGN_OFF
    success_message = "Signed off."

    def perform(self, version):
        mine = sign_off_organisations(self.request.user, self.partnership)
        form = SignOffForm(
            self.request.POST,
            organisations=Organisation.objects.filter(pk__in=mine),
            partnership=self.partnership,
        )
        if not form.is_valid():
            raise ValidationError("Choose the organisation you sign for.")
        services.sign_off(
            self.request.user,
            version,
            organisation=form.cleaned_data["organisation"],
            comment=form.cleaned_data["comment"],
        )


class VersionPublish(ScopedActionView):
    model = PublicationVersion
    success_message = "Published. The public page is available; the PDF is being made below."

    def perform(self, version):
        services.publish(self.request.user, version)
        tasks.queue_render(version.pk)


class LinkLcspr(ScopedActionView):
    model = Publication
    success_message = "Linked to the LCSPR."

    def perform(self, publication):
        form = LinkLcsprForm(self.request.POST, partnership=self.partnership, user=self.request.user)
        if not form.is_valid():
            raise ValidationError("Choose the LCSPR this report publishes.")
        services.link_lcspr(self.request.user, publication, form.cleaned_data["lcspr_id"])


class VersionWithdraw(ScopedRecordFormView):
    """Withdraw a published version, with a reason (refused for an LCSPR report under 1 year old)."""

    model = PublicationVersion
    form_class = WithdrawForm
    submit_label = "Withdraw"
    success_message = "Withdrawn. This version no longer shows on the public pages."

    def get_title(self):
        return f"Withdraw {self.object}"

    def handle(self, form):
        services.withdraw(self.request.user, self.object, reason=form.cleaned_data["reason"])


class VersionRender(ScopedActionView):
    """Queue the PDF of a version (reused while its content is unchanged)."""

    model = PublicationVersion
    success_message = "The PDF is being made."

    def perform(self, version):
        if not version.pdf_is_current:
            tasks.queue_render(version.pk)


class VersionStatusView(PartnershipMixin, ScopedObjectMixin, generic.View):
    """The PDF's rendering progress, as JSON (polled by the version page) or as a page."""

    model = PublicationVersion

    def get(self, request, *args, **kwargs):
        v = self.get_object()
        data = {
            "status": v.render_status,
            "label": RenderStatus(v.render_status).label,
            "progress": v.render_progress,
            "ready": v.pdf_is_current,
        }
        return JsonResponse(data)


class VersionPdf(PartnershipMixin, ScopedObjectMixin, generic.View):
    """Download the PDF of a version; while it is being made, go back to the version page."""

    model = PublicationVersion

    def get(self, request, *args, **kwargs):
        v = self.get_object()
        if not v.pdf_is_current:
            if v.render_status not in (RenderStatus.QUEUED, RenderStatus.RUNNING):
                tasks.queue_render(v.pk, after_commit=False)
            v.refresh_from_db()
            if not v.pdf_is_current:
                messages.info(request, "The PDF is being made: this page shows its progress.")
                return redirect(v)
        return FileResponse(v.pdf.open("rb"), content_type="application/pdf", filename=_pdf_name(v))


class VersionDocx(PartnershipMixin, ScopedObjectMixin, generic.View):
    """Download a version as a Word document, built from the same content as its PDF; whoever may
    download the PDF may download this."""

    model = PublicationVersion

    def get(self, request, *args, **kwargs):
        version = self.get_object()
        response = HttpResponse(word.document_docx(version), content_type=word.CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{word.filename(version)}"'
        return response


def _pdf_name(version):
    return f"{version.publication.partnership.slug}-{version.publication.pk}-v{version.number}.pdf"


class VersionDiff(PartnershipMixin, ScopedObjectMixin, generic.TemplateView):
    """What changed between two versions of a publication (?from=<pk>&to=<pk>)."""

    model = Publication
    template_name = "publications/diff.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        pub = self.get_object()
        versions = list(pub.versions.order_by("number"))
        by_pk = {str(v.pk): v for v in versions}
        if len(versions) < 2:
            old = new = versions[0] if versions else None
        else:
            old = by_pk.get(self.request.GET.get("from"), versions[-2])
            new = by_pk.get(self.request.GET.get("to"), versions[-1])
        context.update(
            publication=pub,
            versions=versions,
            old=old,
            new=new,
            changes=assembly.diff(old.content, new.content) if old and new and old != new else [],
            title=f"Changes: {pub}",
        )
        return context


class RecordSent(PartnershipMixin, ScopedObjectMixin, generic.View):
    model = Publication
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        pub = self.get_object()
        form = SentForm(request.POST, partnership=self.partnership)
        if form.is_valid():
            try:
                services.record_sent(request.user, pub, sent_on=form.cleaned_data["sent_on"])
            except ValidationError as error:
                for message in error.messages:
                    messages.error(request, message)
            else:
                messages.success(request, "Recorded when the report was sent.")
        else:
            for errors in form.errors.values():
                for e in errors:
                    messages.error(request, e)
        return redirect(pub)


class BrandingEdit(PartnershipMixin, generic.FormView):
    form_class = BrandingForm
    template_name = "generic/form.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["partnership"] = self.partnership
        kwargs["instance"] = Branding.objects.filter(partnership=self.partnership).first() or Branding(
            partnership=self.partnership
        )
        return kwargs

    def form_valid(self, form):
        branding = form.save(commit=False)
        branding.partnership = self.partnership
        branding._history_user = self.request.user
        branding.save()
        messages.success(self.request, "Logo and cover details saved.")
        return redirect("publications:publication_list", partnership=self.partnership.slug)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = "Logo and cover of published documents"
        context["cancel_url"] = reverse(
            "publications:publication_list", kwargs={"partnership": self.partnership.slug}
        )
        return context


# --- Public pages: no sign-in ----------------------------------------------------------------------


def _published(partnership):
    return (
        PublicationVersion.objects.filter(
            publication__partnership=partnership, status=VersionStatus.PUBLISHED
        )
        .select_related("publication")
        .order_by("-published_on", "-number")
    )


def _current(partnership):
    """The latest published version of each publication, each with `first_published_on` (a corrected
    document keeps the date it was first published)."""
    first = dict(
        PublicationVersion.objects.filter(publication__partnership=partnership, published_on__isnull=False)
        .values("publication")
        .annotate(first=Min("published_on"))
        .values_list("publication", "first")
    )
    seen, current = set(), []
    for v in _published(partnership):
        if v.publication_id not in seen:
            seen.add(v.publication_id)
            v.first_published_on = first.get(v.publication_id, v.published_on)
            current.append(v)
    return current


def _guarded(html, partnership, versions):
    """Serve a public page only if what it shows passes the identity guard (publications/safety.py):
    each version's content, title and summary, field by field and cell by cell."""
    guard = identity.guard_for(partnership)
    try:
        for version in versions:
            safety.check_content(version.content, partnership, guard=guard)
            safety.check_texts(partnership, {"Correction": version.correction_note}, guard=guard)
    except safety.CaseIdentifierFound:
        raise Http404("Not available") from None
    return HttpResponse(html)


@method_decorator(login_not_required, name="dispatch")
class PublicIndex(generic.View):
    def get(self, request, slug):
        partnership = get_object_or_404(Partnership, slug=slug)
        current = _current(partnership)
        by_kind = {k: [v for v in current if v.publication.kind == k] for k in PublicationKind.values}
        arrangements = by_kind[PublicationKind.ARRANGEMENTS][:1]
        html = render(
            request,
            "publications/public_index.html",
            {
                "partnership": partnership,
                "arrangements": arrangements[0] if arrangements else None,
                "yearly_reports": by_kind[PublicationKind.YEARLY_REPORT],
                "lcspr_reports": by_kind[PublicationKind.LCSPR_REPORT],
                "public": True,
            },
        ).content.decode()
        return _guarded(html, partnership, current)


def _public_version(slug, pk, number=None):
    """The version the public sees (the latest published), or an earlier published one by number."""
    partnership = get_object_or_404(Partnership, slug=slug)
    versions = _published(partnership).filter(publication_id=pk)
    if number is not None:
        versions = versions.filter(number=number)
    version = versions.first()
    if version is None:
        raise Http404("No published document")
    return partnership, version


@method_decorator(login_not_required, name="dispatch")
class PublicDocument(generic.View):
    def get(self, request, slug, pk):
        partnership, version = _public_version(slug, pk)
        earlier = list(_published(partnership).filter(publication_id=pk).exclude(pk=version.pk))
        html = render(
            request,
            "publications/public_document.html",
            {
                "partnership": partnership,
                "version": version,
                "content": assembly.display_content(version.content),
                "first_published_on": record.first_published_on(version.publication),
                "record": record.document_record(version),
                "earlier": earlier,
                "public": True,
            },
        ).content.decode()
        return _guarded(html, partnership, [version, *earlier])


@method_decorator(login_not_required, name="dispatch")
class PublicDocumentPdf(generic.View):
    """The current version's PDF, or with `number` an earlier published version's (a corrected one)."""

    def get(self, request, slug, pk, number=None):
        _partnership, version = _public_version(slug, pk, number)
        try:
            if not version.pdf_is_current:
                version = rendering.render_version(version.pk)
        except safety.CaseIdentifierFound:
            raise Http404("Not available") from None
        response = FileResponse(
            version.pdf.open("rb"), content_type="application/pdf", filename=_pdf_name(version)
        )
        response["Content-Disposition"] = response["Content-Disposition"].replace("attachment", "inline")
        return response


__all__ = ["PermissionDenied"]


def home_panel(request, partnership):
    """Versions awaiting sign-off: for a partner lead, those their organisation has not yet signed."""
    if not access_for(request.user).has(Perm.VIEW, partnership):
        return None
    mine = sign_off_organisations(request.user, partnership)
    waiting = list(
        PublicationVersion.objects.filter(
            publication__partnership=partnership, status=VersionStatus.SENT_FOR_SIGN_OFF
        )
        .select_related("publication__partnership")
        .prefetch_related("sign_offs")
        .order_by("sent_at")[:5]
    )
    if not waiting:
        return None
    rows = []
    must_sign = {o.pk for o in signoff.required_organisations(partnership)}
    for v in waiting:
        signed = {s.organisation_id for s in v.sign_offs.all()}
        to_sign = (mine & must_sign) - signed
        rows.append(
            {
                "text": f"{v.publication.title}, version {v.number}",
                "url": v.get_absolute_url(),
                "tag": "Sign off" if to_sign else f"{len(signed)} signed",
                "tag_class": "govuk-tag--yellow" if to_sign else "govuk-tag--grey",
                "hint": f"Sent {v.sent_at:%d %B %Y}" if v.sent_at else "",
            }
        )
    return {
        "title": "Publications awaiting sign-off",
        "rows": rows,
        "empty": "",
        "link": (
            "All publications",
            reverse("publications:publication_list", kwargs={"partnership": partnership.slug}),
        ),
    }

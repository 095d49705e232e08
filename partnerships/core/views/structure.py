"""The partnership's structure, people, action log and access log."""

from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views import generic

from partnerships.core.choices import RAG
from partnerships.core.filters import AccessLogFilter, ActionFilter
from partnerships.core.forms.records import (
    ActionForm,
    ActionUpdateForm,
    GroupForm,
    GroupMemberForm,
    RelevantAgencyForm,
    SafeguardingPartnerForm,
)
from partnerships.core.models import (
    Action,
    DelegatedOfficer,
    Group,
    GroupMember,
    RecordAccess,
    RelevantAgency,
    Role,
    SafeguardingPartner,
)
from partnerships.core.people import person_in
from partnerships.core.permissions import Perm
from partnerships.core.services import update_action
from partnerships.core.views.generic import (
    Column,
    PartnershipMixin,
    ScopedCreateView,
    ScopedDetailView,
    ScopedListView,
    ScopedUpdateView,
)


class StructureView(PartnershipMixin, generic.TemplateView):
    template_name = "partnerships/structure.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        p = self.partnership
        groups = list(Group.objects.filter(partnership=p).select_related("chair", "parent"))
        children = {}
        for group in groups:
            children.setdefault(group.parent_id, []).append(group)
        context.update(
            areas=p.areas.all(),
            partners=SafeguardingPartner.objects.filter(partnership=p)
            .select_related("organisation__successor", "lead_representative")
            .prefetch_related(
                Prefetch("delegates", queryset=DelegatedOfficer.objects.select_related("person"))
            ),
            agencies=RelevantAgency.objects.filter(partnership=p).select_related("organisation__successor"),
            group_tree=_tree(children, None),
            edition=p.edition_on(timezone.localdate()),
        )
        return context


def _tree(children, parent_id):
    return [{"group": g, "children": _tree(children, g.pk)} for g in children.get(parent_id, [])]


class GroupList(ScopedListView):
    model = Group
    list_select_related = ("chair", "parent")
    columns = (
        Column("Group", "name", link=True),
        Column("Kind", "get_kind_display"),
        Column("Reports to", "parent"),
        Column("Chair", "chair"),
        Column("Independent chair", "chair_is_independent"),
        Column("Terms of reference review", "terms_of_reference_review_date"),
    )
    create_url_name = "partnerships:group_create"
    create_label = "Add a group"


class GroupDetail(ScopedDetailView):
    model = Group
    template_name = "partnerships/group_detail.html"
    edit_url_name = "partnerships:group_update"
    fields = (
        ("Kind", "get_kind_display"),
        ("Reports to", "parent"),
        ("Chair", "chair.display_name"),
        ("Chair is independent", "chair_is_independent"),
        ("Purpose", "purpose"),
        ("Terms of reference", "terms_of_reference"),
        ("Terms of reference approved", "terms_of_reference_approved_on"),
        ("Terms of reference review date", "terms_of_reference_review_date"),
        ("Active", "is_active"),
    )

    def get_queryset(self):
        return super().get_queryset().select_related("chair", "parent")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["members"] = self.object.members.select_related("person", "organisation")
        context["subgroups"] = self.object.children.all()
        context["member_form"] = (
            GroupMemberForm(partnership=self.partnership) if context["can_edit"] else None
        )
        return context


class GroupCreate(ScopedCreateView):
    model = Group
    form_class = GroupForm
    success_message = "Group added."


class GroupUpdate(ScopedUpdateView):
    model = Group
    form_class = GroupForm
    success_message = "Group updated."


class GroupMemberAdd(PartnershipMixin, generic.View):
    model = Group
    http_method_names = ["post"]

    def post(self, request, partnership, pk):
        group = get_object_or_404(Group.objects.in_partnership(self.partnership), pk=pk)
        form = GroupMemberForm(request.POST, partnership=self.partnership, instance=GroupMember(group=group))
        if form.is_valid():
            if GroupMember.objects.filter(group=group, person=form.cleaned_data["person"]).exists():
                form.add_error("person", "This person is already a member of the group")
            else:
                form.save()
                messages.success(request, f"{form.instance.person} added to {group}.")
                return redirect(group)
        detail = GroupDetail()
        detail.setup(request, partnership=partnership, pk=pk)
        detail.partnership = self.partnership
        detail.object = group
        context = detail.get_context_data(object=group)
        context["member_form"] = form
        context["form"] = form
        return render(request, "partnerships/group_detail.html", context, status=400)


class GroupMemberRemove(PartnershipMixin, generic.View):
    http_method_names = ["post"]

    def post(self, request, partnership, pk, member_pk):
        member = get_object_or_404(
            GroupMember.objects.in_partnership(self.partnership).select_related("group"),
            pk=member_pk,
            group_id=pk,
        )
        member.delete()
        messages.success(request, f"{member.person} removed from {member.group}.")
        return redirect(member.group)


class PartnerUpdate(ScopedUpdateView):
    model = SafeguardingPartner
    form_class = SafeguardingPartnerForm
    success_message = "Lead representative updated."

    def get_success_url(self):
        return self.partnership_url("partnerships:structure")


class AgencyList(ScopedListView):
    model = RelevantAgency
    list_select_related = ("organisation",)
    title = "Relevant agencies"
    intro = "The agencies the safeguarding partners have named to work with them, and why."
    columns = (
        Column("Agency", "organisation", link=True),
        Column("Kind", "organisation.get_kind_display"),
        Column("Why the partners work with it", "reason"),
    )
    create_url_name = "partnerships:agency_create"
    create_label = "Add a relevant agency"


class AgencyCreate(ScopedCreateView):
    model = RelevantAgency
    form_class = RelevantAgencyForm
    success_message = "Relevant agency added."

    def get_success_url(self):
        return self.partnership_url("partnerships:agency_list")


class AgencyUpdate(ScopedUpdateView):
    model = RelevantAgency
    form_class = RelevantAgencyForm
    success_message = "Relevant agency updated."

    def get_success_url(self):
        return self.partnership_url("partnerships:agency_list")


class RoleList(ScopedListView):
    model = Role
    title = "People and roles"
    intro = "Who may do what in this partnership. Roles are granted by an administrator."
    list_select_related = ("user", "organisation", "user__organisation")
    columns = (
        Column("Person", "user.display_name"),
        Column("Role", "get_kind_display"),
        Column("Acts for", "organisation"),
        Column("Business unit manager", "is_manager"),
        Column("Email", "user.email"),
    )


def _rag_tag(action):
    return RAG(action.rag()).tag_class


class ActionList(ScopedListView):
    model = Action
    title = "Action log"
    filterset_class = ActionFilter
    list_select_related = ("owner", "owner_organisation")
    columns = (
        Column("Action", "title", link=True),
        Column("Reference", "reference"),
        Column("Source", "source_label"),
        Column("Owner", "owner"),
        Column("Organisation", "owner_organisation"),
        Column("Due", "due_date"),
        Column("Status", "get_status_display"),
        Column("RAG", lambda a: RAG(a.rag()).label, tag=_rag_tag),
    )
    create_url_name = "partnerships:action_create"
    create_label = "Add an action"


class ActionDetail(ScopedDetailView):
    model = Action
    template_name = "partnerships/action_detail.html"
    edit_url_name = "partnerships:action_update"
    fields = (
        ("Reference", "reference"),
        ("Description", "description"),
        ("Source", "get_source_kind_display"),
        ("From", "source_label"),
        ("Owner", lambda action: person_in(action.owner, action.partnership)),
        ("Organisation", "owner_organisation"),
        ("Due", "due_date"),
        ("Status", "get_status_display"),
        ("Reason dropped", "dropped_reason"),
        ("Completed", "completed_on"),
        ("Evidence of impact", "evidence_of_impact"),
    )

    def get_queryset(self):
        return super().get_queryset().select_related("owner", "owner_organisation")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rag"] = RAG(self.object.rag())
        context["updates"] = self.object.updates.select_related("author")
        if context["can_edit"]:
            context["update_form"] = kwargs.get("update_form") or ActionUpdateForm(
                initial={"status": self.object.status}
            )
        return context


class ActionCreate(ScopedCreateView):
    model = Action
    form_class = ActionForm
    success_message = "Action added to the log."


class ActionUpdate(ScopedUpdateView):
    model = Action
    form_class = ActionForm
    success_message = "Action updated."


class ActionProgress(ActionDetail):
    """POST a progress note and status change (the update trail)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = ActionUpdateForm(request.POST)
        if not form.is_valid():
            context = self.get_context_data(object=self.object, update_form=form)
            context["form"] = form
            return render(request, self.template_name, context, status=400)
        update_action(
            request.user,
            self.object,
            status=form.cleaned_data["status"],
            text=form.cleaned_data["text"],
            dropped_reason=form.cleaned_data["dropped_reason"],
        )
        messages.success(request, "Progress recorded.")
        return redirect(self.object)


class AccessLogList(ScopedListView):
    """Who saw which case record that shows a child's identity, for business-unit managers: per
    record, per person, and exported (CSV or XLSX) for a subject access request."""

    model = RecordAccess
    read_perm = Perm.MANAGE
    title = "Case record access log"
    intro = (
        "Each time someone sees a case record that shows a child's identity (its page, its edit page, "
        "its history, the administration pages or an export), it is logged here. Choose a person or a "
        "record, then download the list for a subject access request."
    )
    filterset_class = AccessLogFilter
    list_select_related = ("user",)
    columns = (
        Column("When", "accessed_at"),
        Column("Who", "user.display_name"),
        Column("Username", "user.username"),
        Column("Record", "record_label"),
        Column("How", "get_channel_display"),
        Column("Address", "route"),
    )

"""A partnership's structure, people and action log."""

from django.urls import path

from partnerships.core.views import core, structure

app_name = "partnerships"

# All under /p/<partnership>/ (config/urls.py).
urlpatterns = [
    path("", core.partnership_home, name="home"),
    path("structure/", structure.StructureView.as_view(), name="structure"),
    path("groups/", structure.GroupList.as_view(), name="group_list"),
    path("groups/new/", structure.GroupCreate.as_view(), name="group_create"),
    path("groups/<int:pk>/", structure.GroupDetail.as_view(), name="group_detail"),
    path("groups/<int:pk>/edit/", structure.GroupUpdate.as_view(), name="group_update"),
    path("groups/<int:pk>/members/", structure.GroupMemberAdd.as_view(), name="group_member_add"),
    path(
        "groups/<int:pk>/members/<int:member_pk>/remove/",
        structure.GroupMemberRemove.as_view(),
        name="group_member_remove",
    ),
    path("partners/<int:pk>/edit/", structure.PartnerUpdate.as_view(), name="partner_update"),
    path("agencies/", structure.AgencyList.as_view(), name="agency_list"),
    path("agencies/new/", structure.AgencyCreate.as_view(), name="agency_create"),
    path("agencies/<int:pk>/edit/", structure.AgencyUpdate.as_view(), name="agency_update"),
    path("people/", structure.RoleList.as_view(), name="role_list"),
    path("actions/", structure.ActionList.as_view(), name="action_list"),
    path("actions/new/", structure.ActionCreate.as_view(), name="action_create"),
    path("actions/<int:pk>/", structure.ActionDetail.as_view(), name="action_detail"),
    path("actions/<int:pk>/edit/", structure.ActionUpdate.as_view(), name="action_update"),
    path("actions/<int:pk>/progress/", structure.ActionProgress.as_view(), name="action_progress"),
    path("access-log/", structure.AccessLogList.as_view(), name="access_log"),
]

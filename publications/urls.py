from django.urls import path

from publications import views

app_name = "publications"

P = "p/<slug:partnership>/publications/"

urlpatterns = [
    path(P, views.PublicationList.as_view(), name="publication_list"),
    path(f"{P}new/", views.PublicationCreate.as_view(), name="publication_create"),
    path(f"{P}branding/", views.BrandingEdit.as_view(), name="branding"),
    path(f"{P}<int:pk>/", views.PublicationDetail.as_view(), name="publication_detail"),
    path(f"{P}<int:pk>/sections/<str:key>/", views.NarrativeEdit.as_view(), name="narrative_edit"),
    path(f"{P}<int:pk>/lcspr/", views.LinkLcspr.as_view(), name="link_lcspr"),
    path(f"{P}<int:pk>/draft/", views.MakeDraft.as_view(), name="make_draft"),
    path(f"{P}<int:pk>/changes/", views.VersionDiff.as_view(), name="diff"),
    path(f"{P}<int:pk>/sent/", views.RecordSent.as_view(), name="record_sent"),
    path(f"{P}versions/<int:pk>/", views.VersionDetail.as_view(), name="version_detail"),
    path(f"{P}versions/<int:pk>/send/", views.VersionSend.as_view(), name="version_send"),
    path(f"{P}versions/<int:pk>/sign/", views.VersionSignOff.as_view(), name="version_sign"),
    path(f"{P}versions/<int:pk>/publish/", views.VersionPublish.as_view(), name="version_publish"),
    path(f"{P}versions/<int:pk>/withdraw/", views.VersionWithdraw.as_view(), name="version_withdraw"),
    path(f"{P}versions/<int:pk>/render/", views.VersionRender.as_view(), name="version_render"),
    path(f"{P}versions/<int:pk>/progress/", views.VersionStatusView.as_view(), name="version_progress"),
    path(f"{P}versions/<int:pk>/pdf/", views.VersionPdf.as_view(), name="version_pdf"),
    path(f"{P}versions/<int:pk>/docx/", views.VersionDocx.as_view(), name="version_docx"),
    path("public/<slug:slug>/", views.PublicIndex.as_view(), name="public_index"),
    path("public/<slug:slug>/<int:pk>/", views.PublicDocument.as_view(), name="public_document"),
    path("public/<slug:slug>/<int:pk>/pdf/", views.PublicDocumentPdf.as_view(), name="public_pdf"),
    path(
        "public/<slug:slug>/<int:pk>/versions/<int:number>/pdf/",
        views.PublicDocumentPdf.as_view(),
        name="public_version_pdf",
    ),
]

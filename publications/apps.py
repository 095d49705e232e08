from django.apps import AppConfig


class PublicationsConfig(AppConfig):
    name = "publications"
    verbose_name = "Publications"

    def ready(self):
        from partnerships.core.permissions import Perm
        from partnerships.core.registry import NavItem, register_nav
        from publications import document_sections

        document_sections.register_all()
        # Figures of the reviews, child death, governance and learning apps(one set of figures).
        from publications import sections_apps

        sections_apps.register()
        register_nav(
            NavItem("Publications", "publications:publication_list", Perm.VIEW, 80, section="publications")
        )

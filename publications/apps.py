from django.apps import AppConfig

from partnerships.core.registry import NavItem, register_nav


class PublicationsConfig(AppConfig):
    name = "publications"
    verbose_name = "Publications"

    def ready(self):
        # Imported here: these modules load models, and the app registry is not ready when apps.py is imported.
        from partnerships.core.permissions import Perm
        from publications import document_sections, sections_apps

        document_sections.register_all()
        # Figures of the reviews, child death, governance and learning apps(one set of figures).
        sections_apps.register()
        register_nav(
            NavItem("Publications", "publications:publication_list", Perm.VIEW, 80, section="publications")
        )

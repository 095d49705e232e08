from django.contrib.admin.apps import AdminConfig


class AdministratorsAdminConfig(AdminConfig):
    default_site = "config.admin.AdministratorsSite"

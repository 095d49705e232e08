from django.forms.renderers import TemplatesSetting


class GovUKFormRenderer(TemplatesSetting):
    """Renders forms and fields with GOV.UK Design System markup (templates/forms/govuk/)."""

    form_template_name = "forms/govuk/form.html"
    field_template_name = "forms/govuk/field.html"

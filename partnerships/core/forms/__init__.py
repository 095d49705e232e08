from .govuk import GovUKDateField, GovUKDateWidget, GovUKForm, GovUKFormMixin, GovUKModelForm

__all__ = ["GovUKDateField", "GovUKDateWidget", "GovUKForm", "GovUKFormMixin", "GovUKModelForm"]

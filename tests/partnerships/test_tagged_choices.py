"""Every choice shown as a GOV.UK tag carries its colour on its choices class (TaggedChoices)."""

import pytest

from partnerships.core.choices import RAG, TAG_COLOURS, TaggedChoices


def _tagged(cls=TaggedChoices):
    for sub in cls.__subclasses__():
        yield sub
        yield from _tagged(sub)


@pytest.mark.parametrize("choices", list(_tagged()), ids=lambda c: f"{c.__module__}.{c.__qualname__}")
def test_each_choice_has_a_gov_uk_tag_colour(choices):
    assert set(choices.colours) == set(choices.values), "a colour for each choice, and only for choices"
    assert set(choices.colours.values()) <= TAG_COLOURS


def test_tag_classes():
    assert RAG.AMBER.tag_class == "govuk-tag--orange"
    assert RAG.tag_for("complete") == "govuk-tag--grey"
    assert RAG.tag_for("not a choice") == ""
    assert "colours" not in RAG.values and len(RAG.choices) == 4

"""How a record shows a person (who may be chosen is partnerships/core/tenancy.py)."""

from partnerships.core.models import (
    Role,
)


def person_in(person, partnership):
    """A person's name as a record of `partnership` shows it: marked when they no longer hold a role
    there (they are told nothing more about its records)."""
    if person is None:
        return ""
    if not Role.objects.filter(user=person, partnership=partnership).exists():
        return f"{person.display_name} (no longer in the partnership)"
    return person.display_name

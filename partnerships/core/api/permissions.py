from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import SAFE_METHODS, BasePermission

from partnerships.core.permissions import Perm, access_for


class PartnershipRolePermission(BasePermission):
    """The same rule as the pages: read what your roles let you see; write only where you may.

    Querysets are already scoped (an unseen row is a 404); a write by someone who may only read,
    such as a scrutineer, is refused with 403 before anything changes. So is any unsafe method with
    a credential that allows no writes (a read-only API token says so by `allows_writes`), even on
    a person's own records.
    """

    message = "Your role does not allow this change."

    def has_permission(self, request, view):
        user = request.user
        if not (user and user.is_authenticated):
            return False
        if request.method not in SAFE_METHODS and not getattr(request.auth, "allows_writes", True):
            raise PermissionDenied("This API token may only read.")
        if request.method in SAFE_METHODS or getattr(view, "personal", False):
            return True
        return access_for(user).writes_anywhere

    def has_object_permission(self, request, view, obj):
        if request.method in SAFE_METHODS or getattr(view, "personal", False):
            return True
        partnership_id = view.partnership_id_of(obj)
        return access_for(request.user).has(getattr(view, "write_perm", Perm.CHANGE), partnership_id)

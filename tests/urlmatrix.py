"""Every URL pattern of the project, with the kwargs to visit it in the test world."""

import re
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.views.generic.edit import FormMixin

from partnerships.core.permissions import Perm

_KWARG = re.compile(r"<(?:\w+:)?(\w+)>")


@dataclass
class Route:
    route: str
    name: str
    callback: object

    @property
    def view_class(self):
        return getattr(self.callback, "view_class", None) or getattr(self.callback, "cls", None)

    @property
    def kwarg_names(self):
        return _KWARG.findall(self.route)

    @property
    def partnership_scoped(self):
        return "partnership" in self.kwarg_names


def iter_routes(resolver=None, prefix="", namespace=None):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = namespace
            if pattern.namespace:
                ns = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from iter_routes(pattern, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield Route(prefix + str(pattern.pattern), name, pattern.callback)


def page_routes():
    """Named, partnership-scoped page routes (the API and admin are tested separately)."""
    return [
        r
        for r in iter_routes()
        if r.partnership_scoped and r.name and not r.route.startswith(("api/", "admin/"))
    ]


def url_for(route, world, partnership=None):
    """The URL of `route` for an object of `partnership` (alpha by default) in `world`."""
    partnership = partnership or world.alpha
    kwargs = {"partnership": partnership.slug}
    extra = dict(world.url_kwargs.get(route.name, {}))
    for name in route.kwarg_names:
        if name == "partnership" or name in extra:
            continue
        model = getattr(route.view_class, "model", None)
        if name == "pk" and model is not None:
            obj = model.objects.in_partnership(partnership).order_by("pk").first()
            if obj is None:
                raise LookupError(f"{route.name}: no {model.__name__} in {partnership} in the test world")
            extra["pk"] = obj.pk
        else:
            raise LookupError(f"{route.name}: add its kwargs to world.url_kwargs (tests/<app>/builders.py)")
    kwargs.update(extra)
    return reverse(route.name, kwargs=kwargs)


def is_post_only(route):
    view = route.view_class
    return view is not None and list(getattr(view, "http_method_names", [])) == ["post"]


# What each persona's roles grant on the alpha partnership (tests/world.py).
GRANTS = {
    "scrutineer": {Perm.VIEW},
    "lead_la": {Perm.VIEW, Perm.SIGN_OFF},
    "bu": {Perm.VIEW, Perm.CHANGE, Perm.MANAGE},
}


def _needed_to_open(route):
    """The permission a GET needs: the view's read permission, or its write permission for a page
    whose only purpose is a change (any form view)."""
    view = route.view_class
    if view is not None and issubclass(view, FormMixin):
        return getattr(view, "write_perm", Perm.CHANGE)
    return getattr(view, "read_perm", Perm.VIEW)


def expected_get(route, persona):
    if _needed_to_open(route) not in GRANTS[persona]:
        return 403
    return 405 if is_post_only(route) else 200

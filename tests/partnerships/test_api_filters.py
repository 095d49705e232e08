"""The API reads every query parameter or refuses it: an unknown filter, a value a filter cannot
read, and a page size out of bounds are each a 400 naming the parameter, never a quiet full list.
(Few tests, many checks each: every test builds the world.)"""

import datetime

from partnerships.core.api.pagination import MAX_PAGE_SIZE
from partnerships.core.services import create_action

D = datetime.date

BAD_VALUES = [
    ("/api/deadlines/?due_date__gte=notadate", "due_date__gte"),
    ("/api/deadlines/?due_date__lte=2026-13-40", "due_date__lte"),
    ("/api/actions/?status=nonsense", "status"),
    ("/api/groups/?kind=nonsense", "kind"),
]


def test_bad_filters_are_a_400_naming_the_parameter(world, api_for):
    api = api_for(world.bu)
    for url, parameter in BAD_VALUES:
        response = api.get(url)
        assert response.status_code == 400, url
        assert list(response.json()) == [parameter], url
        assert response.json()[parameter], url

    unknown = api.get("/api/actions/?statuss=open&colour=red")
    assert unknown.status_code == 400
    body = unknown.json()
    assert set(body) == {"statuss", "colour"}
    message = body["statuss"][0]
    assert "statuss" in message and "status" in message and "limit" in message

    # A resource with no filters refuses any; a record's own address refuses unknown parameters too.
    assert list(api.get("/api/notifications/?kind=anything").json()) == ["kind"]
    detail = api.get(f"/api/actions/{world.action.pk}/?nonsense=1")
    assert detail.status_code == 400 and list(detail.json()) == ["nonsense"]
    # A resource that reads its own parameters checks them alike.
    figures = api.get("/api/child-death-figures/?partnership=alpha&yaer=2023")
    assert figures.status_code == 400 and list(figures.json()) == ["yaer"]
    assert api.get("/api/child-death-figures/?partnership=alpha&year=2023").status_code == 200
    for year in ("0", "99999", "twenty"):
        answer = api.get(f"/api/child-death-figures/?year={year}")
        assert answer.status_code == 400 and list(answer.json()) == ["year"], year


def test_known_parameters_filter(world, api_for):
    api = api_for(world.bu)
    create_action(world.bu, partnership=world.alpha, title="Late one", due_date=D(2031, 1, 1))
    response = api.get("/api/deadlines/?due_date__gte=2031-01-01&partnership__slug=alpha&format=json")
    assert response.status_code == 200
    results = response.json()["results"]
    assert results and all(r["due_date"] >= "2031-01-01" for r in results)
    assert {r["partnership"] for r in results} == {"alpha"}
    everything = api.get("/api/deadlines/").json()["count"]
    assert response.json()["count"] < everything  # the filter narrowed the list
    open_actions = api.get("/api/actions/?status=open&limit=5&offset=0")
    assert open_actions.status_code == 200
    assert all(a["status"] == "open" for a in open_actions.json()["results"])
    # A list has no ordering parameter: asking for one is refused, not ignored.
    assert list(api.get("/api/actions/?ordering=due_date").json()) == ["ordering"]


def test_every_list_filters_the_same_way(world, api_for):
    """`partnership`, `status`, `date_from`/`date_to` and `search` mean the same on every list that
    has them; the serious-incident and rapid-review lists, which ignored a partnership, obey it."""
    from reviews.models import RapidReview, SeriousIncidentNotification

    admin = api_for(world.admin)  # sees both partnerships
    for url, model in (
        ("/api/serious-incidents/", SeriousIncidentNotification),
        ("/api/rapid-reviews/", RapidReview),
    ):
        everything = admin.get(url).json()["count"]
        alpha = admin.get(url, {"partnership": "alpha"}).json()
        assert alpha["count"] == model.objects.in_partnership(world.alpha).count() > 0
        assert alpha["count"] < everything
        beta = admin.get(url, {"partnership": "beta"}).json()
        assert alpha["count"] + beta["count"] == everything
    # A partnership the reader cannot see is refused exactly as one that does not exist.
    bu = api_for(world.bu)
    for slug in ("beta", "no-such-partnership"):
        response = bu.get("/api/rapid-reviews/", {"partnership": slug})
        assert response.status_code == 400
        assert response.json() == {"partnership": [f"No partnership you can see has the slug “{slug}”."]}
    # Status: the record's own choices; a value outside them names the parameter.
    review_status = RapidReview.objects.in_partnership(world.alpha).values_list("status", flat=True).first()
    rows = bu.get("/api/rapid-reviews/", {"status": review_status}).json()["results"]
    assert rows and {r["status"] for r in rows} == {review_status}
    assert list(bu.get("/api/rapid-reviews/", {"status": "nonsense"}).json()) == ["status"]
    # Dates: the record's main date, inclusive at both ends; an unreadable date names the parameter.
    create_action(world.bu, partnership=world.alpha, title="Due on the first", due_date=D(2032, 5, 1))
    create_action(world.bu, partnership=world.alpha, title="Due on the second", due_date=D(2032, 5, 2))
    rows = bu.get("/api/actions/", {"date_from": "2032-05-01", "date_to": "2032-05-01"}).json()["results"]
    assert [r["title"] for r in rows] == ["Due on the first"]
    assert list(bu.get("/api/actions/", {"date_from": "1 May"}).json()) == ["date_from"]
    # Search: every word, in any case, in the title (or name, or reference).
    rows = bu.get("/api/actions/", {"search": "due SECOND"}).json()["results"]
    assert [r["title"] for r in rows] == ["Due on the second"]
    # A child's name on record is never searched.
    assert bu.get("/api/serious-incidents/", {"search": "Quillfeather"}).json()["count"] == 0
    assert bu.get("/api/serious-incidents/", {"partnership": "alpha"}).json()["count"] > 0


def test_page_size_is_bounded_and_checked(world, api_for):
    api = api_for(world.bu)
    for limit in ["abc", "-1", "0", "1.5", str(MAX_PAGE_SIZE + 1), "", " ", "10000000000000000000000"]:
        response = api.get("/api/actions/", {"limit": limit})
        assert response.status_code == 400, limit
        assert list(response.json()) == ["limit"], limit
        assert f"from 1 to {MAX_PAGE_SIZE}" in response.json()["limit"][0]
    for offset in ["abc", "-3"]:
        response = api.get("/api/actions/", {"offset": offset})
        assert response.status_code == 400 and list(response.json()) == ["offset"], offset

    for i in range(3):
        create_action(world.bu, partnership=world.alpha, title=f"Paged {i}", due_date=D(2031, 1, 1))
    total = api.get("/api/actions/").json()["count"]
    assert total >= 3
    one = api.get("/api/actions/?limit=1").json()
    assert len(one["results"]) == 1 and one["count"] == total and "limit=1" in one["next"]
    most = api.get(f"/api/actions/?limit={MAX_PAGE_SIZE}").json()
    assert len(most["results"]) == min(total, MAX_PAGE_SIZE)
    assert api.get("/api/actions/?offset=1&limit=2").json()["results"] == most["results"][1:3]

    schema = api.get("/api/schema/?format=json")
    assert schema.status_code == 200
    parameters = {p["name"]: p for p in schema.json()["paths"]["/api/actions/"]["get"]["parameters"]}
    assert parameters["limit"]["schema"]["maximum"] == MAX_PAGE_SIZE
    assert parameters["limit"]["schema"]["minimum"] == 1

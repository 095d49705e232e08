"""A partnership that no child death overview panel serves is not offered the child death pages:
no link in its navigation; the case list, reached by its address, says so plainly and offers no
notification to record; the notification form is not found."""

from django.urls import reverse

HOME = "/p/gamma/"
CASES = "/p/gamma/child-deaths/"


def test_a_partnership_with_a_panel_has_the_child_death_link(world, client_for):
    page = client_for(world.gamma_officer).get(HOME).content.decode()
    assert f'href="{CASES}"' in page
    assert "Child deaths" in page


def test_a_partnership_without_a_panel_shows_no_child_death_link(world, client_for):
    world.cdop.partnerships.remove(world.gamma)
    client = client_for(world.gamma_officer)
    page = client.get(HOME).content.decode()
    assert f'href="{CASES}"' not in page
    assert "Child deaths" not in page

    listing = client.get(reverse("child_death:case_list", kwargs={"partnership": "gamma"}))
    assert listing.status_code == 200
    text = listing.content.decode()
    assert "No child death overview panel serves Gamma Safeguarding Children Partnership" in text
    assert "Record a notification" not in text

    assert client.get(reverse("child_death:case_create", kwargs={"partnership": "gamma"})).status_code == 404


def test_the_other_partnerships_keep_their_link(world, client_for):
    world.cdop.partnerships.remove(world.gamma)
    page = client_for(world.bu).get("/p/alpha/").content.decode()
    assert 'href="/p/alpha/child-deaths/"' in page

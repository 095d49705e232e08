"""A partnership you hold no role in does not exist for you: pages, exports, search and home."""


def test_outsider_lands_in_their_own_partnership_and_sees_nothing_of_alpha(world, client_for):
    client = client_for(world.outsider)
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] == "/p/beta/"
    page = client.get("/p/beta/").content.decode()
    assert "Alpha" not in page


def test_guessed_urls_of_another_partnership_are_404(world, client_for):
    client = client_for(world.outsider)
    assert client.get(f"/p/alpha/actions/{world.action.pk}/").status_code == 404
    # Beta's own action through Alpha's URL is no more visible than Alpha's action through Beta's.
    assert client_for(world.bu).get(f"/p/alpha/actions/{world.beta_action.pk}/").status_code == 404
    assert client.get(f"/p/beta/actions/{world.action.pk}/").status_code == 404
    assert client.get("/p/no-such-partnership/").status_code == 404


def test_exports_contain_only_the_partnership_s_rows(world, client_for):
    csv = client_for(world.bu).get("/p/alpha/actions/?export=csv").content.decode("utf-8-sig")
    assert "Refresh the escalation policy" in csv and "Beta's own action" not in csv
    assert client_for(world.outsider).get("/p/alpha/actions/?export=csv").status_code == 404


def test_switcher_offers_only_partnerships_with_a_role(world, client_for):
    client = client_for(world.bu)
    page = client.get("/p/alpha/").content.decode()
    assert 'value="beta"' not in page
    assert client.get("/switch/?partnership=beta").status_code == 404


def test_people_choices_in_forms_are_the_partnership_s_own(world, client_for):
    page = client_for(world.bu).get("/p/alpha/actions/new/").content.decode()
    assert "Outsider Tester" not in page
    assert "Lead Police Tester" in page


def test_scrutineer_post_changes_nothing(world, client_for):
    client = client_for(world.scrutineer)
    response = client.post(f"/p/alpha/actions/{world.action.pk}/edit/", {"title": "Scrutineer was here"})
    assert response.status_code == 403
    world.action.refresh_from_db()
    assert world.action.title == "Refresh the escalation policy"
    assert "Nothing has been changed." in response.content.decode()


def test_filter_choices_offer_only_the_partnership_s_own_organisations(world, client_for):
    page = client_for(world.bu).get("/p/alpha/actions/").content.decode()
    assert "Alpha Council" in page
    assert "Beta Council" not in page

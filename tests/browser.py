"""Helpers for the journeys in a real browser.

A click that submits a form returns before the response has arrived, so a check made straight
after it can read the page the form was on. Every check after a submission is made with
Playwright's ``expect``, which waits for the page to show what it asserts, and signing in waits
until the browser has left the sign-in page.
"""

PASSWORD = "correct-horse-battery"


def sign_in(page, live_server, username, password=PASSWORD):
    page.goto(f"{live_server.url}/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/sign-in/" not in url)

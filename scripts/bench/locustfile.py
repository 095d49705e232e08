"""Simulated users for `make bench`: each signs in as a business-unit officer of a national-scale
partnership and walks the main pages and API endpoints. Pages are named by kind, not by id, so
locust reports p50/p95/p99 per page."""

import random
import re

from locust import HttpUser, between, task

PASSWORD = "bench-password-not-secret"  # noqa: S105  (benchmark accounts only)
SEED = 1
PARTNERSHIPS = 150


class Officer(HttpUser):
    wait_time = between(0.5, 1.5)

    def on_start(self):
        i = random.randrange(PARTNERSHIPS)  # noqa: S311
        self.slug = f"scale-{SEED}-{i}"
        username = f"s{SEED}p{i}u{random.choice([3, 4, 5, 6, 7])}"  # noqa: S311
        page = self.client.get("/sign-in/", name="sign-in")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        self.client.post(
            "/sign-in/",
            {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token},
            name="sign-in POST",
        )
        actions = self.client.get(
            f"/api/actions/?partnership__slug={self.slug}&limit=50", name="api: actions"
        ).json()
        self.action_ids = [a["id"] for a in actions.get("results", [])] or [None]

    @task(3)
    def home(self):
        self.client.get(f"/p/{self.slug}/", name="dashboard: partnership home")

    @task(4)
    def actions(self):
        self.client.get(f"/p/{self.slug}/actions/", name="list: actions")

    @task(2)
    def actions_page_5(self):
        self.client.get(f"/p/{self.slug}/actions/?page=5", name="list: actions page 5")

    @task(3)
    def action(self):
        pk = random.choice(self.action_ids)  # noqa: S311
        if pk:
            self.client.get(f"/p/{self.slug}/actions/{pk}/", name="detail: action")

    @task(1)
    def structure(self):
        self.client.get(f"/p/{self.slug}/structure/", name="detail: structure")

    @task(1)
    def groups(self):
        self.client.get(f"/p/{self.slug}/groups/", name="list: groups")

    @task(2)
    def deadlines(self):
        self.client.get(f"/p/{self.slug}/deadlines/", name="list: deadlines")

    @task(1)
    def funding(self):
        self.client.get(f"/p/{self.slug}/funding/", name="dashboard: funding")

    @task(2)
    def api_actions(self):
        self.client.get(f"/api/actions/?partnership__slug={self.slug}", name="api: actions")

    @task(1)
    def api_groups(self):
        self.client.get(f"/api/groups/?partnership__slug={self.slug}", name="api: groups")

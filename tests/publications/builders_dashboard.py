"""The scrutiny dashboard's URLs in the test world (its figures' records come from each app's builders)."""


def extend_world(w):
    w.url_kwargs["dashboard:records"] = {"panel": "review-timeliness"}

from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo partnerships (`load_demo`, `make run`) and the benchmark's national-scale data
    (`generate_scale_data`, `make bench`). It sits above every app; no app imports it."""

    name = "partnerships.demo"
    label = "demo"
    verbose_name = "Demo and benchmark data"

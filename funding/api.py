def register(router):
    """Add this app's API resources to the router (see config/api.py)."""

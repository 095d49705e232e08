app_name = "child_death"

urlpatterns = []

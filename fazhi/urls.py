from django.urls import include, path

from fazhi.api.api import api

urlpatterns = [
    path("", include("fazhi.core.urls")),             # shell: login, home, organizations, users (namespace core)
    path("calendar/", include("fazhi.core.urls_calendar")),  # holidays, deadline rules, deadline board (calendar)
    path("excel/", include("fazhi.core.urls_excel")),        # templates, import, export of ledgers (excel)
    path("files/", include("fazhi.core.urls_attachments")),  # attachments and record history (files)
    path("api/", api.urls),
]

from django.urls import path, register_converter

from doithoai.core import params  # noqa: F401 - registers the <year:…> and <id:…> converters

from . import views


class FormatConverter:
    regex = "docx|pdf"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


class HalfConverter:
    regex = "[12]"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


register_converter(FormatConverter, "docfmt")
register_converter(HalfConverter, "half")

app_name = "documents"
urlpatterns = [
    path(
        "bao-cao/<slug:code>/<year:year>.<docfmt:fmt>",
        views.report,
        name="report",
    ),
    path(
        "bao-cao/<slug:code>/<year:year>-6thang<half:half>.<docfmt:fmt>",
        views.report,
        name="report_half",
    ),
    path(
        "tong-hop-tinh/<slug:code>/<year:year>.<docfmt:fmt>",
        views.consolidated,
        name="consolidated",
    ),
    path(
        "tong-hop-tinh/<slug:code>/<year:year>-6thang<half:half>.<docfmt:fmt>",
        views.consolidated,
        name="consolidated_half",
    ),
    path("<slug:kind>/<id:pk>.<docfmt:fmt>", views.download, name="download"),
]

"""The site's error pages: 400 with the reason, 404 and 403 in the user's language, 500 plain.

The 400 and 404 pages render with the request (menu, language); the 500 page needs nothing
but its template, since the database or a context processor may be what failed.
"""

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

from doithoai.core.params import BadParameter


@requires_csrf_token
def bad_request(request, exception, template_name="400.html"):
    """Say which parameter was wrong (a `BadParameter`), else that the request was malformed."""
    context = {}
    if isinstance(exception, BadParameter):
        context = {"message": exception.message, "field": exception.field}
    return render(request, template_name, context, status=400)


@requires_csrf_token
def page_not_found(request, exception, template_name="404.html"):
    """Say the page does not exist (or is not the user's to see) and how to go on."""
    return render(request, template_name, {"path": request.path}, status=404)


@requires_csrf_token
def server_error(request, template_name="500.html"):
    """Render the standalone 500 page, without the request's context processors."""
    return HttpResponseServerError(loader.get_template(template_name).render())

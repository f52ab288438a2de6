"""Everyone's pages: login, the home page of things to do, the public receipt lookup."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import render


class LoginView(auth_views.LoginView):
    """Log in with the Vietnamese template; a logged-in user goes straight home."""

    template_name = "registration/login.html"
    redirect_authenticated_user = True


@login_required
def home(request):
    """Show what needs the user's attention now."""
    return render(request, "core/home.html", {})


def receipt_lookup(request):
    """Let an anonymous petitioner follow a petition with the receipt code."""
    return render(request, "core/receipt_lookup.html", {})

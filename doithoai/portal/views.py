"""Everyone's pages: login, the home page of things to do, the public receipt lookup."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from doithoai.audit.models import AuditEvent
from doithoai.core.errors import ActionError
from doithoai.core.forms import apply_action_error
from doithoai.core.net import client_address
from doithoai.organizations.access import primary_membership
from doithoai.organizations.pagecache import cached_page
from doithoai.petitions import receipts
from doithoai.petitions.actions import give_feedback
from doithoai.petitions.models import Status

from .home import sections


@login_required
@cached_page
def home(request):
    """Show what needs the user's attention now."""
    membership = primary_membership(request.user)
    context = {"membership": membership}
    if membership is not None:
        context.update(sections(request.user, membership))
    return render(request, "portal/home.html", context)


class ReceiptForm(forms.Form):
    """The receipt code an anonymous petitioner was given once."""

    code = forms.CharField(
        label=gettext_lazy("Mã tiếp nhận"),
        max_length=40,
        help_text=gettext_lazy(
            "Ví dụ AN-1A2B-3C4D-5E6F-7A8B-9CDE. Không phân biệt chữ hoa, chữ thường."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


class ReceiptFeedbackForm(forms.Form):
    """An anonymous petitioner's feedback on the answer, proven by the receipt code."""

    code = forms.CharField(widget=forms.HiddenInput)
    satisfied = forms.TypedChoiceField(
        label=gettext_lazy("Câu trả lời đã giải quyết được vấn đề chưa?"),
        choices=[("1", gettext_lazy("Đã thỏa đáng")), ("0", gettext_lazy("Chưa thỏa đáng"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=gettext_lazy("Lý do chưa thỏa đáng"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def receipt_lookup(request):
    """Let an anonymous petitioner follow a petition with the receipt code (POST only).

    The limits on wrong and repeated codes are `petitions.receipts`', shared with the API.
    """
    client = client_address(request)
    wait = receipts.wait_seconds(client)
    form = ReceiptForm(request.POST or None)
    petition = None
    feedback_form = None
    status = 200
    if request.method == "POST" and wait:
        form.add_error(
            None,
            _("Anh/chị đã nhập sai mã nhiều lần. Vui lòng đợi %(n)s giây rồi thử lại.")
            % {"n": wait},
        )
        status = 429
    elif request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        petition = receipts.find_by_receipt(code, client=client)
        if petition is None:
            form.add_error("code", _("Không tìm thấy kiến nghị với mã này."))
        elif not receipts.code_within_limit(code):
            petition = None
            form.add_error(
                None, _("Mã này đã được tra cứu quá nhiều lần trong một giờ; vui lòng thử lại sau.")
            )
            status = 429
        elif "satisfied" in request.POST:
            feedback_form = ReceiptFeedbackForm(request.POST)
            if feedback_form.is_valid():
                try:
                    petition = give_feedback(
                        petition=petition,
                        satisfied=feedback_form.cleaned_data["satisfied"],
                        reason=feedback_form.cleaned_data["reason"],
                        receipt_code=code,
                    )
                    feedback_form = None
                except ActionError as exc:
                    apply_action_error(feedback_form, exc)
    context = {"form": form, "petition": petition}
    if petition is not None:
        events = AuditEvent.objects.filter(petition_id=petition.pk).order_by("seq")
        context["events"] = [(e.created_at, e.get_verb_display()) for e in events]
        context["answers"] = list(petition.answers.order_by("created_at"))
        if petition.status == Status.ANSWERED:
            context["feedback_form"] = feedback_form or ReceiptFeedbackForm(
                initial={"code": petition and form.cleaned_data["code"]}
            )
    response = render(request, "portal/receipt_lookup.html", context, status=status)
    response["Cache-Control"] = "no-store"
    return response

"""Form helpers shared by the pages: show an action's refusal on the field at fault."""

from django.core.exceptions import NON_FIELD_ERRORS


def apply_action_error(form, exc) -> None:
    """Attach an ActionError's message to `exc.field` when the form has it, else to the form.

    A form may name the action's fields differently: `error_aliases` maps an action's field
    name to the form's. The form keeps its bound data, so nothing the user typed is lost.
    """
    field = getattr(form, "error_aliases", {}).get(exc.field, exc.field)
    field = field if field in form.fields else None
    form.add_error(field or NON_FIELD_ERRORS, str(exc.message))

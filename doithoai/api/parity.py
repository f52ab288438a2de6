"""The actions that have no API operation on purpose, each with its reason.

`tests/test_parity.py` enumerates every public action (a function of an app's `actions`
module or package with a keyword-only `by`) and fails when one is neither called by an API
operation nor listed here.
"""

PAGE_ONLY = {
    "api.create_token": "Tokens are made on the /api/tokens/ page with a session: a token "
    "must not mint further tokens.",
    "api.revoke_token": "Revoked on the same page as it is made, by its owner's session.",
    "deadlines.open_deadline": "Internal: started by the action whose step it times.",
    "deadlines.complete_deadlines": "Internal: completed by the action that ends the step.",
    "deadlines.cancel_deadlines": "Internal: cancelled by the action that cancels the step.",
    "deadlines.recompute_deadline": "Administration: /thoi-han/tinh-lai/ shows what would move "
    "before recomputing with a reason.",
    "deadlines.update_rules": "Administration of the agency's limits (admin page).",
    "conferences.move_agenda_item": "Internal: moved by the statement, answer, commitment and "
    "assignment actions, each an API operation of its own.",
    "petitions.advance_petition": "Internal: the follow-up actions (answer, commit, assign, "
    "report, accept, return) move their petition through it; each is an API operation.",
    "petitions.return_to_received": "Internal: called by conferences.cancel_conference for "
    "each petition of the cancelled conference.",
    "notifications.notify": "Internal: sent by actions and the reminder pass, not by a user.",
    "organizations.create_agency": "Site administration (Django admin, superuser).",
    "organizations.add_unit": "Agency administration page.",
    "organizations.add_member": "Agency administration page (sets a password).",
    "organizations.set_roles": "Agency administration page.",
    "workdays.save_schedule_entry": "Calendar administration (admin: official schedule).",
    "workdays.delete_schedule_entry": "Calendar administration (admin: official schedule).",
    "notifications.set_delivery": "A person's own e-mail preference, set on their profile page "
    "(/thong-bao/ca-nhan/); integrations do not choose how a person is told.",
    "signing.sign_document": "Not yet offered (issue 16): signing renders and signs a PDF on the "
    "signing page or with `doithoai sign`; a JSON operation for it is still to come.",
    "signing.seal_document": "Not yet offered (issue 16): the seal is applied on the signing page.",
    "signing.prepare_external": "Not yet offered (issue 16): the prepared PDF is downloaded from "
    "the signing page.",
    "signing.accept_external": "Not yet offered (issue 16): the signed PDF is uploaded on the "
    "signing page.",
}

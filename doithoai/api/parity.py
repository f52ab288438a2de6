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
    "followups.start_resolution_clock": "Internal: the notice, an assignment made after it and "
    "an approved 15-day request start the unit's clock through it; each is an operation.",
    "petitions.return_to_received": "Internal: called by conferences.cancel_conference for "
    "each petition of the cancelled conference.",
    "conferences.sign_notice": "Internal: the chair's digital signature of the draft numbers it "
    "(called by signing.sign_document, which has its own operation).",
    "conferences.release_notice": "Internal: the secretariat's seal issues the signed notice "
    "(called by signing.seal_document, which has its own operation).",
    "reports.send_report": "Internal: the secretariat's seal sends the signed report version "
    "(called by signing.seal_document, which has its own operation).",
    "notifications.notify": "Internal: sent by actions and the reminder pass, not by a user.",
    "signing.admin_save": "Site administration (Django admin, superuser): signer profiles, "
    "seal images and seal keys; the images also have their own operations.",
    "signing.admin_delete": "Site administration (Django admin, superuser).",
    "organizations.create_agency": "Site administration (Django admin, superuser).",
    "organizations.onboard_agency": "Installation administration by a superuser: the page "
    "/to-chuc/he-thong/co-quan/them/, the agency sheet import and `doithoai onboard`; like "
    "create_agency, it is not opened to API tokens (a token must not create agencies and admins).",
    "organizations.add_unit": "Agency administration page.",
    "organizations.add_member": "Agency administration page (sets a password).",
    "organizations.set_roles": "Agency administration page.",
    "workdays.save_schedule_entry": "Calendar administration (admin: official schedule).",
    "workdays.delete_schedule_entry": "Calendar administration (admin: official schedule).",
    "notifications.set_delivery": "A person's own e-mail preference, set on their profile page "
    "(/thong-bao/ca-nhan/); integrations do not choose how a person is told.",
}

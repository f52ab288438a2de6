"""Who may see an agency's statistics (`reports.view_dashboard`, object: the agency), and the
province's table of the agencies below it (`reports.view_province`, object: the province)."""

import rules

from doithoai.organizations.rules import (
    is_inspector,
    is_leadership,
    is_secretariat,
    is_supervisor,
    is_supervisor_above,
)

# The province office (a supervisor above the agency) reads its statistics and reports too.
rules.add_perm(
    "reports.view_dashboard", is_leadership | is_secretariat | is_inspector | is_supervisor_above
)
rules.add_perm("reports.submit_report", is_secretariat)
rules.add_perm("reports.write_report", is_secretariat)
rules.add_perm("reports.view_province", is_supervisor)
# Object: the submitting agency; the province office above it receives, returns, accepts.
rules.add_perm("reports.review_report", is_supervisor_above)


@rules.predicate
def is_sent(user, submission) -> bool:
    """The version went to the province (not only frozen for signing)."""
    return submission is not None and submission.status != "prepared"


# Object: one version of a report. The agency's insiders see every version; the province
# office above only those sent (a version frozen for signing is not sent yet).
rules.add_perm(
    "reports.view_submission",
    is_leadership | is_secretariat | is_inspector | (is_supervisor_above & is_sent),
)

"""Who may download which document (named permissions `documents.download_<kind>`)."""

import rules

from doithoai.conferences.rules import may_view_compilation, may_view_minutes, may_view_notice
from doithoai.organizations.rules import (
    is_inspector,
    is_leadership,
    is_member,
    is_secretariat,
    is_supervisor,
    is_supervisor_above,
)

insiders = is_leadership | is_secretariat | is_inspector

# The plan and the invitation concern every member of the agency.
rules.add_perm("documents.download_plan", is_member)
rules.add_perm("documents.download_invitation", is_member)
# The compiled list goes to the chair; the secretariat makes it; the board supervises.
rules.add_perm("documents.download_compilation", may_view_compilation)
# No minutes before the conference is held; then for the insiders and the chair.
rules.add_perm("documents.download_minutes", may_view_minutes)
# Everyone reads the issued notice; a draft only who drafts it and who issues it.
rules.add_perm("documents.download_notice", may_view_notice)
# The periodic report (object: the agency).
# The periodic report (object: the agency); the province office above it receives it.
rules.add_perm("documents.download_report", insiders | is_supervisor_above)
# The province's consolidated report (object: the province office's agency).
rules.add_perm("documents.download_consolidated", is_supervisor | is_leadership)

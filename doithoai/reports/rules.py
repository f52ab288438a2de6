"""Who may see an agency's statistics (`reports.view_dashboard`, object: the agency)."""

import rules

from doithoai.organizations.rules import is_inspector, is_leadership, is_secretariat

rules.add_perm("reports.view_dashboard", is_leadership | is_secretariat | is_inspector)
rules.add_perm("reports.submit_report", is_secretariat)
rules.add_perm("reports.write_report", is_secretariat)

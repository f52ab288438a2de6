"""Named permissions of the inspection board's observations."""

import rules

from doithoai.organizations.rules import is_head, is_inspector

rules.add_perm("oversight.record_observation", is_inspector)
rules.add_perm("oversight.answer_observation", is_head)

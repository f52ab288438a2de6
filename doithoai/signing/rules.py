"""Who may sign and seal (named permissions `signing.sign_document`, `signing.seal_document`).

The object of `signing.sign_document` is a `Signable`: the document and the signature block
that names the actor. The seal's object is the document's agency.
"""

import rules

from doithoai.organizations.access import has_role
from doithoai.organizations.models import Role
from doithoai.organizations.rules import is_agency_admin, is_member, is_secretariat

# What each authority form (Decree 30) requires of the person who signs.
AUTHORITY_ROLES = {
    "KT.": (Role.DEPUTY,),  # a deputy signs for the head
    "Q.": (Role.HEAD, Role.DEPUTY),  # the acting head
    "HEAD": (Role.HEAD,),  # the head signs directly
}


@rules.predicate
def is_named_signer(user, signable) -> bool:
    """The user is the person the signature block names."""
    return (
        signable is not None
        and signable.block is not None
        and (getattr(signable.block.user, "pk", None) == user.pk)
    )


@rules.predicate
def holds_authority(user, signable) -> bool:
    """The user holds the role the block's authority form (KT., Q., the head's title) needs."""
    if signable is None or signable.block is None:
        return False
    wanted = AUTHORITY_ROLES.get(signable.authority)
    if wanted is None:  # TM., TL., TUQ. and the minutes' own titles: a member signs
        return True
    return has_role(user, signable.agency, *wanted)


@rules.predicate
def signable_member(user, signable) -> bool:
    """The user works in the document's agency."""
    return signable is not None and is_member(user, signable.agency)


rules.add_perm("signing.sign_document", signable_member & is_named_signer & holds_authority)
rules.add_perm("signing.seal_document", is_secretariat)


@rules.predicate
def is_self(user, person) -> bool:
    """The object is the user (a person's own signature image)."""
    return person is not None and getattr(person, "pk", None) == user.pk


# A person uploads only their own signature; the agency's administrator its seal image.
rules.add_perm("signing.change_signature_image", rules.is_authenticated & is_self)
rules.add_perm("signing.change_seal", is_agency_admin)
# Anyone signed in may check a PDF's signatures (the file is theirs; nothing is stored).
rules.add_perm("signing.verify_pdf", rules.is_authenticated)
# The installation's operator edits signer profiles, seal images and seal keys in the admin.
rules.add_perm("signing.administer", rules.is_active & rules.is_superuser)

"""The parts of an official document that are data, not layout: the header and a signature block.

They live apart from `decree30` (which lays them out with python-docx) so that code that only
names a signer, such as the signing app, does not load python-docx.
"""

from dataclasses import dataclass, field


@dataclass
class Signature:
    """The signature block: authority and title lines (capitals), the signer's name and user."""

    lines: list[str]
    name: str = ""
    # The person named in the block (who alone may sign it digitally), when known.
    user: object = None


@dataclass
class Header:
    """The components above the content (Decree 30, Art. 8, items 1–5)."""

    parent_body: str
    issuing_body: str
    number_symbol: str
    place_date: str
    type_name: str
    summary: str = ""
    extra_summary: list[str] = field(default_factory=list)

"""The numbers of the semi-annual and annual report, for `/api/v1/reports/summary`.

The figures are those of the reports themselves (`doithoai.reports.summaries.summary`, stored `stats.summary`), so the
API and the printed report never disagree; this module only picks the stable subset the
API publishes.
"""


def summary(agency, year: int, half: int | None) -> dict:
    """Return the report's headline figures and breakdowns for `agency` in the period."""
    from doithoai.reports import summaries

    data = summaries.summary(agency, year, half)
    petitions = data.get("petitions", {})
    return {
        "agency": data["agency"],
        "year": data["year"],
        "half": data["half"],
        "period_start": data["period_start"],
        "period_end": data["period_end"],
        "as_of": data.get("as_of"),
        "figures": data["figures"],
        "by_status": petitions.get("by_status", {}),
        "by_group": petitions.get("by_group", {}),
        "by_channel": petitions.get("by_channel", {}),
    }

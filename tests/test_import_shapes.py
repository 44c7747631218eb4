"""The shapes hand-written post-mortems take, each a minimal example from a real document."""

from __future__ import annotations

import textwrap
from datetime import UTC, date, datetime

import pytest

from pm_postmortem.cli import main
from pm_postmortem.core.importer import import_markdown
from pm_postmortem.core.model import ActionStatus, Status


def read(text: str):
    return import_markdown(textwrap.dedent(text).strip() + "\n")


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def events(ws) -> list[tuple[datetime, str]]:
    return [(event.time, event.text) for event in ws.timeline]


# --- lists ----------------------------------------------------------------------------------------


def test_lists_are_actions_factors_and_lessons_and_ticks_or_strikes_mean_done():
    ws, report = read(
        """
        # Node failure

        ## Action Items

        - Document rollover process. Especially what can be done
          in case it goes bad
        - [ ] Introduce Blue/Green Deployments
        - [x] Add alarms for fluentd
        - ~~Remove the old cron job~~
        1. Make sure that everybody gets emailed (DONE)
        - Check the work is done

        ## Contributing Factors

        - QA config differs from prod
        - **No staging**: nothing between QA and prod

        ## Lessons Learned

        From this incident we learned to roll back first.

        - Remain calm
        """
    )
    assert [(a.action, a.status) for a in ws.actions] == [
        ("Document rollover process. Especially what can be done\nin case it goes bad", ActionStatus.OPEN),
        ("Introduce Blue/Green Deployments", ActionStatus.OPEN),
        ("Add alarms for fluentd", ActionStatus.DONE),
        ("Remove the old cron job", ActionStatus.DONE),
        ("Make sure that everybody gets emailed", ActionStatus.DONE),
        ("Check the work is done", ActionStatus.OPEN),  # a word, not a mark
    ]
    assert [f.factor for f in ws.factors] == [
        "QA config differs from prod",
        "No staging: nothing between QA and prod",
    ]
    assert [lesson.lesson for lesson in ws.lessons] == [
        "From this incident we learned to roll back first.",
        "Remain calm",
    ]
    assert report.unmapped == []


# --- dates ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "# Sonnet\n\n## Timeline\n\n2015-10-21 (*all times in UTC*)\n\n- 14:51 News\n",
        "# Sonnet\n\n**Date**: 2015-10-21\n\n## Timeline\n\n- 14:51 News\n",
        "# Sonnet\n\n## Date\n\n2015-10-21\n\n## Timeline (times in UTC)\n\n| Time | Description |\n"
        "| --- | --- |\n| 14:51 | News |\n",
        "---\ntitle: Sonnet\ndate: 2015-10-21\nlayout: default\n---\n\n## Timeline\n\n- 14:51 News\n",
        "# Sonnet\n\n**Date**: 21.10.2015\n\n## Timeline\n\n* [14:51] News\n",
        "# 2015-10-21, Sonnet\n\n## Timeline\n\n### 14:51\n\nNews\n",
        "# Sonnet\n\n## Timeline\n\n### 2015-10-21\n\n- 14:51 News\n",
    ],
)
def test_the_date_is_read_wherever_it_is_written_and_bare_times_take_it(text):
    ws, report = import_markdown(text)
    assert ws.metadata.title == "Sonnet"
    assert ws.metadata.incident_date == date(2015, 10, 21)
    assert events(ws) == [(utc("2015-10-21 14:51"), "News")]
    assert not any("today" in warning for warning in report.warnings)
    assert "Incident date: 2015-10-21." in report.summary()


def test_date_authors_and_status_as_sections_of_their_own():
    ws, report = read(
        """
        # Shakespeare Sonnet++ Postmortem (incident #465)

        ## Date

        2015-10-21

        ## Authors

        * jennifer
        * martym

        ## Status

        Complete, action items in progress
        """
    )
    assert ws.metadata.incident_date == date(2015, 10, 21)
    assert ws.metadata.authors == ["jennifer", "martym"]
    assert ws.metadata.status == Status.FINAL
    assert "Complete, action items in progress" in ws.notes


def test_day_headings_in_a_timeline_date_the_lines_below_them_and_a_day_alone_is_its_midnight():
    ws, _ = read(
        """
        # Disk full

        ## Timeline

        All times in UTC

        ### 2016-11-07

        - 23:10 disk at 95%

        ### 2016-11-08

        - 01:00 disk full

        ### 2016-11-09

        Another team member checked the certificate.
        """
    )
    assert events(ws) == [
        (utc("2016-11-07 23:10"), "disk at 95%"),
        (utc("2016-11-08 01:00"), "disk full"),
        (utc("2016-11-09 00:00"), "Another team member checked the certificate."),
    ]


def test_a_dated_title_gives_way_to_the_timelines_first_date():
    ws, report = read(
        """
        # 2022-01-27, pod limit reached

        ## Timeline

        All times in UTC

        ### 2022-06-02 10:00 - Problem starts
        """
    )
    assert ws.metadata.title == "pod limit reached"
    assert ws.metadata.incident_date == date(2022, 6, 2)
    assert any("2022-01-27" in warning for warning in report.warnings)


# --- time zones -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("timeline", "moment", "zone"),
    [
        ("## Timeline\n\nAll times in PST, on February 5th 2019\n\n- 10:00 x\n", "2019-02-05 18:00", "PST"),
        ("## Timeline\n\nAll times PDT.\n\n- 2019-07-01 10:00 x\n", "2019-07-01 17:00", "PDT"),
        ("## Timeline (PST)\n\n- 2019-07-01 10:00 x\n", "2019-07-01 17:00", "PST"),
        ("## Timeline (CEST)\n\n- 2019-07-01 10:00 x\n", "2019-07-01 08:00", "CEST"),
        ("## Timeline (times in UTC)\n\n- 2019-07-01 10:00 x\n", "2019-07-01 10:00", "UTC"),
        ("## ⏰ Timeline:\n\nAll times in Central European Time (CET)\n\n- 2019-02-20 08:03 x\n",
         "2019-02-20 07:03", "CET"),
        ("## Timeline\n\n| Date and Time in CET | Event |\n|---|---|\n| 2019-12-04 00:30 | x |\n",
         "2019-12-03 23:30", "CET"),
        ("## Timeline\n\n- **2019-07-01 10:00 UTC+2** - x\n", "2019-07-01 08:00", "UTC+2"),
    ],
)  # fmt: skip
def test_stated_zones_are_converted_with_their_daylight_saving_meaning_and_reported(
    timeline, moment, zone
):
    ws, report = import_markdown(f"# Outage\n\n{timeline}")
    assert events(ws) == [(utc(moment), "x")]
    assert any(zone in written for written in report.zones)
    assert f"Timeline times read in {report.zones[0]}" in report.summary()
    assert not any("no time zone" in warning for warning in report.warnings)


def test_a_timeline_without_a_zone_is_read_as_utc_with_a_warning():
    ws, report = read("# Outage\n\n## Timeline\n\n- 2019-07-01 10:00 x\n")
    assert events(ws) == [(utc("2019-07-01 10:00"), "x")]
    assert "the timeline states no time zone: its times were read as UTC" in report.warnings


# --- timeline lines -------------------------------------------------------------------------------


def test_timeline_lines_as_people_write_them():
    ws, report = read(
        """
        # Outage

        ## Timeline

        2023-03-01 (all times UTC)

        - *09:03* one
        **± 17:20 UTC:** two
        **18:00 UTC: Issue Detection**
        The paragraph of the detection,
        wrapped.

        **18:11** three<br>
        18:27 - four
        wrapped<br> 21:14 - five<br> 21:20 - six
        * [23:55] seven
        * [07:00] eight

        | Time | Event |
        |---|---|
        | 2023-03-03 | nine |
        | 2023-03-04 --:-- | ten |
        | 2023-03-04 --:-- | ten |
        """
    )
    assert events(ws) == [
        (utc("2023-03-01 09:03"), "one"),
        (utc("2023-03-01 17:20"), "two"),
        (utc("2023-03-01 18:00"), "Issue Detection The paragraph of the detection, wrapped."),
        (utc("2023-03-01 18:11"), "three"),
        (utc("2023-03-01 18:27"), "four wrapped"),
        (utc("2023-03-01 21:14"), "five"),
        (utc("2023-03-01 21:20"), "six"),
        (utc("2023-03-01 23:55"), "seven"),
        (utc("2023-03-02 07:00"), "eight"),  # the next morning
        (utc("2023-03-03 00:00"), "nine"),
        (utc("2023-03-04 00:00"), "ten"),
        (utc("2023-03-04 00:00"), "ten"),
    ]
    assert report.unmapped == []


def test_timeline_headings_with_their_paragraphs_ranges_and_written_days():
    ws, _ = read(
        """
        # Culler flood

        ## Timeline

        All times in CEST

        ### 2018-04-18 12:35

        Upgrade is deployed.
        Tests pass.

        ### ~13:30-13:45

        Launch success drops to zero.

        ### 19. April, 11:00

        Fix is applied.

        ### Sep 27 2018 13:06 - Problem starts
        """
    )
    assert events(ws) == [
        (utc("2018-04-18 10:35"), "Upgrade is deployed. Tests pass."),
        (utc("2018-04-18 11:30"), "Launch success drops to zero."),
        (utc("2018-04-19 09:00"), "Fix is applied."),
        (utc("2018-09-27 11:06"), "Problem starts"),
    ]


# --- headings -------------------------------------------------------------------------------------


def test_headings_with_decoration_carried_text_html_and_other_names():
    ws, report = read(
        """
        # Example Postmortem

        ## Search Postmortem (incident #465)

        ## Impact:163 Estimated 1.21B queries lost, no revenue impact.

        ### <div align="center">Timeline</div>

        - 2015-10-21 14:51 News

        ## What worked

        - Monitoring alerted us

        ## What didn't work

        - Out of practice

        ## Lessons learned

        ### What went well

        - Rapid distribution

        **Where we got lucky?**

        - A copy was available

        ## Follow-ups

        - Plug the leak

        ## Next steps

        - Add load shedding

        ## Remediation

        - Freeze production
        """
    )
    assert ws.metadata.title == "Search"
    assert ws.impact.affected_functionality == "Estimated 1.21B queries lost, no revenue impact."
    assert events(ws) == [(utc("2015-10-21 14:51"), "News")]
    assert [n.text for n in ws.went_well] == ["Monitoring alerted us", "Rapid distribution"]
    assert [n.text for n in ws.went_poorly] == ["Out of practice"]
    assert [n.text for n in ws.lucky] == ["A copy was available"]
    assert [a.action for a in ws.actions] == ["Plug the leak", "Add load shedding", "Freeze production"]
    assert "Example Postmortem" in ws.notes


def test_bold_fields_start_their_section_and_text_before_the_first_heading_is_the_summary():
    ws, _ = read(
        """
        # Culler flood

        A deploy included a buggy culler.

        ## Root Causes:164

        A resource leak.

        ### Trigger: Latent bug triggered by traffic.

        **Detection**: Borgmon paged on-call.
        """
    )
    assert ws.metadata.executive_summary.startswith("A deploy included a buggy culler.")
    assert "Detection: Borgmon paged on-call." in ws.metadata.executive_summary
    assert ws.whys.root_cause_statement == "A resource leak."
    assert [node.answer for node in ws.whys.nodes] == ["Latent bug triggered by traffic"]


# --- whys -----------------------------------------------------------------------------------------


def test_why_chains_as_questions_and_answers_keep_wrapped_answers_and_separate_chains():
    ws, report = read(
        """
        # Database outage

        ## Root Cause Analysis

        ### Problem 1: the site was down

        1. **Why was the site down?** - The data directory was removed by accident.
        2. **Why was the database directory removed?** - Database replication stopped,
           requiring the secondary to be reset.

        ### Problem 2: restoring took hours

        1. **Why could the data not be restored?** - Backups were not working.
        """
    )
    nodes = ws.whys.nodes
    assert [(node.answer, node.parent) for node in nodes] == [
        ("The data directory was removed by accident", None),
        ("Database replication stopped, requiring the secondary to be reset.", nodes[0].id),
        ("Backups were not working", None),
    ]
    assert "Why was the database directory removed?" in ws.notes
    assert "Why could the data not be restored?" in ws.notes
    assert [line.split(": ", 1)[1] for line in report.unmapped] == [
        "### Problem 1: the site was down",
        "### Problem 2: restoring took hours",
    ]


# --- tables ---------------------------------------------------------------------------------------


def test_tables_are_read_by_their_columns_wherever_they_stand():
    ws, _ = read(
        """
        # Sonnet

        ### Resolution:

        Directed traffic to a sacrificial cluster.

        Action Items:

        |Action Item |Type |Owner |Bug|
        |------------|---- |----- |---|
        |Update playbook| mitigate |jennifer| n/a DONE|

        ### Detection

        | Action | Owner |
        | --- | --- |
        | Alert on HTTP 500s | docbrown |
        """
    )
    assert [(a.action, a.owner, a.status) for a in ws.actions] == [
        ("Update playbook", "jennifer", ActionStatus.DONE),  # "n/a DONE": done, no ticket
        ("Alert on HTTP 500s", "docbrown", ActionStatus.OPEN),
    ]
    assert ws.actions[0].ticket == ""
    assert "Update playbook" not in ws.metadata.executive_summary
    assert "Directed traffic to a sacrificial cluster." in ws.metadata.executive_summary


# --- the report -----------------------------------------------------------------------------------


def test_import_report_option_prints_every_unmapped_line(tmp_path, capsys):
    source = tmp_path / "retro.md"
    source.write_text("# Retro\n\n## Odds and ends\n\n" + "".join(f"- item {n}\n" for n in range(20)))
    assert main(["import", str(source), "--path", str(tmp_path / "a.toml")]) == 0
    assert "… and 12 more (all of them: import with --report)" in capsys.readouterr().err
    assert main(["import", str(source), "--path", str(tmp_path / "b.toml"), "--report"]) == 0
    err = capsys.readouterr().err
    assert all(f"line {n + 5} (Odds and ends): - item {n}" in err for n in range(20))
    assert "… and" not in err


def test_a_document_pasted_in_a_fence_with_its_date_only_in_the_summary():
    ws, report = read(
        """
        Here is the postmortem report:

        ```markdown
        # Postmortem Report: Web Service Outage

        ## Issue Summary

        **Duration:**
        Start: 2024-08-20 14:00 UTC

        ## Timeline

        - **14:00 UTC** - Automated alert for high error rates.
        ```
        """
    )
    assert ws.metadata.title == "Web Service Outage"
    assert ws.metadata.incident_date == date(2024, 8, 20)
    assert events(ws) == [(utc("2024-08-20 14:00"), "Automated alert for high error rates.")]
    assert "no incident date written: took the summary's 2024-08-20" in report.warnings
    assert "Here is the postmortem report:" in ws.notes

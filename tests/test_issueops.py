"""Incidents from a phone: issue forms turned into incident files, only from trusted authors.

The bodies below are written as GitHub writes a submitted issue form, checked
against real ones (for example brainhackorg/global2021 issue 133, kept below
as ``OTHER_FORM``): ``### <label>``, a blank line, the answer; sections apart
by a blank line and no newline at the end; ``_No response_`` for an empty
answer; a textarea's line breaks as CRLF, since browsers send them so.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from channel_example import OPEN_ID, ROOT, cli

from generator.authoring.issueops import NEW_FORM, UPDATE_FORM, Form, parse
from generator.incidents.load import load_site

SCAFFOLD = ROOT / "generator/authoring/scaffold/dot-github"

NEW_BODY = (
    "### Title\n\nInternet outage in Mill Woods\n\n"
    "### Impact\n\nmajor\n\n"
    "### Services\n\ninternet, phone\n\n"
    "### Areas\n\nmill-woods\n\n"
    "### What customers need to know\n\nInternet and home phone are down in Mill Woods.\r\nCrews are on their way.\n\n"
    "### Next update\n\n1h\n\n"
    "### Estimated restore\n\n_No response_\n\n"
    "### Customers affected\n\n1,200\n\n"
    "### Cause\n\n_No response_"
)
UPDATE_BODY = (
    f"### Incident\n\n{OPEN_ID}\n\n"
    "### Status\n\nmonitoring\n\n"
    "### What customers need to know\n\nThe new board is fitted and service is coming back.\r\n\r\n"
    "### Not one of the form's headings\r\nRestart your modem if you are still offline.\n\n"
    "### Next update\n\n14:00\n\n"
    "### Estimated restore\n\n_No response_\n\n"
    "### Customers affected\n\n_No response_\n\n"
    "### Cause\n\nA circuit board failed in the hub's main router."
)
# A real issue form's body, from another project: not one of ours.
OTHER_FORM = (
    "### Title\n\nGoing beyond pairwise interactions by digging into Higher-Order Interactions\n\n"
    "### Leaders\n\nEtienne Combrisson (@EtienneCmb), Andrea Brovelli (@brovelli) and Daniele Marinazzo "
    "(@danielemarinazzo)\n\n### Collaborators\n\n_No response_\n\n### Brainhack Global 2021 Event\n\nBrainhack Marseille"
)


def test_a_new_incident_form_is_read_by_its_labels() -> None:
    assert parse(NEW_BODY) == Form(
        "new",
        {
            "title": "Internet outage in Mill Woods",
            "impact": "major",
            "services": "internet, phone",
            "areas": "mill-woods",
            "message": "Internet and home phone are down in Mill Woods.\nCrews are on their way.",
            "next_update": "1h",
            "eta": "",
            "customers": "1,200",
            "cause": "",
        },
    )


def test_an_answer_may_hold_a_heading_that_is_not_the_forms() -> None:
    form = parse(UPDATE_BODY)
    assert form is not None and form.kind == "update"
    assert form.fields["message"] == (
        "The new board is fitted and service is coming back.\n\n"
        "### Not one of the form's headings\nRestart your modem if you are still offline."
    )
    assert form.fields["status"] == "monitoring" and form.fields["customers"] == ""


@pytest.mark.parametrize(
    "body",
    [
        OTHER_FORM,
        "",
        "Internet is down in my street, please help",
        NEW_BODY.replace("### Impact", "### How bad"),  # a heading edited away
        NEW_BODY.split("### Cause")[0].rstrip(),  # a section missing
    ],
    ids=["another-form", "empty", "free-text", "heading-changed", "section-missing"],
)
def test_anything_else_is_not_a_form(body: str) -> None:
    assert parse(body) is None


@pytest.mark.parametrize(("name", "labels"), [("new-incident.yml", NEW_FORM), ("update-incident.yml", UPDATE_FORM)])
def test_the_scaffolds_forms_ask_what_the_parser_reads(name: str, labels: dict) -> None:
    form = yaml.safe_load((SCAFFOLD / "ISSUE_TEMPLATE" / name).read_text(encoding="utf-8"))
    fields = [item for item in form["body"] if item["type"] != "markdown"]
    assert [item["attributes"]["label"] for item in fields] == list(labels)
    assert [item["id"] for item in fields] == list(labels.values())


# --- applying a form ----------------------------------------------------------------------


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "status"
    root.mkdir()
    shutil.copy(ROOT / "status.yml", root / "status.yml")
    shutil.copytree(ROOT / "incidents", root / "incidents")
    return root


def event(tmp_path: Path, body: str, *, association: str = "MEMBER", login: str = "dana-noc") -> Path:
    path = tmp_path / "event.json"
    issue = {"number": 42, "body": body, "user": {"login": login}, "author_association": association}
    path.write_text(json.dumps({"action": "opened", "issue": issue}), encoding="utf-8")
    return path


def apply(repo: Path, event_path: Path, now: str) -> tuple[int, str]:
    out = event_path.parent / "out"
    return cli("issueops", "apply", "--root", str(repo), "--now", now, "--event", str(event_path), "--out", str(out))


def test_a_trusted_authors_new_incident_is_written_and_checks(repo: Path, tmp_path: Path) -> None:
    code, output = apply(repo, event(tmp_path, NEW_BODY), "2026-11-22 13:00")
    assert code == 0, output
    path = "incidents/2026/2026-11-22-internet-outage-in-mill-woods.yml"
    assert output.strip() == path
    incident = load_site(repo).incident("2026-11-22-internet-outage-in-mill-woods")
    assert incident.title == "Internet outage in Mill Woods"
    assert [s.id for s in incident.services] == ["internet", "phone"]
    assert incident.customers_affected == 1200
    first = incident.updates[0]
    assert first.message == "Internet and home phone are down in Mill Woods.\nCrews are on their way."
    assert first.next_update is not None and first.next_update.isoformat() == "2026-11-22T14:00:00-07:00"
    out = tmp_path / "out"
    assert (out / "commit-message.txt").read_text(encoding="utf-8") == (
        "New incident: 2026-11-22-internet-outage-in-mill-woods\n\n"
        "From the form in issue #42, submitted by @dana-noc.\n"
    )
    assert (out / "published.md").read_text(encoding="utf-8").startswith(f"Published as `{path}`.")
    assert not (out / "refused.md").exists()


def test_an_update_form_appends_to_its_incident(repo: Path, tmp_path: Path) -> None:
    code, output = apply(repo, event(tmp_path, UPDATE_BODY, association="COLLABORATOR"), "2026-11-22 13:10")
    assert code == 0, output
    incident = load_site(repo).incident(OPEN_ID)
    latest = incident.latest
    assert latest.status.value == "monitoring"
    assert latest.message.startswith("The new board is fitted")
    assert latest.facts.cause == "A circuit board failed in the hub's main router."
    assert code == 0 and cli("check", "--root", str(repo), "--now", "2026-11-22 13:10")[0] == 0


def test_a_refused_form_gets_the_located_problem_and_nothing_is_written(repo: Path, tmp_path: Path) -> None:
    before = sorted(p.read_bytes() for p in (repo / "incidents").rglob("*.yml"))
    body = NEW_BODY.replace("internet, phone", "internet, tv")
    code, _ = apply(repo, event(tmp_path, body), "2026-11-22 13:00")
    assert code == 1
    refused = (tmp_path / "out" / "refused.md").read_text(encoding="utf-8")
    assert refused.startswith("Nothing was published: the form has a problem.\n\n~~~text\n")
    assert "'tv'" in refused and "service" in refused
    assert refused.rstrip().endswith("Fix it and submit the form again (a new issue).")
    assert not (tmp_path / "out" / "commit-message.txt").exists()
    assert sorted(p.read_bytes() for p in (repo / "incidents").rglob("*.yml")) == before


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        (NEW_BODY.replace("### Next update\n\n1h", "### Next update\n\nsoonish"), "Next update: expected "),
        (NEW_BODY.replace("1,200", "lots"), "Customers affected: expected a number like 1200; found 'lots'."),
        (UPDATE_BODY.replace(OPEN_ID, "2026-11-22-no-such-incident"), "2026-11-22-no-such-incident"),
        (
            NEW_BODY.replace("### Title\n\nInternet outage in Mill Woods", "### Title\n\n_No response_"),
            "Title: expected an answer; found none.",
        ),
    ],
    ids=["bad-time", "bad-count", "unknown-incident", "no-title"],
)
def test_each_refusal_says_which_answer(repo: Path, tmp_path: Path, body: str, problem: str) -> None:
    code, _ = apply(repo, event(tmp_path, body), "2026-11-22 13:00")
    assert code == 1
    assert problem in (tmp_path / "out" / "refused.md").read_text(encoding="utf-8")


def test_an_untrusted_author_is_not_answered_and_nothing_is_written(repo: Path, tmp_path: Path) -> None:
    before = sorted(p.name for p in (repo / "incidents").rglob("*.yml"))
    code, output = apply(repo, event(tmp_path, NEW_BODY, association="NONE", login="stranger"), "2026-11-22 13:00")
    assert code == 1
    assert "not trusted to publish" in output
    assert sorted(p.name for p in (repo / "incidents").rglob("*.yml")) == before
    assert not (tmp_path / "out").exists()


def test_the_allowlist_trusts_a_login_whatever_its_case(repo: Path, tmp_path: Path) -> None:
    (repo / ".github").mkdir()
    (repo / ".github/outage-authors.txt").write_text("# on call\nDana-NOC  # comms\n", encoding="utf-8")
    code, output = apply(
        repo, event(tmp_path, NEW_BODY, association="CONTRIBUTOR", login="dana-noc"), "2026-11-22 13:00"
    )
    assert code == 0, output
    other = event(tmp_path, NEW_BODY.replace("Mill Woods", "Beverly"), association="CONTRIBUTOR", login="dana")
    assert apply(repo, other, "2026-11-22 13:05")[0] == 1  # a login is matched whole


def test_the_issues_text_is_data(repo: Path, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    hostile = f'$(touch {marker}) `touch {marker}` "; touch {marker}; echo "\r\n~~~\r\n@everyone'
    body = NEW_BODY.replace("Crews are on their way.", hostile)
    code, output = apply(repo, event(tmp_path, body), "2026-11-22 13:00")
    assert code == 0, output
    incident = load_site(repo).incident("2026-11-22-internet-outage-in-mill-woods")
    assert incident.updates[0].message.endswith(hostile.replace("\r\n", "\n"))
    assert not marker.exists()
    body = NEW_BODY.replace("internet, phone", "~~~\n@everyone tv")
    assert apply(repo, event(tmp_path, body.replace("Mill Woods", "Beverly")), "2026-11-22 13:05")[0] == 1
    refused = (tmp_path / "out" / "refused.md").read_text(encoding="utf-8")
    assert refused.count("~~~") == 2  # what the author wrote cannot close the block


def test_outage_issueops_parse_prints_the_answers(tmp_path: Path) -> None:
    code, output = cli("issueops", "parse", "--event", str(event(tmp_path, UPDATE_BODY)))
    assert code == 0, output
    assert json.loads(output)["form"] == "update"
    code, output = cli("issueops", "parse", "--event", str(event(tmp_path, OTHER_FORM)))
    assert code == 1 and "not a New incident or Update incident form" in output


# --- the workflow's gate, as GitHub runs it -------------------------------------------------


def gate_script() -> str:
    workflow = yaml.safe_load((SCAFFOLD / "workflows/issueops.yml").read_text(encoding="utf-8"))
    (step,) = [s for s in workflow["jobs"]["gate"]["steps"] if s.get("id") == "trust"]
    return step["run"]


@pytest.mark.parametrize(
    ("association", "login", "listed", "trusted"),
    [
        ("OWNER", "anyone", "", True),
        ("MEMBER", "anyone", "", True),
        ("COLLABORATOR", "anyone", "", True),
        ("CONTRIBUTOR", "dana-noc", "", False),
        ("NONE", "dana-noc", "dana-noc\n", True),
        ("NONE", "Dana-NOC", "  dana-noc   # on call\n", True),
        ("NONE", "dana", "dana-noc\n", False),
        ("NONE", "dana-noc", "# dana-noc\n", False),
        ("FIRST_TIMER", "x", "", False),
    ],
)
def test_the_gate_trusts_as_the_apply_step_does(
    tmp_path: Path, association: str, login: str, listed: str, trusted: bool
) -> None:
    work = tmp_path / "checkout"
    (work / ".github").mkdir(parents=True)
    if listed:
        (work / ".github/outage-authors.txt").write_text(listed, encoding="utf-8")
    output = tmp_path / "github-output"
    script = tmp_path / "step.sh"
    script.write_text(gate_script(), encoding="utf-8")
    env = {"PATH": os.environ["PATH"], "ASSOCIATION": association, "AUTHOR": login, "GITHUB_OUTPUT": str(output)}
    done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)], cwd=work, env=env,
                          capture_output=True, text=True)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert output.read_text(encoding="utf-8") == f"trusted={'true' if trusted else 'false'}\n"

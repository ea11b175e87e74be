"""The GitHub workflows: this repository's, and the one `outage init` writes for a new organisation.

They must pass actionlint and zizmor, run only actions pinned to a release's commit, hold only the
permissions each job needs, keep their schedule on, and the scaffold's build steps must build a new
repository exactly as written.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import sysconfig
from importlib.metadata import version
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from tools import tool

from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent
PUBLISH = ROOT / ".github/workflows/publish.yml"
TESTS = ROOT / ".github/workflows/tests.yml"
SCAFFOLD = ROOT / "generator/authoring/scaffold/dot-github/workflows/publish.yml"
ISSUEOPS = ROOT / ".github/workflows/issueops.yml"
SCAFFOLD_ISSUEOPS = ROOT / "generator/authoring/scaffold/dot-github/workflows/issueops.yml"
WORKFLOWS = [PUBLISH, TESTS, SCAFFOLD, ISSUEOPS, SCAFFOLD_ISSUEOPS]

PINNED = {
    # action: (commit, release). Checked by hand in each action's repository: the release tag
    # points at this commit, and action.yml at that commit runs on node24 (upload-pages-artifact
    # is a composite action that runs upload-artifact v7.0.0, itself pinned by commit). Each is
    # the newest release of the newest major; the first Node 24 majors were checkout v5,
    # setup-python v6, upload-artifact v6, upload-pages-artifact v5 and deploy-pages v5.
    "actions/checkout": ("3d3c42e5aac5ba805825da76410c181273ba90b1", "v7.0.1"),
    "actions/setup-python": ("5fda3b95a4ea91299a34e894583c3862153e4b97", "v7.0.0"),
    "actions/upload-artifact": ("bbbca2ddaa5d8feaa63e36b76fdaad77386f024f", "v7.0.0"),
    "actions/upload-pages-artifact": ("fc324d3547104276b827a68afc52ff2a11cc49c9", "v5.0.0"),
    "actions/deploy-pages": ("cd2ce8fcbc39b97be8ca5fce6e763baed58fa128", "v5.0.0"),
    "actions/download-artifact": ("3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c", "v8.0.1"),
    "actions/cache": ("27d5ce7f107fe9357f9df03efb73ab90386fccae", "v5.0.5"),  # tag v5.0.5 is this commit; node24
}
USES = re.compile(r"^\s*(?:- )?uses: (?P<action>[\w./-]+)@(?P<ref>\S+)(?: # (?P<comment>\S+))?$", re.M)


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def triggers(workflow: dict) -> dict:
    return workflow[True]  # YAML 1.1 reads the key "on" as true


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_actionlint_passes(path: Path) -> None:
    result = subprocess.run([tool("actionlint"), str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_zizmor_finds_nothing_even_when_pedantic(path: Path) -> None:
    # --offline: the audits that ask GitHub's API (impostor-commit, ref-confusion, ref-version-mismatch,
    # known-vulnerable-actions, stale-action-refs) need a token and the network; the pins they would
    # check are checked by hand (PINNED).
    command = [tool("zizmor"), "--offline", "--persona", "pedantic", "--no-progress", str(path)]
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout + result.stderr


def test_zizmor_can_fail() -> None:
    """The audit above is not a formality: an unpinned action and persisted credentials are found."""
    unsafe = PUBLISH.read_text(encoding="utf-8")
    unsafe = re.sub(r"actions/checkout@\S+ # \S+", "actions/checkout@v4", unsafe)
    unsafe = unsafe.replace("        with:\n          persist-credentials: false\n", "", 1)
    result = subprocess.run(
        [tool("zizmor"), "--offline", "--no-progress", "-"], input=unsafe, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "unpinned-uses" in result.stdout and "artipacked" in result.stdout


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_action_is_a_pinned_node24_release(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    uses = [m.groupdict() for m in USES.finditer(text)]
    assert uses and len(uses) == text.count("uses:")
    for use in uses:
        assert use["action"] in PINNED, f"{use['action']}: not a checked action; verify it and add it to PINNED"
        assert (use["ref"], use["comment"]) == PINNED[use["action"]], use


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_each_job_has_only_the_permissions_it_needs(path: Path) -> None:
    workflow = load(path)
    assert workflow["permissions"] == {}
    expected = {
        "build": {"contents": "read"},
        "deploy": {"pages": "write", "id-token": "write"},
        "keepalive": {"actions": "write"},
        "deliver": {"contents": "write"},
        "tests": {"contents": "read"},
        "gate": {"contents": "read"},
        "apply": {"contents": "write", "issues": "write", "actions": "write"},
    }
    for name, job in workflow["jobs"].items():
        assert job["permissions"] == expected[name], name
        for step in job["steps"]:
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False, name


def test_the_scaffold_publishes_exactly_as_this_repository_does_but_for_the_install() -> None:
    ours, theirs = PUBLISH.read_text(encoding="utf-8"), SCAFFOLD.read_text(encoding="utf-8")
    assert "cache-dependency-path: pyproject.toml\n" in ours and "        run: pip install .\n" in ours
    assert "cache-dependency-path: requirements.txt\n" in theirs
    assert "        run: pip install -r requirements.txt\n" in theirs
    install = re.compile(
        r"          cache-dependency-path: .*?\n      - name: Install the tool\n(?:        #.*\n)*        run: .*\n"
    )
    assert len(install.findall(ours)) == len(install.findall(theirs)) == 2  # the build and the delivery jobs
    assert install.sub("", ours) == install.sub("", theirs)


@pytest.mark.parametrize("path", [PUBLISH, SCAFFOLD], ids=["repository", "scaffold"])
def test_delivery_emails_then_posts_to_channels_each_whatever_the_other_did_then_records(path: Path) -> None:
    job = load(path)["jobs"]["deliver"]
    assert job["needs"] == ["build", "deploy"]  # after the deploy: never holds the status page up
    names = [step.get("name") for step in job["steps"]]
    email, channels, ledger = (names.index(n) for n in ("Email the bulletins owed", "Post to chat, social and webhooks",
                                                         "Record the ledger"))  # fmt: skip
    assert email < channels < ledger == len(names) - 1
    step = job["steps"][channels]
    assert step["run"] == "outage channels send --site-dir site --ledger ledger/ledger.json"
    assert step["if"] == "${{ !cancelled() }}"  # runs when email failed, too
    assert step["env"] == {"OUTAGE_CHANNELS": "${{ secrets.OUTAGE_CHANNELS }}"}
    assert job["steps"][ledger]["if"] == "always()"


def test_issueops_listens_only_to_new_issues_and_writes_only_for_trusted_authors() -> None:
    workflow = load(SCAFFOLD_ISSUEOPS)
    assert triggers(workflow) == {"issues": {"types": ["opened"]}}
    gate, apply = workflow["jobs"]["gate"], workflow["jobs"]["apply"]
    assert apply["needs"] == "gate" and apply["if"] == "needs.gate.outputs.trusted == 'true'"
    text = SCAFFOLD_ISSUEOPS.read_text(encoding="utf-8")
    # What an issue says reaches a command only through the event file: never as ${{ }} in a script.
    for job in (gate, apply):
        for step in job["steps"]:
            assert "${{" not in step.get("run", ""), step
    assert "github.event.issue.body" not in text.split("jobs:", 1)[1].split("steps:", 1)[1]
    run = [step["run"] for step in apply["steps"] if "run" in step]
    assert 'outage issueops apply --event "$GITHUB_EVENT_PATH" --out "$RUNNER_TEMP/issueops"' in run
    assert "outage check" in run
    assert any(r.startswith("gh workflow run publish.yml") for r in run)  # a push with the token starts nothing


def test_this_repositorys_issueops_is_the_scaffolds_but_for_the_install() -> None:
    ours, theirs = ISSUEOPS.read_text(encoding="utf-8"), SCAFFOLD_ISSUEOPS.read_text(encoding="utf-8")
    ours = ours.replace("cache-dependency-path: pyproject.toml", "cache-dependency-path: requirements.txt")
    ours = ours.replace(
        "        # This repository is the tool: it is installed from the checkout.\n        run: pip install .\n",
        "        run: pip install -r requirements.txt\n",
    )
    assert ours == theirs
    forms = ROOT / ".github/ISSUE_TEMPLATE"
    scaffold_forms = SCAFFOLD_ISSUEOPS.parent.parent / "ISSUE_TEMPLATE"
    assert sorted(p.name for p in forms.iterdir()) == sorted(p.name for p in scaffold_forms.iterdir())
    for form in forms.iterdir():
        assert form.read_text(encoding="utf-8") == (scaffold_forms / form.name).read_text(encoding="utf-8")


def test_publish_deploys_on_push_and_schedule_and_previews_pull_requests() -> None:
    workflow = load(PUBLISH)
    on = triggers(workflow)
    assert on["push"]["branches"] == ["main"]
    assert {"cron": "*/10 * * * *"} in on["schedule"]
    assert "pull_request" in on and "workflow_dispatch" in on
    steps = {step.get("uses", step.get("run", "")).split("@")[0]: step for step in workflow["jobs"]["build"]["steps"]}
    assert steps["actions/upload-pages-artifact"]["if"] == "github.event_name != 'pull_request'"
    assert steps["actions/upload-artifact"]["if"] == "github.event_name == 'pull_request'"
    deploy = workflow["jobs"]["deploy"]
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")
    assert deploy["if"] == "github.event_name != 'pull_request'"


@pytest.mark.parametrize("path", [PUBLISH, SCAFFOLD], ids=["repository", "scaffold"])
def test_the_keepalive_job_runs_weekly_and_re_enables_this_very_workflow(path: Path) -> None:
    workflow = load(path)
    job = workflow["jobs"]["keepalive"]
    weekly = re.fullmatch(r"github\.event_name == 'schedule' && github\.event\.schedule == '(.+)'", job["if"])
    assert weekly, job["if"]
    assert {"cron": weekly.group(1)} in triggers(workflow)["schedule"]
    assert re.fullmatch(r"\d+ \d+ \* \* [0-6]", weekly.group(1)), "once a week"
    (step,) = job["steps"]
    # Both files are installed as .github/workflows/publish.yml: the call names that file.
    assert step["run"] == 'gh api --method PUT "repos/$GITHUB_REPOSITORY/actions/workflows/publish.yml/enable"'
    assert step["env"] == {"GH_TOKEN": "${{ github.token }}"}


def test_ci_runs_the_readmes_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "\nscripts/test\n" in readme
    assert (ROOT / ".ci/run").read_text(encoding="utf-8").rstrip().endswith("\nscripts/test")
    (job,) = load(TESTS)["jobs"].values()
    assert job["steps"][-1]["run"] == "scripts/test"


def test_the_scaffolded_repository_builds_as_its_workflow_says(tmp_path: Path) -> None:
    """Runs the `run:` steps of a new repository's build job, in order, as GitHub would on a push.

    The one change: requirements.txt points at this checkout instead of the organisation's
    repository, and pip may not use the network, so what is tested is this checkout's package.
    """
    repo = tmp_path / "acme-status"
    source = "https://github.com/acme/outage-bulletin"
    result = CliRunner().invoke(
        main, ["init", str(repo), "--name", "Acme", "--timezone", "America/Edmonton", "--tool-source", source]
    )
    assert result.exit_code == 0, result.output
    requirements = repo / "requirements.txt"
    pinned = [line for line in requirements.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    assert pinned == [f"outage-bulletin @ git+{source}@v{version('outage-bulletin')}"]
    requirements.write_text(f"outage-bulletin @ {ROOT.as_uri()}\n", encoding="utf-8")

    # A fresh Python for the workflow's `pip install`, which sees this test environment's packages
    # (the tool's dependencies and hatchling, to build it offline) but installs the tool itself anew.
    runner = tmp_path / "runner-python"
    subprocess.run([sys.executable, "-m", "venv", str(runner)], check=True, capture_output=True)
    (site_packages,) = runner.glob("lib/python*/site-packages")
    (site_packages / "test-environment.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    env = {
        "HOME": str(tmp_path),
        "PATH": f"{runner / 'bin'}{os.pathsep}/usr/bin{os.pathsep}/bin",
        "CI": "true",
        "GITHUB_EVENT_NAME": "push",
        "PIP_CONFIG_FILE": os.devnull,
        "PIP_NO_INDEX": "1",
        "PIP_NO_BUILD_ISOLATION": "0",  # pip reads "0" here as --no-build-isolation
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    }

    job = load(repo / ".github/workflows/publish.yml")["jobs"]["build"]
    ran = []
    for step in job["steps"]:
        if "run" not in step:
            continue
        condition = step.get("if")
        command = step["run"]
        if step.get("name") == "Fetch the ledger":
            # It reads the ledger's branch from GitHub; here, the ledger that branch holds after a first run.
            assert condition == "github.event_name != 'pull_request'", condition
            command = f"{runner / 'bin' / 'outage'} ledger init --ledger ledger/ledger.json"
        elif condition is not None:
            # Started by hand, once; not on a push.
            assert condition == "github.event_name == 'workflow_dispatch' && inputs.start-ledger", condition
            continue
        script = tmp_path / "step.sh"
        script.write_text(command, encoding="utf-8")
        # What GitHub runs for a `run:` step on Linux.
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
            cwd=repo,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, f"{step.get('name', step['run'])}:\n{done.stdout}\n{done.stderr}"
        ran.append(step.get("name"))
    assert ran == ["Install the tool", "Check the incident files", "Fetch the ledger", "Build the site"]
    assert '"entries": {' in (repo / "ledger/ledger.json").read_text(encoding="utf-8")  # the build recorded into it
    assert (runner / "bin" / "outage").is_file()  # the workflow's pip installed the tool itself
    (upload,) = [s for s in job["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact@")]
    published = repo / upload["with"]["path"]
    assert "Acme status" in (published / "index.html").read_text(encoding="utf-8")
    assert (published / "api/v2/summary.json").is_file()


def test_init_pins_the_tool_to_a_named_repository_or_says_to_name_one(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["init", str(tmp_path / "a"), "--name", "Acme", "--timezone", "UTC"])
    assert result.exit_code == 0, result.output
    assert "Next: in requirements.txt, name the repository your organisation keeps the tool in" in result.output
    assert "git+https://github.com/YOUR-ORGANISATION/outage-bulletin@v" in (tmp_path / "a/requirements.txt").read_text(
        encoding="utf-8"
    )
    result = CliRunner().invoke(
        main, ["init", str(tmp_path / "b"), "--name", "Acme", "--timezone", "UTC", "--tool-source", "outage-bulletin"]
    )
    assert result.exit_code == 1
    assert "--tool-source: expected the https address of a git repository" in result.output
    assert "found 'outage-bulletin'" in result.output
    assert not (tmp_path / "b").exists()

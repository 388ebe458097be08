"""The hygiene part of ``recbench check``: the repository's own implementations, offline."""

from __future__ import annotations

from pathlib import Path

from conformance.hygiene import HistoryStore, check_summary

REPOSITORY = Path(__file__).resolve().parents[2]


def test_check_summary_of_the_repository(tmp_path: Path) -> None:
    summary = check_summary(REPOSITORY, database_path=tmp_path / "db.sqlite3",
                            record_history=True, history_path=tmp_path / "h.sqlite3")
    assert summary.lines[0].startswith("advisory data 2024-10-10 (12179 records), policy hygiene.toml")
    assert summary.policy_violated is summary.run.policy_violated
    assert summary.run.index.offline
    labels = " ".join(summary.lines)
    assert "ITU-T G.711" in labels and "ITU-T G.722" in labels
    with HistoryStore(tmp_path / "h.sqlite3") as store:
        assert store.run_count() == 1


def test_repository_without_reference_packages(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A repository holding only Recommendations (no reference_impl/) audits to nothing, not a crash."""
    from conformance.hygiene.targets import reference_folder_targets, repository_targets

    (tmp_path / "recommendations").mkdir()
    assert reference_folder_targets(tmp_path) == []
    assert repository_targets(tmp_path) == []


def test_the_library_states_facts_not_exit_codes() -> None:
    """Exit codes are the command line's (cli.common.Exit); the library says whether the policy held."""
    from conformance.cli.common import Exit, audit_exit
    from conformance.hygiene import AuditRun, CheckSummary

    assert not hasattr(AuditRun, "exit_code") and not hasattr(CheckSummary, "exit_code")
    assert audit_exit(True) is Exit.FINDINGS and audit_exit(False) is Exit.OK

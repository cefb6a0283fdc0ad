"""Artifacts published from a thread while the task composes the next one (#15)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest
from prefect import flow, task
from prefect.artifacts import Artifact, MarkdownArtifact
from prefect.client.orchestration import get_client
from prefect.runtime import task_run
from prefect.settings import PREFECT_API_URL, PREFECT_CLIENT_MAX_RETRIES, temporary_settings

from flows.artifacts import IN_FLIGHT, Publisher
from tests.smtp import free_port

pytestmark = [pytest.mark.flow, pytest.mark.usefixtures("prefect_harness")]


@task
def publish_two() -> str:
    with Publisher() as publisher:
        publisher.add(MarkdownArtifact(markdown="# one", key="publisher-one"))
        publisher.add(MarkdownArtifact(markdown="# two", key="publisher-two"))
    return str(task_run.get_id())


@flow
def publishing() -> str:
    return publish_two()


def test_every_artifact_handed_over_is_on_the_server_when_the_block_ends_and_belongs_to_the_task():
    task_run_id = publishing()

    with get_client(sync_client=True) as client:
        for key, text in (("publisher-one", "# one"), ("publisher-two", "# two")):
            artifact = Artifact.get(key)
            assert artifact is not None and artifact.data == text
            (stored,) = [a for a in client.read_artifacts()
                         if a.key == key and str(a.task_run_id) == task_run_id]
            assert stored.data == text


@flow
def publishing_many(keys: list[str]) -> None:
    with Publisher() as publisher:
        for key in keys:
            publisher.add(MarkdownArtifact(markdown=f"# {key}", key=key))


def test_more_artifacts_than_are_sent_at_once_all_arrive():
    keys = [f"publisher-many-{n}" for n in range(3 * IN_FLIGHT + 1)]

    publishing_many(keys)

    for key in keys:
        artifact = Artifact.get(key)
        assert artifact is not None and artifact.data == f"# {key}"


@task
def hand_over(publisher: Publisher, key: str) -> str:
    publisher.add(MarkdownArtifact(markdown=f"# {key}", key=key))
    return str(task_run.get_id())


@flow
def publishing_for_the_run() -> tuple[str, str]:
    with Publisher() as publisher:
        first = hand_over(publisher, "publisher-first-task")
        second = hand_over(publisher, "publisher-second-task")
    return first, second


def test_an_artifact_sent_after_its_task_ended_belongs_to_the_task_that_handed_it_over():
    """The run's publisher outlives its tasks (the agendas go out while the e-mails are
    written): each artifact still belongs to the task run it came from."""
    first, second = publishing_for_the_run()

    with get_client(sync_client=True) as client:
        stored = {a.key: str(a.task_run_id) for a in client.read_artifacts()
                  if a.key in ("publisher-first-task", "publisher-second-task")}
    assert stored == {"publisher-first-task": first, "publisher-second-task": second}
    assert first != second


@contextmanager
def nobody_answering() -> Iterator[None]:
    """A Prefect API on a port nothing listens on, with no retries: every request fails."""
    with temporary_settings({PREFECT_API_URL: f"http://127.0.0.1:{free_port()}/api",
                             PREFECT_CLIENT_MAX_RETRIES: 0}):
        yield


@pytest.mark.filterwarnings("ignore:Artifact creation outside")
def test_a_failed_request_is_raised_where_the_block_ends():
    publisher = Publisher()
    with nobody_answering(), pytest.raises(httpx.ConnectError), publisher:
        publisher.add(MarkdownArtifact(markdown="# lost", key="publisher-lost"))


@pytest.mark.filterwarnings("ignore:Artifact creation outside")
def test_the_blocks_own_error_is_the_one_raised():
    publisher = Publisher()
    with nobody_answering(), pytest.raises(RuntimeError, match="composing failed"), publisher:
        publisher.add(MarkdownArtifact(markdown="# lost", key="publisher-lost"))
        raise RuntimeError("composing failed")

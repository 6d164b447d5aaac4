"""Fixtures for tests/deploy: the session broker of tests/integration, for the tests that run
what ships against it (the image in tests/deploy/image, the topics hook Job in
tests/deploy/chart). The broker is shared: a run of both directories starts one."""

from tests.integration.conftest import (  # noqa: F401 (fixtures are found by name)
    fixture_bootstrap,
    fixture_close_leaked_sockets,
    fixture_consumer_factory,
    fixture_kafka_broker,
    fixture_producer_factory,
)

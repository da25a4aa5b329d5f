"""The access log: one structured record per request, with path, status, time and user."""
import logging

from webapp_support import REVIEWER, sign_in


def access_records(caplog):
    return [r.fields for r in caplog.records if r.name == "webapp.access"]


def test_every_request_is_logged(client, caplog):
    with caplog.at_level(logging.INFO, logger="webapp.access"):
        client.get("/search", query_string={"q": "mercury"})
    (fields,) = access_records(caplog)
    assert fields["method"] == "GET" and fields["path"] == "/search"
    assert fields["status"] == 200 and fields["user"] is None and fields["ms"] >= 0


def test_signed_in_user_is_named(client, caplog):
    sign_in(client, *REVIEWER)
    with caplog.at_level(logging.INFO, logger="webapp.access"):
        client.get("/")
    assert access_records(caplog)[-1]["user"] == REVIEWER[0]

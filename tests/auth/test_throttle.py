"""Sign-in throttling that cannot lock anyone out: per address, per account for addresses that
failed, behind a trusted proxy only by its forwarded address, and without Redis."""

from __future__ import annotations

import logging

import pytest
import redis

from nq05.domain.sign_in_throttle import ThrottlePolicy, account_wait, verdict
from tests.services import PrivateRedis
from tests.web.helpers import PASSWORD


def _throttled_app(app, **config):
    from nq05 import create_app

    return create_app(
        {**app.config, "SERVER_NAME": None, "RATELIMIT_ENABLED": True, "REDIS_URL": "", **config}
    )


def _attempt(app, email, password, address, forwarded=None):
    """One sign-in from a fresh browser at ``address`` (through a proxy with ``forwarded``)."""
    headers = {"X-Forwarded-For": forwarded} if forwarded else {}
    return app.test_client().post(
        "/login",
        data={"email": email, "password": password},
        environ_base={"REMOTE_ADDR": address},
        headers=headers,
    )


def test_wrong_passwords_from_elsewhere_never_lock_the_owner_out(app, db, users):
    other = _throttled_app(app)
    with other.app_context():
        attackers = ("203.0.113.1", "203.0.113.2", "203.0.113.3")
        for n in range(21):
            _attempt(other, users.admin.email, f"doan-sai-{n}", attackers[n % 3])

        refused = _attempt(other, users.admin.email, PASSWORD, attackers[0])
        owner = _attempt(other, users.admin.email, PASSWORD, "198.51.100.20")

    # an address that guessed waits, even with the right password ...
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0
    assert "Tài khoản này vừa bị nhập sai mật khẩu nhiều lần" in refused.get_data(as_text=True)
    # ... the owner, from an address that has not failed, signs in
    assert owner.status_code == 302 and owner.headers["Location"] == "/"


#: fewer failures per address than in service (10), to keep these tests quick
SMALL = ThrottlePolicy(address_failures=3)


def test_one_address_is_limited_whatever_the_accounts_it_tries(app, db, users):
    other = _throttled_app(app, SIGN_IN_POLICY=SMALL)
    with other.app_context():
        statuses = [
            _attempt(other, f"nguoi-{n}@nq05.test", "mat-khau-sai", "203.0.113.50").status_code
            for n in range(4)
        ]
        elsewhere = _attempt(other, users.head_a.email, PASSWORD, "198.51.100.21")
    assert statuses == [200] * 3 + [429]
    assert elsewhere.status_code == 302


def test_behind_a_trusted_proxy_each_client_is_counted_apart(app, db, users):
    other = _throttled_app(app, TRUSTED_PROXIES="10.0.0.1, 10.8.0.0/16", SIGN_IN_POLICY=SMALL)
    with other.app_context():
        for n in range(3):
            _attempt(other, f"nguoi-{n}@nq05.test", "sai-mat-khau", "10.0.0.1", forwarded="198.51.100.7")
        guesser = _attempt(other, users.head_a.email, PASSWORD, "10.0.0.1", forwarded="198.51.100.7")
        colleague = _attempt(other, users.head_a.email, PASSWORD, "10.8.3.4", forwarded="198.51.100.8")
        # a client talking to the app directly cannot choose its address by the header
        for n in range(3):
            _attempt(other, f"x-{n}@nq05.test", "sai", "203.0.113.9", forwarded=f"192.0.2.{n}")
        spoofer = _attempt(other, users.head_b.email, PASSWORD, "203.0.113.9", forwarded="192.0.2.99")

    assert guesser.status_code == 429
    assert colleague.status_code == 302  # the province is not one address for the limits
    assert spoofer.status_code == 429


@pytest.mark.redis
@pytest.mark.service
def test_sign_in_works_when_redis_goes_away_and_limits_go_on_in_memory(
    app, db, users, tmp_path, caplog, monkeypatch
):
    from nq05.auth import throttle

    monkeypatch.setattr(throttle, "RETRY_AFTER", 0.0)  # try Redis again at once (30 s in service)
    server = PrivateRedis(tmp_path).start()
    try:
        other = _throttled_app(app, REDIS_URL=server.url, SIGN_IN_KEY_PREFIX="nq05-test")
        with other.app_context():
            assert _attempt(other, users.head_a.email, "sai", "203.0.113.70").status_code == 200
            assert redis.Redis.from_url(server.url).keys("nq05-test:*")  # counted in Redis

            server.stop()
            caplog.set_level(logging.INFO, logger="nq05.auth.throttle")
            signed_in = _attempt(other, users.head_b.email, PASSWORD, "198.51.100.30")
            assert _attempt(other, users.admin.email, PASSWORD, "198.51.100.31").status_code == 302
            statuses = [
                _attempt(other, users.head_a.email, f"sai-{n}", "203.0.113.71").status_code for n in range(6)
            ]

            server.start()
            assert _attempt(other, users.centre_1.email, "sai", "203.0.113.72").status_code == 200
            back_in_redis = len(redis.Redis.from_url(server.url).keys("nq05-test:*"))
    finally:
        server.stop()

    assert signed_in.status_code == 302 and signed_in.headers["Location"] == "/"
    assert statuses == [200] * 5 + [429]  # the limits held in this process's memory
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "Redis is unreachable for the sign-in limits" in warnings[0].getMessage()
    assert any("Redis answers again" in r.getMessage() for r in caplog.records)
    assert back_in_redis == 2  # the new failure's address and account


# --- the rule itself (nq05.domain.sign_in_throttle) -------------------------------------------------


POLICY = ThrottlePolicy()


def test_the_account_wait_doubles_and_is_capped():
    waits = [account_wait(n, POLICY) for n in range(4, 12)]
    assert waits == [0, 15, 30, 60, 120, 240, 480, 900]
    assert account_wait(500, POLICY) == POLICY.longest_wait


def test_an_address_without_failures_is_always_checked():
    now = 10_000.0
    storm = [now - i for i in range(200)]  # 200 failures on the account in the last minutes
    assert verdict([], storm, now, POLICY).refused is None
    waited = verdict([now - 60], storm, now, POLICY)
    assert waited.refused == "account" and waited.retry_after == POLICY.longest_wait


def test_the_address_limit_frees_when_its_oldest_failure_leaves_the_window():
    now = 10_000.0
    failures = [now - 600 + i for i in range(10)]
    refused = verdict(failures, [], now, POLICY)
    assert refused.refused == "address" and refused.retry_after == 300
    assert verdict(failures, [], now + 301, POLICY).refused is None

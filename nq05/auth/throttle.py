"""Sign-in throttling: the failed sign-ins the rule of nq05.domain.sign_in_throttle is applied to.

Failures are kept in Redis (``REDIS_URL``) so that every web process counts together, or in this
process's memory without Redis. When Redis does not answer, the counts fall back to memory (one
warning in the log per outage) and Redis is tried again every ``RETRY_AFTER`` seconds: signing in
never depends on Redis (docs/security.md, docs/deploy.md).
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
import uuid
from collections import OrderedDict

import redis
from flask import current_app

from nq05.domain.sign_in_throttle import ALLOWED, ThrottlePolicy, Verdict, verdict

log = logging.getLogger(__name__)

#: seconds before Redis is tried again after it failed
RETRY_AFTER = 30.0
#: a wait for Redis longer than this counts as Redis being down
REDIS_TIMEOUT = 0.5


class MemoryLog:
    """Failure times by key, in this process. Bounded: the oldest keys go first."""

    def __init__(self, max_keys: int = 100_000, max_per_key: int = 200):
        self._times: OrderedDict[str, list[float]] = OrderedDict()
        self._lock = threading.Lock()
        self.max_keys, self.max_per_key = max_keys, max_per_key

    def add(self, keys: list[str], now: float, keep: float) -> None:
        with self._lock:
            for key in keys:
                times = [t for t in self._times.pop(key, []) if t > now - keep]
                times.append(now)
                self._times[key] = times[-self.max_per_key :]
            while len(self._times) > self.max_keys:
                self._times.popitem(last=False)

    def recent(self, key: str, since: float) -> list[float]:
        with self._lock:
            return [t for t in self._times.get(key, []) if t > since]


class RedisLog:
    """Failure times by key, as a sorted set per key that expires with its window."""

    def __init__(self, url: str, prefix: str):
        self.client = redis.Redis.from_url(
            url, socket_connect_timeout=REDIS_TIMEOUT, socket_timeout=REDIS_TIMEOUT
        )
        self.prefix = prefix

    def add(self, keys: list[str], now: float, keep: float) -> None:
        pipe = self.client.pipeline(transaction=False)
        for key in keys:
            name = f"{self.prefix}:{key}"
            pipe.zadd(name, {f"{now}:{uuid.uuid4().hex[:8]}": now})
            pipe.zremrangebyscore(name, "-inf", now - keep)
            pipe.expire(name, int(keep) + 1)
        pipe.execute()

    def recent(self, key: str, since: float) -> list[float]:
        found = self.client.zrangebyscore(f"{self.prefix}:{key}", f"({since}", "+inf", withscores=True)
        return [score for _member, score in found]


class FallbackLog:
    """Redis while it answers; this process's memory while it does not."""

    def __init__(self, primary: RedisLog, fallback: MemoryLog):
        self.primary, self.fallback = primary, fallback
        self._down_until = 0.0
        self._warned = False

    def add(self, keys: list[str], now: float, keep: float) -> None:
        self._call("add", keys, now, keep)

    def recent(self, key: str, since: float) -> list[float]:
        return self._call("recent", key, since)

    def _call(self, method: str, *args):
        now = time.monotonic()
        if now >= self._down_until:
            try:
                result = getattr(self.primary, method)(*args)
            except redis.RedisError as exc:
                self._down_until = now + RETRY_AFTER
                if not self._warned:
                    self._warned = True
                    log.warning(
                        "Redis is unreachable for the sign-in limits (%s); counting failed sign-ins in "
                        "this process's memory until it answers again",
                        exc,
                    )
            else:
                if self._warned:
                    self._warned = False
                    log.info("Redis answers again: the sign-in limits are shared again")
                return result
        return getattr(self.fallback, method)(*args)


def _key(kind: str, value: str) -> str:
    # hashed: Redis never holds the addresses or e-mails themselves
    return f"{kind}:{hashlib.sha256(value.encode()).hexdigest()[:32]}"


class SignInThrottle:
    def __init__(self, store, policy: ThrottlePolicy):
        self.store, self.policy = store, policy

    def check(self, address: str, email: str, now: float | None = None) -> Verdict:
        now = time.time() if now is None else now
        policy = self.policy
        by_address = self.store.recent(_key("address", address), now - policy.address_window)
        if not by_address:  # an address that has not failed: its password is always checked
            return ALLOWED
        by_account = self.store.recent(_key("account", _normal(email)), now - policy.account_window)
        return verdict(by_address, by_account, now, policy)

    def failed(self, address: str, email: str, now: float | None = None) -> None:
        now = time.time() if now is None else now
        keep = max(self.policy.address_window, self.policy.account_window)
        self.store.add([_key("address", address), _key("account", _normal(email))], now, keep)


def _normal(email: str) -> str:
    return (email or "").strip().lower()


def init_throttle(app) -> None:
    """The app's throttle, on Redis with a memory fallback when REDIS_URL is set."""
    memory = MemoryLog()
    url = app.config.get("REDIS_URL")
    store = FallbackLog(RedisLog(url, app.config["SIGN_IN_KEY_PREFIX"]), memory) if url else memory
    app.extensions["nq05_sign_in_throttle"] = SignInThrottle(
        store, app.config.get("SIGN_IN_POLICY", ThrottlePolicy())
    )


def throttle() -> SignInThrottle | None:
    """The current app's throttle, or None when limits are off (RATELIMIT_ENABLED false: tests)."""
    if not current_app.config.get("RATELIMIT_ENABLED", True):
        return None
    return current_app.extensions["nq05_sign_in_throttle"]

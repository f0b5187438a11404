"""When a sign-in attempt is refused before its password is checked (docs/security.md).

Two limits, from the times of failed sign-ins:

- **per address**: an address with ``address_failures`` failures in ``address_window`` seconds is
  refused until the oldest of them is out of the window;
- **per account**: after ``free_failures`` failures on one account (from any address) within
  ``account_window``, the account asks a wait after each failure, doubling from ``first_wait`` up
  to ``longest_wait``. The wait applies only to addresses that have failed themselves: an address
  with no failure always has its password checked, so guessing from elsewhere never locks the
  owner out. (A wrong password from such an address is a failure like any other, so each new
  address gets one guess during a wait.)

Pure: the times come from the caller (nq05.auth.throttle keeps them in Redis or in memory).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class ThrottlePolicy:
    address_window: float = 15 * 60
    address_failures: int = 10
    account_window: float = 60 * 60
    free_failures: int = 5
    first_wait: float = 15
    longest_wait: float = 15 * 60


@dataclass(frozen=True)
class Verdict:
    #: None (check the password), "address" or "account"
    refused: str | None = None
    #: seconds until the attempt would be checked
    retry_after: float = 0


ALLOWED = Verdict()


def account_wait(failures: int, policy: ThrottlePolicy) -> float:
    """Seconds an account asks after its latest failure, given its failures in the window."""
    if failures < policy.free_failures:
        return 0
    doublings = min(failures - policy.free_failures, 32)
    return min(policy.first_wait * 2**doublings, policy.longest_wait)


def verdict(
    address_failures: Sequence[float], account_failures: Sequence[float], now: float, policy: ThrottlePolicy
) -> Verdict:
    """Whether an attempt from an address on an account is refused, from the times of the
    address's failures (on any account) and the account's failures (from any address)."""
    by_address = sorted(t for t in address_failures if t > now - policy.address_window)
    if len(by_address) >= policy.address_failures:
        frees_at = by_address[len(by_address) - policy.address_failures] + policy.address_window
        return Verdict("address", max(frees_at - now, 1))
    if not by_address:
        return ALLOWED
    on_account = [t for t in account_failures if t > now - policy.account_window]
    if on_account:
        until = max(on_account) + account_wait(len(on_account), policy)
        if now < until:
            return Verdict("account", max(until - now, 1))
    return ALLOWED

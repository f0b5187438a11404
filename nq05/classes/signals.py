"""Signals other features listen to (e.g. nq05.notify tells a promoted person).

A receiver is called inside the transaction that made the change: it should queue its work to run
after commit, never send mail straight away.
"""

from blinker import Namespace

_signals = Namespace()

#: sender: the Enrolment just moved from the waiting list to a seat
enrolment_promoted = _signals.signal("enrolment-promoted")

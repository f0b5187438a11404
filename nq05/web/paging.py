"""Pages of a list, with ``db.paginate()``'s interface, where ``db.paginate()`` itself does not fit.

Page a ``select()`` of one entity with ``db.paginate(query, per_page=N)`` (Flask-SQLAlchemy: the
page number comes from ``?page=``; a page past the last is a 404). Two cases it does not cover:

- ``paginate_rows(query, per_page=N)``: a select of several columns, whose items are rows;
- ``paginate_list(items, per_page=N)``: a list already computed (the findings of a year).

The pager macro ``pager(page, endpoint, args)`` in ``templates/_forms.html`` shows any of them.
"""

from __future__ import annotations

from flask_sqlalchemy.pagination import Pagination, SelectPagination

from nq05.extensions import db


class _RowsPagination(SelectPagination):
    def _query_items(self) -> list:
        select = self._query_args["select"].limit(self.per_page).offset(self._query_offset)
        return list(self._query_args["session"].execute(select))

    def _query_count(self) -> int:
        known = self._query_args["total"]
        if known is None:
            return super()._query_count()
        return known(self.items) if callable(known) else known


class _ListPagination(Pagination):
    def _query_items(self) -> list:
        return self._query_args["items"][self._query_offset : self._query_offset + self.per_page]

    def _query_count(self) -> int:
        return len(self._query_args["items"])


def paginate_rows(query, *, per_page: int, total=None) -> Pagination:
    """``db.paginate()`` for a select of several columns: the page's items are rows. ``total``
    spares the count query: the number, or a function of the page's rows that gives it (called
    with the rows of page 1 when the list is empty: a later page past the end is a 404 first)."""
    return _RowsPagination(select=query, session=db.session(), per_page=per_page, total=total)


def paginate_list(items: list, *, per_page: int) -> Pagination:
    """``db.paginate()`` for a list in memory."""
    return _ListPagination(items=items, per_page=per_page)

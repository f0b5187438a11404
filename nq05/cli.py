"""The ``nq05`` command group: Flask's CLI with the app factory, plus the project's commands.

Features add their commands in their ``feature.py`` with ``app.cli.add_command``; the ``db`` group
comes from Flask-Migrate.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import sys

import click
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import current_app
from flask.cli import FlaskGroup, ScriptInfo
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_migrate import Migrate

from nq05 import create_app
from nq05.extensions import db
from nq05.i18n import cli_locale
from nq05.sqlite import writing

# --- help in the command line's language ----------------------------------------------------------


def N_(text: str) -> str:  # noqa: N802 - the catalogs' marker (pybabel's default keyword)
    """Mark a help text for the catalogs: it is kept in Vietnamese (the msgid) and translated when
    the help is shown (``HelpInLanguage``), in the command line's language."""
    return text


#: Flask's and Click's own help texts shown by ``nq05 --help``, worded in Vietnamese (msgids; the
#: English catalog gives back their English): an option's by its text, a command's by its name
BUILT_IN_OPTION_HELP = {
    "Show this message and exit.": N_("Hiện hướng dẫn này rồi thoát."),
    "Set debug mode.": N_("Bật hoặc tắt chế độ gỡ lỗi."),
    "Load environment variables from this file, taking precedence over those set by '.env' and "
    "'.flaskenv'. Variables set directly in the environment take highest precedence. python-dotenv "
    "must be installed.": N_(
        "Nạp biến môi trường từ tệp này (được ưu tiên hơn .env và .flaskenv; biến đã đặt sẵn trong môi "
        "trường được ưu tiên nhất)."
    ),
    "The Flask application or factory function to load, in the form 'module:name'. Module can be a "
    "dotted import or file path. Name is not required if it is 'app', 'application', 'create_app', "
    "or 'make_app', and can be 'name(args)' to pass arguments.": N_(
        "Ứng dụng Flask cần nạp, dạng 'module:tên' (mặc định: ứng dụng nq05)."
    ),
}
BUILT_IN_COMMAND_HELP = {
    "db": N_("Nâng cấp và kiểm tra lược đồ cơ sở dữ liệu (nq05 db upgrade)."),
    "routes": N_("Liệt kê các địa chỉ trang của ứng dụng."),
    "shell": N_("Mở dòng lệnh Python trong ứng dụng."),
}


#: The commands the features add to the app (``app.cli.add_command`` in their feature.py), with
#: the first paragraph of their help (a msgid): ``nq05 --help`` lists them from here, without
#: building the app (which imports every feature). tests/test_cli_startup.py holds this table to
#: the app's commands.
FEATURE_COMMANDS = {
    "db": "Perform database migrations.",  # Flask-Migrate's; shown as BUILT_IN_COMMAND_HELP["db"]
    "demo": N_("Tạo dữ liệu mẫu: một tỉnh giả lập cỡ tỉnh Lai Châu."),
    "export": N_("Xuất bộ dữ liệu vào thư mục mới hoặc rỗng, hoặc tệp .xlsx mới."),
    "gaps": N_("Kế hoạch so với chỉ tiêu của một giai đoạn."),
    "import": N_("Nhập bộ dữ liệu (thư mục CSV hoặc tệp .xlsx)."),
    "notify": N_("Lời nhắc và hàng đợi công việc."),
    "realism": N_("Kiểm tra tính sát thực tế của kế hoạch năm."),
    "recompute": N_("Tính lại các kết quả lưu sẵn. Đó là các phát hiện về kế hoạch và các dòng chỉ tiêu."),
    "report": N_("Báo cáo tiến độ thực hiện chỉ tiêu."),
    "run": N_(
        "Chạy ứng dụng web trên máy này. Các tiến trình nền (worker và beat) chạy cùng khi có Redis, "
        "nếu không thì chạy ngay trong tiến trình web."
    ),
}


def translated_help(text: str | None) -> str:
    """``text`` (a Vietnamese msgid, or a built-in's English help) in the command line's language."""
    if not text:
        return ""
    text = inspect.cleandoc(text)
    return _(BUILT_IN_OPTION_HELP.get(" ".join(text.split()), text))


def short_help(text: str, limit: int = 45) -> str:
    """The first sentence of ``text``, cut to ``limit`` characters at a word ("..." when cut)."""
    shown = ""
    for word in text.split("\n\n")[0].split():
        longer = f"{shown} {word}".strip()
        if len(longer) > limit:
            return shown + "..."
        shown = longer
        if word.endswith("."):
            break
    return shown


@contextlib.contextmanager
def cli_language():
    """The command line's language for the catalogs: within the app (not entered by Flask before
    ``nq05 --help`` prints it, and built for that only when the help is not in Vietnamese)."""
    if current_app:
        with force_locale(cli_locale()):
            yield
        return
    if cli_locale() == "vi":  # the msgids are Vietnamese: no catalog, no app to build
        yield
        return
    click_ctx = click.get_current_context(silent=True)
    app = None
    if click_ctx is not None:
        try:
            app = click_ctx.ensure_object(ScriptInfo).load_app()
        except Exception:  # noqa: BLE001 - no app: the help stays in Vietnamese
            app = None
    if app is None:
        yield
        return
    with app.app_context(), force_locale(cli_locale()):
        yield


class HelpInLanguage:
    """A command whose help (its text, its options', its sub-commands' short help and the section
    titles) is shown in the command line's language (NQ05_LOCALE, then LC_ALL, LC_MESSAGES, LANG;
    Vietnamese by default) through the catalogs. Help texts are Vietnamese msgids marked ``N_``."""

    def get_help(self, ctx):
        with cli_language():
            return super().get_help(ctx)

    def get_usage(self, ctx):
        with cli_language():
            return super().get_usage(ctx)

    def get_short_help_str(self, limit: int = 45) -> str:
        with cli_language():
            return short_help(translated_help(self.short_help or self.help), limit)

    def format_usage(self, ctx, formatter) -> None:
        pieces = self.collect_usage_pieces(ctx)
        if pieces and pieces[0] == self.options_metavar:
            pieces[0] = _("[TÙY CHỌN]")
        if isinstance(self, click.Group) and pieces and pieces[-1] == self.subcommand_metavar:
            pieces[-1] = _("LỆNH [THAM SỐ]...")
        formatter.write_usage(ctx.command_path, " ".join(pieces), _("Cách dùng: "))

    def format_help_text(self, ctx, formatter) -> None:
        text = translated_help(self.help).partition("\f")[0]
        if text:
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text(text)

    def format_arguments(self, ctx, formatter) -> None:
        arguments = [p for p in self.get_params(ctx) if isinstance(p, click.Argument)]
        if any(getattr(a, "help", None) for a in arguments):
            with formatter.section(_("Tham số")):
                formatter.write_dl([(a.make_metavar(ctx), translated_help(a.help)) for a in arguments])

    def format_options(self, ctx, formatter) -> None:
        rows = [row for param in self.get_params(ctx) if (row := _help_row(param, ctx)) is not None]
        if rows:
            with formatter.section(_("Tùy chọn")):
                formatter.write_dl(rows)
        if isinstance(self, click.Group):
            self.format_commands(ctx, formatter)

    def format_commands(self, ctx, formatter) -> None:
        commands = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                commands.append((name, command))
        if not commands:
            return
        limit = formatter.width - 6 - max(len(name) for name, _command in commands)
        rows = []
        for name, command in commands:
            text = command.short_help or command.help
            if not isinstance(command, HelpInLanguage):
                text = BUILT_IN_COMMAND_HELP.get(name, text)
            rows.append((name, short_help(translated_help(text), limit)))
        with formatter.section(_("Lệnh")):
            formatter.write_dl(rows)


def _help_row(param, ctx) -> tuple[str, str] | None:
    """An option's line of the help, its text and Click's extras (default, required) in the
    command line's language."""
    if not isinstance(param, click.Option) or param.hidden:
        return None
    text = translated_help(param.help)
    extra = param.get_help_extra(ctx)
    items = []
    if "envvars" in extra:
        items.append(_("biến môi trường: %(names)s", names=", ".join(extra["envvars"])))
    if "default" in extra:
        items.append(_("mặc định: %(value)s", value=extra["default"]))
    if "range" in extra:
        items.append(extra["range"])
    if "required" in extra:
        items.append(_("bắt buộc"))
    if items:
        joined = "; ".join(items)
        text = f"{text}  [{joined}]" if text else f"[{joined}]"
    return param.get_help_spec(ctx), text


class Command(HelpInLanguage, click.Command):
    """A project command: ``@click.command("name", cls=Command, help=N_("…"))``."""


class Group(HelpInLanguage, click.Group):
    """A project group; its ``@group.command`` are ``Command``."""

    command_class = Command


class Nq05Group(HelpInLanguage, FlaskGroup):
    """Flask's group, except that a command the app registers under a built-in's name wins.

    FlaskGroup looks up its built-in commands (run, shell, routes) before loading the app, so a
    feature's ``app.cli.add_command(run)`` would never be reached; nq05.notify replaces ``run``.
    FlaskGroup also builds the app to list its commands (``nq05 --help``): that imports every
    feature, the engine and Celery, 2-3 times the cost of Flask and SQLAlchemy alone. The list
    and its help come from ``FEATURE_COMMANDS`` instead; a command is loaded (with the app) only
    when it is run or its own help is asked for.
    """

    def list_commands(self, ctx):
        return sorted(set(self.commands) | set(FEATURE_COMMANDS))

    def format_commands(self, ctx, formatter):
        rows = []
        for name in self.list_commands(ctx):
            if name in FEATURE_COMMANDS:
                rows.append((name, BUILT_IN_COMMAND_HELP.get(name, FEATURE_COMMANDS[name])))
            elif not self.commands[name].hidden:
                command = self.commands[name]
                rows.append((name, BUILT_IN_COMMAND_HELP.get(name, command.short_help or command.help)))
        if rows:
            limit = formatter.width - 6 - max(len(name) for name, _help in rows)
            with cli_language(), formatter.section(_("Lệnh")):
                formatter.write_dl([(name, short_help(translated_help(text), limit)) for name, text in rows])

    def get_command(self, ctx, name):
        if name in self.commands:
            try:
                app = ctx.ensure_object(ScriptInfo).load_app()
            except Exception:  # noqa: BLE001 - no app: Flask's built-in command reports it
                return super().get_command(ctx, name)
            override = app.cli.get_command(ctx, name)
            if override is not None:
                if not current_app or current_app._get_current_object() is not app:
                    ctx.with_resource(app.app_context())
                return override
        return super().get_command(ctx, name)


@click.group(
    cls=Nq05Group,
    create_app=create_app,
    add_version_option=False,
    help=N_("nq05: kế hoạch đào tạo, bồi dưỡng cán bộ, công chức."),
)
@click.pass_context
def main(ctx: click.Context) -> None:
    """The ``nq05`` command (its help: ``help=`` above, in the command line's language)."""
    # commands write: on SQLite their transactions take the write lock first (nq05/sqlite.py)
    ctx.with_resource(writing())


def schema_status() -> tuple[str | None, str | None]:
    """(current revision of the database, head revision of the migrations)."""
    migrate: Migrate = current_app.extensions["migrate"].migrate
    config = migrate.get_config()
    head = ScriptDirectory.from_config(config).get_current_head()
    with db.engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
    return current, head


def requires_schema(func):
    """A project command: it speaks the command line's language (NQ05_LOCALE, LC_ALL, LC_MESSAGES,
    LANG) and refuses to run on a missing or outdated schema, with a clear message."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        with force_locale(cli_locale()):
            return _checked(func, *args, **kwargs)

    return wrapper


def _checked(func, *args, **kwargs):
    current, head = schema_status()
    if current is None:
        click.echo(_("Cơ sở dữ liệu chưa có lược đồ. Hãy chạy: nq05 db upgrade"), err=True)
        sys.exit(1)
    if current != head:
        message = _(
            "Lược đồ cơ sở dữ liệu đã cũ (%(current)s, bản mới nhất %(head)s). Hãy chạy: nq05 db upgrade",
            current=current,
            head=head,
        )
        click.echo(message, err=True)
        sys.exit(1)
    return func(*args, **kwargs)

"""`finqr portal`: the customer portal's FAQ, its settings, building and publishing.

``build --out DIR`` writes the whole site into a folder to look at or copy by hand;
``publish`` sends only what changed to the configured folder or SFTP server. An SFTP
server's key must be confirmed once with ``trust-host`` before anything is sent to it.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import logging
import sys

from ..mail.passwords import NoKeyring
from ..portal.publishing import Outcome, PublishError
from ..services import portal_faq, portal_publish, portal_settings, portal_tokens
from .errors import EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK, CliError
from .output import print_fields, print_json, print_table, shorten

logger = logging.getLogger(__name__)

ON_OFF = {"on": True, "off": False}


def register(commands, common: argparse.ArgumentParser) -> None:
    portal = commands.add_parser("portal", parents=[common], help="the customer portal")
    actions = portal.add_subparsers(dest="action", metavar="ACTION", required=True)
    _register_faq(actions, common)

    build = actions.add_parser("build", parents=[common], help="write the whole site to DIR")
    build.add_argument("--out", required=True, metavar="DIR", help="the folder to write")
    build.set_defaults(handler=build_site)

    publish = actions.add_parser(
        "publish", parents=[common], help="upload what changed, remove what is gone"
    )
    publish.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the SFTP password (or key passphrase) from standard input",
    )
    publish.set_defaults(handler=publish_site)

    rotate = actions.add_parser(
        "rotate", parents=[common], help="a new page address for a customer"
    )
    rotate.add_argument("customer", metavar="CUSTOMER", help="the customer number")
    rotate.set_defaults(handler=rotate_token)

    settings = actions.add_parser(
        "settings", parents=[common], help="show or change where and how to publish"
    )
    settings.add_argument("--base-url", help="where the web host serves the site (https://…)")
    settings.add_argument("--folder", help="publish to this local folder")
    settings.add_argument("--sftp", metavar="HOST", help="publish to this SFTP server")
    settings.add_argument("--port", type=int, help="the SFTP port (22)")
    settings.add_argument("--user", help="the SFTP user name")
    settings.add_argument("--remote-folder", help="the folder on the SFTP server")
    settings.add_argument("--key-file", help="log in with this private key instead")
    settings.add_argument("--automatic", choices=ON_OFF, help="publish after every change")
    settings.add_argument("--json", action="store_true", help="print JSON")
    settings.set_defaults(handler=change_settings)

    trust = actions.add_parser(
        "trust-host",
        parents=[common],
        help="confirm the SFTP server's key",
        description="Without --fingerprint, shows the server's key fingerprint. Compare it "
        "with the one your web host gives you, then run again with --fingerprint to store it.",
    )
    trust.add_argument("--fingerprint", help="the SHA256:… fingerprint you checked")
    trust.set_defaults(handler=trust_host)

    password = actions.add_parser(
        "password",
        parents=[common],
        help="keep the SFTP password in the system keyring (read from standard input)",
    )
    password.set_defaults(handler=store_password)


def _register_faq(actions, common) -> None:
    faq = actions.add_parser("faq", parents=[common], help="the portal's questions and answers")
    faq_actions = faq.add_subparsers(dest="faq_action", metavar="ACTION", required=True)
    listing = faq_actions.add_parser("list", parents=[common], help="every entry, in order")
    listing.add_argument("--language", help="only this language (sv, en)")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(handler=list_faq)
    add = faq_actions.add_parser("add", parents=[common], help="add a question at the end")
    add.add_argument("--language", required=True, help="sv or en")
    add.add_argument("--question", required=True)
    add.add_argument("--answer", required=True, help="blank lines separate paragraphs")
    add.set_defaults(handler=add_faq)
    remove = faq_actions.add_parser("remove", parents=[common], help="remove an entry")
    remove.add_argument("id", type=int, metavar="ID")
    remove.set_defaults(handler=remove_faq)
    move = faq_actions.add_parser("move", parents=[common], help="move an entry to POSITION")
    move.add_argument("id", type=int, metavar="ID")
    move.add_argument("position", type=int, metavar="POSITION", help="1 is first")
    move.set_defaults(handler=move_faq)


def list_faq(args, database) -> int:
    with database.reading() as session:
        items = portal_faq.list_faq(session, args.language)
    if args.json:
        print_json([dataclasses.asdict(item) for item in items])
        return EXIT_OK
    print_table(
        ["Id", "Language", "Position", "Question", "Answer"],
        [
            (
                item.id,
                item.language,
                item.position,
                shorten(item.question, 50),
                shorten(item.answer.replace("\n", " "), 50),
            )
            for item in items
        ],  # fmt: skip
        right=[0, 2],
    )
    return EXIT_OK


def add_faq(args, database) -> int:
    with database.writing() as session:
        item = portal_faq.add_faq(session, args.language, args.question, args.answer)
    print(f"added FAQ entry {item.id} ({item.language}, position {item.position})")
    return EXIT_OK


def remove_faq(args, database) -> int:
    with database.writing() as session:
        portal_faq.remove_faq(session, args.id)
    print(f"removed FAQ entry {args.id}")
    return EXIT_OK


def move_faq(args, database) -> int:
    with database.writing() as session:
        item = portal_faq.move_faq(session, args.id, args.position)
    print(f"FAQ entry {item.id} is now number {item.position} in {item.language}")
    return EXIT_OK


def build_site(args, database) -> int:
    site = portal_publish.build(database, dt.date.today())
    try:
        outcome = portal_publish.write_folder(site, args.out)
    except PublishError as error:
        raise CliError(str(error)) from error
    print(f"built {site.pages} customer pages, {len(site.files)} files, in {args.out}")
    return _report_failures(outcome)


def publish_site(args, database) -> int:
    secret = sys.stdin.readline().rstrip("\n") if args.password_stdin else None
    try:
        outcome = portal_publish.publish_now(database, dt.date.today(), secret=secret)
    except PublishError as error:
        print(f"error: {error}", file=sys.stderr)
        # Loaded already when the error is an SFTP one; other commands never load paramiko.
        from ..portal.sftp import UnknownHostKey

        if isinstance(error, UnknownHostKey):
            print("check it, then: finqr portal trust-host --fingerprint "
                  f"{error.fingerprint}", file=sys.stderr)  # fmt: skip
        return EXIT_FAILURE
    print(
        f"published: {len(outcome.uploaded)} uploaded, {len(outcome.removed)} removed, "
        f"{outcome.unchanged} unchanged"
    )
    return _report_failures(outcome)


def _report_failures(outcome: Outcome) -> int:
    for path, reason in outcome.failures:
        print(f"error: {path}: {reason}", file=sys.stderr)
    return EXIT_OK if outcome.ok else EXIT_FAILURE


def rotate_token(args, database) -> int:
    with database.writing() as session:
        portal_tokens.rotate_token(session, args.customer)
        base = portal_settings.load_settings(session).base_url
    where = " at its new address" if base else ""
    print(f"customer {args.customer} gets a new page{where}; the old one goes at the next publish")
    return EXIT_OK


def change_settings(args, database) -> int:
    with database.writing() as session:
        current = portal_settings.load_settings(session)
        changes = {
            "base_url": args.base_url,
            "folder": args.folder,
            "sftp_host": args.sftp,
            "sftp_port": args.port,
            "sftp_user": args.user,
            "sftp_folder": args.remote_folder,
            "sftp_key_file": args.key_file,
            "automatic": ON_OFF.get(args.automatic) if args.automatic else None,
        }
        if args.folder is not None:
            changes["target"] = "folder"
        if args.sftp is not None:
            changes["target"] = "sftp"
            if args.sftp != current.sftp_host:
                changes["sftp_host_key"] = ""  # another server: its key is confirmed anew
        given = {key: value for key, value in changes.items() if value is not None}
        settings = current
        if given:
            settings = portal_settings.save_settings(
                session, dataclasses.replace(current, **given)
            )
    shown = dataclasses.asdict(settings)
    if args.json:
        print_json(shown)
    else:
        print_fields(shown.items())
    return EXIT_OK


def trust_host(args, database) -> int:
    from ..portal.sftp import fetch_host_key, fingerprint

    with database.reading() as session:
        settings = portal_settings.load_settings(session)
    if not settings.sftp_host:
        raise CliError("no SFTP server is set; use `finqr portal settings --sftp HOST` first")
    try:
        entry = fetch_host_key(settings.sftp_host, settings.sftp_port)
    except PublishError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_FAILURE
    seen = fingerprint(entry)
    if args.fingerprint is None:
        print(f"{settings.sftp_host} has the key {seen}")
        print("compare it with your web host's, then: finqr portal trust-host --fingerprint "
              f"{seen}")  # fmt: skip
        return EXIT_OK
    if args.fingerprint.strip() != seen:
        print(f"error: the server's key is {seen}, not {args.fingerprint}; nothing was stored",
              file=sys.stderr)  # fmt: skip
        return EXIT_BAD_INPUT
    portal_publish.trust_host_key(database, entry)
    print(f"stored the key {seen} of {settings.sftp_host}")
    return EXIT_OK


def store_password(args, database) -> int:
    with database.reading() as session:
        settings = portal_settings.load_settings(session)
    if not settings.sftp_host or not settings.sftp_user:
        raise CliError("set the SFTP server and user first (`finqr portal settings`)")
    secret = sys.stdin.readline().rstrip("\n")
    if not secret:
        raise CliError("no password on standard input")
    try:
        portal_publish.store_secret(settings, secret)
    except NoKeyring as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_FAILURE
    print(f"stored the password of {settings.sftp_user}@{settings.sftp_host} in the keyring")
    return EXIT_OK

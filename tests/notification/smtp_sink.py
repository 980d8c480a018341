#!/usr/bin/env python3
"""A real SMTP server for the e-mail tests (aiosmtpd, Debian's python3-aiosmtpd).

Listens on 127.0.0.1 at a free port, writes the port to PORT_FILE once it accepts connections,
and writes every message it accepts to OUT_DIR as JSON: the envelope, the headers as received,
and each part decoded by Python's own e-mail parser (so a test sees what a mail client shows), with
the connection (the client's address and port) it came over.
Recipients steer the server: an address starting "reject" is refused for good (550), one starting
"busy" is deferred (451) the first two times it is offered.

Usage: smtp_sink.py OUT_DIR PORT_FILE
"""
import asyncio
import email
import email.policy
import json
import os
import socket
import sys

from aiosmtpd.smtp import SMTP


class Sink:
    def __init__(self, out_dir):
        self.out_dir = out_dir
        self.deferred = {}
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@")[0]
        if local.startswith("reject"):
            return "550 5.1.1 No such mailbox here"
        if local.startswith("busy"):
            seen = self.deferred.get(address, 0)
            self.deferred[address] = seen + 1
            if seen < 2:
                return "451 4.3.0 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        parts = {}
        for part in msg.walk():
            if part.get_content_maintype() == "text":
                parts[part.get_content_type()] = part.get_content()
        self.count += 1
        record = {
            "mail_from": envelope.mail_from,
            "connection": "%s:%s" % tuple(session.peer[:2]),
            "rcpt_tos": envelope.rcpt_tos,
            "headers": {k: str(v) for k, v in msg.items()},
            "content_type": msg.get_content_type(),
            "parts": parts,
            "raw": raw.decode("utf-8", "replace"),
        }
        name = os.path.join(self.out_dir, "%06d.json" % self.count)
        with open(name + ".tmp", "w") as f:
            json.dump(record, f)
        os.rename(name + ".tmp", name)
        return "250 Message accepted"


def main():
    out_dir, port_file = sys.argv[1], sys.argv[2]
    sink = Sink(out_dir)
    # A socket bound here to a free port: no port is guessed, so parallel tests never collide.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    loop = asyncio.new_event_loop()
    loop.run_until_complete(loop.create_server(lambda: SMTP(sink, hostname="sink.test"), sock=sock))
    with open(port_file + ".tmp", "w") as f:
        f.write(str(sock.getsockname()[1]))
    os.rename(port_file + ".tmp", port_file)
    try:
        loop.run_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""A local SMTP server for the notification benchmark (Debian's python3-aiosmtpd, as the tests
use): accepts every message, keeps nothing but how many it accepted and when, and writes
"COUNT FIRST LAST" (Unix seconds) to STATS_FILE after each one. Listens on 127.0.0.1 at a free
port, written to PORT_FILE once it accepts connections.

Usage: /usr/bin/python3 smtp_count.py PORT_FILE STATS_FILE"""
import asyncio
import os
import socket
import sys
import time

from aiosmtpd.smtp import SMTP


class Counter:
    def __init__(self, stats_file):
        self.stats_file = stats_file
        self.count = 0
        self.first = 0.0

    async def handle_DATA(self, server, session, envelope):
        now = time.time()
        if self.count == 0:
            self.first = now
        self.count += 1
        with open(self.stats_file + ".tmp", "w") as f:
            f.write(f"{self.count} {self.first:.3f} {now:.3f}\n")
        os.rename(self.stats_file + ".tmp", self.stats_file)
        return "250 Message accepted"


def main():
    port_file, stats_file = sys.argv[1], sys.argv[2]
    with open(stats_file, "w") as f:
        f.write("0 0 0\n")
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(128)
    loop = asyncio.new_event_loop()
    counter = Counter(stats_file)  # one for every connection
    loop.run_until_complete(loop.create_server(lambda: SMTP(counter, hostname="bench.test"), sock=sock))
    with open(port_file + ".tmp", "w") as f:
        f.write(str(sock.getsockname()[1]))
    os.rename(port_file + ".tmp", port_file)
    loop.run_forever()


if __name__ == "__main__":
    main()

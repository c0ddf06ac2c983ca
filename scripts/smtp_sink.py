"""A real SMTP server for the test suite (aiosmtpd): STARTTLS required, AUTH PLAIN and LOGIN
with one account, every accepted message saved as a file. Prints "ready PORT" once listening
and runs until stopped.

usage: smtp_sink.py FOLDER CERT KEY USER PASSWORD
"""
import asyncio
import os
import signal
import socket
import ssl
import sys
import uuid

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult


class SaveToFolder:
    def __init__(self, folder):
        self.folder = folder

    async def handle_DATA(self, server, session, envelope):
        name = os.path.join(self.folder, f"{uuid.uuid4().hex}.eml")
        with open(name + ".partial", "wb") as out:
            out.write(("X-Envelope-From: %s\r\n" % envelope.mail_from).encode())
            out.write(("X-Envelope-To: %s\r\n" % ", ".join(envelope.rcpt_tos)).encode())
            out.write(envelope.original_content)
        os.rename(name + ".partial", name)
        return "250 Message accepted for delivery"


def main():
    folder, cert, key, user, password = sys.argv[1:6]
    os.makedirs(folder, exist_ok=True)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)

    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = auth_data.login == user.encode() and auth_data.password == password.encode()
        return AuthResult(success=ok, handled=False)

    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    controller = Controller(
        SaveToFolder(folder), hostname="127.0.0.1", port=port, tls_context=context, require_starttls=True,
        authenticator=authenticate, auth_require_tls=True, auth_exclude_mechanism=["CRAM-MD5"],
        server_hostname="localhost")
    controller.start()
    print(f"ready {port}", flush=True)
    stop = asyncio.Event()
    loop = asyncio.new_event_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    loop.run_until_complete(stop.wait())
    controller.stop()


if __name__ == "__main__":
    main()

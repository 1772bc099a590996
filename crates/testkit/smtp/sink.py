"""A real SMTP server for the message tests (Debian's python3-aiosmtpd): listens on
127.0.0.1:PORT and writes each message it accepts to DIR as N.eml (as received) and N.json
(sender, recipients, decoded subject, Message-ID, and each part's type, file name and text).
Prints "ready" once it accepts connections; stops when its stdin closes (or it is killed).
An optional third argument, seconds, is how long it takes over each message before it
accepts it (a slow mail server: the kill test's senders are then caught mid-conversation)."""

import asyncio
import json
import os
import sys
from email import policy
from email.parser import BytesParser

from aiosmtpd.controller import Controller


class Store:
    def __init__(self, folder, delay):
        self.folder = folder
        self.delay = delay
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        await asyncio.sleep(self.delay)
        self.count += 1
        raw = envelope.original_content or envelope.content
        mail = BytesParser(policy=policy.default).parsebytes(raw)
        parts = []
        for part in mail.walk():
            if part.is_multipart():
                continue
            parts.append({
                "type": part.get_content_type(),
                "filename": part.get_filename(),
                "text": part.get_content() if part.get_content_maintype() == "text" else "",
            })
        record = {
            "from": envelope.mail_from,
            "to": envelope.rcpt_tos,
            "subject": str(mail["subject"]),
            "messageId": str(mail["message-id"]),
            "parts": parts,
        }
        base = os.path.join(self.folder, str(self.count))
        with open(base + ".eml", "wb") as f:
            f.write(raw)
        # Written under another name first: a reader never sees half a file.
        with open(base + ".tmp", "w") as f:
            json.dump(record, f)
        os.rename(base + ".tmp", base + ".json")
        return "250 OK"


def main():
    port, folder = int(sys.argv[1]), sys.argv[2]
    delay = float(sys.argv[3]) if len(sys.argv) > 3 else 0.0
    controller = Controller(Store(folder, delay), hostname="127.0.0.1", port=port)
    controller.start()
    print("ready", flush=True)
    sys.stdin.read()
    controller.stop()


if __name__ == "__main__":
    main()

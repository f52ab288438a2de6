"""PAdES B-T: with a timestamp authority configured, each signature carries a timestamp token."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from asn1crypto import keys as asn1_keys
from asn1crypto import tsp
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

from doithoai.signing import verification

from .helpers import sign_as

PORT = 22480  # this branch's port range is 22000-22999


@pytest.fixture
def tsa(pki, settings):
    """A local RFC 3161 server (pyHanko's DummyTimeStamper behind http.server)."""
    key, cert = pki["ca"].issue_tsa()
    stamper = DummyTimeStamper(
        tsa_cert=asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER)),
        tsa_key=asn1_keys.PrivateKeyInfo.load(
            key.private_bytes(
                serialization.Encoding.DER,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        ),
    )
    served = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - http.server's name
            request = tsp.TimeStampReq.load(self.rfile.read(int(self.headers["Content-Length"])))
            body = stamper.request_tsa_response(request).dump()
            served.append(len(body))
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", PORT), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.SIGNING_TSA_URL = f"http://127.0.0.1:{PORT}/"
    yield served
    server.shutdown()
    server.server_close()


def test_signature_carries_a_timestamp_when_a_tsa_is_configured(plan, pki, tsa):
    signed = sign_as(pki, plan.signer, "plan", plan)
    assert tsa, "the timestamp authority was asked"
    (report,) = verification.verify(signed.content())
    assert report.ok and report.timestamp is not None
    assert report.timestamp == report.signing_time  # the frozen clock of the test


def test_without_a_tsa_the_signature_is_b_b(plan, pki, settings):
    settings.SIGNING_TSA_URL = ""
    (report,) = verification.verify(sign_as(pki, plan.signer, "plan", plan).content())
    assert report.ok and report.timestamp is None

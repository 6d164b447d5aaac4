"""A throwaway certificate authority and broker certificate, made at test time with ``openssl``.

Nothing here is checked in: each call writes a fresh CA and a broker certificate (SAN
``IP:127.0.0.1`` and ``DNS:localhost``, valid for two days) into a directory, as PEM files that
Kafka reads with ``ssl.keystore.type=PEM`` and kafka-python reads as ``ssl_cafile``::

    tls = make_broker_tls(tmp_path / "tls")
    KafkaBroker(dir, port, **scram_listener("SECURE", sasl_port, keystore=tls.keystore, ...))

Requires the ``openssl`` command (OpenSSL 1.1.1 or newer, for ``-addext``).
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

__all__ = ["BrokerTls", "TlsError", "make_broker_tls"]

_DAYS = "2"


class TlsError(RuntimeError):
    """openssl is missing or failed."""


@dataclass(frozen=True)
class BrokerTls:
    """PEM files of one test CA and the broker certificate it signed."""

    ca_cert: Path  # the trust anchor clients pass as ssl_cafile
    broker_cert: Path  # leaf certificate, then the CA certificate
    broker_key: Path  # unencrypted PKCS#8 private key
    keystore: Path  # key followed by the chain: Kafka's PEM keystore file


def make_broker_tls(directory: Path, *, common_name: str = "localhost") -> BrokerTls:
    """Create a CA and a broker certificate for 127.0.0.1/localhost under ``directory``."""
    openssl = shutil.which("openssl")
    if openssl is None:
        raise TlsError("the openssl command is required; sudo apt-get install openssl")
    directory.mkdir(parents=True, exist_ok=True)
    ca_key, ca_cert = directory / "ca.key", directory / "ca.pem"
    key, csr, cert = directory / "broker.key", directory / "broker.csr", directory / "broker.pem"
    ext = directory / "broker.ext"
    ext.write_text(
        "basicConstraints = critical, CA:FALSE\n"
        "keyUsage = critical, digitalSignature, keyEncipherment\n"
        "extendedKeyUsage = serverAuth\n"
        "subjectAltName = IP:127.0.0.1, DNS:localhost\n"
        "subjectKeyIdentifier = hash\n"
        "authorityKeyIdentifier = keyid\n"
    )

    def run(*args: str) -> None:
        result = subprocess.run(
            [openssl, *args], capture_output=True, text=True, check=False
        )
        if result.returncode != 0:
            raise TlsError(f"openssl {args[0]} failed:\n{result.stdout}{result.stderr}")

    run("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", str(ca_key))
    run(
        "req", "-x509", "-new", "-key", str(ca_key), "-out", str(ca_cert), "-days", _DAYS,
        "-subj", "/CN=triage-worker test CA",
        "-addext", "basicConstraints=critical,CA:TRUE",
        "-addext", "keyUsage=critical,keyCertSign,cRLSign",
        "-addext", "subjectKeyIdentifier=hash",
    )  # fmt: skip
    run("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", str(key))
    run("req", "-new", "-key", str(key), "-out", str(csr), "-subj", f"/CN={common_name}")
    run(
        "x509", "-req", "-in", str(csr), "-CA", str(ca_cert), "-CAkey", str(ca_key),
        "-CAcreateserial", "-out", str(cert), "-days", _DAYS, "-sha256", "-extfile", str(ext),
    )  # fmt: skip
    chain = cert.read_text() + ca_cert.read_text()
    cert.write_text(chain)
    keystore = directory / "broker-keystore.pem"
    keystore.write_text(key.read_text() + chain)
    for private in (ca_key, key, keystore):
        private.chmod(0o600)
    return BrokerTls(ca_cert=ca_cert, broker_cert=cert, broker_key=key, keystore=keystore)

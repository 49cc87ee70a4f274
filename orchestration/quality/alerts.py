"""Alerts for failed consistency checks: always the log, plus a webhook when configured.

The standard's table 1 has a target for the response time of consistency monitoring, so each
alert records when the failure was detected (the checkpoint's end) and when the alert went
out; ``latency_ms`` is the difference. Records go to ``raw._alerts`` when a warehouse is given.

A webhook that fails (refused, timeout, HTTP error) is logged and recorded, never raised: an
unreachable chat server must not break a build.
"""

import json
import logging
import os
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass
from datetime import UTC, datetime

from orchestration.ingest.sql import ALERTS_COLUMNS, create_table_sql, table
from orchestration.warehouse import RAW_SCHEMA

WEBHOOK_ENV = "CARBON_ALERT_WEBHOOK"
ALERTS_TABLE = table("_alerts")
logger = logging.getLogger("carbon.alerts")


@dataclass
class AlertChannel:
    """Where alerts go. ``log`` is a Dagster ``context.log`` or a logging.Logger."""

    webhook_url: str | None = None
    log: object | None = None
    timeout_s: float = 5.0

    @classmethod
    def from_env(cls, context=None) -> "AlertChannel":
        """Webhook from env CARBON_ALERT_WEBHOOK; the Dagster log of ``context`` if given."""
        return cls(
            webhook_url=os.environ.get(WEBHOOK_ENV) or None,
            log=getattr(context, "log", None),
        )


@dataclass
class AlertRecord:
    build_id: str | None
    rule: str
    layer: str
    severity: str
    detected_at: datetime
    alerted_at: datetime
    latency_ms: float
    channel: str
    message: str
    webhook_error: str | None = None

    def as_dict(self) -> dict:
        out = asdict(self)
        out["detected_at"] = self.detected_at.isoformat()
        out["alerted_at"] = self.alerted_at.isoformat()
        return out


def _percent(value) -> str:
    return "n/a" if value is None else f"{value:.4%}"


def alert_message(result) -> str:
    """One line naming the rule, layer, counts, worst offenders and the Data Docs page."""
    worst = "; ".join(
        f"{o['object_key']} ({_percent(o['rel_diff'])})" for o in result.worst_offenders
    )
    text = (
        f"[{result.severity}] consistency {result.rule} ({result.suite_name}) failed on the "
        f"{result.layer} layer of build {result.check_run}: {result.failures} of "
        f"{result.objects_checked} objects failing"
    )
    if result.note:
        text += f" ({result.note})"
    if worst:
        text += f"; worst: {worst}"
    if result.data_docs_url:
        text += f"; Data Docs: {result.data_docs_url}"
    return text


def _payload(result, message: str, build_id) -> dict:
    return {
        "event": "carbon.consistency_check_failed",
        "build_id": build_id,
        "rule": result.rule,
        "layer": result.layer,
        "severity": result.severity,
        "suite": result.suite_name,
        "objects_checked": result.objects_checked,
        "failures": result.failures,
        "worst_offenders": result.worst_offenders,
        "detected_at": result.detected_at.isoformat() if result.detected_at else None,
        "data_docs_url": result.data_docs_url,
        "message": message,
    }


def _log(channel: AlertChannel, severity: str, message: str) -> None:
    target = channel.log or logger
    (target.warning if severity == "warn" else target.error)(message)


def post_webhook(url: str, payload: dict, timeout_s: float = 5.0) -> None:
    """HTTP POST of ``payload`` as JSON; raises on refusal, timeout or a non-2xx status."""
    request = urllib.request.Request(
        url,
        data=json.dumps(payload, default=str).encode("utf-8"),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=timeout_s) as response:
        if not 200 <= response.status < 300:
            raise urllib.error.HTTPError(url, response.status, "webhook refused", None, None)


def raise_alerts(
    results, channel: AlertChannel | None = None, *, warehouse=None, build_id=None
) -> list[AlertRecord]:
    """Alert on every failed RuleResult; returns (and with ``warehouse`` stores) the records."""
    channel = channel or AlertChannel.from_env()
    records = []
    for result in results:
        if result.success:
            continue
        build = build_id if build_id is not None else result.check_run
        detected_at = result.detected_at or datetime.now(UTC)
        message = alert_message(result)
        _log(channel, result.severity, message)
        used, error = "log", None
        if channel.webhook_url:
            try:
                post_webhook(
                    channel.webhook_url, _payload(result, message, build), channel.timeout_s
                )
                used = "log+webhook"
            except (OSError, ValueError) as exc:  # URLError/HTTPError/timeout are OSErrors
                error = f"{type(exc).__name__}: {exc}"
                used = "log (webhook failed)"
                (channel.log or logger).warning(
                    f"alert webhook {channel.webhook_url} failed: {error}"
                )
        alerted_at = datetime.now(UTC)
        records.append(
            AlertRecord(
                build_id=build,
                rule=result.rule,
                layer=result.layer,
                severity=result.severity,
                detected_at=detected_at,
                alerted_at=alerted_at,
                latency_ms=(alerted_at - detected_at).total_seconds() * 1000.0,
                channel=used,
                message=message,
                webhook_error=error,
            )
        )
    if warehouse is not None and records:
        record_alerts(warehouse, records)
    return records


def record_alerts(warehouse, records: list[AlertRecord]) -> None:
    """Append to raw._alerts (created on first use; portable DDL for DuckDB and PostgreSQL)."""
    mark = "%s" if warehouse.kind == "postgres" else "?"
    with warehouse.connect() as con:
        cur = con.cursor() if warehouse.kind == "postgres" else con
        cur.execute(f"create schema if not exists {RAW_SCHEMA}")
        cur.execute(create_table_sql("_alerts", ALERTS_COLUMNS))
        for r in records:
            cur.execute(
                f"insert into {ALERTS_TABLE} values ({', '.join([mark] * 8)})",
                (
                    r.build_id,
                    r.rule,
                    r.layer,
                    r.detected_at.astimezone(UTC).replace(tzinfo=None),
                    r.alerted_at.astimezone(UTC).replace(tzinfo=None),
                    r.latency_ms,
                    r.channel,
                    r.message,
                ),
            )

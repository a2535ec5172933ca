"""Smoke test of the Sen API through the client generated from its OpenAPI document.

usage: smoke.py BASE_URL   (run by e2e/client/run.sh with the generated
                            sen_client package on PYTHONPATH)

Talks to the server only through the generated package: Client /
AuthenticatedClient, the endpoint modules' sync_detailed functions and the
model classes. Exits 1 if any check fails; the last line is
"client smoke: N passed, M failed".
"""

from __future__ import annotations

import os
import sys
import time
import traceback
import uuid
from http import HTTPStatus

import httpx  # only for the timeout type and ConnectError, both part of the client's API

from sen_client import AuthenticatedClient, Client
from sen_client.api.auth import auth_login, auth_refresh, auth_signup
from sen_client.api.me import me_get
from sen_client.models import (
    LoginRequest,
    Me,
    Problem,
    RefreshRequest,
    Role,
    SignupRequest,
    SignupResponse,
    TokenPair,
)
from sen_client.types import Response

TIMEOUT = httpx.Timeout(float(os.environ.get("SEN_SMOKE_TIMEOUT", "15")))
# How long to keep retrying while the server refuses connections (starting up).
WAIT_SECONDS = float(os.environ.get("SEN_SMOKE_WAIT", "20"))


class CheckFailed(Exception):
    pass


def expect(cond: bool, what: str) -> None:
    if not cond:
        raise CheckFailed(what)


def describe(resp: Response) -> str:
    body = resp.content.decode("utf-8", "replace")
    if len(body) > 500:
        body = body[:500] + "..."
    return f"HTTP {int(resp.status_code)} {resp.headers.get('content-type', '')}: {body}"


def expect_status(resp: Response, status: HTTPStatus, parsed_type: type) -> None:
    if resp.status_code != status:
        raise CheckFailed(f"expected {int(status)}, got {describe(resp)}")
    if not isinstance(resp.parsed, parsed_type):
        raise CheckFailed(
            f"expected a {parsed_type.__name__} body, parsed {type(resp.parsed).__name__}: {describe(resp)}"
        )


def expect_problem(resp: Response, status: HTTPStatus) -> None:
    expect_status(resp, status, Problem)
    ctype = resp.headers.get("content-type", "")
    expect(ctype.startswith("application/problem+json"), f"content-type {ctype!r}, want application/problem+json")
    problem: Problem = resp.parsed
    expect(problem.status == int(status), f"problem.status {problem.status}, want {int(status)}")
    expect(bool(problem.title), "problem.title is empty")


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    base_url = sys.argv[1].rstrip("/")

    anon = Client(base_url=base_url, timeout=TIMEOUT, raise_on_unexpected_status=False)

    suffix = uuid.uuid4().hex[:12]
    email = f"smoke-{suffix}@example.com"
    password = f"Smoke-pass-{suffix}!"
    workspace_name = f"Smoke {suffix}"
    user_name = "Smoke Tester"

    state: dict = {}
    results: list[tuple[str, str | None]] = []

    def check(name: str):
        def run(fn):
            try:
                fn()
                results.append((name, None))
                print(f"ok    {name}", flush=True)
            except CheckFailed as e:
                results.append((name, str(e)))
                print(f"FAIL  {name}: {e}", flush=True)
            except httpx.TransportError as e:
                results.append((name, f"{type(e).__name__}: {e}"))
                print(f"FAIL  {name}: {type(e).__name__}: {e} ({base_url})", flush=True)
            except Exception as e:  # noqa: BLE001 - report anything as a failed check
                results.append((name, f"{type(e).__name__}: {e}"))
                print(f"FAIL  {name}: {type(e).__name__}: {e}", flush=True)
                traceback.print_exc(file=sys.stderr)
            return fn

        return run

    def need(key: str):
        if key not in state:
            raise CheckFailed(f"skipped: needs {key} from an earlier check")
        return state[key]

    @check("signup creates a workspace and its owner (201)")
    def _signup():
        body = SignupRequest(workspace_name=workspace_name, name=user_name, email=email, password=password)
        deadline = time.monotonic() + WAIT_SECONDS
        while True:
            try:
                resp = auth_signup.sync_detailed(client=anon, body=body)
                break
            except httpx.ConnectError:
                # Nothing was sent: safe to retry while the server comes up.
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
        expect_status(resp, HTTPStatus.CREATED, SignupResponse)
        out: SignupResponse = resp.parsed
        expect(out.user.email == email, f"user.email {out.user.email!r}, want {email!r}")
        expect(out.user.name == user_name, f"user.name {out.user.name!r}, want {user_name!r}")
        expect(out.workspace.name == workspace_name, f"workspace.name {out.workspace.name!r}, want {workspace_name!r}")
        expect(out.user.workspace_id == out.workspace.id, "user.workspace_id != workspace.id")
        expect(out.user.role == Role.OWNER, f"user.role {out.user.role!r}, want owner")
        expect(bool(out.tokens.access_token), "tokens.access_token is empty")
        state["signup"] = out

    @check("login returns a token pair (200)")
    def _login():
        need("signup")
        resp = auth_login.sync_detailed(client=anon, body=LoginRequest(email=email, password=password))
        expect_status(resp, HTTPStatus.OK, TokenPair)
        tokens: TokenPair = resp.parsed
        expect(bool(tokens.access_token), "access_token is empty")
        expect(bool(tokens.refresh_token), "refresh_token is empty")
        expect(tokens.token_type.lower() == "bearer", f"token_type {tokens.token_type!r}, want Bearer")
        expect(tokens.expires_in > 0, f"expires_in {tokens.expires_in}, want > 0")
        state["tokens"] = tokens

    @check("me returns the signed-up user and workspace (200)")
    def _me():
        signup: SignupResponse = need("signup")
        tokens: TokenPair = need("tokens")
        authed = AuthenticatedClient(base_url=base_url, token=tokens.access_token, timeout=TIMEOUT)
        resp = me_get.sync_detailed(client=authed)
        expect_status(resp, HTTPStatus.OK, Me)
        me: Me = resp.parsed
        expect(me.user.email == email, f"me.user.email {me.user.email!r}, want {email!r}")
        expect(me.workspace.name == workspace_name, f"me.workspace.name {me.workspace.name!r}, want {workspace_name!r}")
        expect(me.user.id == signup.user.id, f"me.user.id {me.user.id}, want {signup.user.id}")
        expect(me.workspace.id == signup.workspace.id, f"me.workspace.id {me.workspace.id}, want {signup.workspace.id}")
        expect(isinstance(me.teams, list), "me.teams is not a list")

    @check("refresh exchanges the refresh token for a working token pair (200)")
    def _refresh():
        tokens: TokenPair = need("tokens")
        resp = auth_refresh.sync_detailed(client=anon, body=RefreshRequest(refresh_token=tokens.refresh_token))
        expect_status(resp, HTTPStatus.OK, TokenPair)
        fresh: TokenPair = resp.parsed
        expect(bool(fresh.access_token), "access_token is empty")
        authed = AuthenticatedClient(base_url=base_url, token=fresh.access_token, timeout=TIMEOUT)
        me = me_get.sync_detailed(client=authed)
        expect_status(me, HTTPStatus.OK, Me)
        expect(me.parsed.user.email == email, "me with the refreshed token returned another user")

    @check("login with a wrong password is refused (401 problem)")
    def _wrong_password():
        need("signup")
        resp = auth_login.sync_detailed(client=anon, body=LoginRequest(email=email, password=password + "-wrong"))
        expect_problem(resp, HTTPStatus.UNAUTHORIZED)

    @check("me without a token is refused (401 problem)")
    def _me_anonymous():
        # A plain Client sends no Authorization header.
        resp = me_get.sync_detailed(client=anon)  # type: ignore[arg-type]
        expect_problem(resp, HTTPStatus.UNAUTHORIZED)

    passed = sum(1 for _, err in results if err is None)
    failed = len(results) - passed
    print(f"client smoke: {passed} passed, {failed} failed", flush=True)
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())

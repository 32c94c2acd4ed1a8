"""Which of a record's credentials authenticate a call, so that validate can require them.

The record names environment variables, not which of them is the token. The rule, kept simple
so it can be stated in the README: webhook secrets are left out; a token is the first backend
secret whose name says ACCESS_TOKEN or BEARER, else TOKEN (not a refresh token), else KEY, else
SECRET; for HTTP Basic the password is the first secret named TOKEN, SECRET or PASSWORD and the
user name is the credential listed just before it. intreg.outputs.credentials plans calls (the
mock, contract runs) with it, and a record it finds nothing in is refused (issue 24).

A record that says which variable is which (auth.basic, auth.sigv4, auth.token) is taken at its
word instead (issue 17).
"""

from __future__ import annotations

from intreg.records.auth import Auth, AuthLocation, AuthMethod, Credential, CredentialScope
from intreg.records.model import Integration

_TOKEN_RANKS = (("ACCESS_TOKEN", "BEARER"), ("TOKEN",), ("KEY",), ("SECRET",))
_PASSWORD_WORDS = ("TOKEN", "SECRET", "PASSWORD")


def sends_basic(auth: Auth) -> bool:
    """True when calls carry HTTP Basic credentials (a user name and a password)."""
    if auth.method == AuthMethod.BASIC:
        return True
    in_authorization = auth.location in (None, AuthLocation.HEADER) and auth.name in (
        None,
        "Authorization",
    )
    keyed = auth.method in (AuthMethod.API_KEY, AuthMethod.HMAC)
    return keyed and in_authorization and (auth.scheme or "").lower() == "basic"


def sent_credentials(record: Integration) -> tuple[str, ...]:
    """The variables a call sends: (user, password) for HTTP Basic ((password,) with a fixed
    user, (user,) with an empty password), (key id, secret key) for SigV4, else (token,); ()
    when the record names none, or when its API needs no auth."""
    auth = record.auth
    if auth.method == AuthMethod.NONE:
        return ()
    if auth.method == AuthMethod.AWS_SIGV4:
        sigv4 = auth.sigv4
        return () if sigv4 is None else (sigv4.access_key_id, sigv4.secret_access_key)
    if auth.basic is not None and sends_basic(auth):
        pair = (auth.basic.user_env, auth.basic.password_env)
        return tuple(name for name in pair if name is not None)
    if auth.token is not None:
        return (auth.token.env_var,)
    webhook_vars = set(record.webhooks.env_vars) if record.webhooks is not None else set()
    candidates = [
        c
        for c in record.auth.credentials
        if c.scope == CredentialScope.BACKEND and c.env_var not in webhook_vars
    ]
    return _basic_pair(candidates) if sends_basic(record.auth) else _token(candidates)


def _token(candidates: list[Credential]) -> tuple[str, ...]:
    secrets = [c.env_var for c in candidates if c.secret]
    for words in _TOKEN_RANKS:
        for name in secrets:
            if any(w in name for w in words) and "REFRESH" not in name:
                return (name,)
    return tuple(secrets[:1])


def _basic_pair(candidates: list[Credential]) -> tuple[str, ...]:
    for index, credential in enumerate(candidates):
        words = any(w in credential.env_var for w in _PASSWORD_WORDS)
        if credential.secret and words and index > 0:
            return (candidates[index - 1].env_var, credential.env_var)
    return ()

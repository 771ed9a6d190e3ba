"""The password hasher: Argon2id with OWASP's recommended parameters (19 MiB, 2 passes, 1 lane).

Django's own ``Argon2PasswordHasher`` uses 100 MiB, 2 passes and 8 lanes: about 0.3 s of CPU and
100 MiB of memory per login. On the county's 2-core server the morning login rush (25 clerks within a
few seconds, ``make soak``) queued every other request behind the hashes for 5–15 s, and each
concurrent login attempt held 100 MiB — an unauthenticated way to exhaust the server. OWASP's
Password Storage Cheat Sheet (Argon2id: m=19 MiB, t=2, p=1, equivalent to RFC 9106's memory-
constrained settings) costs about a fifth of that and is still memory-hard; online guessing is
limited by the login throttling (``fazhi.core.auth``) in any case.

The algorithm name stays ``argon2``: hashes made with Django's parameters still verify, and Django
re-hashes them with these parameters at the user's next successful login (``must_update``).
"""
from django.contrib.auth.hashers import (
    Argon2PasswordHasher as DjangoArgon2PasswordHasher,
)


class Argon2PasswordHasher(DjangoArgon2PasswordHasher):
    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1

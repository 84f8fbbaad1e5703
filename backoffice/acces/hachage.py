"""How passwords are stored.

Argon2id with the parameters OWASP's Password Storage Cheat Sheet lists first-hand: 19 MiB of
memory, 2 passes, 1 lane. Django's default, PBKDF2-SHA256 at 1,000,000 iterations, cost ~400 ms
of CPU per login on the reference machine for a protection OWASP rates as equal (600,000
iterations); Argon2id costs ~40 ms and is memory-hard, so graphics cards gain far less against
it (benchmarks/parcours.py, docs/decisions.md « Temps de réponse »).
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2idOwasp(Argon2PasswordHasher):
    # Same algorithm name as Django's: a hash made with other parameters is recognised, then
    # rehashed with these at the next login (`must_update`).
    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1

"""Meta tests: the sandbox control API itself, and proof that the suite catches deviations.
They start their own servers (they reset state and switch deviations on), so they need
the ffsandbox binary (FFSANDBOX_BUILD) whatever target the suite is pointed at."""
import os

import pytest

import target as target_mod


@pytest.fixture(scope="module")
def own():
    if not os.path.exists(target_mod.binary()):
        pytest.skip("no ffsandbox binary at %s" % target_mod.binary())
    t = target_mod.start_sandbox()
    if not t.sandbox:
        t.stop()
        pytest.skip("this ffsandbox build has no /_sandbox/ control API")
    yield t
    t.stop()

"""Principal: the one place that decides who sees which municipality's detail."""

from __future__ import annotations

import pytest

from dashboard.auth.scope import AccessDenied, Principal, normalise_nis
from dashboard.auth.store import User

GENT, ANTWERPEN, LEUVEN = "44021", "11002", "24062"


@pytest.fixture
def ocmw():
    return Principal("gent", "ocmw", ("44021",))


def test_ocmw_sees_detail_only_for_its_own(ocmw):
    assert ocmw.can_see_detail(GENT)
    assert ocmw.can_see_detail(44021)  # an int code too
    assert not ocmw.can_see_detail(ANTWERPEN)
    assert not ocmw.can_see_detail(LEUVEN)
    assert ocmw.can_see_detail(" 44021 ")  # surrounding spaces are tolerated
    for bad in (None, "", "4402", "abcde", "*", "%", "44021,11002", "44021;", True, 4402.1):
        assert not ocmw.can_see_detail(bad)
    assert not ocmw.is_admin and not ocmw.sees_all
    assert ocmw.scope_label() == "44021"


def test_ocmw_with_several_municipalities():
    p = Principal("merged", "ocmw", ("44084", "44021", "44021"))
    assert p.nis_codes == ("44021", "44084")
    assert p.can_see_detail("44084") and p.can_see_detail("44021")
    assert not p.can_see_detail(ANTWERPEN)
    assert p.scope_label() == "44021,44084"
    assert p.detail_codes([ANTWERPEN, "44084", GENT]) == ["44084", GENT]


@pytest.mark.parametrize("role", ["analyst", "admin"])
def test_analyst_and_admin_see_all_detail(role):
    p = Principal("x", role)
    for code in (GENT, ANTWERPEN, LEUVEN, "02000", 11001):
        assert p.can_see_detail(code)
        p.require_detail(code)
    assert p.scope_label() == "all"
    assert p.sees_all
    assert p.is_admin is (role == "admin")


@pytest.mark.parametrize("role,codes", [("ocmw", ("44021",)), ("analyst", ()), ("admin", ())])
def test_every_role_sees_every_headline(role, codes):
    p = Principal("x", role, codes)
    for code in (GENT, ANTWERPEN, LEUVEN, None):
        assert p.can_see_headline(code) is True


def test_require_detail_raises_access_denied(ocmw):
    ocmw.require_detail(GENT)
    with pytest.raises(AccessDenied) as err:
        ocmw.require_detail(ANTWERPEN)
    assert isinstance(err.value, PermissionError)
    assert err.value.username == "gent" and err.value.nis_code == ANTWERPEN


def test_require_admin(ocmw):
    Principal("a", "admin").require_admin()
    with pytest.raises(AccessDenied):
        ocmw.require_admin()
    with pytest.raises(AccessDenied):
        Principal("x", "analyst").require_admin()


def test_invalid_principals():
    with pytest.raises(ValueError):
        Principal("x", "ocmw", ())
    with pytest.raises(ValueError):
        Principal("x", "ocmw", ("4402",))
    with pytest.raises(ValueError):
        Principal("x", "root")
    assert Principal("x", "analyst", ("44021",)).nis_codes == ()  # scope is all anyway


def test_from_user():
    p = Principal.from_user(User("gent", "ocmw", ("44021",), False))
    assert p == Principal("gent", "ocmw", ("44021",))


def test_normalise_nis():
    assert normalise_nis("44021") == "44021"
    assert normalise_nis(2000) == "02000"
    assert normalise_nis(" 44021 ") == "44021"
    for bad in (None, "", "4402", "440210", True, "44O21"):
        assert normalise_nis(bad) is None

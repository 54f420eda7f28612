"""Errors for bad input to user operations (the CLI turns each into exit code 2)."""


class AuthError(ValueError):
    """Bad input for a user operation."""


class InvalidUser(AuthError):
    """A bad username, role or NIS code."""


class UnknownUser(AuthError):
    """No user by that name."""


class UserExists(AuthError):
    """A user by that name exists already."""


class PasswordPolicyError(AuthError):
    """A new password does not meet the policy."""

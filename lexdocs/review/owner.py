"""Whose a link or a name is, as the declarations in force before a change say.

The organisation's own addresses and names (site_url, `own_domains`, `own_names`
in mkdocs.yml: `Options.home`) decide that a link moved to one of them is
maintenance and that a name spelled like them is no third party. They are
committed with the text, so the change they judge could declare them itself: a
pull request that adds `own_domains: [evil.example]` and moves the opt-out link
to evil.example in one commit, or names a new recipient and declares it an own
name. So a version is judged by the declarations of the version before it (and
of the version in force when it was published, whichever owns less: the reader
is protected by the narrower), as `notice_days` and the `material:` flags are
(README, "Notice invariants", 5). A version whose mkdocs.yml owns more than the
ones before it is a governance change: it says so, in words a reviewer reads
("the organisation's own domains gain evil.example"), and what it adds judges
later versions only once it is in force.

A site whose declarations named no real address of its own (no site_url, or the
placeholder `lexdocs init` writes) that gets its first is not a governance change:
the build has warned all along that the placeholder decides nothing (`site-url`).
"""

from __future__ import annotations

from lexdocs.review.links import domains, placeholder
from lexdocs.review.names import own_names


def declared(home: str | None, working: str) -> str:
    """A commit's declared home (`Version.site_home`), or the working tree's where that
    commit's mkdocs.yml cannot be read plainly (absent, `INHERIT`, an unknown tag)."""
    return working if home is None else home


def narrowest(home: str, other: str | None) -> str:
    """The addresses and names of `home` that `other` owns too (all of `home` when there
    is no `other`): each one is kept only if every domain and name it gives is `other`'s."""
    if other is None or other == home:
        return home
    theirs, names = domains(other), own_names(other)
    return " ".join(h for h in home.split()
                    if domains(h) <= theirs and own_names(h) <= names)


def gained(before: str, after: str) -> str:
    """What `after` owns that `before` did not, in words ("" if nothing): the domains a
    link to is maintenance, the names never a third party."""
    if before == after:
        return ""
    said = []
    new_domains = sorted(domains(after) - domains(before))
    if new_domains and any(not placeholder(d) for d in domains(before)):
        said.append("the organisation's own domains (site_url, own_domains) gain "
                    + ", ".join(new_domains))
    mine = own_names(before)
    new_names = [h.replace("_", " ") for h in after.split()
                 if "." not in h and "://" not in h and not own_names(h) <= mine]
    if new_names:
        said.append("its own names (own_names) gain " + ", ".join(dict.fromkeys(new_names)))
    return "; ".join(said)

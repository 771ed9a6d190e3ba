def shell(request):
    """What every staff page's layout needs: the user's organizations and roles, and the menu."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from fazhi.core.nav import nav_for
    from fazhi.core.scoping import user_roles

    roles = user_roles(user)
    orgs: list = []
    for r in roles:
        if r["organization"] not in orgs:
            orgs.append(r["organization"])
    role_labels: list[str] = []
    for r in roles:
        if r["role_label"] not in role_labels:
            role_labels.append(str(r["role_label"]))
    if user.is_superuser and not role_labels:
        role_labels = ["系统管理员"]
    return {
        "shell_roles": roles,
        "shell_orgs": orgs,
        "shell_role_labels": role_labels,
        "shell_nav": nav_for(user, getattr(request, "path", "")),
    }

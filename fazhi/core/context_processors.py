def shell(request):
    """What every staff page's layout needs: the user's organizations and roles."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from fazhi.core.scoping import user_roles

    return {"shell_roles": user_roles(user)}

from fazhi.portal.registry import sections


def portal(request):
    """The portal's navigation (only for /portal/ pages)."""
    if not request.path.startswith("/portal/"):
        return {}
    items = [{"label": "首页", "url": "/portal/", "active": request.path == "/portal/"}]
    for s in sections():
        url = s.url()
        items.append({"label": s.label, "url": url, "active": request.path.startswith(url)})
    return {"portal_nav": items}

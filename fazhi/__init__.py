"""Fazhi (法治): the platform behind a county's 法治政府建设 work."""

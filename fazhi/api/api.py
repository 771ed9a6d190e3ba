from ninja import NinjaAPI

api = NinjaAPI(title="法治 Fazhi API", version="1", urls_namespace="api")

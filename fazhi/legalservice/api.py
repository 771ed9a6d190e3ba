from ninja import Router

router = Router(tags=["公共法律服务"])

from ninja import Router

router = Router(tags=["政府职能"])

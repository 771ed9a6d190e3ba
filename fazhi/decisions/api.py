from ninja import Router

router = Router(tags=["重大行政决策"])

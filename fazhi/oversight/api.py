from ninja import Router

router = Router(tags=["统筹督察"])

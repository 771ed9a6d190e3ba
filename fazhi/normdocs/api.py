from ninja import Router

router = Router(tags=["行政规范性文件"])

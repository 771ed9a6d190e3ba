import os

os.environ.setdefault("FAZHI_TESTING", "True")

# Uses a dependency pip installs from requirements.txt in the init container.
from slugify import slugify


def slug(event, context):
    data = event["data"] or "kubeless user"
    # A non-JSON body arrives as bytes.
    if isinstance(data, bytes):
        data = data.decode("utf-8", errors="replace")
    return slugify(str(data))

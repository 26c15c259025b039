# Uses a dependency pip installs from requirements.txt in the init container.
from slugify import slugify


def slug(event, context):
    return slugify(str(event["data"] or "kubeless user"))

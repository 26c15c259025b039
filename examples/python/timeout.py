# With --timeout 2 a call gets 408: "Request timeout exceeded".
import time


def wait(event, context):
    time.sleep(60)
    return "too late"

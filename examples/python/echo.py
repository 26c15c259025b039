# Returns the body and the Kubeless event fields the function saw.
def echo(event, context):
    return {
        "data": event["data"],
        "event-id": event.get("event-id"),
        "event-namespace": event.get("event-namespace"),
        "function": context.get("function-name"),
    }

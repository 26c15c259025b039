package io.kubeless;

/** The event a Kubeless Java function receives; fields named as in the original io.kubeless:params. */
public class Event {
    public String Data;
    public String EventID;
    public String EventType;
    public String EventTime;
    public String EventNamespace;

    public Event(String data, String eventId, String eventType, String eventTime, String eventNamespace) {
        this.Data = data;
        this.EventID = eventId;
        this.EventType = eventType;
        this.EventTime = eventTime;
        this.EventNamespace = eventNamespace;
    }

    public String getData() { return Data; }
    public String getEventID() { return EventID; }
    public String getEventType() { return EventType; }
    public String getEventTime() { return EventTime; }
    public String getEventNamespace() { return EventNamespace; }
}

// Returns the body and the event fields the function saw.
//   kubeless function deploy echo --runtime java17 --handler Echo.echo --from-file examples/java/Echo.java
package io.kubeless;

public class Echo {
    public String echo(io.kubeless.Event event, io.kubeless.Context context) {
        return "data=" + event.Data + " event-id=" + event.EventID + " function=" + context.FunctionName;
    }
}

// With --timeout 2 a call gets 408 "Request timeout exceeded" (the JVM running it is stopped).
//   kubeless function deploy wait --runtime java17 --handler Wait.sleep --from-file examples/java/Wait.java --timeout 2
package io.kubeless;

public class Wait {
    public String sleep(io.kubeless.Event event, io.kubeless.Context context) throws InterruptedException {
        Thread.sleep(60_000);
        return "too late";
    }
}

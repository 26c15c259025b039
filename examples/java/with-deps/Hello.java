// Uses a dependency of pom.xml, resolved from Maven Central in the compile phase:
//   kubeless function deploy hello-deps --runtime java17 --handler Hello.hello \
//     --from-file examples/java/with-deps/Hello.java --dependencies examples/java/with-deps/pom.xml
package io.kubeless;

import org.apache.commons.text.WordUtils;

public class Hello {
    public String hello(io.kubeless.Event event, io.kubeless.Context context) {
        String name = event.Data == null || event.Data.isEmpty() ? "kubeless user" : event.Data;
        return "Hello, " + WordUtils.capitalizeFully(name) + "!";
    }
}

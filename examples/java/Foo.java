// The smallest Java function, as written for the original Kubeless (runtime java11):
//   kubeless function deploy hello --runtime java17 --handler Foo.foo --from-file examples/java/Foo.java
package io.kubeless;

import io.kubeless.Context;
import io.kubeless.Event;

public class Foo {
    public String foo(io.kubeless.Event event, io.kubeless.Context context) {
        return "Hello world!";
    }
}

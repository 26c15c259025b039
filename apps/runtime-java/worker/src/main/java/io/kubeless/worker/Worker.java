package io.kubeless.worker;

import io.kubeless.Context;
import io.kubeless.Event;
import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The Java worker of kubeless-ts: loads io.kubeless.Class (handler Class.method) from
 * /kubeless/classes with the jars of /kubeless/lib once, then runs method(event, context)
 * for each call kubeless-worker-host sends on fd 3 (one JSON object per line), answering
 * on fd 4. The host owns HTTP, timeouts (it kills this JVM), metrics and logs.
 */
public final class Worker {
    private Worker() {}

    public static void main(String[] args) throws Exception {
        try (BufferedReader calls = new BufferedReader(new InputStreamReader(new FileInputStream("/dev/fd/3"), StandardCharsets.UTF_8));
             OutputStream answers = new FileOutputStream("/dev/fd/4")) {
            Object target;
            Method method;
            String handler = env("FUNC_HANDLER", "");
            String module = env("MOD_NAME", "");
            try {
                Path volume = Path.of(env("KUBELESS_INSTALL_VOLUME", "/kubeless"));
                List<URL> urls = new ArrayList<>();
                urls.add(volume.resolve("classes").toUri().toURL());
                Path lib = volume.resolve("lib");
                if (Files.isDirectory(lib)) {
                    try (Stream<Path> jars = Files.list(lib)) {
                        for (Path jar : (Iterable<Path>) jars.filter(p -> p.toString().endsWith(".jar")).sorted()::iterator) urls.add(jar.toUri().toURL());
                    }
                }
                ClassLoader loader = new URLClassLoader(urls.toArray(new URL[0]), Worker.class.getClassLoader());
                Thread.currentThread().setContextClassLoader(loader);
                Class<?> type = Class.forName("io.kubeless." + module, true, loader);
                method = type.getMethod(handler, Event.class, Context.class);
                target = type.getDeclaredConstructor().newInstance();
            } catch (Throwable error) {
                emit(answers, "{\"error\":" + Json.quote("cannot load io.kubeless." + module + "." + handler + "(Event, Context): " + error) + "}");
                System.exit(1);
                return;
            }
            emit(answers, "{\"ready\":true}");
            String line;
            while ((line = calls.readLine()) != null) emit(answers, answer(line, target, method));
        }
    }

    @SuppressWarnings("unchecked")
    static String answer(String line, Object target, Method method) {
        Map<String, Object> call = (Map<String, Object>) Json.parse(line);
        Map<String, Object> event = (Map<String, Object>) call.get("event");
        Map<String, Object> context = (Map<String, Object>) call.get("context");
        Object encoded = call.get("body");
        String body = encoded == null ? "" : new String(Base64.getDecoder().decode((String) encoded), StandardCharsets.UTF_8);
        Event e = new Event(body, str(event, "event-id"), str(event, "event-type"), str(event, "event-time"), str(event, "event-namespace"));
        Context c = new Context(str(context, "function-name"), str(context, "timeout"), str(context, "runtime"), str(context, "memory-limit"));
        try {
            Object result = method.invoke(target, e, c);
            String out = result == null ? "" : result.toString();
            return "{\"status\":200,\"headers\":{},\"body\":\"" + Base64.getEncoder().encodeToString(out.getBytes(StandardCharsets.UTF_8)) + "\"}";
        } catch (InvocationTargetException failure) {
            Throwable cause = failure.getCause() == null ? failure : failure.getCause();
            StringWriter trace = new StringWriter();
            cause.printStackTrace(new PrintWriter(trace));
            System.err.print(trace);
            return "{\"error\":" + Json.quote(cause.toString()) + "}";
        } catch (IllegalAccessException failure) {
            return "{\"error\":" + Json.quote(failure.toString()) + "}";
        }
    }

    private static String str(Map<String, Object> map, String key) {
        Object value = map == null ? null : map.get(key);
        return value == null ? "" : value.toString();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isEmpty() ? fallback : value;
    }

    private static void emit(OutputStream out, String json) throws java.io.IOException {
        out.write((json + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}

<?php
// The PHP worker of kubeless-ts: loads $MOD_NAME.php from the install volume
// once (and vendor/autoload.php when composer installed dependencies), then
// runs FUNC_HANDLER($event, $context) for each call kubeless-worker-host sends
// on fd 3 (one JSON object per line) and answers on fd 4. The host owns HTTP,
// timeouts (it kills this process), metrics and logs; what the function echoes
// goes to the pod log.
declare(strict_types=1);

/** Set $status and $headers on $event['extensions']['response'] to choose them (the original could not). */
final class KubelessResponse
{
    public int $status = 200;
    /** @var array<string, string> */
    public array $headers = [];
}

function kubeless_emit($answers, array $message): void
{
    fwrite($answers, json_encode($message, JSON_UNESCAPED_SLASHES | JSON_INVALID_UTF8_SUBSTITUTE) . "\n");
    fflush($answers);
}

function kubeless_load(string $volume, string $module, string $handler): void
{
    if (is_file("$volume/vendor/autoload.php")) {
        require_once "$volume/vendor/autoload.php";
    }
    $file = "$volume/$module.php";
    if (!is_file($file)) {
        throw new RuntimeException("$file does not exist");
    }
    require_once $file;
    if (!function_exists($handler)) {
        throw new RuntimeException("$module.php defines no function $handler");
    }
}

function kubeless_encode($result, KubelessResponse $response): string
{
    if ($result === null) {
        return '';
    }
    if (is_string($result)) {
        return $result;
    }
    if (is_array($result) || is_object($result)) {
        $response->headers['content-type'] ??= 'application/json';
        return json_encode($result, JSON_UNESCAPED_SLASHES | JSON_THROW_ON_ERROR);
    }
    return is_bool($result) ? ($result ? 'true' : 'false') : (string) $result;
}

function kubeless_answer(array $call, string $handler): array
{
    $body = base64_decode($call['body'] ?? '', true);
    if ($body === false) {
        $body = '';
    }
    $data = $body;
    if (($call['json'] ?? false) && $body !== '') {
        // As the original: json_decode without assoc (objects for JSON objects).
        $data = json_decode($body);
        if (json_last_error() !== JSON_ERROR_NONE) {
            return ['status' => 400, 'headers' => (object) [], 'body' => base64_encode('Malformed JSON body: ' . json_last_error_msg())];
        }
    }
    $response = new KubelessResponse();
    $request = (object) ($call['request'] + ['body' => $body]);
    $event = [
        'data' => $data,
        'event-id' => $call['event']['event-id'] ?? '',
        'event-type' => $call['event']['event-type'] ?? '',
        'event-time' => $call['event']['event-time'] ?? '',
        'event-namespace' => $call['event']['event-namespace'] ?? '',
        'extensions' => ['request' => $request, 'response' => $response],
    ];
    ob_start();
    try {
        $out = kubeless_encode($handler($event, $call['context']), $response);
    } catch (Throwable $error) {
        fwrite(STDERR, get_class($error) . ': ' . $error->getMessage() . "\n" . $error->getTraceAsString() . "\n");
        return ['error' => get_class($error) . ': ' . $error->getMessage()];
    } finally {
        // echo output of the function goes to the log, not into the answer protocol or the body.
        fwrite(STDOUT, (string) ob_get_clean());
    }
    return ['status' => $response->status, 'headers' => (object) $response->headers, 'body' => base64_encode($out)];
}

function kubeless_run(): int
{
    $calls = fopen('php://fd/3', 'r');
    $answers = fopen('php://fd/4', 'w');
    $module = (string) getenv('MOD_NAME');
    $handler = (string) getenv('FUNC_HANDLER');
    try {
        kubeless_load(getenv('KUBELESS_INSTALL_VOLUME') ?: '/kubeless', $module, $handler);
    } catch (Throwable $error) {
        kubeless_emit($answers, ['error' => "cannot load $module.php: " . get_class($error) . ': ' . $error->getMessage()]);
        return 1;
    }
    kubeless_emit($answers, ['ready' => true]);
    while (($line = fgets($calls)) !== false) {
        kubeless_emit($answers, kubeless_answer(json_decode($line, true, 512, JSON_THROW_ON_ERROR), $handler));
    }
    return 0;
}

exit(kubeless_run());

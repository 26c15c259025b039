<?php
// Returns the body and the Kubeless event fields the function saw (an array answers as JSON).
//   kubeless function deploy echo --runtime php8.2 --handler echo.echo_event --from-file examples/php/echo.php
function echo_event($event, $context)
{
    return [
        'data' => $event['data'],
        'event-id' => $event['event-id'],
        'event-namespace' => $event['event-namespace'],
        'function' => $context['function-name'],
    ];
}

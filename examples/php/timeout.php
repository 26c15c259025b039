<?php
// With --timeout 2 a call gets 408 "Request timeout exceeded" (the worker running it is stopped).
//   kubeless function deploy wait --runtime php8.2 --handler timeout.wait --from-file examples/php/timeout.php --timeout 2
function wait($event, $context)
{
    sleep(60);
    return 'too late';
}

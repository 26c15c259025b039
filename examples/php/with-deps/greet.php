<?php
// Uses a dependency composer installs from composer.json in the installation phase.
// Deploy the directory as a zip (the vendored package travels with it):
//   (cd examples/php/with-deps && zip -r /tmp/greet.zip .)
//   kubeless function deploy greet --runtime php8.2 --handler greet.greet --from-file /tmp/greet.zip \
//     --dependencies examples/php/with-deps/composer.json
use KubelessTs\Greeting\Greeting;

function greet($event, $context)
{
    $name = is_string($event['data']) && $event['data'] !== '' ? $event['data'] : 'kubeless user';
    return Greeting::for($name);
}

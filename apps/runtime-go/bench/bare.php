<?php
// A bare `php -S` hello world (PHP_CLI_SERVER_WORKERS=4): the baseline of bench.mjs.
echo 'hello world';

<?php
// The smallest PHP function, as written for the original Kubeless (runtime php7.4):
//   kubeless function deploy hello --runtime php8.2 --handler hello.hello --from-file examples/php/hello.php
function hello($event, $context)
{
    return 'hello world';
}

<?php
namespace KubelessTs\Greeting;

/** A vendored example dependency. */
final class Greeting
{
    public static function for(string $name): string
    {
        return "Hello, $name!";
    }
}

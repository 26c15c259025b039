module function

go 1.14

require github.com/gosimple/slug v1.15.0

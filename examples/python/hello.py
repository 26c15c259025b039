# kubeless function deploy hello-py --runtime python3.11 --from-file hello.py --handler hello.hello
def hello(event, context):
    return "hello world"

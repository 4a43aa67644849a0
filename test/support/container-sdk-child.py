# A long-running program on boto3, run by the credential endpoint test under
# `rolecall exec --server`: its session's credentials come from botocore's chain, which reaches
# ContainerProvider through AWS_CONTAINER_CREDENTIALS_FULL_URI, and refresh themselves ahead of
# their Expiration, as any long job's would.
#
# One command per stdin line, one JSON answer per stdout line (as container-sdk-child.mjs):
#   call     GetCallerIdentity: {"arn", "accessKeyId", "method"} or {"error"}
#   exit N   exits with status N
#
# Its clock is the test's (ROLECALL_TEST_CLOCK_FILE: real time plus an offset in ms): botocore
# decides when to refresh by the credentials' time fetcher, which reads that clock here.
import datetime
import json
import os
import sys

import boto3
from dateutil.tz import tzlocal

clock_file = os.environ.get("ROLECALL_TEST_CLOCK_FILE")


def virtual_now():
    offset = 0.0
    if clock_file:
        with open(clock_file) as f:
            offset = float(f.read().strip())
    return datetime.datetime.now(tzlocal()) + datetime.timedelta(milliseconds=offset)


def say(value):
    sys.stdout.write(json.dumps(value) + "\n")
    sys.stdout.flush()


session = boto3.Session()
credentials = session.get_credentials()
if credentials is None:
    say({"error": "botocore found no credentials"})
    sys.exit(3)
credentials._time_fetcher = virtual_now
client = session.client("sts", endpoint_url=os.environ["AWS_ENDPOINT_URL_STS"])

for line in sys.stdin:
    words = line.split()
    if words and words[0] == "exit":
        sys.exit(int(words[1]))
    try:
        frozen = credentials.get_frozen_credentials()
        identity = client.get_caller_identity()
        say({"arn": identity["Arn"], "accessKeyId": frozen.access_key, "method": credentials.method})
    except Exception as error:  # the test reads the failure as a line, like a success
        say({"error": str(error)})

"""Both planes of a cloudfront-kvs-mock server through boto3, as an application would use it.

Usage: python3 boto3_check.py ENDPOINT
The environment carries HTTP_PROXY (the server is its own forward proxy, so the data plane's
account-prefixed host needs no DNS) and AWS_DATA_PATH (the KVS model, for a botocore older than
the service). Prints one JSON line per check: {"name": ..., "ok": true|false, "detail": ...}.
"""
import json
import sys

import boto3
import botocore
from botocore import UNSIGNED
from botocore.compat import HAS_CRT
from botocore.config import Config
from botocore.exceptions import ClientError

endpoint = sys.argv[1]
session = boto3.session.Session(aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="placeholder", region_name="us-east-1")
# SigV4a needs the CRT (python3-awscrt); without it the data plane goes unsigned: the server checks no signature.
data_config = Config(retries={"max_attempts": 1}) if HAS_CRT else Config(retries={"max_attempts": 1}, signature_version=UNSIGNED)
control = session.client("cloudfront", endpoint_url=endpoint, config=Config(retries={"max_attempts": 1}))
data = session.client("cloudfront-keyvaluestore", endpoint_url=endpoint, config=data_config)


def report(name, ok, detail=""):
    print(json.dumps({"name": "boto3: " + name, "ok": bool(ok), "detail": str(detail)}), flush=True)


def check(name, fn):
    try:
        result = fn()
        report(name, result is None or result is True, "" if result in (None, True) else result)
    except Exception as error:  # a failed check, never a crash of the whole script
        report(name, False, "%s: %s" % (type(error).__name__, error))


def error_of(call):
    try:
        call()
    except ClientError as error:
        return error.response["Error"]["Code"], error.response["Error"].get("Message", ""), error.response["ResponseMetadata"]["HTTPStatusCode"]
    return None, "no error", None


def expect_error(call, code, status, message=None):
    got, text, http = error_of(call)
    if got != code or http != status or (message is not None and message not in text):
        return "expected %s (%s)%s, got %s (%s): %s" % (code, status, " with " + repr(message) if message else "", got, http, text)
    return True


state = {}
report("versions", True, "boto3 %s, botocore %s, awscrt %s" % (boto3.__version__, botocore.__version__, "yes" if HAS_CRT else "no (data plane unsigned)"))


def create():
    out = control.create_key_value_store(Name="boto3-store", Comment="from boto3")
    kvs = out["KeyValueStore"]
    state["arn"] = kvs["ARN"]
    if out["ResponseMetadata"]["HTTPStatusCode"] != 201 or kvs["Name"] != "boto3-store" or kvs["Comment"] != "from boto3" or not out["ETag"]:
        return "unexpected output %r" % out
check("control CreateKeyValueStore", create)
check("control CreateKeyValueStore again: EntityAlreadyExists", lambda: expect_error(lambda: control.create_key_value_store(Name="boto3-store"), "EntityAlreadyExists", 409))


def describe_control():
    out = control.describe_key_value_store(Name="boto3-store")
    state["control_etag"] = out["ETag"]
    return out["KeyValueStore"]["Status"] == "READY" or "status %s" % out["KeyValueStore"]["Status"]
check("control DescribeKeyValueStore", describe_control)
check("control ListKeyValueStores", lambda: "boto3-store" in [s["Name"] for s in control.list_key_value_stores()["KeyValueStoreList"]["Items"]] or "boto3-store not listed")


def put_and_get():
    etag = data.describe_key_value_store(KvsARN=state["arn"])["ETag"]
    state["stale"] = etag
    put = data.put_key(KvsARN=state["arn"], Key="k 1/\u00fc", Value="v1", IfMatch=etag)
    got = data.get_key(KvsARN=state["arn"], Key="k 1/\u00fc")
    state["etag"] = put["ETag"]
    expected = {"Key": "k 1/\u00fc", "Value": "v1", "ItemCount": 1, "TotalSizeInBytes": len("k 1/\u00fc".encode()) + len("v1") + 1}  # D7: key + value + 1
    actual = {k: got[k] for k in expected}
    return actual == expected or "got %r" % actual
check("data PutKey then GetKey (a key with a space, a slash and a non-ASCII letter)", put_and_get)
check("data PutKey with a stale ETag: ValidationException Pre-Condition failed", lambda: expect_error(lambda: data.put_key(KvsARN=state["arn"], Key="k", Value="v", IfMatch=state["stale"]), "ValidationException", 400, "Pre-Condition failed"))


def update_and_list():
    out = data.update_keys(KvsARN=state["arn"], IfMatch=state["etag"], Puts=[{"Key": "a", "Value": "1"}, {"Key": "b", "Value": "2"}], Deletes=[{"Key": "k 1/\u00fc"}])
    state["etag"] = out["ETag"]
    keys = [(i["Key"], i["Value"]) for i in data.list_keys(KvsARN=state["arn"])["Items"]]
    return keys == [("a", "1"), ("b", "2")] or "listed %r" % keys
check("data UpdateKeys then ListKeys", update_and_list)
check("data GetKey of a missing key: ResourceNotFoundException", lambda: expect_error(lambda: data.get_key(KvsARN=state["arn"], Key="missing"), "ResourceNotFoundException", 404))


def delete_store():
    etag = control.describe_key_value_store(Name="boto3-store")["ETag"]
    control.delete_key_value_store(Name="boto3-store", IfMatch=etag)
    return expect_error(lambda: data.describe_key_value_store(KvsARN=state["arn"]), "ConflictException", 409)
check("control DeleteKeyValueStore, then data DescribeKeyValueStore: ConflictException", delete_store)
check("control DescribeKeyValueStore of the deleted store: EntityNotFound", lambda: expect_error(lambda: control.describe_key_value_store(Name="boto3-store"), "EntityNotFound", 404))

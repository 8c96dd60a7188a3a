using FastData.Orleans.Streaming.Kafka.Formats;
using static FastData.Orleans.Streaming.Kafka.Tests.Formats.FormatTestRecords;

namespace FastData.Orleans.Streaming.Kafka.Tests.Formats;

public sealed class DebeziumMessageFormatTests
{
    private static readonly DebeziumMessageFormat Format = new();
    private static readonly KafkaKeyFields OrderKey = KafkaKeyFields.Of("ORDER_ID");
    private static readonly KafkaKeyFields ItemKey = KafkaKeyFields.Of("ORDER_ID", "LINE_NO");

    private const string Source = """{"connector":"postgresql","db":"retail","schema":"public","table":"orders","lsn":123456789,"ts_ms":1700000000001}""";

    [Fact]
    public void Decode_Create_UpsertWithAfterImageKeyAndLsn()
    {
        const string after = """{"ORDER_ID":7,"CUSTOMER_ID":42,"STATUS":"NEW","TOTAL_AMOUNT":"123.45","NOTES":{"gift":true,"tags":["a","b"]}}""";
        var result = Format.Decode(Record("""{"ORDER_ID":7}""", $$"""{"before":null,"after":{{after}},"op":"c","ts_ms":1700000000002,"source":{{Source}}}"""), OrderKey);

        Assert.False(result.IsFailure);
        Assert.Equal(1, result.Count);
        var change = result.First!;
        Assert.Equal(ChangeOperation.Upsert, change.Operation);
        Assert.Equal("7", change.Key);
        Assert.Equal(after, Text(change.After));
        Assert.False(change.HasBefore);
        Assert.Equal("123456789", change.SourceOrdering);
        Assert.Equal(("retail.public.orders", 3, 42L, 0), (change.Topic, change.Partition, change.Offset, change.Index));
        Assert.Equal(Timestamp, change.Timestamp);
    }

    [Fact]
    public void Decode_SnapshotRead_IsAnUpsert()
    {
        var result = Format.Decode(Record(null, """{"before":null,"after":{"ORDER_ID":8},"op":"r","ts_ms":5}"""), OrderKey);

        Assert.Equal(ChangeOperation.Upsert, result.First!.Operation);
        Assert.Equal("8", result.First.Key);
        Assert.Equal("5", result.First.SourceOrdering);
    }

    [Fact]
    public void Decode_SchemaPayloadWrapper_ReadsThePayload()
    {
        const string value = """
            {"schema":{"type":"struct","fields":[{"field":"before","type":"struct"},{"field":"after","type":"struct"}],"name":"x.Envelope"},
             "payload":{"before":null,"after":{"ORDER_ID":9,"LINE_NO":2,"QUANTITY":3},"op":"c","ts_ms":11,"source":{"lsn":77}}}
            """;
        var result = Format.Decode(Record("""{"schema":{"type":"struct"},"payload":{"ORDER_ID":9,"LINE_NO":2}}""", value), ItemKey);

        Assert.Equal(1, result.Count);
        Assert.Equal("9|2", result.First!.Key);
        Assert.Equal("77", result.First.SourceOrdering);
        Assert.Equal("""{"ORDER_ID":9,"LINE_NO":2,"QUANTITY":3}""", Text(result.First.After));
    }

    [Fact]
    public void Decode_UpdateKeepingKey_OneUpsertWithBeforeAndAfter()
    {
        var result = Format.Decode(Record(null, """{"before":{"ORDER_ID":7,"STATUS":"NEW"},"after":{"ORDER_ID":7,"STATUS":"PAID"},"op":"u","source":{"lsn":5}}"""), OrderKey);

        Assert.Equal(1, result.Count);
        Assert.Equal(ChangeOperation.Upsert, result.First!.Operation);
        Assert.Equal("""{"ORDER_ID":7,"STATUS":"NEW"}""", Text(result.First.Before));
        Assert.Equal("""{"ORDER_ID":7,"STATUS":"PAID"}""", Text(result.First.After));
    }

    [Fact]
    public void Decode_UpdateChangingPrimaryKey_DeleteOldKeyThenUpsertNewKey()
    {
        var result = Format.Decode(Record(null, """{"before":{"ORDER_ID":7,"LINE_NO":1},"after":{"ORDER_ID":7,"LINE_NO":2},"op":"u","source":{"lsn":6}}"""), ItemKey);

        Assert.Equal(2, result.Count);
        Assert.Equal((ChangeOperation.Delete, "7|1", 0), (result.First!.Operation, result.First.Key, result.First.Index));
        Assert.Equal((ChangeOperation.Upsert, "7|2", 1), (result.Second!.Operation, result.Second.Key, result.Second.Index));
        Assert.Equal("""{"ORDER_ID":7,"LINE_NO":1}""", Text(result.First.Before));
        Assert.Equal("""{"ORDER_ID":7,"LINE_NO":2}""", Text(result.Second.After));
    }

    [Fact]
    public void Decode_Delete_KeyFromBefore()
    {
        var result = Format.Decode(Record("""{"ORDER_ID":7}""", """{"before":{"ORDER_ID":7,"STATUS":"PAID"},"after":null,"op":"d","source":{"lsn":9}}"""), OrderKey);

        Assert.Equal(ChangeOperation.Delete, result.First!.Operation);
        Assert.Equal("7", result.First.Key);
        Assert.False(result.First.HasAfter);
        Assert.Equal("""{"ORDER_ID":7,"STATUS":"PAID"}""", Text(result.First.Before));
    }

    [Fact]
    public void Decode_DeleteWithoutBefore_KeyFromKafkaKey()
    {
        var result = Format.Decode(Record("""{"ORDER_ID":"A|1%"}""", """{"before":null,"after":null,"op":"d"}"""), OrderKey);

        Assert.Equal("A%7C1%25", result.First!.Key);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("""{"schema":{"type":"struct"},"payload":null}""")]
    public void Decode_Tombstone_Skipped(string? value)
    {
        var result = Format.Decode(Record("""{"ORDER_ID":7}""", value), OrderKey);

        Assert.False(result.IsFailure);
        Assert.Equal(0, result.Count);
    }

    [Fact]
    public void Decode_KeyValueTypes_RenderedCanonically()
    {
        var fields = KafkaKeyFields.Of("S", "I", "D", "B");
        var result = Format.Decode(Record(null, """{"after":{"B":false,"D":1.5,"I":-12,"S":"x|y","X":{"nested":[1,2]}},"op":"c"}"""), fields);

        Assert.Equal("x%7Cy|-12|1.5|false", result.First!.Key);
    }

    [Fact]
    public void Decode_BadJson_InvalidJson()
    {
        var result = Format.Decode(Record(null, """{"before":null,"after":{"ORDER_ID":7""", offset: 99), OrderKey);

        Assert.Equal(KafkaDeadLetterReason.InvalidJson, result.Failure);
        Assert.Contains("retail.public.orders/3@99", result.FailureDetail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("\"text\"")]
    public void Decode_ValueNotAnObject_InvalidJson(string value)
    {
        Assert.Equal(KafkaDeadLetterReason.InvalidJson, Format.Decode(Record(null, value), OrderKey).Failure);
    }

    [Theory]
    [InlineData("""{"after":{"ORDER_ID":7},"op":"x"}""")]
    [InlineData("""{"after":{"ORDER_ID":7},"op":"create"}""")]
    [InlineData("""{"after":{"ORDER_ID":7}}""")]
    [InlineData("""{"after":{"ORDER_ID":7},"op":1}""")]
    public void Decode_UnknownOperation_UnknownOperation(string value)
    {
        var result = Format.Decode(Record(null, value), OrderKey);

        Assert.Equal(KafkaDeadLetterReason.UnknownOperation, result.Failure);
        Assert.Contains("'op'", result.FailureDetail, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_DeleteWithNoBeforeAndNoKafkaKey_MissingKey()
    {
        Assert.Equal(KafkaDeadLetterReason.MissingKey, Format.Decode(Record(null, """{"before":null,"op":"d"}"""), OrderKey).Failure);
    }

    [Theory]
    [InlineData("""{"after":{"LINE_NO":2},"op":"c"}""", "ORDER_ID")]
    [InlineData("""{"after":{"ORDER_ID":null,"LINE_NO":2},"op":"c"}""", "ORDER_ID")]
    [InlineData("""{"after":{"ORDER_ID":{"a":1},"LINE_NO":2},"op":"c"}""", "ORDER_ID")]
    public void Decode_KeyFieldsMissing_KeyFieldsMissingNamingTheField(string value, string field)
    {
        var result = Format.Decode(Record(null, value), ItemKey);

        Assert.Equal(KafkaDeadLetterReason.KeyFieldsMissing, result.Failure);
        Assert.Contains(field, result.FailureDetail, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_CreateWithoutAfter_MissingRecordImage()
    {
        Assert.Equal(KafkaDeadLetterReason.MissingRecordImage, Format.Decode(Record(null, """{"before":null,"after":null,"op":"c"}"""), OrderKey).Failure);
    }
}

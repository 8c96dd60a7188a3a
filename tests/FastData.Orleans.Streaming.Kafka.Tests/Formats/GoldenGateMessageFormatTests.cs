using FastData.Orleans.Streaming.Kafka.Formats;
using static FastData.Orleans.Streaming.Kafka.Tests.Formats.FormatTestRecords;

namespace FastData.Orleans.Streaming.Kafka.Tests.Formats;

public sealed class GoldenGateMessageFormatTests
{
    private static readonly GoldenGateMessageFormat Format = new();
    private static readonly KafkaKeyFields Key = KafkaKeyFields.Of("ORDER_ID", "LINE_NO");

    [Fact]
    public void Decode_Insert_UpsertWithPos()
    {
        var result = Format.Decode(Record(null, """{"table":"RETAIL.ORDER_ITEMS","op_type":"I","op_ts":"2024-01-01 10:00:00.000000","pos":"00000000020030005824","after":{"ORDER_ID":7,"LINE_NO":2,"QTY":1}}"""), Key);

        Assert.Equal(ChangeOperation.Upsert, result.First!.Operation);
        Assert.Equal("7|2", result.First.Key);
        Assert.Equal("00000000020030005824", result.First.SourceOrdering);
    }

    [Fact]
    public void Decode_Update_UpsertWithBeforeAndAfter()
    {
        var result = Format.Decode(Record(null, """{"op_type":"U","pos":"00000000020030005900","before":{"ORDER_ID":7,"LINE_NO":2,"QTY":1},"after":{"ORDER_ID":7,"LINE_NO":2,"QTY":5}}"""), Key);

        Assert.Equal(1, result.Count);
        Assert.Equal("""{"ORDER_ID":7,"LINE_NO":2,"QTY":5}""", Text(result.First!.After));
        Assert.True(result.First.HasBefore);
    }

    [Fact]
    public void Decode_UpdateChangingKey_DeleteThenUpsert()
    {
        var result = Format.Decode(Record(null, """{"op_type":"U","pos":"1","before":{"ORDER_ID":7,"LINE_NO":2},"after":{"ORDER_ID":8,"LINE_NO":2}}"""), Key);

        Assert.Equal(2, result.Count);
        Assert.Equal(("7|2", ChangeOperation.Delete), (result.First!.Key, result.First.Operation));
        Assert.Equal(("8|2", ChangeOperation.Upsert), (result.Second!.Key, result.Second.Operation));
    }

    [Fact]
    public void Decode_Delete_KeyFromBefore()
    {
        var result = Format.Decode(Record(null, """{"op_type":"D","pos":"00000000020030006000","before":{"ORDER_ID":7,"LINE_NO":2}}"""), Key);

        Assert.Equal((ChangeOperation.Delete, "7|2"), (result.First!.Operation, result.First.Key));
    }

    [Fact]
    public void Decode_NumericPos_KeptAsDigits()
    {
        var result = Format.Decode(Record(null, """{"op_type":"I","pos":12345,"after":{"ORDER_ID":1,"LINE_NO":1}}"""), Key);

        Assert.Equal("12345", result.First!.SourceOrdering);
    }

    [Theory]
    [InlineData("""{"op_type":"T","after":{"ORDER_ID":1,"LINE_NO":1}}""", KafkaDeadLetterReason.UnknownOperation)]
    [InlineData("""{"after":{"ORDER_ID":1,"LINE_NO":1}}""", KafkaDeadLetterReason.UnknownOperation)]
    [InlineData("""{"op_type":"I","after":{"ORDER_ID":1}}""", KafkaDeadLetterReason.KeyFieldsMissing)]
    [InlineData("""{"op_type":"D"}""", KafkaDeadLetterReason.MissingKey)]
    [InlineData("""{"op_type":"I"}""", KafkaDeadLetterReason.MissingRecordImage)]
    [InlineData("""{"op_type":"I",""", KafkaDeadLetterReason.InvalidJson)]
    [InlineData("""not json""", KafkaDeadLetterReason.InvalidJson)]
    public void Decode_Malformed_RightReason(string value, KafkaDeadLetterReason reason)
    {
        Assert.Equal(reason, Format.Decode(Record(null, value), Key).Failure);
    }
}

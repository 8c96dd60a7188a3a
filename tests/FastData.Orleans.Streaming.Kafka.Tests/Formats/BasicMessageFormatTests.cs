using FastData.Orleans.Streaming.Kafka.Formats;
using static FastData.Orleans.Streaming.Kafka.Tests.Formats.FormatTestRecords;

namespace FastData.Orleans.Streaming.Kafka.Tests.Formats;

public sealed class BasicMessageFormatTests
{
    private static readonly BasicMessageFormat Format = new();
    private static readonly KafkaKeyFields Key = KafkaKeyFields.Of("CUSTOMER_ID");

    [Fact]
    public void Decode_Value_UpsertOfTheWholeValue()
    {
        const string value = """{"CUSTOMER_ID":42,"NAME":"Ada","ADDRESS":{"CITY":"Turin"}}""";
        var result = Format.Decode(Record("""{"CUSTOMER_ID":42}""", value), Key);

        Assert.Equal((ChangeOperation.Upsert, "42"), (result.First!.Operation, result.First.Key));
        Assert.Equal(value, Text(result.First.After));
        Assert.Null(result.First.SourceOrdering);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("null")]
    public void Decode_NullValue_Delete(string? value)
    {
        var result = Format.Decode(Record("""{"CUSTOMER_ID":42}""", value), Key);

        Assert.Equal((ChangeOperation.Delete, "42"), (result.First!.Operation, result.First.Key));
    }

    [Fact]
    public void Decode_BareScalarKey_AcceptedForOneKeyField()
    {
        Assert.Equal("42", Format.Decode(Record("42", """{"A":1}"""), Key).First!.Key);
    }

    [Theory]
    [InlineData(null, """{"A":1}""", KafkaDeadLetterReason.MissingKey)]
    [InlineData("""{"OTHER":1}""", """{"A":1}""", KafkaDeadLetterReason.KeyFieldsMissing)]
    [InlineData("""{"CUSTOMER_ID":""", """{"A":1}""", KafkaDeadLetterReason.InvalidJson)]
    [InlineData("""{"CUSTOMER_ID":1}""", """{"A":""", KafkaDeadLetterReason.InvalidJson)]
    [InlineData("""{"CUSTOMER_ID":1}""", """[1]""", KafkaDeadLetterReason.InvalidJson)]
    [InlineData("""{"CUSTOMER_ID":1}""", """{"A":1} {"B":2}""", KafkaDeadLetterReason.InvalidJson)]
    public void Decode_Malformed_RightReason(string? key, string value, KafkaDeadLetterReason reason)
    {
        Assert.Equal(reason, Format.Decode(Record(key, value), Key).Failure);
    }
}
